package org.jtcg.core.engine;

import org.jtcg.core.cpu.CpuState;

/**
 * Executable form of one IR block (interpreted or JIT-compiled). {@link #exec} runs the block
 * once and returns the index of the exit it left by ({@link org.jtcg.core.ir.IrBlock#exits()}),
 * with every written global stored in the CPU state and {@code cpu.pc} set by the exit; or
 * {@link #FAULT} when guest memory faulted, with {@code cpu.pc} = the faulting instruction's
 * insn_start PC and {@code ctx.faultSiCode/faultAddress} set.
 *
 * <p>An abstract class, not an interface, because the dispatcher's {@code exec} call site sees thousands
 * of generated classes: a megamorphic interface call goes through HotSpot's itable stub (a search of the
 * receiver's interface table on every call, ~5% of a shell loop's CPU), a virtual call is one vtable load.
 */
public abstract class BlockCode {
    public static final int FAULT = -1;

    protected BlockCode() {
    }

    public abstract int exec(CpuState cpu, ExecContext ctx);
}

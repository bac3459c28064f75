package org.jtcg.core.engine;

import org.jtcg.core.cpu.CpuState;

/**
 * Executable form of one IR block (interpreted or JIT-compiled). {@link #exec} runs the block
 * once and returns the index of the exit it left by ({@link org.jtcg.core.ir.IrBlock#exits()}),
 * with every written global stored in the CPU state and {@code cpu.pc} set by the exit; or
 * {@link #FAULT} when guest memory faulted, with {@code cpu.pc} = the faulting instruction's
 * insn_start PC and {@code ctx.faultSiCode/faultAddress} set.
 */
public interface BlockCode {
    int FAULT = -1;

    int exec(CpuState cpu, ExecContext ctx);
}

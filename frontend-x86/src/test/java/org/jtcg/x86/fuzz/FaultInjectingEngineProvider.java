package org.jtcg.x86.fuzz;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.engine.BlockEngine;
import org.jtcg.core.engine.Engine;
import org.jtcg.core.engine.EngineContext;
import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.engine.EngineProvider;
import org.jtcg.core.interp.InterpCompiler;
import org.jtcg.core.jit.JitCompiler;
import org.jtcg.x86.decoder.DecodedInsn;
import org.jtcg.x86.decoder.X86Decoder;

/**
 * Test-only engine "jit-fault" (registered through test resources): the jit engine run one
 * instruction at a time, which flips one bit of one register right after every instruction with
 * the configured mnemonic ({@link #inject}). The fuzzer must report that instruction and register.
 */
public final class FaultInjectingEngineProvider implements EngineProvider {
    private static volatile String mnemonic = "none";
    private static volatile long register;
    private static volatile long bitMask;

    /** After each {@code mnem} instruction, XOR register {@code id} with {@code mask}. */
    static void inject(String mnem, long id, long mask) {
        mnemonic = mnem;
        register = id;
        bitMask = mask;
    }

    @Override
    public String name() {
        return "jit-fault";
    }

    @Override
    public Engine create(EngineContext ctx) {
        return new FaultyEngine(ctx);
    }

    static final class FaultyEngine extends BlockEngine {
        FaultyEngine(EngineContext ctx) {
            super("jit-fault", ctx, new JitCompiler(), new InterpCompiler(), Config.defaults());
        }

        @Override
        public EngineExit run(CpuState cpu) {
            while (true) {
                byte[] buf = new byte[15];
                int n;
                try {
                    n = cpu.memory().fetch(cpu.pc, buf, 0, buf.length);
                } catch (RuntimeException e) {
                    n = 0;
                }
                DecodedInsn d = X86Decoder.decode(buf, 0, n, cpu.pc);
                EngineExit e = stepInstruction(cpu);
                if (e.kind() != EngineExit.Kind.STEP_DONE) {
                    return e;
                }
                if (d.ok() && d.mnemonic().equalsIgnoreCase(mnemonic)) {
                    long[] w = cpu.readWords(register); // the low word of a wider register (xmm, ymmh)
                    w[0] ^= bitMask;
                    cpu.writeWords(register, w);
                }
            }
        }
    }
}

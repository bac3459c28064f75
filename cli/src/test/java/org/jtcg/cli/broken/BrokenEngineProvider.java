package org.jtcg.cli.broken;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.engine.BlockEngine;
import org.jtcg.core.engine.Engine;
import org.jtcg.core.engine.EngineContext;
import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.engine.EngineProvider;
import org.jtcg.core.interp.InterpCompiler;
import org.jtcg.core.jit.JitCompiler;
import org.jtcg.cpreg.RegisterNames;

/**
 * Test-only engine "broken" (registered through cli test resources): the jit engine, except that
 * right after its Nth step, instruction step or run ({@code -Djtcg.broken.after=N}, default 3) it
 * flips bit {@code jtcg.broken.bit} (default 0) of register {@code jtcg.broken.register}
 * (default toy64 r4). {@code jtcg diff} must catch exactly that.
 */
public final class BrokenEngineProvider implements EngineProvider {
    @Override
    public String name() {
        return "broken";
    }

    @Override
    public Engine create(EngineContext ctx) {
        return new BrokenEngine(ctx);
    }

    static final class BrokenEngine extends BlockEngine {
        private final long after = Long.getLong("jtcg.broken.after", 3);
        private final long register = RegisterNames.parse(System.getProperty("jtcg.broken.register", "x86.raw(u64,0x7e0004)"));
        private final int bit = Integer.getInteger("jtcg.broken.bit", 0);
        private long calls;

        BrokenEngine(EngineContext ctx) {
            super("broken", ctx, new JitCompiler(), new InterpCompiler(), Config.defaults());
        }

        private EngineExit corrupt(CpuState cpu, EngineExit exit) {
            if (++calls == after) {
                cpu.setReg(register, cpu.getReg(register) ^ (1L << bit));
            }
            return exit;
        }

        @Override
        public EngineExit run(CpuState cpu) {
            return corrupt(cpu, super.run(cpu));
        }

        @Override
        public EngineExit step(CpuState cpu) {
            return corrupt(cpu, super.step(cpu));
        }

        @Override
        public EngineExit stepInstruction(CpuState cpu) {
            return corrupt(cpu, super.stepInstruction(cpu));
        }
    }
}

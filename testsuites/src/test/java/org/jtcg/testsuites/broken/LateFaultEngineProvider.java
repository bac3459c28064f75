package org.jtcg.testsuites.broken;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.engine.BlockEngine;
import org.jtcg.core.engine.Engine;
import org.jtcg.core.engine.EngineContext;
import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.engine.EngineProvider;
import org.jtcg.core.jit.JitCompiler;
import org.jtcg.cpreg.RegisterNames;

/**
 * Test-only engine "late-fault" (registered through testsuites test resources): the jit engine,
 * except that on its first step after it has stopped at {@code jtcg.latefault.syscalls} syscalls
 * (default 25) it flips the bits {@code jtcg.latefault.mask} (default 1) of {@code jtcg.latefault.register}
 * (default x86.rbx). It proves that {@code jtcg diff} still catches an engine bug after many replayed
 * syscalls, and (with a flag bit of arm64.pstate or s390.psw_mask) that folded condition flags are compared.
 */
public final class LateFaultEngineProvider implements EngineProvider {
    @Override
    public String name() {
        return "late-fault";
    }

    @Override
    public Engine create(EngineContext ctx) {
        return new LateFaultEngine(ctx);
    }

    static final class LateFaultEngine extends BlockEngine {
        private final long syscallsBefore = Long.getLong("jtcg.latefault.syscalls", 25);
        private final long register = RegisterNames.parse(System.getProperty("jtcg.latefault.register", "x86.rbx"));
        private final long mask = Long.decode(System.getProperty("jtcg.latefault.mask", "1"));
        private long syscalls;
        private boolean done;

        LateFaultEngine(EngineContext ctx) {
            super("late-fault", ctx, new JitCompiler(), Config.defaults());
        }

        private EngineExit afterStep(CpuState cpu, EngineExit exit) {
            if (!done && syscalls >= syscallsBefore) {
                cpu.setReg(register, cpu.getReg(register) ^ mask);
                done = true;
            }
            if (exit.kind() == EngineExit.Kind.SYSCALL) {
                syscalls++;
            }
            return exit;
        }

        @Override
        public EngineExit run(CpuState cpu) {
            return afterStep(cpu, super.run(cpu));
        }

        @Override
        public EngineExit step(CpuState cpu) {
            return afterStep(cpu, super.step(cpu));
        }

        @Override
        public EngineExit stepInstruction(CpuState cpu) {
            return afterStep(cpu, super.stepInstruction(cpu));
        }
    }
}

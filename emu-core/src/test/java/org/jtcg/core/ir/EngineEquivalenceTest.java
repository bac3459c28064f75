package org.jtcg.core.ir;

import org.jtcg.core.engine.BlockCode;
import org.jtcg.core.engine.BlockCompiler;
import org.jtcg.core.engine.ExecContext;
import org.jtcg.core.engine.FlatMemory;
import org.jtcg.core.engine.TestCpu;
import org.jtcg.core.interp.InterpCompiler;
import org.jtcg.core.interp.nodes.NodeCompiler;
import org.jtcg.core.jit.JitCompiler;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Property test: random IR programs give identical final globals, pc, memory, exit and fault/signal
 * details under interp, jit and the jit's cold tier (nodes), each with and without the passes. The reference is the interpreter
 * on the unoptimised block. Seeded: set -Djtcg.propSeed=N to reproduce a run, -Djtcg.propCount=N
 * for more programs. A failure prints the program's seed and the program.
 */
class EngineEquivalenceTest {
    private static final String[] NAMES = {"interp", "interp+passes", "jit", "jit+cold passes+narrow", "nodes", "nodes+cold passes"};

    /** Everything observable after one run. */
    record Outcome(String exit, long[] regs, long[] vectors, long faultAddr, int faultCode, long sigAddr, byte[] memory) {
        boolean sameAs(Outcome o) {
            return exit.equals(o.exit) && Arrays.equals(regs, o.regs) && Arrays.equals(vectors, o.vectors)
                    && Arrays.equals(memory, o.memory)
                    && (!exit.equals("FAULT") || (faultAddr == o.faultAddr && faultCode == o.faultCode))
                    && sigAddr == o.sigAddr;
        }

        @Override
        public String toString() {
            return "exit=" + exit + " regs=" + Arrays.toString(Arrays.stream(regs).mapToObj(Long::toHexString).toArray())
                    + " vectors=" + Arrays.toString(Arrays.stream(vectors).mapToObj(Long::toHexString).toArray())
                    + (exit.equals("FAULT") ? String.format(" fault@0x%x code=%d", faultAddr, faultCode) : "")
                    + String.format(" sigAddr=0x%x", sigAddr);
        }
    }

    private static String describe(Op e) {
        return e.opc + " imm=" + Long.toHexString(e.imm) + " signo=" + e.aux1 + " code=" + e.aux2;
    }

    @Test
    void randomProgramsAgreeAcrossEnginesAndPasses() {
        long master = Long.getLong("jtcg.propSeed", System.nanoTime());
        int count = Integer.getInteger("jtcg.propCount", 10_000);
        Random seeds = new Random(master);
        BlockCompiler interp = new InterpCompiler();
        BlockCompiler jit = new JitCompiler();
        BlockCompiler nodes = new NodeCompiler();
        FlatMemory[] mems = new FlatMemory[NAMES.length];
        for (int i = 0; i < mems.length; i++) {
            mems[i] = new FlatMemory(RandomProgram.BASE, RandomProgram.MEM_SIZE);
        }
        int faults = 0, exits = 0;
        for (int n = 0; n < count; n++) {
            long seed = seeds.nextLong();
            IrBlock prog;
            try {
                prog = RandomProgram.generate(seed);
            } catch (RuntimeException e) {
                throw new AssertionError("generator failed for program seed " + seed, e);
            }
            Random init = new Random(seed ^ 0x5DEECE66DL);
            long[] regs = new long[9];
            for (int i = 0; i < regs.length; i++) {
                regs[i] = RandomProgram.edge(init);
            }
            byte[] memInit = new byte[RandomProgram.MEM_SIZE];
            init.nextBytes(memInit);
            long[] vectorInit = new long[2 * TestCpu.VECTOR_REGISTERS];
            for (int i = 0; i < vectorInit.length; i++) {
                vectorInit[i] = RandomProgram.edge(init);
            }
            IrBlock opt = Passes.optimize(prog);
            // the engine's cold-then-hot pipeline: the cold tier runs optimizeCold's block, the bytecode tiers its narrowing
            IrBlock cold = Passes.optimizeCold(prog);
            IrBlock hot = Passes.narrow(cold);
            IrBlock[] blocks = {prog, opt, prog, hot, prog, cold};
            BlockCompiler[] comps = {interp, interp, jit, jit, nodes, nodes};
            Outcome[] out = new Outcome[NAMES.length];
            for (int c = 0; c < NAMES.length; c++) {
                TestCpu cpu = new TestCpu();
                cpu.setRegs(regs);
                System.arraycopy(vectorInit, 0, cpu.vectors, 0, vectorInit.length);
                mems[c].restore(memInit);
                cpu.attachMemory(mems[c]); // atomics are helpers that reach memory through the CPU
                ExecContext ctx = new ExecContext(mems[c]);
                if (comps[c] == nodes) {
                    // the cold tier reuses the context's frame: start from garbage, not from zeros
                    ctx.coldFrame = new long[4 * prog.tempTypes().size() + 32];
                    Arrays.fill(ctx.coldFrame, 0x5a5a_5a5a_5a5a_5a5aL + seed);
                }
                int exit;
                try {
                    exit = comps[c].compile(blocks[c]).exec(cpu, ctx);
                } catch (RuntimeException | Error e) {
                    fail("program seed " + seed + " (master " + master + ") threw under " + NAMES[c] + ": " + e
                            + "\n" + IrPrinter.print(prog) + "\noptimised:\n" + IrPrinter.print(opt), e);
                    return;
                }
                // exit indices differ when passes delete unreachable exits: compare what the exit is
                String what = exit == BlockCode.FAULT ? "FAULT" : describe(blocks[c].exits().get(exit));
                out[c] = new Outcome(what, cpu.regs(), cpu.vectors.clone(), ctx.faultAddress, ctx.faultSiCode, ctx.signalAddress, mems[c].snapshot());
            }
            for (int c = 1; c < NAMES.length; c++) {
                if (!out[c].sameAs(out[0])) {
                    fail("program seed " + seed + " (master seed " + master + "): " + NAMES[c] + " differs from interp\n"
                            + "  interp: " + out[0] + "\n  " + NAMES[c] + ": " + out[c]
                            + (Arrays.equals(out[0].memory, out[c].memory) ? "" : "\n  (memory differs)")
                            + "\ninitial regs " + Arrays.toString(Arrays.stream(regs).mapToObj(Long::toHexString).toArray())
                            + "\n" + IrPrinter.print(prog) + "\noptimised:\n" + IrPrinter.print(opt));
                }
            }
            if (out[0].exit.equals("FAULT")) {
                faults++;
            } else {
                exits++;
            }
        }
        System.out.printf("EngineEquivalenceTest: %d programs (master seed %d): %d faulted, %d exited normally%n",
                count, master, faults, exits);
    }
}

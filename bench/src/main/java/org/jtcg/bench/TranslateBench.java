package org.jtcg.bench;

import org.jtcg.core.memory.PagedMemory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.jtcg.bench.BenchIsa.*;

/**
 * Block translation throughput on the {@link BenchIsa} toy ISA: a generated program of 2,048
 * blocks (4-14 ALU and memory instructions, then a branch) is translated block after block.
 * Primary score: blocks per second; secondary {@code insns}: guest instructions per second.
 * The toy decoder is trivial, so this measures the IR builder, the passes and the compilers
 * (see {@link TranslationWorkload} for the stages); {@link X86TranslateBench} adds a real decoder.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TranslateBench {
    static final long CODE = 0x10000;
    static final int BLOCKS = 2048;

    @Param({"translate", "optimize", "jit", "interp"})
    public String stage;

    private TranslationWorkload work;

    @Setup(Level.Trial)
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(42);
        Asm a = new Asm(CODE);
        int[] alu = {ADDI, ADD, XOR, MOVI, LD, ST, SHL};
        for (int blk = 0; blk < BLOCKS; blk++) {
            int n = 4 + rnd.nextInt(11);
            for (int i = 0; i < n; i++) {
                a.emit(alu[rnd.nextInt(alu.length)], rnd.nextInt(8), rnd.nextInt(8), rnd.nextInt(-1000, 1000));
            }
            a.branch(rnd.nextBoolean() ? BNZ : JMP, rnd.nextInt(8), CODE + 8L * rnd.nextInt(BLOCKS));
        }
        byte[] code = a.bytes();
        PagedMemory mem = memoryWith(CODE, code, 0);
        work = new TranslationWorkload(new Arch(), mem, CODE, CODE + code.length, BLOCKS, stage);
    }

    @Benchmark
    public void block(InsnCounter c, Blackhole bh) {
        c.insns += work.translateNext(bh);
    }
}

package org.jtcg.bench;

import org.jtcg.core.memory.PagedMemory;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

import java.util.SplittableRandom;

import static org.jtcg.bench.BenchIsa.*;

/**
 * Block translation throughput on the {@link BenchIsa} toy ISA: a generated program of 2,048
 * blocks (4-14 ALU and memory instructions, then a branch) is translated block after block.
 * The toy decoder is trivial, so this measures the IR builder, the passes and the compilers
 * (see {@link TranslationWorkload} for the stages); {@link X86TranslateBench} adds a real decoder.
 */
public class TranslateBench extends TranslationStageBench {
    static final long CODE = 0x10000;
    static final int BLOCKS = 2048;

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
}

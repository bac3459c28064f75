package org.jtcg.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The jit's compile pipeline per stage (decode, IR build, passes, bytecode generation, class definition,
 * first execution; cumulative, see {@link PipelineWorkload}) over the first {@value #BLOCKS} blocks of the
 * .text of real code ({@link RealX86CodeBench}: busybox, else intwork, or {@code -Djtcg.bench.elf=PATH}). One
 * operation is one block; the secondary result {@code insns} is guest instructions per second, so 1e6 / insns =
 * µs per guest instruction up to that stage (docs/performance.md, round 5).
 */
public class PipelineStageBench extends RealX86CodeBench {
    @Param({"decode", "ir", "passes", "bytecode", "define", "execute"})
    public String stage;

    private PipelineWorkload work;

    @Setup(Level.Trial)
    public void setup() {
        Loaded l = loadRealCode();
        GuestBinaries.Loaded image = l.image();
        work = new PipelineWorkload(l.arch(), image.memory(), image.textStart(), image.textEnd(), BLOCKS, stage);
        System.out.printf("%n  %s: %d blocks, %d guest instructions from .text [0x%x, 0x%x)%n",
                l.elf(), work.blockCount(), work.totalInsns(), image.textStart(), image.textEnd());
    }

    @Benchmark
    public void block(InsnCounter c, Blackhole bh) throws Throwable {
        c.insns += work.next(bh);
    }
}

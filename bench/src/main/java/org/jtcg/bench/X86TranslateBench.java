package org.jtcg.bench;

import org.jtcg.core.arch.GuestArch;
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

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Block translation throughput for x86-64: the first {@value #BLOCKS} blocks of the .text of a
 * static guest binary (default testsuites/guest/build/x86_64/intwork, or
 * {@code -Djtcg.bench.elf=PATH}), found by a linear sweep, translated in turn through the real
 * frontend (decode + IR), the passes and the compilers; stages as in {@link TranslationWorkload}.
 * Primary score: blocks per second; secondary {@code insns}: guest instructions per second.
 *
 * <p>Skipped with a "SKIPPED: ..." message when the x86-64 frontend is not on the class path or
 * the binary is missing ({@link BenchMain} leaves it out of the run in that case).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class X86TranslateBench {
    static final int BLOCKS = 4096;

    @Param({"translate", "optimize", "jit", "interp"})
    public String stage;

    private TranslationWorkload work;

    @Setup(Level.Trial)
    public void setup() {
        GuestArch arch = GuestBinaries.x86OrSkip();
        Path elf = GuestBinaries.program("intwork");
        GuestBinaries.Loaded l = GuestBinaries.load(arch, elf);
        work = new TranslationWorkload(arch, l.memory(), l.textStart(), l.textEnd(), BLOCKS, stage);
        System.out.printf("%n  %s: %d blocks, %d guest instructions from .text [0x%x, 0x%x)%n",
                elf, work.blockCount(), work.totalInsns(), l.textStart(), l.textEnd());
    }

    @Benchmark
    public void block(InsnCounter c, Blackhole bh) {
        c.insns += work.translateNext(bh);
    }
}

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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The jit's compile pipeline per stage (decode, IR build, passes, bytecode generation, class definition,
 * first execution; cumulative, see {@link PipelineWorkload}) over the first {@value #BLOCKS} blocks of the
 * .text of real code: Debian's static busybox ($JTCG_BUSYBOX or /var/cache/jtcg/busybox-static/bin/busybox),
 * else testsuites/guest/build/x86_64/intwork, or {@code -Djtcg.bench.elf=PATH}. One operation is one block;
 * the secondary result {@code insns} is guest instructions per second, so 1e6 / insns = µs per guest
 * instruction up to that stage (docs/performance.md, round 5). Fork arguments mirror the launcher's C1-only
 * JVM, where this pipeline runs in practice.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:TieredStopAtLevel=1", "-XX:-DontCompileHugeMethods", "-Xss16m"})
public class PipelineStageBench {
    static final int BLOCKS = 2048;

    @Param({"decode", "ir", "passes", "bytecode", "define", "execute"})
    public String stage;

    private PipelineWorkload work;

    @Setup(Level.Trial)
    public void setup() {
        GuestArch arch = GuestBinaries.x86OrSkip();
        Path elf = busyboxOrIntwork();
        GuestBinaries.Loaded l = GuestBinaries.load(arch, elf);
        work = new PipelineWorkload(arch, l.memory(), l.textStart(), l.textEnd(), BLOCKS, stage);
        System.out.printf("%n  %s: %d blocks, %d guest instructions from .text [0x%x, 0x%x)%n",
                elf, work.blockCount(), work.totalInsns(), l.textStart(), l.textEnd());
    }

    private static Path busyboxOrIntwork() {
        if (System.getProperty("jtcg.bench.elf") == null) {
            String env = System.getenv("JTCG_BUSYBOX");
            Path bb = Path.of(env != null && !env.isEmpty() ? env : "/var/cache/jtcg/busybox-static/bin/busybox");
            if (Files.isRegularFile(bb)) {
                return bb;
            }
        }
        return GuestBinaries.program("intwork");
    }

    @Benchmark
    public void block(InsnCounter c, Blackhole bh) throws Throwable {
        c.insns += work.next(bh);
    }
}

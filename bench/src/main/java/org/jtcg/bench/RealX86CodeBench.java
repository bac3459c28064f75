package org.jtcg.bench;

import org.jtcg.core.arch.GuestArch;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What the benchmarks over the first {@value #BLOCKS} blocks of real x86-64 code share ({@link ColdTierBench},
 * {@link PipelineStageBench}; JMH reads these annotations from the superclass): the JMH settings, with fork
 * arguments that mirror the launcher's C1-only JVM, where the cold tier and the compile pipeline run in practice;
 * and the code: {@code -Djtcg.bench.elf=PATH} if given, else Debian's static busybox ($JTCG_BUSYBOX or
 * /var/cache/jtcg/busybox-static/bin/busybox), else testsuites/guest/build/x86_64/intwork.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:TieredStopAtLevel=1", "-XX:-DontCompileHugeMethods", "-Xss16m"})
public abstract class RealX86CodeBench {
    static final int BLOCKS = 2048;

    /** The x86-64 frontend and the code above loaded into guest memory (skips the benchmark when either is missing). */
    static Loaded loadRealCode() {
        GuestArch arch = GuestBinaries.x86OrSkip();
        Path elf = busyboxOrIntwork();
        return new Loaded(arch, elf, GuestBinaries.load(arch, elf));
    }

    record Loaded(GuestArch arch, Path elf, GuestBinaries.Loaded image) {}

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
}

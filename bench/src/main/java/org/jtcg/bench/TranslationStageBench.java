package org.jtcg.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * What the block translation benchmarks share ({@link TranslateBench} on the toy ISA, {@link X86TranslateBench}
 * on real x86-64 code; JMH reads the annotations, the parameter and the benchmark method from this superclass):
 * one operation translates the next block of a {@link TranslationWorkload} up to {@link #stage}. Primary score:
 * blocks per second; secondary {@code insns}: guest instructions per second. A subclass's setup builds
 * {@link #work}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public abstract class TranslationStageBench {
    @Param({"translate", "optimize", "jit", "interp"})
    public String stage;

    TranslationWorkload work;

    @Benchmark
    public void block(InsnCounter c, Blackhole bh) {
        c.insns += work.translateNext(bh);
    }
}

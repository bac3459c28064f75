package org.jtcg.bench;

import org.jtcg.cpreg.RegArch;
import org.jtcg.cpreg.RegId;
import org.jtcg.cpreg.RegisterCatalogue;
import org.jtcg.cpreg.RegisterList;
import org.jtcg.cpreg.RegisterTable;
import org.jtcg.x86.X86UserRegisters;
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

import java.util.concurrent.TimeUnit;

/**
 * Whole-state save and restore through cpreg register lists: {@code capture} reads every
 * register of a table into a new {@link RegisterList}; {@code loadInto} merges a full list into
 * another table (sorted walk, write, read back every value). This is the cost a snapshot or an
 * engine hand-off pays per register set.
 *
 * <p>Sets: {@code x86-user} is the x86-64 user-mode set of the x86 frontend (GPRs, RIP, RFLAGS,
 * segments, XMM, x87; ~60 registers); {@code arm64-sve} is the whole arm64 catalogue with the SVE
 * Z (U2048), P and FFR registers (~150 registers, ~1,300 value words).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RegisterListBench {
    @Param({"x86-user", "arm64-sve"})
    public String regSet;

    private RegisterTable source;
    private RegisterTable target;
    private RegisterList saved;

    @Setup(Level.Trial)
    public void setup() {
        long[] ids = switch (regSet) {
            case "x86-user" -> X86UserRegisters.ids();
            case "arm64-sve" -> RegisterCatalogue.of(RegArch.ARM64).entries().stream()
                    .mapToLong(RegisterCatalogue.Entry::id).toArray();
            default -> throw new IllegalArgumentException("unknown regSet " + regSet + " (x86-user, arm64-sve)");
        };
        source = new RegisterTable(ids);
        target = new RegisterTable(ids);
        long seed = 0x9E3779B97F4A7C15L;
        for (long id : ids) {
            long[] w = new long[RegId.words(id)];
            for (int i = 0; i < w.length; i++) {
                seed = seed * 6364136223846793005L + 1442695040888963407L;
                w[i] = seed;
            }
            if (w.length == 1) {
                w[0] &= RegId.size(id).wordMask();
            }
            source.setWords(id, w);
        }
        saved = RegisterList.capture(source);
    }

    @Benchmark
    public RegisterList capture() {
        return RegisterList.capture(source);
    }

    @Benchmark
    public RegisterTable loadInto() {
        saved.loadInto(target);
        return target;
    }
}

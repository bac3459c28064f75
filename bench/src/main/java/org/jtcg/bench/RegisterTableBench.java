package org.jtcg.bench;

import org.jtcg.cpreg.RegArch;
import org.jtcg.cpreg.RegId;
import org.jtcg.cpreg.RegSize;
import org.jtcg.cpreg.RegisterCatalogue;
import org.jtcg.cpreg.RegisterTable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * One access by id to the cpreg {@link RegisterTable}: get and set of a U64, U128 and U2048
 * register. Each is a binary search over the table's ids plus the value copy. The table is the
 * whole arm64 catalogue including SVE (~150 registers, the largest set jtcg has, and the only
 * one with U2048 registers). Ids rotate over 8 registers of the size so the JIT cannot fold the
 * lookup; the rotation itself costs ~1 ns.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RegisterTableBench {
    private RegisterTable table;
    private long[] u64, u128, u2048;
    private final long[] w2 = new long[2], w32 = new long[32];
    private int next;

    @Setup(Level.Trial)
    public void setup() {
        long[] ids = RegisterCatalogue.of(RegArch.ARM64).entries().stream()
                .mapToLong(RegisterCatalogue.Entry::id).toArray();
        table = new RegisterTable(ids);
        u64 = pick(ids, RegSize.U64);
        u128 = pick(ids, RegSize.U128);
        u2048 = pick(ids, RegSize.U2048);
    }

    /** 8 ids of one size, spread over the id range. */
    private static long[] pick(long[] ids, RegSize size) {
        long[] all = Arrays.stream(ids).filter(id -> RegId.size(id) == size).toArray();
        if (all.length == 0) {
            throw new IllegalStateException("the arm64 catalogue has no " + size + " register");
        }
        long[] out = new long[8];
        for (int i = 0; i < out.length; i++) {
            out[i] = all[i * all.length / out.length];
        }
        return out;
    }

    private long nextId(long[] ids) {
        next = (next + 1) & 7;
        return ids[next];
    }

    @Benchmark
    public long getU64() {
        return table.get(nextId(u64));
    }

    @Benchmark
    public void setU64() {
        table.set(nextId(u64), next * 0x0101010101010101L);
    }

    @Benchmark
    public long[] getU128() {
        return table.getWords(nextId(u128));
    }

    @Benchmark
    public void setU128() {
        w2[0] = next;
        table.setWords(nextId(u128), w2);
    }

    @Benchmark
    public long[] getU2048() {
        return table.getWords(nextId(u2048));
    }

    @Benchmark
    public void setU2048() {
        w32[5] = next;
        table.setWords(nextId(u2048), w32);
    }
}

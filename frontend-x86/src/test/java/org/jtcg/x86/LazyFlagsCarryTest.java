package org.jtcg.x86;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link LazyFlags#carryFlag} is exactly CF of {@link LazyFlags#compute} for every kind and size. */
class LazyFlagsCarryTest {
    private static final int[] KINDS = {LazyFlags.EFLAGS, LazyFlags.ADD, LazyFlags.SUB, LazyFlags.LOGIC, LazyFlags.INC,
            LazyFlags.DEC, LazyFlags.SHL, LazyFlags.SHR, LazyFlags.SAR, LazyFlags.MUL};

    @Test
    void carryFlagMatchesTheCarryBitOfTheFullComputation() {
        SplittableRandom rnd = new SplittableRandom(14);
        long[] edges = {0, 1, -1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffffL, 0x80000000L, 0xffffffffL,
                Long.MAX_VALUE, Long.MIN_VALUE};
        for (int kind : KINDS) {
            for (int size : new int[] {1, 2, 4, 8}) {
                long op = LazyFlags.op(kind, size);
                for (int i = 0; i < 5_000; i++) {
                    long a = i < 200 ? edges[i % edges.length] : rnd.nextLong();
                    long b = i < 200 ? edges[(i / edges.length) % edges.length] : rnd.nextLong();
                    boolean carryIn = rnd.nextBoolean();
                    long dst, src = a, src2 = b;
                    switch (kind) {
                        case LazyFlags.ADD -> dst = a + b + (carryIn ? 1 : 0);
                        case LazyFlags.SUB -> dst = a - b - (carryIn ? 1 : 0);
                        case LazyFlags.INC, LazyFlags.DEC -> {
                            dst = a;
                            src = carryIn ? 1 : 0;
                        }
                        case LazyFlags.MUL -> {
                            dst = a;
                            src = carryIn ? 1 : 0;
                        }
                        default -> dst = rnd.nextLong();
                    }
                    String why = "kind " + kind + " size " + size + " dst " + Long.toHexString(dst) + " src "
                            + Long.toHexString(src) + " src2 " + Long.toHexString(src2);
                    assertEquals(LazyFlags.compute(op, dst, src, src2) & LazyFlags.CF,
                            LazyFlags.carryFlag(op, dst, src, src2), why);
                }
            }
        }
    }
}

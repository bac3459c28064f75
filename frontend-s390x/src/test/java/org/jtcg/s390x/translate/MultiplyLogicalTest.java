package org.jtcg.s390x.translate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * MLGR's 128-bit unsigned product (built from 32-bit halves, {@link Arith#unsignedMultiplyHigh}) against
 * BigInteger, for random operands and the edges where a partial sum carries (all ones, 2^32 - 1, 2^63).
 */
class MultiplyLogicalTest {
    private static final BigInteger MASK64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void productMatchesBigInteger(String engine) {
        SnippetRunner s = new SnippetRunner(engine).code("b9860024 0aff"); // mlgr %r2,%r4; svc 255
        long[] edges = {0, 1, -1, 0xffffffffL, 0x100000000L, Long.MIN_VALUE, Long.MAX_VALUE, 0xffffffff00000000L,
            0x8000000080000000L, 3_000_000_019L};
        Random r = new Random(64);
        for (int i = 0; i < 400; i++) {
            long x = i < 100 ? edges[i % 10] : r.nextLong(), y = i < 100 ? edges[i / 10] : r.nextLong();
            s.cpu.r2 = 0x5555;
            s.cpu.r3 = x;
            s.cpu.r4 = y;
            s.runToSvc();
            BigInteger p = new BigInteger(Long.toUnsignedString(x)).multiply(new BigInteger(Long.toUnsignedString(y)));
            String what = Long.toHexString(x) + " * " + Long.toHexString(y);
            assertEquals(p.shiftRight(64).longValue(), s.cpu.r2, what);
            assertEquals(p.and(MASK64).longValue(), s.cpu.r3, what);
            assertEquals(y, s.cpu.r4);
        }
    }
}

package org.jtcg.arm64.translate;

import org.jtcg.core.ir.VectorSemantics;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The word-at-a-time forms the translator now emits for CMEQ/CMTST/CMEQ #0/UMAX/UMIN/CMHI/CMHS, UMAXP/UMINP/ADDP
 * on bytes and XTN/SHRN to bytes and halfwords give exactly what the lane-by-lane {@link SimdHelpers}
 * (the reference) gives, on random words and on words built from lane edge values (0, 1, 0x7f, 0x80, 0xfe, 0xff).
 */
class SimdSwarTest {
    private static final long[] EDGE_BYTES = {0, 1, 0x7f, 0x80, 0xfe, 0xff};

    private static long[] words(int n) {
        SplittableRandom rnd = new SplittableRandom(7);
        long[] w = new long[n];
        for (int i = 0; i < n; i++) {
            if (i % 2 == 0) {
                w[i] = rnd.nextLong();
            } else { // every byte an edge value, so equal and adjacent lanes are common
                long v = 0;
                for (int b = 0; b < 8; b++) {
                    v |= EDGE_BYTES[rnd.nextInt(EDGE_BYTES.length)] << (8 * b);
                }
                w[i] = v;
            }
        }
        return w;
    }

    @Test
    void pairwiseBytesMatchesTheLaneLoop() {
        long[] w = words(4000);
        for (int i = 0; i + 1 < w.length; i++) {
            for (int op : new int[] {SimdHelpers.ADD, SimdHelpers.UMAX, SimdHelpers.UMIN}) {
                assertEquals(SimdHelpers.pairwise(op, 0, w[i], w[i + 1]), SimdSwar.pairwiseBytes(op, w[i], w[i + 1]),
                        () -> "op " + op);
            }
        }
    }

    @Test
    void narrowMatchesTheLaneLoop() {
        long[] w = words(4000);
        for (int i = 0; i + 1 < w.length; i++) {
            for (int shift = 0; shift <= 8; shift++) {
                assertEquals(SimdHelpers.narrow(0, w[i], w[i + 1], shift), SimdSwar.narrowBytes(w[i], w[i + 1], shift));
            }
            for (int shift = 0; shift <= 16; shift++) {
                assertEquals(SimdHelpers.narrow(1, w[i], w[i + 1], shift), SimdSwar.narrowHalves(w[i], w[i + 1], shift));
            }
        }
    }

    @Test
    void wordLaneFunctionsMatchTheLaneLoop() {
        long[] w = words(4000);
        for (int i = 0; i + 1 < w.length; i++) {
            long a = w[i], b = w[i + 1];
            for (int esize = 0; esize <= 3; esize++) {
                int bits = 8 << esize;
                assertEquals(SimdHelpers.binary(SimdHelpers.CMEQ, esize, a, b), VectorSemantics.cmpeq(a, b, bits));
                assertEquals(SimdHelpers.binary(SimdHelpers.CMEQ, esize, a, a), VectorSemantics.cmpeq(a, a, bits));
                assertEquals(SimdHelpers.binary(SimdHelpers.CMTST, esize, a, b), ~VectorSemantics.cmpeq(a & b, 0, bits));
                assertEquals(SimdHelpers.unary(SimdHelpers.CMEQ0, esize, a & b), VectorSemantics.cmpeq(a & b, 0, bits));
                assertEquals(SimdHelpers.binary(SimdHelpers.UMAX, esize, a, b), VectorSemantics.maxu(a, b, bits));
                if (esize == 0) {
                    assertEquals(SimdHelpers.binary(SimdHelpers.CMHI, 0, a, b), SimdSwar.higherBytes(a, b));
                    assertEquals(SimdHelpers.binary(SimdHelpers.CMHS, 0, a, b), SimdSwar.higherOrSameBytes(a, b));
                    assertEquals(SimdHelpers.binary(SimdHelpers.CMHS, 0, a, a), SimdSwar.higherOrSameBytes(a, a));
                }
                assertEquals(SimdHelpers.binary(SimdHelpers.UMIN, esize, a, b), VectorSemantics.minu(a, b, bits));
            }
        }
    }
}

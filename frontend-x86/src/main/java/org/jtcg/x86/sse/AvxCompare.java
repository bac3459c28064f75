package org.jtcg.x86.sse;

import org.jtcg.core.softfloat.FloatFormat;
import org.jtcg.core.softfloat.FpStatus;
import org.jtcg.core.softfloat.SoftFloat;

/**
 * VCMPPS/VCMPPD/VCMPSS/VCMPSD: the 32 compare predicates of the VEX forms (imm8 bits 4:0; the legacy
 * forms use bits 2:0 only, {@link SseFloat#cmpps}). Each predicate is a set of the four relations
 * (less, equal, greater, unordered) plus whether a QNaN operand raises IE (signalling predicates);
 * an SNaN always does. Like the other SSE float ops it returns 0, or the unmasked exception flags
 * with {@code dst} unchanged.
 */
public final class AvxCompare {
    private AvxCompare() {}

    private static final int LT = 1, EQ = 2, GT = 4, UN = 8;

    /** Relations that make predicates 0..15 true (16..31 repeat them with the signalling bit flipped). */
    private static final int[] TRUE_FOR = {
        EQ, LT, LT | EQ, UN, LT | GT | UN, EQ | GT | UN, GT | UN, LT | EQ | GT,
        EQ | UN, LT | UN, LT | EQ | UN, 0, LT | GT, EQ | GT, GT, LT | EQ | GT | UN,
    };
    /** Bit p set: predicate p (0..15) signals on a QNaN. */
    private static final int SIGNALLING = 1 << 1 | 1 << 2 | 1 << 5 | 1 << 6 | 1 << 9 | 1 << 10 | 1 << 13 | 1 << 14;

    static boolean signalling(int predicate) {
        boolean s = (SIGNALLING >>> (predicate & 15) & 1) != 0;
        return (predicate & 16) != 0 ? !s : s;
    }

    static boolean holds(int predicate, int rel) {
        int r = switch (rel) {
            case SoftFloat.LESS -> LT;
            case SoftFloat.EQUAL -> EQ;
            case SoftFloat.GREATER -> GT;
            default -> UN;
        };
        return (TRUE_FOR[predicate & 15] & r) != 0;
    }

    public static int cmpps(SseState s, int dst, int src, int imm8) { return compare(s, dst, src, FloatFormat.BINARY32, imm8, false); }
    public static int cmppd(SseState s, int dst, int src, int imm8) { return compare(s, dst, src, FloatFormat.BINARY64, imm8, false); }
    public static int cmpss(SseState s, int dst, int src, int imm8) { return compare(s, dst, src, FloatFormat.BINARY32, imm8, true); }
    public static int cmpsd(SseState s, int dst, int src, int imm8) { return compare(s, dst, src, FloatFormat.BINARY64, imm8, true); }

    private static int compare(SseState s, int dst, int src, FloatFormat f, int imm8, boolean scalar) {
        int p = imm8 & 31;
        int bits = f == FloatFormat.BINARY32 ? 32 : 64;
        int perWord = 64 / bits;
        int n = scalar ? 1 : 128 / bits;
        FpStatus st = SseStatus.of(s.mxcsr);
        long lo = s.lo(dst), hi = s.hi(dst), slo = s.lo(src), shi = s.hi(src);
        long rlo = lo, rhi = hi;
        long ones = bits == 64 ? -1L : 0xffffffffL;
        for (int i = 0; i < n; i++) {
            int rel = SoftFloat.compare(f, Lanes.get(lo, hi, bits, i), Lanes.get(slo, shi, bits, i), signalling(p), st);
            long r = holds(p, rel) ? ones : 0;
            if (i < perWord) {
                rlo = Lanes.put(rlo, bits, i, r);
            } else {
                rhi = Lanes.put(rhi, bits, i - perWord, r);
            }
        }
        int fault = SseStatus.commit(st, s);
        if (fault == 0) {
            s.set(dst, rlo, rhi);
        }
        return fault;
    }
}

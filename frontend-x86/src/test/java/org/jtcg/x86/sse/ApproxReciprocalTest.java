package org.jtcg.x86.sse;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ApproxReciprocal} without a host CPU: values measured on the AMD EPYC (family 0x1a) the table comes from, the
 * special-value rules, the SDM's error bound over a sweep, and the packed/scalar lane handling. (The whole 2^32
 * input space was compared with that host once; NativeCrossCheckTest and AvxNativeCrossCheckTest compare random
 * and edge inputs on every run where the host is of that family.)
 */
class ApproxReciprocalTest {
    private static float f(int bits) {
        return Float.intBitsToFloat(bits);
    }

    @Test
    void measuredValues() {
        assertEquals(0x3f7ff000, ApproxReciprocal.rcp(0x3f800000));   // rcp(1.0)
        assertEquals(0x3f000000, ApproxReciprocal.rcp(0x3ffff800));   // rcp(1.99976) = 0.5
        assertEquals(0x3f7ff800, ApproxReciprocal.rsqrt(0x3f800000)); // rsqrt(1.0)
        assertEquals(0x3f350000, ApproxReciprocal.rsqrt(0x40000000)); // rsqrt(2.0)
        assertEquals(0x3efff000, ApproxReciprocal.rcp(0x40000000));   // rcp(2.0): the exponent moves, the bits stay
        assertEquals(0x3eb50000, ApproxReciprocal.rsqrt(0x41000000)); // rsqrt(8.0) = rsqrt(2.0) / 2
    }

    @Test
    void specialValues() {
        assertEquals(0x7f800000, ApproxReciprocal.rcp(0));
        assertEquals(0xff800000, ApproxReciprocal.rcp(0x80000001));   // negative denormal: treated as -0
        assertEquals(0x80000000, ApproxReciprocal.rcp(0xff800000));
        assertEquals(0x7fc00001, ApproxReciprocal.rcp(0x7f800001));   // SNaN quieted, payload kept
        assertEquals(0x80000000, ApproxReciprocal.rcp(0xfe800000));   // result below the normal range: -0
        assertEquals(0x7f800000, ApproxReciprocal.rsqrt(0x00000001));
        assertEquals(0xff800000, ApproxReciprocal.rsqrt(0x80000000));
        assertEquals(0xffc00000, ApproxReciprocal.rsqrt(0xbf800000)); // negative: default NaN
        assertEquals(0xffc00000, ApproxReciprocal.rsqrt(0xff800000));
        assertEquals(0, ApproxReciprocal.rsqrt(0x7f800000));
        assertEquals(0xffc12345, ApproxReciprocal.rsqrt(0xff812345));
    }

    @Test
    void withinTheSdmErrorBound() {
        double bound = 1.5 * Math.pow(2, -12);
        for (int bits = 0x00800000; bits < 0x7e000000; bits += 0x1f3d) {
            double x = f(bits);
            double rcp = f(ApproxReciprocal.rcp(bits));
            double rsq = f(ApproxReciprocal.rsqrt(bits));
            assertTrue(Math.abs(rcp * x - 1) <= bound, Integer.toHexString(bits));
            assertTrue(Math.abs(rsq * Math.sqrt(x) - 1) <= bound, Integer.toHexString(bits));
        }
    }

    @Test
    void packedDoesFourLanesScalarOnlyTheLowOne() {
        SseState s = new SseState();
        s.set(1, 0x40000000_3f800000L, 0x41000000_bf800000L);
        s.set(0, 0x11111111_22222222L, 0x33333333_44444444L);
        ApproxReciprocal.rcpps(s, 0, 1);
        assertEquals(0x3efff000_3f7ff000L, s.lo(0));
        assertEquals(0x3dfff000_bf7ff000L, s.hi(0));
        s.set(0, 0x11111111_22222222L, 0x33333333_44444444L);
        ApproxReciprocal.rsqrtss(s, 0, 1);
        assertEquals(0x11111111_3f7ff800L, s.lo(0));
        assertEquals(0x33333333_44444444L, s.hi(0));
    }
}

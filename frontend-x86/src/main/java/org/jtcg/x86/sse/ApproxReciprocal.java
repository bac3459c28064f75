package org.jtcg.x86.sse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * RCPPS/RCPSS and RSQRTPS/RSQRTSS: approximations whose bits the SDM leaves to the implementation
 * (relative error at most 1.5 * 2^-12). jtcg gives the results of the AMD EPYC it is checked on
 * (family 0x1a, Zen 5): a measured table of the 12 top result-mantissa bits for each value of the 12 top input-mantissa
 * bits (resource {@code approx-amd-zen5.txt}), which reproduces that host on every one of the 2^32 inputs.
 * Intel CPUs give other bits (other AMD families were not checked); a guest compared with such a host may
 * differ in the low result bits.
 *
 * <p>Rules (as measured; MXCSR has no influence and no flag is set): a zero or denormal input gives
 * infinity of its sign (rsqrt: -0 and negative denormals give -infinity), infinity gives zero of its sign
 * (rsqrt: +0; -infinity is invalid), a NaN is returned quieted, rsqrt of a negative normal number gives the
 * default NaN (0xffc00000); rcp results below the normal range are flushed to zero of the input's sign.
 */
public final class ApproxReciprocal {
    private ApproxReciprocal() {}

    private static final int ENTRIES = 4096;
    /** Result mantissa bits 22:11 for inputs 1.m (rcp), 1.m (rsqrt, odd exponent), 2.m (rsqrt, even exponent). */
    private static final short[] RCP = new short[ENTRIES], RSQRT_ODD = new short[ENTRIES], RSQRT_EVEN = new short[ENTRIES];
    /** Every table result has exponent 126 (a value in [0.5, 1)). */
    private static final int TABLE_EXPONENT = 126;
    private static final int SIGN = 0x8000_0000, QUIET = 0x0040_0000, INFINITY = 0x7f80_0000, DEFAULT_NAN = 0xffc0_0000;

    static {
        load("approx-amd-zen5.txt");
    }

    private static void load(String resource) {
        try (InputStream in = ApproxReciprocal.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " missing");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            short[] into = null;
            int n = 0;
            int filled = 0;
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                switch (line.trim()) {
                    case "rcp" -> { into = RCP; n = 0; filled++; continue; }
                    case "rsqrt-odd" -> { into = RSQRT_ODD; n = 0; filled++; continue; }
                    case "rsqrt-even" -> { into = RSQRT_EVEN; n = 0; filled++; continue; }
                    default -> { }
                }
                for (int i = 0; i + 3 <= line.length(); i += 3) {
                    into[n++] = (short) Integer.parseInt(line, i, i + 3, 16);
                }
            }
            if (filled != 3 || n != ENTRIES) {
                throw new IllegalStateException(resource + ": expected three sections of " + ENTRIES + " entries");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int fromTable(short[] t, int mantissa) {
        return (TABLE_EXPONENT << 23) | ((t[mantissa >>> 11] & 0xfff) << 11);
    }

    /** RCPSS of one single-precision value (bits in, bits out). */
    public static int rcp(int x) {
        int sign = x & SIGN, exp = (x >>> 23) & 0xff, mant = x & 0x7f_ffff;
        if (exp == 0xff) {
            return mant != 0 ? x | QUIET : sign;
        }
        if (exp == 0) {
            return sign | INFINITY; // zero or denormal (treated as zero)
        }
        int r = fromTable(RCP, mant) - ((exp - 127) << 23);
        return r < (1 << 23) ? sign : sign | r; // below the normal range: flushed
    }

    /** RSQRTSS of one single-precision value (bits in, bits out). */
    public static int rsqrt(int x) {
        int sign = x & SIGN, exp = (x >>> 23) & 0xff, mant = x & 0x7f_ffff;
        if (exp == 0xff) {
            return mant != 0 ? x | QUIET : sign != 0 ? DEFAULT_NAN : 0;
        }
        if (exp == 0) {
            return sign | INFINITY;
        }
        if (sign != 0) {
            return DEFAULT_NAN;
        }
        boolean odd = (exp & 1) != 0;
        int base = odd ? 127 : 128;
        return fromTable(odd ? RSQRT_ODD : RSQRT_EVEN, mant) - (((exp - base) / 2) << 23);
    }

    /** RCPPS xmm, xmm: four lanes. */
    public static void rcpps(SseState s, int dst, int src) {
        packed(s, dst, src, false);
    }

    /** RCPSS xmm, xmm: lane 0; lanes 1-3 of the destination kept. */
    public static void rcpss(SseState s, int dst, int src) {
        scalar(s, dst, (int) s.xmm[2 * src], false);
    }

    /** RSQRTPS xmm, xmm. */
    public static void rsqrtps(SseState s, int dst, int src) {
        packed(s, dst, src, true);
    }

    /** RSQRTSS xmm, xmm. */
    public static void rsqrtss(SseState s, int dst, int src) {
        scalar(s, dst, (int) s.xmm[2 * src], true);
    }

    private static void packed(SseState s, int dst, int src, boolean sqrt) {
        for (int w = 0; w < 2; w++) {
            long v = s.xmm[2 * src + w];
            long lo = (sqrt ? rsqrt((int) v) : rcp((int) v)) & 0xffff_ffffL;
            long hi = (sqrt ? rsqrt((int) (v >>> 32)) : rcp((int) (v >>> 32))) & 0xffff_ffffL;
            s.xmm[2 * dst + w] = hi << 32 | lo;
        }
    }

    private static void scalar(SseState s, int dst, int value, boolean sqrt) {
        long r = (sqrt ? rsqrt(value) : rcp(value)) & 0xffff_ffffL;
        s.xmm[2 * dst] = (s.xmm[2 * dst] & 0xffff_ffff_0000_0000L) | r;
    }
}

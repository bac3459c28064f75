package org.jtcg.x86.translate;

import org.jtcg.x86.LazyFlags;

/**
 * Pure helpers for the rarely used shift forms: rcl/rcr (rotate through carry) and shld/shrd
 * (double-precision shifts). Counts are the raw count operand; masking follows the SDM (5 bits,
 * 6 with REX.W; rcl/rcr of 8/16-bit operands then take it modulo size+1). Flags results are the
 * OSZAPC bits after the instruction given the bits before it ({@code f}); a zero masked count leaves
 * them unchanged.
 */
public final class ShiftHelpers {
    private ShiftHelpers() {}

    private static int maskCount(long cnt, long size) {
        return (int) (cnt & (size == 8 ? 63 : 31));
    }

    private static int rcCount(long cnt, long size) {
        int n = maskCount(cnt, size);
        return size < 4 ? n % (int) (8 * size + 1) : n;
    }

    /** Result and carry of rcl/rcr packed: {result, cf}. */
    private static long[] rotateThroughCarry(long a, int n, long cf, int size, boolean left) {
        int bits = 8 * size;
        long m = LazyFlags.mask(size);
        a &= m;
        for (int i = 0; i < n; i++) {
            if (left) {
                long out = (a >>> (bits - 1)) & 1;
                a = ((a << 1) | cf) & m;
                cf = out;
            } else {
                long out = a & 1;
                a = (a >>> 1) | (cf << (bits - 1));
                cf = out;
            }
        }
        return new long[] {a, cf};
    }

    public static long rcl(long a, long cnt, long f, long size) {
        return rotateThroughCarry(a, rcCount(cnt, size), f & 1, (int) size, true)[0];
    }

    public static long rcr(long a, long cnt, long f, long size) {
        return rotateThroughCarry(a, rcCount(cnt, size), f & 1, (int) size, false)[0];
    }

    public static long rclFlags(long a, long cnt, long f, long size) {
        if (maskCount(cnt, size) == 0) {
            return f;
        }
        long[] r = rotateThroughCarry(a, rcCount(cnt, size), f & 1, (int) size, true);
        int bits = 8 * (int) size;
        long of = ((r[0] >>> (bits - 1)) & 1) ^ r[1];
        return (f & ~(long) (LazyFlags.CF | LazyFlags.OF)) | r[1] | (of << 11);
    }

    public static long rcrFlags(long a, long cnt, long f, long size) {
        if (maskCount(cnt, size) == 0) {
            return f;
        }
        long[] r = rotateThroughCarry(a, rcCount(cnt, size), f & 1, (int) size, false);
        int bits = 8 * (int) size;
        long of = ((r[0] >>> (bits - 1)) ^ (r[0] >>> (bits - 2))) & 1;
        return (f & ~(long) (LazyFlags.CF | LazyFlags.OF)) | r[1] | (of << 11);
    }

    /** {result, cf} of shld/shrd for a non-zero masked count n. */
    private static long[] doubleShift(long d, long s, int n, int size, boolean left) {
        long m = LazyFlags.mask(size);
        d &= m;
        s &= m;
        if (size == 8) {
            if (left) {
                return new long[] {(d << n) | (s >>> (64 - n)), (d >>> (64 - n)) & 1};
            }
            return new long[] {(d >>> n) | (s << (64 - n)), (d >>> (n - 1)) & 1};
        }
        if (size == 4) {
            if (left) {
                long v = (d << 32) | s;
                return new long[] {(v << n) >>> 32, (v << (n - 1)) >>> 63};
            }
            long v = (s << 32) | d;
            return new long[] {(v >>> n) & m, (v >>> (n - 1)) & 1};
        }
        // 16-bit with counts above 16 is undefined; this uses the 48-bit dest:src:dest pattern
        if (left) {
            long v = (d << 32) | (s << 16) | d;
            return new long[] {((v << n) >>> 32) & m, ((v << (n - 1)) >>> 47) & 1};
        }
        long v = (d << 32) | (s << 16) | d;
        return new long[] {(v >>> n) & m, (v >>> (n - 1)) & 1};
    }

    private static long doubleShiftFlags(long d, long s, long cnt, long f, long size, boolean left) {
        int n = maskCount(cnt, size);
        if (n == 0) {
            return f;
        }
        long[] r = doubleShift(d, s, n, (int) size, left);
        int bits = 8 * (int) size;
        long res = r[0];
        long sign = 1L << (bits - 1);
        long of = ((res ^ d) & sign) != 0 ? LazyFlags.OF : 0;
        return r[1] | LazyFlags.parity(res) | (res == 0 ? LazyFlags.ZF : 0) | ((res & sign) != 0 ? LazyFlags.SF : 0) | of;
    }

    public static long shld(long d, long s, long cnt, long size) {
        int n = maskCount(cnt, size);
        return n == 0 ? d & LazyFlags.mask((int) size) : doubleShift(d, s, n, (int) size, true)[0];
    }

    public static long shrd(long d, long s, long cnt, long size) {
        int n = maskCount(cnt, size);
        return n == 0 ? d & LazyFlags.mask((int) size) : doubleShift(d, s, n, (int) size, false)[0];
    }

    public static long shldFlags(long d, long s, long cnt, long f, long size) {
        return doubleShiftFlags(d, s, cnt, f, size, true);
    }

    public static long shrdFlags(long d, long s, long cnt, long f, long size) {
        return doubleShiftFlags(d, s, cnt, f, size, false);
    }
}

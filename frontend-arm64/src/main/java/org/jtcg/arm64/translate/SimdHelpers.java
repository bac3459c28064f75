package org.jtcg.arm64.translate;

/**
 * AdvSIMD lane arithmetic on 64-bit halves of a vector register, called from translated code
 * (all pure). Lanes are {@code 8 << esize} bits (esize 0..3 = B, H, S, D), lane 0 in the low bits.
 * Operation codes are the constants below; one helper per shape (binary, unary, pairwise ...) keeps
 * the helper count small while each call stays a plain static method.
 */
public final class SimdHelpers {
    private SimdHelpers() {}

    // binary lane ops
    public static final int ADD = 0, SUB = 1, CMEQ = 2, CMTST = 3, CMGT = 4, CMHI = 5, CMGE = 6, CMHS = 7,
            SMAX = 8, UMAX = 9, SMIN = 10, UMIN = 11, MUL = 12, USHL = 13, SSHL = 14;
    // unary lane ops
    public static final int CMEQ0 = 0, CMGT0 = 1, CMGE0 = 2, CMLE0 = 3, CMLT0 = 4, ABS = 5, NEG = 6, CNT = 7,
            CLZ = 8, CLS = 9, REV16 = 10, REV32 = 11, REV64 = 12, RBIT = 13;

    static long laneMask(int esize) {
        return esize == 3 ? -1L : (1L << (8 << esize)) - 1;
    }

    private static long sx(long v, int bits) {
        return bits == 64 ? v : v << (64 - bits) >> (64 - bits);
    }

    /** One binary op on every lane of a and b. */
    public static long binary(int op, int esize, long a, long b) {
        int bits = 8 << esize;
        long mask = laneMask(esize), r = 0;
        for (int sh = 0; sh < 64; sh += bits) {
            long x = (a >>> sh) & mask, y = (b >>> sh) & mask;
            r |= (lane(op, bits, x, y) & mask) << sh;
        }
        return r;
    }

    private static long lane(int op, int bits, long x, long y) {
        long sxx = sx(x, bits), sxy = sx(y, bits);
        return switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case CMEQ -> x == y ? -1 : 0;
            case CMTST -> (x & y) != 0 ? -1 : 0;
            case CMGT -> sxx > sxy ? -1 : 0;
            case CMHI -> Long.compareUnsigned(x, y) > 0 ? -1 : 0;
            case CMGE -> sxx >= sxy ? -1 : 0;
            case CMHS -> Long.compareUnsigned(x, y) >= 0 ? -1 : 0;
            case SMAX -> Math.max(sxx, sxy);
            case UMAX -> Long.compareUnsigned(x, y) >= 0 ? x : y;
            case SMIN -> Math.min(sxx, sxy);
            case UMIN -> Long.compareUnsigned(x, y) <= 0 ? x : y;
            case MUL -> x * y;
            case USHL, SSHL -> {
                int s = (byte) y; // signed shift count from the low byte
                boolean signed = op == SSHL;
                if (s >= 0) {
                    yield s >= bits ? 0 : x << s;
                }
                int r = -s;
                if (signed) {
                    yield r >= bits ? (sxx < 0 ? -1 : 0) : sxx >> r;
                }
                yield r >= bits ? 0 : x >>> r;
            }
            default -> throw new IllegalArgumentException("SIMD binary op " + op);
        };
    }

    /** One unary op on every lane of a. */
    public static long unary(int op, int esize, long a) {
        int bits = 8 << esize;
        long mask = laneMask(esize), r = 0;
        for (int sh = 0; sh < 64; sh += bits) {
            long x = (a >>> sh) & mask, s = sx(x, bits);
            long v = switch (op) {
                case CMEQ0 -> x == 0 ? -1 : 0;
                case CMGT0 -> s > 0 ? -1 : 0;
                case CMGE0 -> s >= 0 ? -1 : 0;
                case CMLE0 -> s <= 0 ? -1 : 0;
                case CMLT0 -> s < 0 ? -1 : 0;
                case ABS -> Math.abs(s);
                case NEG -> -x;
                case CNT -> Long.bitCount(x);
                case CLZ -> Long.numberOfLeadingZeros(x) - (64 - bits);
                case CLS -> Long.numberOfLeadingZeros((s ^ (s >> 1)) & mask) - (64 - bits) - 1;
                case RBIT -> Long.reverse(x) >>> (64 - bits);
                default -> throw new IllegalArgumentException("SIMD unary op " + op);
            };
            r |= (v & mask) << sh;
        }
        return r;
    }

    /** REV16/REV32/REV64: reverse the esize lanes inside each container of 16/32/64 bits. */
    public static long reverse(int container, int esize, long a) {
        int bits = 8 << esize;
        long mask = laneMask(esize), r = 0;
        int per = container / bits;
        for (int sh = 0; sh < 64; sh += bits) {
            int lane = sh / bits;
            int base = lane - lane % per;
            int to = base + (per - 1 - lane % per);
            r |= ((a >>> sh) & mask) << (to * bits);
        }
        return r;
    }

    /** Pairwise op: lanes of x reduced in pairs fill the low half of the result, lanes of y the high half. */
    public static long pairwise(int op, int esize, long x, long y) {
        if (esize == 3) { // ADDP .2d: x and y are the pair (the caller passes the two halves of one source)
            return lane(op, 64, x, y);
        }
        int bits = 8 << esize;
        if (bits == 64) { // one doubleword lane per input: the pair is (x, y)
            return lane(op, bits, x, y);
        }
        long mask = laneMask(esize), r = 0;
        int pairs = 32 / bits; // pairs per 64-bit input
        for (int i = 0; i < pairs; i++) {
            long a0 = (x >>> (2 * i * bits)) & mask, a1 = (x >>> ((2 * i + 1) * bits)) & mask;
            long b0 = (y >>> (2 * i * bits)) & mask, b1 = (y >>> ((2 * i + 1) * bits)) & mask;
            r |= (lane(op, bits, a0, a1) & mask) << (i * bits);
            r |= (lane(op, bits, b0, b1) & mask) << ((i + pairs) * bits);
        }
        return r;
    }

    /** Across-lanes reduction (ADDV, SMAXV, UMAXV, SMINV, UMINV) over lo (and hi when q). */
    public static long across(int op, int esize, long lo, long hi, int q) {
        int bits = 8 << esize;
        long mask = laneMask(esize);
        long acc = lo & mask;
        int lanes = (q != 0 ? 128 : 64) / bits;
        for (int i = 1; i < lanes; i++) {
            long w = i * bits < 64 ? lo : hi;
            long x = (w >>> ((i * bits) % 64)) & mask;
            acc = lane(op, bits, acc, x) & mask;
        }
        return acc;
    }

    /** Long add across lanes (SADDLV/UADDLV): the sum at twice the lane width. */
    public static long addLongAcross(int esize, long lo, long hi, int q, int signed) {
        int bits = 8 << esize;
        long mask = laneMask(esize), sum = 0;
        int lanes = (q != 0 ? 128 : 64) / bits;
        for (int i = 0; i < lanes; i++) {
            long w = i * bits < 64 ? lo : hi;
            long x = (w >>> ((i * bits) % 64)) & mask;
            sum += signed != 0 ? sx(x, bits) : x;
        }
        return sum & laneMask(esize + 1);
    }

    /** Narrow: the 2*esize-bit lanes of lo:hi shifted right by shift, low esize bits kept (XTN, SHRN). */
    public static long narrow(int esize, long lo, long hi, int shift) {
        int bits = 8 << esize, wide = 2 * bits;
        long mask = laneMask(esize), wmask = laneMask(esize + 1), r = 0;
        int per = 64 / wide;
        for (int i = 0; i < 2 * per; i++) {
            long w = i < per ? lo : hi;
            long x = (w >>> ((i % per) * wide)) & wmask;
            r |= ((x >>> shift) & mask) << (i * bits);
        }
        return r;
    }

    /** Widen half {@code part} (0 = lanes 0..n/2-1, 1 = the rest) of the esize lanes of src to 2*esize lanes, shifted left. */
    public static long widen(int esize, long src, int part, int signed, int shift) {
        int bits = 8 << esize, wide = 2 * bits;
        long mask = laneMask(esize), wmask = laneMask(esize + 1), r = 0;
        int per = 64 / wide;
        for (int i = 0; i < per; i++) {
            long x = (src >>> ((part * per + i) * bits)) & mask;
            long v = signed != 0 ? sx(x, bits) : x;
            r |= ((v << shift) & wmask) << (i * wide);
        }
        return r;
    }

    /** Shift by immediate on every lane: kind 0 SSHR, 1 USHR, 2 SHL. */
    public static long shiftImm(int kind, int esize, long a, int shift) {
        int bits = 8 << esize;
        long mask = laneMask(esize), r = 0;
        for (int sh = 0; sh < 64; sh += bits) {
            long x = (a >>> sh) & mask;
            long v = switch (kind) {
                case 0 -> shift >= bits ? (sx(x, bits) < 0 ? -1 : 0) : sx(x, bits) >> shift;
                case 1 -> shift >= bits ? 0 : x >>> shift;
                default -> x << shift;
            };
            r |= (v & mask) << sh;
        }
        return r;
    }

    /** Permute (UZP1/2, TRN1/2, ZIP1/2): half {@code part} of the result from n = nlo:nhi and m = mlo:mhi. */
    public static long permute(int perm, int esize, long nlo, long nhi, long mlo, long mhi, int q, int part) {
        int bits = 8 << esize;
        long mask = laneMask(esize);
        int lanes = (q != 0 ? 128 : 64) / bits;
        long r = 0;
        int perHalf = 64 / bits;
        for (int j = 0; j < perHalf; j++) {
            int i = part * perHalf + j;
            if (i >= lanes) {
                break;
            }
            boolean fromM;
            int src;
            int half = lanes / 2;
            switch (perm) {
                case 1, 5 -> { // UZP1, UZP2
                    int k = 2 * i + (perm == 5 ? 1 : 0);
                    fromM = k >= lanes;
                    src = k % lanes;
                }
                case 2, 6 -> { // TRN1, TRN2
                    fromM = (i & 1) != 0;
                    src = (i & ~1) + (perm == 6 ? 1 : 0);
                }
                default -> { // 3 ZIP1, 7 ZIP2
                    fromM = (i & 1) != 0;
                    src = i / 2 + (perm == 7 ? half : 0);
                }
            }
            long lo = fromM ? mlo : nlo, hi = fromM ? mhi : nhi;
            long w = src * bits < 64 ? lo : hi;
            r |= ((w >>> ((src * bits) % 64)) & mask) << (j * bits);
        }
        return r;
    }

    /** TBL/TBX byte lookup for 8 result bytes of idx: table registers are in tbl (lo, hi pairs), nregs of them. */
    public static long tableLookup(long idx, long old, long t0l, long t0h, long t1l, long t1h, long t2l, long t2h,
                                   long t3l, long t3h, int nregs, int tbx) {
        long[] t = {t0l, t0h, t1l, t1h, t2l, t2h, t3l, t3h};
        long r = 0;
        for (int i = 0; i < 8; i++) {
            int k = (int) (idx >>> (8 * i)) & 0xff;
            long byteVal;
            if (k < 16 * nregs) {
                byteVal = (t[k / 8] >>> (8 * (k % 8))) & 0xff;
            } else {
                byteVal = tbx != 0 ? (old >>> (8 * i)) & 0xff : 0;
            }
            r |= byteVal << (8 * i);
        }
        return r;
    }

    /** AdvSIMDExpandImm(op, cmode, imm8): the 64-bit pattern (both halves get it). */
    public static long expandImm(int op, int cmode, int imm8) {
        long i8 = imm8 & 0xffL;
        return switch (cmode >> 1) {
            case 0 -> rep32(i8);
            case 1 -> rep32(i8 << 8);
            case 2 -> rep32(i8 << 16);
            case 3 -> rep32(i8 << 24);
            case 4 -> rep16(i8);
            case 5 -> rep16(i8 << 8);
            case 6 -> (cmode & 1) == 0 ? rep32(i8 << 8 | 0xff) : rep32(i8 << 16 | 0xffff);
            default -> {
                if ((cmode & 1) == 0) {
                    if (op == 0) {
                        yield rep16(i8 | i8 << 8);
                    }
                    long r = 0;
                    for (int b = 0; b < 8; b++) {
                        if ((imm8 >> b & 1) != 0) {
                            r |= 0xffL << (8 * b);
                        }
                    }
                    yield r;
                }
                yield op == 0 ? rep32(FpImm.single(imm8)) : FpImm.dbl(imm8);
            }
        };
    }

    private static long rep32(long v) {
        v &= 0xffff_ffffL;
        return v | v << 32;
    }

    private static long rep16(long v) {
        v &= 0xffff;
        return rep32(v | v << 16);
    }
}

package org.jtcg.core.ir;

/**
 * The exact semantics of the vector ops (docs/ir.md, "Vector registers"), one 64-bit word at a
 * time: every lane op works on lanes of {@code esize} bits (8, 16, 32 or 64) that never cross a
 * 64-bit word, so a 128-bit op is the same function applied to the low and to the high word. The
 * interpreter calls {@link #binary}/{@link #shift}; the JIT calls the named methods (or emits
 * plain {@code long} bytecode for the 64-bit and bitwise cases). Lane i of a word holds bits
 * {@code [i*esize, (i+1)*esize)}.
 */
public final class VectorSemantics {
    private VectorSemantics() {}

    /** The top bit of every lane, indexed by {@code esize >> 4} (8, 16, 32; 64 is a plain long). */
    private static final long[] HIGH_BITS = {0x8080808080808080L, 0x8000800080008000L, 0x8000000080000000L};

    private static long high(int esize) {
        return HIGH_BITS[esize >> 4];
    }

    /** Lane-wise a + b, modulo 2^esize (SWAR: carries never cross a lane). */
    public static long add(long a, long b, int esize) {
        if (esize == 64) {
            return a + b;
        }
        long h = high(esize);
        return ((a & ~h) + (b & ~h)) ^ ((a ^ b) & h);
    }

    /** Lane-wise a - b, modulo 2^esize. */
    public static long sub(long a, long b, int esize) {
        if (esize == 64) {
            return a - b;
        }
        long h = high(esize);
        return ((a | h) - (b & ~h)) ^ ((a ^ ~b) & h);
    }

    /** Lane-wise all ones where a == b, else 0. */
    public static long cmpeq(long a, long b, int esize) {
        if (esize == 64) {
            return a == b ? -1L : 0;
        }
        long h = high(esize);
        long x = a ^ b;
        long nonZero = (((x & ~h) + ~h) | x) & h; // top bit set in every lane of x that is not 0
        return laneMask(~nonZero & h, esize);
    }

    /** Widens the top bit of every lane to the whole lane (esize &lt; 64). */
    private static long laneMask(long topBits, int esize) {
        return (topBits >>> (esize - 1)) * ((1L << esize) - 1);
    }

    /** Lane-wise all ones where a &gt; b as signed esize-bit values. */
    public static long cmpgts(long a, long b, int esize) {
        return laneWise(a, b, esize, 0);
    }

    /** Lane-wise all ones where a &gt; b as unsigned esize-bit values. */
    public static long cmpgtu(long a, long b, int esize) {
        return laneWise(a, b, esize, 1);
    }

    public static long mins(long a, long b, int esize) {
        return laneWise(a, b, esize, 2);
    }

    public static long minu(long a, long b, int esize) {
        if (esize == 8) { // SWAR: the byte form is hot (string functions)
            long lt = laneMask(lessUnsignedBytes(a, b), 8);
            return (a & lt) | (b & ~lt);
        }
        return laneWise(a, b, esize, 3);
    }

    /** The top bit of each byte set iff the unsigned byte of a is below that of b. */
    private static long lessUnsignedBytes(long a, long b) {
        long h = HIGH_BITS[0];
        long geLow = (a | h) - (b & ~h); // top bit: low 7 bits of a >= those of b
        return (((a ^ b) & b) | (~(a ^ b) & ~geLow)) & h;
    }

    public static long maxs(long a, long b, int esize) {
        return laneWise(a, b, esize, 4);
    }

    public static long maxu(long a, long b, int esize) {
        if (esize == 8) {
            long lt = laneMask(lessUnsignedBytes(a, b), 8);
            return (b & lt) | (a & ~lt);
        }
        return laneWise(a, b, esize, 5);
    }

    /** Lane-wise a + b saturated to the signed esize-bit range. */
    public static long addss(long a, long b, int esize) {
        return laneWise(a, b, esize, 6);
    }

    /** Lane-wise a + b saturated to the unsigned esize-bit range. */
    public static long addus(long a, long b, int esize) {
        return laneWise(a, b, esize, 7);
    }

    /** Lane-wise a - b saturated to the signed esize-bit range. */
    public static long subss(long a, long b, int esize) {
        return laneWise(a, b, esize, 8);
    }

    /** Lane-wise a - b saturated to the unsigned esize-bit range (0 when b &gt; a). */
    public static long subus(long a, long b, int esize) {
        return laneWise(a, b, esize, 9);
    }

    private static long laneWise(long a, long b, int esize, int op) {
        long out = 0;
        long mask = esize == 64 ? -1L : (1L << esize) - 1;
        for (int sh = 0; sh < 64; sh += esize) {
            long x = (a >>> sh) & mask, y = (b >>> sh) & mask;
            out |= (lane(op, esize, x, y) & mask) << sh;
        }
        return out;
    }

    /** One lane; x, y are the lanes zero-extended. */
    private static long lane(int op, int esize, long x, long y) {
        long sx = (x << (64 - esize)) >> (64 - esize), sy = (y << (64 - esize)) >> (64 - esize);
        return switch (op) {
            case 0 -> sx > sy ? -1L : 0;
            case 1 -> Long.compareUnsigned(x, y) > 0 ? -1L : 0;
            case 2 -> sx < sy ? x : y;
            case 3 -> Long.compareUnsigned(x, y) < 0 ? x : y;
            case 4 -> sx > sy ? x : y;
            case 5 -> Long.compareUnsigned(x, y) > 0 ? x : y;
            case 6 -> saturateSigned(sx, sy, true, esize);
            case 7 -> saturateUnsigned(x, y, true, esize);
            case 8 -> saturateSigned(sx, sy, false, esize);
            default -> saturateUnsigned(x, y, false, esize);
        };
    }

    private static long saturateSigned(long x, long y, boolean add, int esize) {
        long max = esize == 64 ? Long.MAX_VALUE : (1L << (esize - 1)) - 1, min = ~max;
        if (esize == 64) {
            return add ? (((x ^ (x + y)) & (y ^ (x + y))) < 0 ? (x < 0 ? min : max) : x + y)
                    : (((x ^ y) & (x ^ (x - y))) < 0 ? (x < 0 ? min : max) : x - y);
        }
        long r = add ? x + y : x - y;
        return r > max ? max : r < min ? min : r;
    }

    private static long saturateUnsigned(long x, long y, boolean add, int esize) {
        if (add) {
            long r = x + y;
            long max = esize == 64 ? -1L : (1L << esize) - 1;
            return Long.compareUnsigned(r, max) > 0 || Long.compareUnsigned(r, x) < 0 ? max : r;
        }
        return Long.compareUnsigned(x, y) < 0 ? 0 : x - y;
    }

    /** Lane-wise logical shift left by count; count &gt;= esize gives 0. */
    public static long shli(long a, int count, int esize) {
        if (count >= esize) {
            return 0;
        }
        if (esize == 64) {
            return a << count;
        }
        return (a & lowBitsOfEveryLane(esize - count, esize)) << count;
    }

    /** Lane-wise logical shift right by count; count &gt;= esize gives 0. */
    public static long shri(long a, int count, int esize) {
        if (count >= esize) {
            return 0;
        }
        if (esize == 64) {
            return a >>> count;
        }
        return (a >>> count) & lowBitsOfEveryLane(esize - count, esize);
    }

    /** Lane-wise arithmetic shift right by count; count &gt;= esize fills every lane with its sign. */
    public static long sari(long a, int count, int esize) {
        int c = Math.min(count, esize - 1);
        if (esize == 64) {
            return a >> c;
        }
        long out = 0;
        long mask = (1L << esize) - 1;
        for (int sh = 0; sh < 64; sh += esize) {
            long x = (((a >>> sh) & mask) << (64 - esize)) >> (64 - esize);
            out |= ((x >> c) & mask) << sh;
        }
        return out;
    }

    /** The low {@code bits} bits of every esize-bit lane set (0 &lt; bits &lt;= esize &lt; 64). */
    private static long lowBitsOfEveryLane(int bits, int esize) {
        long lane = (1L << bits) - 1;
        long out = 0;
        for (int sh = 0; sh < 64; sh += esize) {
            out |= lane << sh;
        }
        return out;
    }

    /** The word function of a binary lane op (for the interpreter). */
    public static long binary(Opcode opc, long a, long b, int esize) {
        return switch (opc) {
            case VADD -> add(a, b, esize);
            case VSUB -> sub(a, b, esize);
            case VADDSS -> addss(a, b, esize);
            case VADDUS -> addus(a, b, esize);
            case VSUBSS -> subss(a, b, esize);
            case VSUBUS -> subus(a, b, esize);
            case VAND -> a & b;
            case VOR -> a | b;
            case VXOR -> a ^ b;
            case VANDC -> a & ~b;
            case VCMPEQ -> cmpeq(a, b, esize);
            case VCMPGTS -> cmpgts(a, b, esize);
            case VCMPGTU -> cmpgtu(a, b, esize);
            case VMINS -> mins(a, b, esize);
            case VMINU -> minu(a, b, esize);
            case VMAXS -> maxs(a, b, esize);
            case VMAXU -> maxu(a, b, esize);
            default -> throw new IllegalArgumentException("not a binary vector op: " + opc);
        };
    }

    /** The word function of a shift-by-immediate op (for the interpreter). */
    public static long shift(Opcode opc, long a, int count, int esize) {
        return switch (opc) {
            case VSHLI -> shli(a, count, esize);
            case VSHRI -> shri(a, count, esize);
            case VSARI -> sari(a, count, esize);
            default -> throw new IllegalArgumentException("not a vector shift: " + opc);
        };
    }

    /** Lane {@code lane} (esize bits) of the 128-bit value {lo, hi}, zero-extended. */
    public static long get(long lo, long hi, int lane, int esize) {
        int bit = lane * esize;
        return IrSemantics.extract(bit < 64 ? lo : hi, bit & 63, esize);
    }

    /** The word {@code word} (0 = low) of {lo, hi} with lane {@code lane} replaced by the low esize bits of v. */
    public static long setWord(long w, int word, long v, int lane, int esize) {
        int bit = lane * esize;
        return (bit >> 6) != word ? w : IrSemantics.deposit(w, v, bit & 63, esize);
    }
}

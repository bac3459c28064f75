package org.jtcg.x86;

/**
 * Lazy arithmetic flags (QEMU's cc_op idea). A flag-setting instruction does not compute
 * RFLAGS; it records which operation ran ({@link X86Cpu#ccOp}) and its operands
 * ({@link X86Cpu#ccDst}, {@link X86Cpu#ccSrc}, {@link X86Cpu#ccSrc2}); the six arithmetic flags
 * (CF PF AF ZF SF OF) are derived only when something reads them.
 *
 * <p>{@code ccOp = kind * 4 + log2(operand size)}. Operand meaning per kind (all values are the
 * raw 64-bit register contents; only the low {@code size} bytes matter):
 * <table>
 * <caption>kinds</caption>
 * <tr><th>kind</th><th>ccDst</th><th>ccSrc</th><th>ccSrc2</th></tr>
 * <tr><td>EFLAGS</td><td>-</td><td>the flags themselves (OSZAPC bits)</td><td>-</td></tr>
 * <tr><td>ADD (add, adc, xadd)</td><td>result</td><td>first operand a</td><td>second operand b; carry-in = result - a - b</td></tr>
 * <tr><td>SUB (sub, sbb, cmp, neg, cmpxchg, cmps, scas)</td><td>result</td><td>a</td><td>b; borrow-in = a - b - result</td></tr>
 * <tr><td>LOGIC</td><td>result</td><td>-</td><td>-</td></tr>
 * <tr><td>INC / DEC</td><td>result</td><td>carry flag before the instruction (0/1)</td><td>-</td></tr>
 * <tr><td>SHL</td><td>result</td><td>operand shifted by count-1</td><td>original operand</td></tr>
 * <tr><td>SHR / SAR</td><td>result</td><td>operand shifted by count-1</td><td>original operand</td></tr>
 * <tr><td>MUL</td><td>low half of the product</td><td>1 if the product does not fit (CF = OF)</td><td>-</td></tr>
 * </table>
 *
 * <p>Undefined flags follow Intel hardware where it was cheap to match (measured with the native
 * oracle test): LOGIC clears AF; MUL sets SF/ZF/PF from the low half and clears AF; shifts clear AF
 * for a non-zero count.
 */
public final class LazyFlags {
    private LazyFlags() {}

    public static final int CF = 0x1, PF = 0x4, AF = 0x10, ZF = 0x40, SF = 0x80, OF = 0x800;
    /** The six arithmetic flags. */
    public static final int OSZAPC = CF | PF | AF | ZF | SF | OF;
    /** RFLAGS.DF (string direction). */
    public static final int DF = 0x400;

    public static final int EFLAGS = 0, ADD = 1, SUB = 2, LOGIC = 3, INC = 4, DEC = 5, SHL = 6, SHR = 7, SAR = 8, MUL = 9;
    private static final int KINDS = 10;

    /** The cc_op value for a kind at an operand size of 1, 2, 4 or 8 bytes. */
    public static int op(int kind, int size) {
        return kind * 4 + Integer.numberOfTrailingZeros(size);
    }

    /** Mask of an operand size in bytes. */
    public static long mask(int size) {
        return size == 8 ? -1L : (1L << (8 * size)) - 1;
    }

    /** PF for a result: 1 when the low byte has an even number of set bits. */
    public static long parity(long res) {
        return (~Long.bitCount(res & 0xff) & 1) << 2;
    }

    /**
     * The OSZAPC bits for a lazy-flag state. Pure; used by translated code (as a helper) whenever a
     * flag is needed and its producer is not known statically, and by {@link X86Cpu#foldLazyState()}.
     */
    public static long compute(long ccOp, long dst, long src, long src2) {
        int op = (int) ccOp;
        int kind = op >>> 2;
        if (kind == EFLAGS) {
            return src & OSZAPC;
        }
        if (kind >= KINDS || op < 0) {
            throw new IllegalStateException("corrupt lazy-flag state: cc_op " + ccOp);
        }
        int size = 1 << (op & 3);
        int bits = 8 * size;
        long m = mask(size);
        long signBit = 1L << (bits - 1);
        long res = dst & m;
        long f = parity(res) | (res == 0 ? ZF : 0) | ((res & signBit) != 0 ? SF : 0);
        switch (kind) {
            case ADD -> {
                long a = src & m, b = src2 & m;
                long carryIn = (dst - src - src2) & m;
                boolean cf = carryIn != 0 ? Long.compareUnsigned(res, a) <= 0 : Long.compareUnsigned(res, a) < 0;
                f |= (cf ? CF : 0) | ((a ^ b ^ res) & AF) | (((a ^ res) & (b ^ res) & signBit) != 0 ? OF : 0);
            }
            case SUB -> {
                long a = src & m, b = src2 & m;
                long borrowIn = (src - src2 - dst) & m;
                boolean cf = borrowIn != 0 ? Long.compareUnsigned(a, b) <= 0 : Long.compareUnsigned(a, b) < 0;
                f |= (cf ? CF : 0) | ((a ^ b ^ res) & AF) | (((a ^ b) & (a ^ res) & signBit) != 0 ? OF : 0);
            }
            case LOGIC -> { }
            case INC -> f |= (src & CF) | ((res & 0xf) == 0 ? AF : 0) | (res == signBit ? OF : 0);
            case DEC -> f |= (src & CF) | ((res & 0xf) == 0xf ? AF : 0) | (res == signBit - 1 ? OF : 0);
            case SHL -> {
                long cf = (src & signBit) != 0 ? CF : 0;
                f |= cf | (((res & signBit) != 0) != (cf != 0) ? OF : 0);
            }
            case SHR -> f |= (src & CF) | ((src2 & signBit) != 0 ? OF : 0);
            case SAR -> f |= src & CF;
            case MUL -> f |= src != 0 ? CF | OF : 0;
            default -> throw new IllegalStateException("corrupt lazy-flag state: cc_op " + ccOp);
        }
        return f;
    }

    /**
     * CF alone (0 or 1) for a lazy-flag state: {@code compute(...) & CF} without the other five flags.
     * Pure; translated code calls it where an instruction needs the carry and the producer is not known
     * statically, above all {@code inc}/{@code dec} at the start of a block (they keep CF, so they read it):
     * computing all six flags there, parity included, cost busybox {@code gzip -9} ~8% of its CPU time.
     */
    public static long carryFlag(long ccOp, long dst, long src, long src2) {
        int op = (int) ccOp;
        int kind = op >>> 2;
        if (kind >= KINDS || op < 0) {
            throw new IllegalStateException("corrupt lazy-flag state: cc_op " + ccOp);
        }
        int size = 1 << (op & 3);
        long m = mask(size);
        return switch (kind) {
            case EFLAGS, INC, DEC, SHR, SAR -> src & CF;
            case ADD -> {
                long a = src & m, res = dst & m;
                boolean carryIn = ((dst - src - src2) & m) != 0;
                yield (carryIn ? Long.compareUnsigned(res, a) <= 0 : Long.compareUnsigned(res, a) < 0) ? 1 : 0;
            }
            case SUB -> {
                long a = src & m, b = src2 & m;
                boolean borrowIn = ((src - src2 - dst) & m) != 0;
                yield (borrowIn ? Long.compareUnsigned(a, b) <= 0 : Long.compareUnsigned(a, b) < 0) ? 1 : 0;
            }
            case SHL -> (src >>> (8 * size - 1)) & 1;
            case MUL -> src != 0 ? 1 : 0;
            default -> 0; // LOGIC
        };
    }

    /**
     * Whether x86 condition {@code cc} (0..15: o no b ae e ne be a s ns p np l ge le g) holds for the
     * OSZAPC bits {@code f}.
     */
    public static boolean test(int cc, long f) {
        boolean r = switch (cc >> 1) {
            case 0 -> (f & OF) != 0;
            case 1 -> (f & CF) != 0;
            case 2 -> (f & ZF) != 0;
            case 3 -> (f & (CF | ZF)) != 0;
            case 4 -> (f & SF) != 0;
            case 5 -> (f & PF) != 0;
            case 6 -> ((f & SF) != 0) != ((f & OF) != 0);
            default -> (f & ZF) != 0 || (((f & SF) != 0) != ((f & OF) != 0));
        };
        return r ^ ((cc & 1) != 0);
    }
}

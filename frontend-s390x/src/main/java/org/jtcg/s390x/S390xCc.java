package org.jtcg.s390x;

/**
 * The lazy condition code. A CC-setting instruction does not compute the 2-bit CC; it records
 * which operation ran ({@link S390xCpu#ccOp}) and up to three operands ({@link S390xCpu#ccA},
 * {@link S390xCpu#ccB}, {@link S390xCpu#ccR}, the raw 64-bit values). The CC is derived only when a
 * branch, IPM or anything outside translated code needs it; {@link S390xCpu#foldLazyState()} puts it
 * into the PSW mask (bits 18-19) and leaves the state as {@link #CONST}.
 *
 * <table>
 * <caption>kinds (32-bit kinds look only at the low 32 bits)</caption>
 * <tr><th>kind</th><th>ccA</th><th>ccB</th><th>ccR</th><th>CC</th></tr>
 * <tr><td>CONST</td><td>the CC</td><td>-</td><td>-</td><td>a</td></tr>
 * <tr><td>CMP_S32/64</td><td>a</td><td>b</td><td>-</td><td>0 a=b, 1 a&lt;b, 2 a&gt;b (signed)</td></tr>
 * <tr><td>CMP_U32/64</td><td>a</td><td>b</td><td>-</td><td>same, unsigned</td></tr>
 * <tr><td>ADD_S32/64</td><td>a</td><td>b</td><td>a+b</td><td>3 overflow, else sign of result (0/1/2)</td></tr>
 * <tr><td>SUB_S32/64</td><td>a</td><td>b</td><td>a-b</td><td>3 overflow, else sign of result</td></tr>
 * <tr><td>ADD_U32/64</td><td>a</td><td>b</td><td>a+b</td><td>(result != 0) + 2*carry</td></tr>
 * <tr><td>SUB_U32/64</td><td>a</td><td>b</td><td>a-b</td><td>(result != 0) + 2*(no borrow)</td></tr>
 * <tr><td>NZ32/64</td><td>-</td><td>-</td><td>result</td><td>0 zero, 1 not zero</td></tr>
 * <tr><td>TM</td><td>selected bits</td><td>mask</td><td>-</td><td>0 all zero, 3 all one, 1 mixed (TM, TMY)</td></tr>
 * <tr><td>TMX</td><td>selected bits</td><td>mask</td><td>-</td><td>0 all zero, 3 all one, mixed: 1 if the leftmost
 *     selected bit is 0, 2 if it is 1 (TMLL and relatives)</td></tr>
 * <tr><td>ICM</td><td>inserted bits</td><td>their width</td><td>-</td><td>0 zero, 1 leftmost bit one, 2 otherwise</td></tr>
 * <tr><td>ABS32/64</td><td>operand</td><td>-</td><td>-</td><td>0 zero, 3 most negative (overflow), 2 otherwise</td></tr>
 * <tr><td>NABS32/64</td><td>operand</td><td>-</td><td>-</td><td>0 zero, 1 otherwise</td></tr>
 * <tr><td>SLA32/64</td><td>operand</td><td>shift amount</td><td>-</td><td>3 overflow, else sign of the result
 *     ({@link ArithmeticShift})</td></tr>
 * </table>
 */
public final class S390xCc {
    private S390xCc() {}

    public static final int CONST = 0, CMP_S32 = 1, CMP_S64 = 2, CMP_U32 = 3, CMP_U64 = 4, ADD_S32 = 5, ADD_S64 = 6,
            SUB_S32 = 7, SUB_S64 = 8, ADD_U32 = 9, ADD_U64 = 10, SUB_U32 = 11, SUB_U64 = 12, NZ32 = 13, NZ64 = 14,
            TM = 15, TMX = 16, ICM = 17, ABS32 = 18, ABS64 = 19, NABS32 = 20, NABS64 = 21,
            SLA32 = 22, SLA64 = 23;
    private static final int KINDS = 24;

    /**
     * {@link #compute} with the CONST kind (what helpers and CC-setting calls leave) inline; small enough
     * for C1 to inline into translated code, so a branch on such a CC in a later block costs no call.
     */
    public static long value(long op, long a, long b, long r) {
        return op == CONST ? a & 3 : compute(op, a, b, r);
    }

    /** The CC (0..3) of a lazy state. Pure: called by translated code and by the CPU's fold. */
    public static long compute(long op, long a, long b, long r) {
        switch ((int) op) {
            case CONST: return a & 3;
            case CMP_S32: return cmp(Integer.compare((int) a, (int) b));
            case CMP_S64: return cmp(Long.compare(a, b));
            case CMP_U32: return cmp(Integer.compareUnsigned((int) a, (int) b));
            case CMP_U64: return cmp(Long.compareUnsigned(a, b));
            case ADD_S32: return ((((int) a ^ (int) r) & ((int) b ^ (int) r)) < 0) ? 3 : sign((int) r);
            case ADD_S64: return (((a ^ r) & (b ^ r)) < 0) ? 3 : sign(r);
            case SUB_S32: return ((((int) a ^ (int) b) & ((int) a ^ (int) r)) < 0) ? 3 : sign((int) r);
            case SUB_S64: return (((a ^ b) & (a ^ r)) < 0) ? 3 : sign(r);
            case ADD_U32: return ((int) r != 0 ? 1 : 0) | (Integer.compareUnsigned((int) r, (int) a) < 0 ? 2 : 0);
            case ADD_U64: return (r != 0 ? 1 : 0) | (Long.compareUnsigned(r, a) < 0 ? 2 : 0);
            case SUB_U32: return ((int) r != 0 ? 1 : 0) | (Integer.compareUnsigned((int) a, (int) b) >= 0 ? 2 : 0);
            case SUB_U64: return (r != 0 ? 1 : 0) | (Long.compareUnsigned(a, b) >= 0 ? 2 : 0);
            case NZ32: return (int) r != 0 ? 1 : 0;
            case NZ64: return r != 0 ? 1 : 0;
            case TM: return a == 0 ? 0 : a == b ? 3 : 1;
            case TMX: return a == 0 ? 0 : a == b ? 3 : (a & Long.highestOneBit(b)) != 0 ? 2 : 1;
            case ICM: return a == 0 ? 0 : ((a >>> (b - 1)) & 1) != 0 ? 1 : 2;
            case ABS32: return (int) a == 0 ? 0 : (int) a == Integer.MIN_VALUE ? 3 : 2;
            case ABS64: return a == 0 ? 0 : a == Long.MIN_VALUE ? 3 : 2;
            case NABS32: return (int) a == 0 ? 0 : 1;
            case NABS64: return a == 0 ? 0 : 1;
            case SLA32: return ArithmeticShift.cc(a, b, 32);
            case SLA64: return ArithmeticShift.cc(a, b, 64);
            default: throw new IllegalStateException("corrupt lazy condition code: kind " + op + " (of " + KINDS + ")");
        }
    }

    private static long cmp(int c) {
        return c == 0 ? 0 : c < 0 ? 1 : 2;
    }

    private static long sign(long r) {
        return r == 0 ? 0 : r < 0 ? 1 : 2;
    }

    /** Whether a branch mask (bit 8 = CC0 ... bit 1 = CC3) selects condition code {@code cc}. */
    public static boolean selects(int mask, long cc) {
        return ((mask >> (3 - cc)) & 1) != 0;
    }
}

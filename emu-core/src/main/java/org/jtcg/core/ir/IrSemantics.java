package org.jtcg.core.ir;

/**
 * The exact value semantics of IR operations, shared by the interpreter, the constant folder
 * and (for the non-trivial ops) the JIT's generated code, which calls the public static
 * methods here. I32 values travel in a {@code long} sign-extended ({@link Type#norm}).
 *
 * <p>Definitions that differ from "whatever the host does":
 * <ul>
 * <li>Shift and rotate counts are taken modulo the width (low 5 or 6 bits), like the JVM.</li>
 * <li>Division by zero: quotient 0, remainder = dividend (signed and unsigned).
 *     Signed MIN / -1 wraps to MIN with remainder 0.</li>
 * <li>clz/ctz of 0 is the width; popcnt counts set bits.</li>
 * <li>bswap16 swaps the low 2 bytes and bswap32 the low 4 bytes, zero-extending the result.</li>
 * </ul>
 */
public final class IrSemantics {
    private IrSemantics() {}

    // ---- helpers called from generated code ----

    public static long mulhu64(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    public static long mulhs64(long a, long b) {
        return Math.multiplyHigh(a, b);
    }

    public static int mulhu32(int a, int b) {
        return (int) (((a & 0xffffffffL) * (b & 0xffffffffL)) >>> 32);
    }

    public static int mulhs32(int a, int b) {
        return (int) (((long) a * b) >> 32);
    }

    public static long divs64(long a, long b) {
        return b == 0 ? 0 : a / b;
    }

    public static long divu64(long a, long b) {
        return b == 0 ? 0 : Long.divideUnsigned(a, b);
    }

    public static long rems64(long a, long b) {
        return b == 0 ? a : a % b;
    }

    public static long remu64(long a, long b) {
        return b == 0 ? a : Long.remainderUnsigned(a, b);
    }

    public static int divs32(int a, int b) {
        return b == 0 ? 0 : a / b;
    }

    public static int divu32(int a, int b) {
        return b == 0 ? 0 : Integer.divideUnsigned(a, b);
    }

    public static int rems32(int a, int b) {
        return b == 0 ? a : a % b;
    }

    public static int remu32(int a, int b) {
        return b == 0 ? a : Integer.remainderUnsigned(a, b);
    }

    public static long bswap16(long a) {
        return ((a & 0xff) << 8) | ((a >>> 8) & 0xff);
    }

    public static long bswap32(long a) {
        return Integer.reverseBytes((int) a) & 0xffffffffL;
    }

    /** Bits [pos, pos+len) of a, zero-extended (1 <= len, pos+len <= 64). */
    public static long extract(long a, int pos, int len) {
        return len == 64 ? a : (a >>> pos) & ((1L << len) - 1);
    }

    /** Bits [pos, pos+len) of a, sign-extended. */
    public static long sextract(long a, int pos, int len) {
        return (a << (64 - pos - len)) >> (64 - len);
    }

    /** a with bits [pos, pos+len) replaced by the low len bits of b. */
    public static long deposit(long a, long b, int pos, int len) {
        long mask = (len == 64 ? -1L : (1L << len) - 1) << pos;
        return (a & ~mask) | ((b << pos) & mask);
    }

    public static boolean cond64(Cond c, long a, long b) {
        return switch (c) {
            case EQ -> a == b;
            case NE -> a != b;
            case LT -> a < b;
            case LE -> a <= b;
            case GT -> a > b;
            case GE -> a >= b;
            case LTU -> Long.compareUnsigned(a, b) < 0;
            case LEU -> Long.compareUnsigned(a, b) <= 0;
            case GTU -> Long.compareUnsigned(a, b) > 0;
            case GEU -> Long.compareUnsigned(a, b) >= 0;
            case TSTEQ -> (a & b) == 0;
            case TSTNE -> (a & b) != 0;
        };
    }

    /** Evaluates a condition at width t (I32 operands are compared as 32-bit values). */
    public static boolean cond(Cond c, Type t, long a, long b) {
        if (t == Type.I32) {
            switch (c) {
                case LTU: case LEU: case GTU: case GEU:
                    return cond64(c, a & 0xffffffffL, b & 0xffffffffL);
                default:
                    return cond64(c, (int) a, (int) b);
            }
        }
        return cond64(c, a, b);
    }

    /** Evaluates a pure op of shape UNARY, BINARY or CONVERT on normalised inputs; the result is normalised. */
    public static long eval(Op op, long a, long b) {
        Type t = op.type;
        boolean w = t == Type.I64;
        int ia = (int) a, ib = (int) b;
        long r = switch (op.opc) {
            case MOV -> a;
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case MULHU -> w ? mulhu64(a, b) : mulhu32(ia, ib);
            case MULHS -> w ? mulhs64(a, b) : mulhs32(ia, ib);
            case DIVS -> w ? divs64(a, b) : divs32(ia, ib);
            case DIVU -> w ? divu64(a, b) : divu32(ia, ib);
            case REMS -> w ? rems64(a, b) : rems32(ia, ib);
            case REMU -> w ? remu64(a, b) : remu32(ia, ib);
            case AND -> a & b;
            case OR -> a | b;
            case XOR -> a ^ b;
            case ANDC -> a & ~b;
            case ORC -> a | ~b;
            case SHL -> w ? a << b : ia << ib;
            case SHR -> w ? a >>> b : ia >>> ib;
            case SAR -> w ? a >> b : ia >> ib;
            case ROTL -> w ? Long.rotateLeft(a, (int) b) : Integer.rotateLeft(ia, ib);
            case ROTR -> w ? Long.rotateRight(a, (int) b) : Integer.rotateRight(ia, ib);
            case NOT -> ~a;
            case NEG -> -a;
            case CLZ -> w ? Long.numberOfLeadingZeros(a) : Integer.numberOfLeadingZeros(ia);
            case CTZ -> w ? Long.numberOfTrailingZeros(a) : Integer.numberOfTrailingZeros(ia);
            case POPCNT -> w ? Long.bitCount(a) : Integer.bitCount(ia);
            case BSWAP16 -> bswap16(a);
            case BSWAP32 -> bswap32(a);
            case BSWAP64 -> Long.reverseBytes(a);
            case EXT8S -> (byte) a;
            case EXT8U -> a & 0xff;
            case EXT16S -> (short) a;
            case EXT16U -> a & 0xffff;
            case EXT32S -> (int) a;
            case EXT32U -> a & 0xffffffffL;
            case EXTRACT -> extract(a, op.aux1, op.aux2);
            case SEXTRACT -> sextract(a, op.aux1, op.aux2);
            case DEPOSIT -> deposit(a, b, op.aux1, op.aux2);
            case TRUNC -> (int) a;
            case EXTU -> a & 0xffffffffL;
            case EXTS -> (int) a;
            default -> throw new IllegalArgumentException("not a pure value op: " + op.opc);
        };
        return t.norm(r);
    }
}

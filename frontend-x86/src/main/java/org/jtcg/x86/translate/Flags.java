package org.jtcg.x86.translate;

import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.ir.IrBuilder;
import org.jtcg.core.ir.Val;
import org.jtcg.x86.LazyFlags;
import org.jtcg.x86.X86Cpu;

/**
 * Emits lazy-flag updates and flag/condition reads for one block.
 *
 * <p>Every flag-setting instruction writes the four lazy-flag globals with plain moves (so the IR's
 * dead-global-write pass drops the ones a later instruction overwrites). The tracker also remembers,
 * statically, which operation last set the flags and the temps holding its operands; while that
 * knowledge is valid (same straight-line region), conditions are computed inline from the operands
 * (e.g. {@code jb} after {@code cmp} is one unsigned compare). Otherwise a pure helper folds the
 * globals into OSZAPC bits and the condition is a bit test.
 */
final class Flags {
    static final HelperRef COMPUTE = HelperRef.of(LazyFlags.class, "compute", HelperRef.PURE);
    static final HelperRef CARRY = HelperRef.of(LazyFlags.class, "carryFlag", HelperRef.PURE);

    private final Ctx c;
    private final IrBuilder b;
    /** Static knowledge: kind (-1 = unknown), size, operand temps. */
    private int kind = -1, size;
    private Val dst, src, src2;
    /** For ADD/SUB: the instruction had no carry/borrow input (add/sub/cmp, not adc/sbb). */
    private boolean plain;

    Flags(Ctx c) {
        this.c = c;
        this.b = c.b;
    }

    void forget() {
        kind = -1;
        dst = src = src2 = null;
    }

    /** Records a lazy-flag producer. Unused operands may be null. Values need not be masked. */
    void set(int kind, int size, Val dst, Val src, Val src2, boolean plain) {
        b.movi(c.global(X86Cpu.CC_OP), LazyFlags.op(kind, size));
        b.mov(c.global(X86Cpu.CC_DST), dst);
        b.mov(c.global(X86Cpu.CC_SRC), src != null ? src : c.c(0));
        b.mov(c.global(X86Cpu.CC_SRC2), src2 != null ? src2 : c.c(0));
        this.kind = kind;
        this.size = size;
        this.dst = dst;
        this.src = src;
        this.src2 = src2;
        this.plain = plain;
    }

    void set(int kind, int size, Val dst, Val src, Val src2) {
        set(kind, size, dst, src, src2, false);
    }

    /** Sets the flags explicitly to the OSZAPC bits in f (other bits must be clear). */
    void setExplicit(Val f) {
        b.movi(c.global(X86Cpu.CC_OP), LazyFlags.EFLAGS);
        b.mov(c.global(X86Cpu.CC_SRC), f);
        b.movi(c.global(X86Cpu.CC_DST), 0);
        b.movi(c.global(X86Cpu.CC_SRC2), 0);
        kind = LazyFlags.EFLAGS;
        src = f;
        dst = src2 = null;
    }

    /** The current OSZAPC bits as an I64 value. */
    Val value() {
        if (kind == LazyFlags.EFLAGS) {
            return src;
        }
        if (kind >= 0) {
            return b.callValue(COMPUTE, c.c(LazyFlags.op(kind, size)), dst,
                    src != null ? src : c.c(0), src2 != null ? src2 : c.c(0));
        }
        return b.callValue(COMPUTE, c.global(X86Cpu.CC_OP), c.global(X86Cpu.CC_DST), c.global(X86Cpu.CC_SRC),
                c.global(X86Cpu.CC_SRC2));
    }

    /**
     * CF as 0/1: inline from known operands where it is a compare or a bit, else the CF-only helper
     * ({@link LazyFlags#carryFlag}), never the six-flag {@link #COMPUTE} (inc/dec read CF to keep it).
     */
    Val carry() {
        switch (kind) {
            case LazyFlags.SUB -> {
                if (plain) {
                    return b.setcond(Cond.LTU, c.zext(src, size), c.zext(src2, size));
                }
            }
            case LazyFlags.ADD -> {
                if (plain) {
                    return b.setcond(Cond.LTU, c.zext(dst, size), c.zext(src, size));
                }
            }
            case LazyFlags.LOGIC -> {
                return c.c(0);
            }
            case LazyFlags.EFLAGS, LazyFlags.INC, LazyFlags.DEC, LazyFlags.SHR, LazyFlags.SAR -> {
                return b.and(src, c.c(LazyFlags.CF));
            }
            case LazyFlags.SHL -> {
                return b.extract(src, 8 * size - 1, 1, false);
            }
            case LazyFlags.MUL -> {
                return b.setcond(Cond.NE, src, c.c(0));
            }
            default -> { }
        }
        if (kind >= 0) {
            return b.callValue(CARRY, c.c(LazyFlags.op(kind, size)), dst,
                    src != null ? src : c.c(0), src2 != null ? src2 : c.c(0));
        }
        return b.callValue(CARRY, c.global(X86Cpu.CC_OP), c.global(X86Cpu.CC_DST), c.global(X86Cpu.CC_SRC),
                c.global(X86Cpu.CC_SRC2));
    }

    /** x86 condition cc (0..15) as an I64 0/1. */
    Val cond(int cc) {
        Val v = inline(cc & ~1);
        if (v != null) {
            return (cc & 1) != 0 ? b.xor(v, c.c(1)) : v;
        }
        Val f = value();
        Val r = switch (cc >> 1) {
            case 0 -> b.extract(f, 11, 1, false);
            case 1 -> b.and(f, c.c(1));
            case 2 -> b.extract(f, 6, 1, false);
            case 3 -> b.setcond(Cond.TSTNE, f, c.c(LazyFlags.CF | LazyFlags.ZF));
            case 4 -> b.extract(f, 7, 1, false);
            case 5 -> b.extract(f, 2, 1, false);
            case 6 -> b.and(b.xor(b.shr(f, c.c(7)), b.shr(f, c.c(11))), c.c(1));
            default -> b.and(b.or(b.shr(f, c.c(6)), b.xor(b.shr(f, c.c(7)), b.shr(f, c.c(11)))), c.c(1));
        };
        return (cc & 1) != 0 ? b.xor(r, c.c(1)) : r;
    }

    /** The even condition cc computed directly from known operands, or null. */
    private Val inline(int cc) {
        if (kind == LazyFlags.SUB && plain) {
            Val a = c.zext(src, size), bb = c.zext(src2, size);
            return switch (cc) {
                case 2 -> b.setcond(Cond.LTU, a, bb);
                case 4 -> b.setcond(Cond.EQ, a, bb);
                case 6 -> b.setcond(Cond.LEU, a, bb);
                case 8 -> signOf(dst);
                case 12 -> b.setcond(Cond.LT, c.sext(src, size), c.sext(src2, size));
                case 14 -> b.setcond(Cond.LE, c.sext(src, size), c.sext(src2, size));
                default -> null;
            };
        }
        if (kind == LazyFlags.LOGIC) {
            return switch (cc) {
                case 0, 2 -> c.c(0);
                case 4, 6 -> b.setcond(Cond.EQ, c.zext(dst, size), c.c(0));
                case 8, 12 -> signOf(dst);
                case 14 -> b.setcond(Cond.LE, c.sext(dst, size), c.c(0));
                default -> null;
            };
        }
        if (kind == LazyFlags.ADD || kind == LazyFlags.INC || kind == LazyFlags.DEC || kind == LazyFlags.SHL
                || kind == LazyFlags.SHR || kind == LazyFlags.SAR || kind == LazyFlags.MUL) {
            if (cc == 4) {
                return b.setcond(Cond.EQ, c.zext(dst, size), c.c(0));
            }
            if (cc == 8) {
                return signOf(dst);
            }
            if (cc == 2 && kind == LazyFlags.ADD && plain) {
                return b.setcond(Cond.LTU, c.zext(dst, size), c.zext(src, size));
            }
        }
        return null;
    }

    private Val signOf(Val v) {
        return b.extract(v, 8 * size - 1, 1, false);
    }
}

package org.jtcg.arm64.translate;

import org.jtcg.arm64.Arm64Cpu;
import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.IrBuilder;
import org.jtcg.core.ir.Type;
import org.jtcg.core.ir.Val;

/**
 * The Arm ARM's AddWithCarry and the logical-result flags, written straight into the four flag
 * fields. 32-bit forms compute on I32 values so N, C and V come from bit 31 and the 32-bit carry.
 */
final class Flags {
    private Flags() {}

    /**
     * {@code a + b + carryIn} at 64 or 32 bits (inputs zero-extended for 32), optionally setting
     * NZCV. {@code carryIn} is a 0/1 value; when it is a constant pass {@code constCarry} 0 or 1,
     * otherwise -1. Returns the result, zero-extended when 32-bit.
     */
    static Val addWithCarry(A64Ctx c, boolean sf, Val a, Val b, Val carryIn, int constCarry, boolean setFlags) {
        IrBuilder ir = c.b;
        if (sf) {
            Val r = ir.add(a, b);
            if (constCarry != 0) {
                r = ir.add(r, carryIn);
            }
            if (setFlags) {
                setNzcv(c, a, b, r, carryIn, constCarry);
            }
            return r;
        }
        Val a32 = ir.trunc(a), b32 = ir.trunc(b);
        Val r32 = ir.add(a32, b32);
        Val cin32 = null;
        if (constCarry != 0) {
            cin32 = ir.trunc(carryIn);
            r32 = ir.add(r32, cin32);
        }
        if (setFlags) {
            setNzcv(c, a32, b32, r32, cin32, constCarry);
        }
        return ir.extu(r32);
    }

    /**
     * {@code a + b} (constant carry-in 0) or {@code a - b} (SUB/SUBS/CMP), optionally setting NZCV, with
     * fewer ops than the general {@link #addWithCarry}: a 32-bit operation computes on the zero-extended
     * operands in 64 bits (no I32 conversions), so its carry out is bit 32 of the 64-bit sum and its borrow
     * the sign of the 64-bit difference; a subtraction is one SUB rather than {@code a + ~b + 1}, and its Z
     * and C compare the operands (independent of the result). Returns the result, zero-extended when 32-bit.
     */
    static Val addOrSub(A64Ctx c, boolean sf, boolean sub, Val a, Val b, boolean setFlags) {
        IrBuilder ir = c.b;
        Val r = sub ? ir.sub(a, b) : ir.add(a, b);
        Val result = sf ? r : ir.ext32u(r);
        if (!setFlags) {
            return result;
        }
        int top = sf ? 63 : 31;
        bit(c, Arm64Cpu.N, r, top);
        Val overflow;
        if (sub) {
            isZero(c, sf, ir.xor(a, b));
            // no borrow: bit 63 of (a & ~b) | ((a | ~b) & ~r); at 32 bits the sign of the 64-bit difference
            if (sf) {
                ir.shr(c.global(Arm64Cpu.C), ir.or(ir.andc(a, b), ir.andc(ir.orc(a, b), r)), c.c(63));
            } else {
                ir.xor(c.global(Arm64Cpu.C), ir.shr(r, c.c(63)), c.c(1));
            }
            overflow = ir.and(ir.xor(a, b), ir.xor(a, r)); // operands of different signs, result's sign not a's
        } else {
            isZero(c, sf, result);
            // carry out: bit 63 of (a & b) | ((a | b) & ~r); at 32 bits bit 32 of the 64-bit sum
            ir.shr(c.global(Arm64Cpu.C), sf ? ir.or(ir.and(a, b), ir.andc(ir.or(a, b), r)) : r, c.c(sf ? 63 : 32));
            overflow = ir.and(ir.xor(a, r), ir.xor(b, r)); // both operands' sign differs from the result's
        }
        bit(c, Arm64Cpu.V, overflow, top);
        return result;
    }

    /**
     * Z = 1 when the I64 v is 0, else 0, without a setcond (which the JIT lowers to a compare and two branches,
     * splitting C1's basic blocks at every flag-setting instruction): {@code v - 1} is negative only for
     * v = 0 when v is a zero-extended 32-bit value; for any 64-bit v, bit 63 of {@code (v - 1) & ~v} is set
     * only for v = 0.
     */
    private static void isZero(A64Ctx c, boolean sf, Val v) {
        IrBuilder ir = c.b;
        Val m = ir.sub(v, c.c(1));
        ir.shr(c.global(Arm64Cpu.Z), sf ? ir.andc(m, v) : m, c.c(63));
    }

    /**
     * flag = bit {@code pos} of the I64 v as 0/1 (a shift alone for bit 63). The flag-setting ops write the
     * flag fields directly rather than through a temp and a mov: in a large region method every temp is a
     * local of its own, and each copy costs bytecode that counts against the method size limit.
     */
    private static void bit(A64Ctx c, int flag, Val v, int pos) {
        IrBuilder ir = c.b;
        if (pos == 63) {
            ir.shr(c.global(flag), v, c.c(63));
        } else {
            ir.and(c.global(flag), ir.shr(v, c.c(pos)), c.c(1));
        }
    }

    /** Flags of r = a + b + cin computed at a's width (I32 or I64). */
    private static void setNzcv(A64Ctx c, Val a, Val b, Val r, Val cin, int constCarry) {
        IrBuilder ir = c.b;
        Val zero = ir.constant(r.type(), 0);
        put(c, Arm64Cpu.N, signBit(ir, r));
        put(c, Arm64Cpu.Z, ir.setcond(Cond.EQ, r, zero));
        Val carry;
        if (constCarry == 0) {
            carry = ir.setcond(Cond.LTU, r, a);
        } else if (constCarry == 1) {
            carry = ir.setcond(Cond.LEU, r, a);
        } else {
            carry = ir.movcond(Cond.NE, cin, ir.constant(cin.type(), 0),
                    ir.setcond(Cond.LEU, r, a), ir.setcond(Cond.LTU, r, a));
        }
        put(c, Arm64Cpu.C, carry);
        Val overflow = ir.and(ir.xor(a, r), ir.xor(b, r));
        put(c, Arm64Cpu.V, signBit(ir, overflow));
    }

    /**
     * The sign bit of v as 0/1: a shift rather than a setcond, which the JIT lowers to a compare and
     * two branches (C1 then splits the region into more basic blocks for every flag-setting op).
     */
    private static Val signBit(IrBuilder ir, Val v) {
        return ir.shr(v, ir.constant(v.type(), v.type() == Type.I64 ? 63 : 31));
    }

    /** N and Z from a logical result (zero-extended when 32-bit), C = V = 0 (ANDS, BICS, TST). */
    static void logical(A64Ctx c, boolean sf, Val r) {
        IrBuilder ir = c.b;
        c.lastCompare = new A64Ctx.Compare(c.pc, sf, r, c.c(0), true);
        bit(c, Arm64Cpu.N, r, sf ? 63 : 31);
        isZero(c, sf, r);
        ir.movi(c.global(Arm64Cpu.C), 0);
        ir.movi(c.global(Arm64Cpu.V), 0);
    }

    private static void put(A64Ctx c, int flag, Val bit) {
        c.b.mov(c.global(flag), bit.type() == Type.I64 ? bit : c.b.extu(bit));
    }
}

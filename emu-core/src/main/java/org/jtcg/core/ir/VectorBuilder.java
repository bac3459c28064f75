package org.jtcg.core.ir;

/**
 * Emits the vector ops of one {@link IrBuilder}: operations on the 128-bit registers of the CPU
 * state's vector file ({@link org.jtcg.core.cpu.CpuState#vectorFile()}), addressed by register
 * number, and moves between their lanes and I64 values. Semantics: {@link VectorSemantics} and
 * docs/ir.md. Misuse (a register outside the layout's file, a bad element size, lane or shift
 * count, an opcode of the wrong kind) throws {@link IllegalStateException} like the builder.
 */
public final class VectorBuilder {
    private final IrBuilder b;

    VectorBuilder(IrBuilder builder) {
        this.b = builder;
    }

    /** Lane-wise {@code vd = va opc vb} for a binary vector opcode (VADD .. VMAXU). */
    public VectorBuilder binary(Opcode opc, int esize, int vd, int va, int vb) {
        if (!opc.isVectorBinary()) {
            throw new IllegalStateException(opc + " is not a binary vector op");
        }
        checkEsize(opc, esize);
        checkRegs(opc, vd, va, vb);
        b.emit(Op.vector(opc, null, null, vd, va, vb, esize));
        return this;
    }

    /** Lane-wise {@code vd = va} shifted by {@code count} (VSHLI, VSHRI, VSARI; 0 &lt;= count &lt;= 255). */
    public VectorBuilder shift(Opcode opc, int esize, int vd, int va, int count) {
        if (!opc.isVectorShift()) {
            throw new IllegalStateException(opc + " is not a vector shift");
        }
        checkEsize(opc, esize);
        checkRegs(opc, vd, va, 0);
        if (count < 0 || count > 255) {
            throw new IllegalStateException(opc + ": shift count " + count + " outside 0..255");
        }
        b.emit(Op.vector(opc, null, null, vd, va, count, esize));
        return this;
    }

    /** {@code vd = va}, all 128 bits. */
    public VectorBuilder mov(int vd, int va) {
        checkRegs(Opcode.VMOV, vd, va, 0);
        b.emit(Op.vector(Opcode.VMOV, null, null, vd, va, 0, 128));
        return this;
    }

    /** A new I64 temp = lane {@code lane} (esize bits) of va, zero-extended. */
    public Val get(int esize, int va, int lane) {
        checkEsize(Opcode.VGET, esize);
        checkLane(Opcode.VGET, esize, lane);
        checkRegs(Opcode.VGET, 0, va, 0);
        Val d = b.temp64();
        b.emit(Op.vector(Opcode.VGET, d, null, 0, va, lane, esize));
        return d;
    }

    /** Lane {@code lane} of vd = the low esize bits of v (I32 or I64); the other lanes are kept. */
    public VectorBuilder set(int esize, int vd, int lane, Val v) {
        checkEsize(Opcode.VSET, esize);
        checkLane(Opcode.VSET, esize, lane);
        checkRegs(Opcode.VSET, vd, 0, 0);
        b.read(v, null, "vset");
        if (esize == 64 && v.type() != Type.I64) {
            throw new IllegalStateException("vset: a 64-bit lane needs an i64 value, got " + v + ":" + v.type());
        }
        b.emit(Op.vector(Opcode.VSET, null, new Val[]{v}, vd, 0, lane, esize));
        return this;
    }

    private static void checkEsize(Opcode opc, int esize) {
        if (esize != 8 && esize != 16 && esize != 32 && esize != 64) {
            throw new IllegalStateException(opc + ": element size must be 8, 16, 32 or 64 bits, got " + esize);
        }
    }

    private static void checkLane(Opcode opc, int esize, int lane) {
        if (lane < 0 || lane >= 128 / esize) {
            throw new IllegalStateException(opc + ": lane " + lane + " outside 0.." + (128 / esize - 1) + " for " + esize + "-bit lanes");
        }
    }

    private void checkRegs(Opcode opc, int... regs) {
        int n = b.layout().vectorRegisters();
        for (int r : regs) {
            if (r < 0 || r >= n) {
                throw new IllegalStateException(opc + ": vector register " + r + " outside the layout's file of " + n
                        + " (" + b.layout().stateClass().getSimpleName() + ")");
            }
        }
    }
}

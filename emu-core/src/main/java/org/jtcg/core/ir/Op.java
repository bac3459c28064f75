package org.jtcg.core.ir;

import java.util.Arrays;

/**
 * One IR operation. Immutable; passes build replacements with the {@code with...} methods.
 *
 * <p>Field use by opcode:
 * <ul>
 * <li>arithmetic/logic/conversion: {@code dst}, {@code args}; {@code type} = dst type;
 *     EXTRACT/SEXTRACT/DEPOSIT: {@code aux1} = pos, {@code aux2} = len</li>
 * <li>CONST: {@code dst}, {@code imm} (normalised to the type)</li>
 * <li>SETCOND: dst = cond(args[0], args[1]) ? 1 : 0; {@code type} = operand type (= dst type)</li>
 * <li>MOVCOND: dst = cond(args[0], args[1]) ? args[2] : args[3]; {@code type} = dst type</li>
 * <li>BRCOND: if cond(args[0], args[1]) goto label {@code aux1}; BR, LABEL: label {@code aux1}</li>
 * <li>LOAD: dst = mem[args[0]], {@code aux1} = size in bytes, {@code signed}, {@code bigEndian},
 *     {@code aux2} = {@link #ORDERED} or {@link #UNORDERED}</li>
 * <li>STORE: mem[args[1]] = args[0], {@code aux1} = size, {@code bigEndian}, {@code aux2} as LOAD</li>
 * <li>CALL: {@code helper}, {@code args}, optional {@code dst}</li>
 * <li>INSN_START: {@code imm} = guest PC</li>
 * <li>vector ops: {@code aux1} = vd, {@code aux2} = va, low 32 bits of {@code imm} = vb (or the
 *     shift count, or the lane of VGET/VSET), high 32 bits of {@code imm} = element size in bits;
 *     VGET: {@code dst}; VSET: {@code args[0]}; see {@link #vd()} etc.</li>
 * <li>exits: see {@link Opcode}</li>
 * </ul>
 */
public final class Op {
    private static final Val[] NONE = new Val[0];

    /**
     * LOAD/STORE {@code aux2}: the access may be reordered with other accesses by the engines (what the
     * single-threaded semantics allow).
     */
    public static final int UNORDERED = 0;
    /**
     * LOAD/STORE {@code aux2}: total store order as far as the JVM's compilers go: no later load or store moves
     * before an ordered load, no earlier load or store moves after an ordered store (the JIT puts an acquire fence
     * after the load and a release fence before the store: no instruction on an x86 host, whose own model is TSO;
     * on a weaker host the barriers TSO needs there). Same value semantics as UNORDERED.
     */
    public static final int ORDERED = 1;

    public final Opcode opc;
    public final Type type;
    public final Val dst;
    public final Val[] args;
    public final long imm;
    public final int aux1;
    public final int aux2;
    public final Cond cond;
    public final boolean signed;
    public final boolean bigEndian;
    public final HelperRef helper;
    /** EXIT_SIGNAL only: a human-readable reason (e.g. the undecodable bytes), or null. */
    public final String detail;

    Op(Opcode opc, Type type, Val dst, Val[] args, long imm, int aux1, int aux2, Cond cond,
       boolean signed, boolean bigEndian, HelperRef helper) {
        this(opc, type, dst, args, imm, aux1, aux2, cond, signed, bigEndian, helper, null);
    }

    Op(Opcode opc, Type type, Val dst, Val[] args, long imm, int aux1, int aux2, Cond cond,
       boolean signed, boolean bigEndian, HelperRef helper, String detail) {
        this.detail = detail;
        this.opc = opc;
        this.type = type;
        this.dst = dst;
        this.args = args == null ? NONE : args;
        this.imm = imm;
        this.aux1 = aux1;
        this.aux2 = aux2;
        this.cond = cond;
        this.signed = signed;
        this.bigEndian = bigEndian;
        this.helper = helper;
    }

    static Op simple(Opcode opc, Type type, Val dst, Val... args) {
        return new Op(opc, type, dst, args, 0, 0, 0, null, false, false, null);
    }

    /** A CONST op defining {@code dst}. */
    public static Op constant(Val dst, long value) {
        return new Op(Opcode.CONST, dst.type(), dst, NONE, dst.type().norm(value), 0, 0, null, false, false, null);
    }

    /** A MOV op. */
    public static Op move(Val dst, Val src) {
        return simple(Opcode.MOV, dst.type(), dst, src);
    }

    /** An unconditional branch. */
    public static Op branch(int label) {
        return new Op(Opcode.BR, null, null, NONE, 0, label, 0, null, false, false, null);
    }

    /** Same op with different operands (for copy propagation). */
    public Op withArgs(Val[] newArgs) {
        return new Op(opc, type, dst, newArgs, imm, aux1, aux2, cond, signed, bigEndian, helper, detail);
    }

    /** Vector ops: the destination register. */
    public int vd() {
        return aux1;
    }

    /** Vector ops: the first source register. */
    public int va() {
        return aux2;
    }

    /** Vector ops: the second source register, the shift count, or the lane of VGET/VSET. */
    public int vb() {
        return (int) imm;
    }

    /** Vector ops: the element (lane) size in bits: 8, 16, 32 or 64 (128 for VMOV). */
    public int esize() {
        return (int) (imm >>> 32);
    }

    static Op vector(Opcode opc, Val dst, Val[] args, int vd, int va, int vb, int esize) {
        return new Op(opc, null, dst, args, ((long) esize << 32) | (vb & 0xffffffffL), vd, va, null, false, false, null);
    }

    /** The label an op targets or defines, or -1. */
    public int label() {
        return (opc == Opcode.BR || opc == Opcode.BRCOND || opc == Opcode.LABEL) ? aux1 : -1;
    }

    /** Whether the CPU state may be observed by this op other than through args: exits, memory ops (they may fault) and non-pure helpers. */
    public boolean mayObserveGlobals() {
        return switch (opc) {
            case LOAD, STORE -> true;
            case CALL -> !helper.isPure();
            default -> opc.isExit();
        };
    }

    @Override
    public String toString() {
        return IrPrinter.format(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Op p && p.opc == opc && p.type == type && java.util.Objects.equals(p.dst, dst)
                && Arrays.equals(p.args, args) && p.imm == imm && p.aux1 == aux1 && p.aux2 == aux2
                && p.cond == cond && p.signed == signed && p.bigEndian == bigEndian && p.helper == helper;
    }

    @Override
    public int hashCode() {
        return opc.hashCode() * 31 + Arrays.hashCode(args) + Long.hashCode(imm);
    }
}

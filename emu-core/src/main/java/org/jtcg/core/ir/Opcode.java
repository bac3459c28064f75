package org.jtcg.core.ir;

/**
 * IR operations. Exact semantics are in docs/ir.md and {@link IrSemantics}; the shape says
 * which {@link Op} fields an operation uses.
 */
public enum Opcode {
    MOV(Shape.UNARY), CONST(Shape.CONST),
    ADD(Shape.BINARY), SUB(Shape.BINARY), MUL(Shape.BINARY), MULHU(Shape.BINARY), MULHS(Shape.BINARY),
    DIVS(Shape.BINARY), DIVU(Shape.BINARY), REMS(Shape.BINARY), REMU(Shape.BINARY),
    AND(Shape.BINARY), OR(Shape.BINARY), XOR(Shape.BINARY), ANDC(Shape.BINARY), ORC(Shape.BINARY),
    SHL(Shape.BINARY), SHR(Shape.BINARY), SAR(Shape.BINARY), ROTL(Shape.BINARY), ROTR(Shape.BINARY),
    NOT(Shape.UNARY), NEG(Shape.UNARY), CLZ(Shape.UNARY), CTZ(Shape.UNARY), POPCNT(Shape.UNARY),
    BSWAP16(Shape.UNARY), BSWAP32(Shape.UNARY), BSWAP64(Shape.UNARY),
    EXT8S(Shape.UNARY), EXT8U(Shape.UNARY), EXT16S(Shape.UNARY), EXT16U(Shape.UNARY),
    EXT32S(Shape.UNARY), EXT32U(Shape.UNARY),
    /** dst = bits [pos, pos+len) of a, zero-extended. aux1 = pos, aux2 = len. */
    EXTRACT(Shape.UNARY),
    /** dst = bits [pos, pos+len) of a, sign-extended. */
    SEXTRACT(Shape.UNARY),
    /** dst = a with bits [pos, pos+len) replaced by the low len bits of b. */
    DEPOSIT(Shape.BINARY),
    /** I64 to I32 (low half). */
    TRUNC(Shape.CONVERT),
    /** I32 to I64, zero-extended. */
    EXTU(Shape.CONVERT),
    /** I32 to I64, sign-extended. */
    EXTS(Shape.CONVERT),
    SETCOND(Shape.OTHER), MOVCOND(Shape.OTHER), BRCOND(Shape.OTHER), BR(Shape.OTHER), LABEL(Shape.OTHER),
    LOAD(Shape.OTHER), STORE(Shape.OTHER), CALL(Shape.OTHER), INSN_START(Shape.OTHER),
    /** Exit to a constant guest PC; the block cache may chain it to its successor. */
    GOTO_DIRECT(Shape.EXIT),
    /** Exit to the PC held in args[0]; the dispatcher looks it up (jump cache) and continues. */
    GOTO_INDIRECT(Shape.EXIT),
    /** Leave the engine with a SYSCALL exit; imm = PC after the syscall instruction. */
    EXIT_SYSCALL(Shape.EXIT),
    /** Leave the engine with a guest signal: aux1 = signo, aux2 = si_code, args[0] = address, imm = pc. */
    EXIT_SIGNAL(Shape.EXIT),
    /** Leave the engine with a HALT exit; imm = PC to resume at. */
    EXIT_HALT(Shape.EXIT),
    // ---- vector ops over the CPU state's 128-bit register file (docs/ir.md "Vector registers");
    // operands are register numbers: Op.vd(), Op.va(), Op.vb(), element size Op.esize() ----
    /** vd = va (all 128 bits). */
    VMOV(Shape.VECTOR),
    /** Lane-wise vd = va op vb at element size esize. */
    VADD(Shape.VECTOR), VSUB(Shape.VECTOR), VADDSS(Shape.VECTOR), VADDUS(Shape.VECTOR), VSUBSS(Shape.VECTOR),
    VSUBUS(Shape.VECTOR), VAND(Shape.VECTOR), VOR(Shape.VECTOR), VXOR(Shape.VECTOR), VANDC(Shape.VECTOR),
    VCMPEQ(Shape.VECTOR), VCMPGTS(Shape.VECTOR), VCMPGTU(Shape.VECTOR), VMINS(Shape.VECTOR), VMINU(Shape.VECTOR),
    VMAXS(Shape.VECTOR), VMAXU(Shape.VECTOR),
    /** Lane-wise vd = va shifted by the constant count Op.vb() (0..255). */
    VSHLI(Shape.VECTOR), VSHRI(Shape.VECTOR), VSARI(Shape.VECTOR),
    /** dst (I64) = lane Op.vb() of va, zero-extended. */
    VGET(Shape.VECTOR),
    /** Lane Op.vb() of vd = the low esize bits of args[0]; the other lanes keep their value. */
    VSET(Shape.VECTOR);

    /** Operand layout family. */
    public enum Shape { UNARY, BINARY, CONST, CONVERT, EXIT, OTHER, VECTOR }

    public final Shape shape;

    Opcode(Shape shape) {
        this.shape = shape;
    }

    public boolean isVector() {
        return shape == Shape.VECTOR;
    }

    /** Lane-wise binary vector ops (VADD..VMAXU). */
    public boolean isVectorBinary() {
        return shape == Shape.VECTOR && ordinal() >= VADD.ordinal() && ordinal() <= VMAXU.ordinal();
    }

    /** Vector shifts by an immediate count. */
    public boolean isVectorShift() {
        return this == VSHLI || this == VSHRI || this == VSARI;
    }

    public boolean isExit() {
        return shape == Shape.EXIT;
    }

    /** True for ops after which control never falls through. */
    public boolean isTerminal() {
        return shape == Shape.EXIT || this == BR;
    }

    /** Ops that only compute dst from args (no memory, control flow, faults or side effects). */
    public boolean isPure() {
        return switch (shape) {
            case UNARY, BINARY, CONST, CONVERT -> true;
            default -> this == SETCOND || this == MOVCOND;
        };
    }

    public String toString() {
        return name().toLowerCase();
    }
}

package org.jtcg.x86.decoder;

import java.util.Arrays;
import java.util.List;

/**
 * One decoded x86-64 instruction, or the reason there is none ({@link #status()}).
 *
 * <p>For {@link DecodeStatus#OK} results {@link #op()}, the operand list (Intel order, destination
 * first), sizes and prefixes describe the instruction completely, so a translator never looks at
 * the bytes again. For the other statuses {@link #op()} is {@link Mnemonic#INVALID}, there are no
 * operands, and {@link #bytes()} holds the bytes that were examined (up to 15) for the error
 * message.
 *
 * @param pc              guest address of the first byte
 * @param status          outcome
 * @param length          instruction length in bytes (OK); bytes examined otherwise
 * @param bytes           the instruction's bytes (a private copy)
 * @param op              operation
 * @param cond            condition code 0..15 (o no b ae e ne be a s ns p np l ge le g) for
 *                        JCC/SETCC/CMOVCC, else -1
 * @param operandSize     effective operand size in bytes (2, 4, 8; 1 for byte forms of the
 *                        integer instructions; for SSE/x87 the GPR size that REX.W selects)
 * @param addressSize     8, or 4 with the 0x67 prefix
 * @param operands        operands in Intel order
 * @param prefixes        bit set of {@code P_*} legacy prefixes seen, including a mandatory one
 * @param segment         segment override ({@link Operand#FS} ...), or -1
 * @param rex             the effective REX byte 0x40..0x4F, or 0 (a REX not directly before the
 *                        opcode is ignored, as hardware does)
 * @param mandatoryPrefix 0x66, 0xF2 or 0xF3 when that prefix selected the instruction (it then
 *                        does not change operand size or mean REP), else 0
 * @param mnemonic        the name the disassembler prints (differs from {@code op} for the
 *                        conditional families and a few aliases such as movabs)
 * @param vex             0 for a legacy encoding; for a VEX one {@link #VEX} | {@link #VEX_L} when
 *                        VEX.L = 1 | the vvvv register number (already un-inverted). VEX.R/X/B/W are
 *                        reported in {@code rex} as the equivalent REX bits, pp in
 *                        {@code mandatoryPrefix}.
 */
public record DecodedInsn(long pc, DecodeStatus status, int length, byte[] bytes, Mnemonic op, int cond,
                          int operandSize, int addressSize, List<Operand> operands, int prefixes,
                          int segment, int rex, int mandatoryPrefix, String mnemonic, int vex) {

    /** Legacy prefix bits of {@link #prefixes()}. */
    public static final int P_66 = 1, P_67 = 2, P_F2 = 4, P_F3 = 8, P_LOCK = 16, P_SEG = 32;
    /** Bits of {@link #vex()}: VEX-encoded, and VEX.L = 1 (256-bit). */
    public static final int VEX = 0x100, VEX_L = 0x10;

    /** Canonical constructor; keeps private copies of the byte array and operand list. */
    public DecodedInsn {
        bytes = bytes.clone();
        operands = List.copyOf(operands);
    }

    /** The instruction bytes (a copy). */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** True when this is a complete instruction. */
    public boolean ok() {
        return status == DecodeStatus.OK;
    }

    /** Address of the next instruction. */
    public long nextPc() {
        return pc + length;
    }

    /** Number of operands. */
    public int operandCount() {
        return operands.size();
    }

    /** Operand {@code i} (Intel order). */
    public Operand operand(int i) {
        return operands.get(i);
    }

    /** True when the legacy prefix bit {@code p} ({@code P_*}) is present. */
    public boolean has(int p) {
        return (prefixes & p) != 0;
    }

    /** LOCK prefix present (the decoder only accepts it on lockable forms with a memory destination). */
    public boolean lock() {
        return has(P_LOCK);
    }

    /** F3 present and not consumed as a mandatory prefix: REP / REPE for string instructions. */
    public boolean rep() {
        return has(P_F3) && mandatoryPrefix != 0xF3;
    }

    /** F2 present and not consumed as a mandatory prefix: REPNE for CMPS/SCAS. */
    public boolean repne() {
        return has(P_F2) && mandatoryPrefix != 0xF2;
    }

    /** True for a VEX-encoded instruction. */
    public boolean isVex() {
        return vex != 0;
    }

    /** VEX.L: 1 for the 256-bit forms, 0 for the 128-bit (and scalar) ones. */
    public int vexL() {
        return (vex & VEX_L) != 0 ? 1 : 0;
    }

    /** VEX.vvvv as a register number 0..15. */
    public int vexReg() {
        return vex & 0xf;
    }

    /** REX.W bit. */
    public boolean rexW() {
        return (rex & 8) != 0;
    }

    /** REX.R bit. */
    public boolean rexR() {
        return (rex & 4) != 0;
    }

    /** REX.X bit. */
    public boolean rexX() {
        return (rex & 2) != 0;
    }

    /** REX.B bit. */
    public boolean rexB() {
        return (rex & 1) != 0;
    }

    /** Target of a relative branch (the first {@link Operand.Rel} operand). */
    public long branchTarget() {
        for (Operand o : operands) {
            if (o instanceof Operand.Rel r) {
                return r.target();
            }
        }
        throw new IllegalStateException("not a relative branch: " + mnemonic + " at 0x" + Long.toHexString(pc));
    }

    /** Absolute address of the RIP-relative memory operand (next instruction address + disp). */
    public long ripTarget() {
        for (Operand o : operands) {
            if (o instanceof Operand.Mem m && m.ripRelative()) {
                return nextPc() + m.disp();
            }
        }
        throw new IllegalStateException("no rip-relative operand: " + mnemonic + " at 0x" + Long.toHexString(pc));
    }

    /** The bytes as lower-case hex separated by spaces, for error messages ("0f 0b"). */
    public String hexBytes() {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(String.format("%02x", b & 0xff));
        }
        return sb.toString();
    }

    /**
     * One line for a SIGILL / trace message, e.g.
     * {@code "undefined instruction at 0x401000: 0f 0b"}.
     */
    public String describeProblem() {
        return switch (status) {
            case OK -> "instruction at 0x" + Long.toHexString(pc) + ": " + hexBytes();
            case UNDEFINED -> "undefined instruction at 0x" + Long.toHexString(pc) + ": " + hexBytes();
            case TRUNCATED -> "truncated instruction at 0x" + Long.toHexString(pc) + ": only "
                    + length + " byte(s) available: " + hexBytes();
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecodedInsn d && pc == d.pc && status == d.status && length == d.length
                && Arrays.equals(bytes, d.bytes) && op == d.op && cond == d.cond
                && operandSize == d.operandSize && addressSize == d.addressSize
                && operands.equals(d.operands) && prefixes == d.prefixes && segment == d.segment
                && rex == d.rex && mandatoryPrefix == d.mandatoryPrefix && mnemonic.equals(d.mnemonic)
                && vex == d.vex;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(pc) * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return ok() ? X86Disassembler.format(this) : describeProblem();
    }
}

package org.jtcg.x86.decoder;

import java.util.ArrayList;
import java.util.List;

/**
 * Table-driven x86-64 (64-bit mode) instruction decoder: bytes in, {@link DecodedInsn} out.
 *
 * <p>Stateless and thread-safe. It never throws for bad input: bytes outside the tables give
 * {@link DecodeStatus#UNDEFINED}, input that ends inside an instruction gives
 * {@link DecodeStatus#TRUNCATED}.
 *
 * <pre>{@code
 * DecodedInsn i = X86Decoder.decode(buf, off, available, pc);
 * if (!i.ok()) raiseSigill(i.describeProblem());
 * switch (i.op()) { case ADD -> ...; case JCC -> ... i.cond() ... i.branchTarget(); }
 * }</pre>
 */
public final class X86Decoder {

    /** Architectural maximum instruction length; longer encodings are undefined (#GP on hardware). */
    public static final int MAX_LENGTH = 15;

    private static final OpcodeTable TABLE = OpcodeTable.get();

    private X86Decoder() {
    }

    /** Parses the opcode table now if nothing has yet (it is parsed once, when this class initialises). */
    public static void loadTable() {
        // the class initialiser has run by the time this body runs: nothing else to do
    }

    /** Decodes the instruction at the start of {@code code}, located at guest address {@code pc}. */
    public static DecodedInsn decode(byte[] code, long pc) {
        return decode(code, 0, code.length, pc);
    }

    /**
     * Decodes one instruction.
     *
     * @param code      buffer holding the instruction bytes
     * @param offset    index of the first byte in {@code code}
     * @param available how many bytes from {@code offset} may be read (fewer than the instruction
     *                  needs gives {@link DecodeStatus#TRUNCATED})
     * @param pc        guest address of the first byte (for branch targets and RIP-relative)
     */
    public static DecodedInsn decode(byte[] code, int offset, int available, long pc) {
        if (offset < 0 || available < 0 || offset + available > code.length) {
            throw new IndexOutOfBoundsException("offset " + offset + " + available " + available
                    + " outside buffer of " + code.length);
        }
        Cursor c = new Cursor(code, offset, available, pc);
        try {
            DecodedInsn insn = c.decode();
            return insn != null ? insn : c.failure(DecodeStatus.UNDEFINED);
        } catch (NeedMoreBytes e) {
            return c.failure(DecodeStatus.TRUNCATED);
        } catch (TooLong e) {
            return c.failure(DecodeStatus.UNDEFINED);
        }
    }

    /** Thrown (preallocated, no stack trace) when the input ends inside an instruction. */
    private static final class NeedMoreBytes extends RuntimeException {
        static final NeedMoreBytes INSTANCE = new NeedMoreBytes();

        private NeedMoreBytes() {
            super(null, null, false, false);
        }
    }

    /** Thrown (preallocated) when an instruction would exceed {@link #MAX_LENGTH}. */
    private static final class TooLong extends RuntimeException {
        static final TooLong INSTANCE = new TooLong();

        private TooLong() {
            super(null, null, false, false);
        }
    }

    /** The state of decoding one instruction. */
    private static final class Cursor {
        final byte[] code;
        final int offset;
        final int available;
        final long pc;
        int pos;

        int prefixes;
        int segment = -1;
        int rex;
        int lastRep;          // last of F2/F3, or 0
        int modrm = -1;
        int osize;
        int asize;
        int mandatory;
        /** VEX prefix: {@link DecodedInsn#VEX} | L &lt;&lt; 4 | vvvv, or 0 for legacy encodings. */
        int vex;

        // parsed ModRM memory operand (valid when modrm >= 0 and mod != 3)
        int memBase = Operand.NONE;
        int memIndex = Operand.NONE;
        int memScale = 1;
        long memDisp;
        int memDispSize;
        boolean memRip;
        int sib = -1;

        Cursor(byte[] code, int offset, int available, long pc) {
            this.code = code;
            this.offset = offset;
            this.available = available;
            this.pc = pc;
        }

        int next() {
            if (pos >= MAX_LENGTH) {
                throw TooLong.INSTANCE;
            }
            if (pos >= available) {
                throw NeedMoreBytes.INSTANCE;
            }
            return code[offset + pos++] & 0xff;
        }

        long nextSigned(int bytes) {
            long v = 0;
            for (int i = 0; i < bytes; i++) {
                v |= (long) next() << (8 * i);
            }
            int shift = 64 - 8 * bytes;
            return (v << shift) >> shift;
        }

        boolean rexW() {
            return (rex & 8) != 0;
        }

        int rexBit(int mask) {
            return (rex & mask) != 0 ? 8 : 0;
        }

        DecodedInsn failure(DecodeStatus status) {
            int n = status == DecodeStatus.TRUNCATED ? available : Math.min(available, MAX_LENGTH);
            byte[] b = java.util.Arrays.copyOfRange(code, offset, offset + n);
            int len = status == DecodeStatus.TRUNCATED ? available : pos;
            return new DecodedInsn(pc, status, len, b, Mnemonic.INVALID, -1, 0, 0,
                    List.of(), prefixes, segment, rex, 0, status == DecodeStatus.TRUNCATED ? "(truncated)" : "(bad)", 0);
        }

        /** Returns null for undefined encodings. */
        DecodedInsn decode() {
            int b;
            // Legacy prefixes in any order; a REX counts only when the opcode follows it directly.
            while (true) {
                b = next();
                switch (b) {
                    case 0x66 -> prefixes |= DecodedInsn.P_66;
                    case 0x67 -> prefixes |= DecodedInsn.P_67;
                    case 0xF0 -> prefixes |= DecodedInsn.P_LOCK;
                    case 0xF2 -> {
                        prefixes |= DecodedInsn.P_F2;
                        lastRep = 0xF2;
                    }
                    case 0xF3 -> {
                        prefixes |= DecodedInsn.P_F3;
                        lastRep = 0xF3;
                    }
                    case 0x26 -> seg(Operand.ES);
                    case 0x2E -> seg(Operand.CS);
                    case 0x36 -> seg(Operand.SS);
                    case 0x3E -> seg(Operand.DS);
                    case 0x64 -> seg(Operand.FS);
                    case 0x65 -> seg(Operand.GS);
                    default -> {
                        if ((b & 0xF0) == 0x40) {
                            rex = b;
                            continue;
                        }
                    }
                }
                if (isLegacyPrefix(b)) {
                    rex = 0;
                    continue;
                }
                break;
            }
            int map = 0;
            int opcode = b;
            if (b == 0xC4 || b == 0xC5) {
                return decodeVex(b);
            }
            if (b == 0x0F) {
                int b2 = next();
                if (b2 == 0x38) {
                    map = 2;
                    opcode = next();
                } else if (b2 == 0x3A) {
                    map = 3;
                    opcode = next();
                } else {
                    map = 1;
                    opcode = b2;
                }
            }
            OpcodeRow[] rows = TABLE.rows(map, opcode);
            if (rows == null) {
                return null;
            }
            if (rows[0].hasModrm()) {
                modrm = next();
            }
            OpcodeRow row = select(rows);
            if (row == null) {
                return null;
            }
            if (map >= 2 && lastRep != 0 && row.prefix() != lastRep) {
                return null;   // every 0F38/0F3A instruction is selected by its F2/F3 prefix
            }
            return finish(row, opcode);
        }

        /**
         * The VEX prefix (C5 two-byte / C4 three-byte form; in 64-bit mode C4/C5 are always VEX).
         * #UD (null) when a 66/F2/F3/LOCK or REX prefix precedes it, for an opcode map other than
         * 0F/0F38/0F3A, and when vvvv is not 1111 in an instruction that has no vvvv operand. The
         * inverted R/X/B bits and W become an equivalent REX byte, so register extension and
         * operand-size rules work as for legacy encodings; pp is the mandatory prefix.
         */
        private DecodedInsn decodeVex(int first) {
            if (rex != 0 || (prefixes & (DecodedInsn.P_66 | DecodedInsn.P_F2 | DecodedInsn.P_F3 | DecodedInsn.P_LOCK)) != 0) {
                return null;
            }
            int p1 = next();
            int map;
            int wvvvvLpp;
            if (first == 0xC5) {
                map = 1;
                rex = 0x40 | ((p1 & 0x80) == 0 ? 4 : 0);
                wvvvvLpp = p1 & 0x7f;
            } else {
                map = p1 & 0x1f;
                int p2 = next();
                rex = 0x40 | ((p1 & 0x80) == 0 ? 4 : 0) | ((p1 & 0x40) == 0 ? 2 : 0) | ((p1 & 0x20) == 0 ? 1 : 0)
                        | ((p2 & 0x80) != 0 ? 8 : 0);
                wvvvvLpp = p2 & 0x7f;
                if (map < 1 || map > 3) {
                    return null;
                }
            }
            int vvvv = (~wvvvvLpp >> 3) & 0xf;
            int l = (wvvvvLpp >> 2) & 1;
            vex = DecodedInsn.VEX | l << 4 | vvvv;
            int pp = wvvvvLpp & 3;
            int mandatoryPrefix = pp == 1 ? 0x66 : pp == 2 ? 0xF3 : pp == 3 ? 0xF2 : 0;
            int opcode = next();
            OpcodeRow[] rows = TABLE.rows(OpcodeTable.VEX_MAP_BASE + map, opcode);
            if (rows == null) {
                return null;
            }
            if (rows[0].hasModrm()) {
                modrm = next();
            }
            OpcodeRow row = null;
            for (OpcodeRow r : rows) {
                if (r.prefix() == mandatoryPrefix && matches(r, false)
                        && (r.vexL() < 0 || r.vexL() == l)) {
                    row = r;
                    break;
                }
            }
            if (row == null || !row.usesVvvv() && vvvv != 0) {
                return null;
            }
            DecodedInsn insn = finish(row, opcode);
            if (insn != null && insn.operandCount() == 3 && insn.operand(1) instanceof Operand.Vsib v) {
                int dst = ((Operand.Reg) insn.operand(0)).num(), mask = ((Operand.Reg) insn.operand(2)).num();
                int index = v.address().index();
                if (dst == mask || dst == index || mask == index) {
                    return null;   // gathers: destination, index and mask must be three different registers
                }
            }
            return insn;
        }

        /** Operands and the result for the chosen row (legacy or VEX). */
        private DecodedInsn finish(OpcodeRow row, int opcode) {
            mandatory = row.prefix();
            boolean has66 = (prefixes & DecodedInsn.P_66) != 0 && mandatory != 0x66;
            if (row.has(OpcodeRow.F_F64) || rexW()) {
                osize = 8;
            } else if (has66) {
                osize = 2;
            } else {
                osize = row.has(OpcodeRow.F_D64) ? 8 : 4;
            }
            asize = (prefixes & DecodedInsn.P_67) != 0 ? 4 : 8;
            if (modrm >= 0 && (modrm >> 6) != 3 && needsMemory(row)) {
                parseMemory();
            }
            List<Operand> ops = new ArrayList<>(row.operands().length);
            for (OperandSpec spec : row.operands()) {
                Operand o = operand(spec, opcode);
                if (o == null) {
                    return null;
                }
                ops.add(o);
            }
            // Rel operands were computed against the end of the bytes read so far; they are last.
            if ((prefixes & DecodedInsn.P_LOCK) != 0
                    && (!row.has(OpcodeRow.F_LOCK) || ops.isEmpty() || !(ops.get(0) instanceof Operand.Mem))) {
                return null;
            }
            Mnemonic op = pickOp(row);
            int reportedSize = osize;
            if (row.operands().length > 0 && row.operands()[0].size() == 1 && isIntegerKind(row.operands()[0])) {
                reportedSize = 1;
            }
            String name;
            if (row.cond() >= 0) {
                name = OpcodeTable.condName(op, row.cond());
            } else if (row.name() != null) {
                name = row.name();
            } else if (row.has(OpcodeRow.F_MOVABS64) && osize == 8 || row.has(OpcodeRow.F_MOVABSA64) && asize == 8) {
                name = "movabs";
            } else if (op == Mnemonic.JRCXZ && asize == 4) {
                name = "jecxz";
            } else if (vex != 0 && row.isSse() && !op.name().startsWith("V")) {
                // the VEX form of an SSE instruction (VEX.W: explicit lengths in rax/rdx, as with REX.W)
                name = "v" + op.mnemonic() + (rexW() && (op == Mnemonic.PCMPESTRI || op == Mnemonic.PCMPESTRM) ? "q" : "");
            } else if (osize == 2 && (op == Mnemonic.LEAVE || op == Mnemonic.ENTER || op == Mnemonic.PUSHF || op == Mnemonic.POPF)
                    || (prefixes & DecodedInsn.P_66) != 0
                    && (op == Mnemonic.FLDENV || op == Mnemonic.FNSTENV || op == Mnemonic.FRSTOR || op == Mnemonic.FNSAVE)) {
                name = op.mnemonic() + "w";   // objdump marks the 16-bit forms (x87: 16-bit env layout)
            } else if (rexW() && (op == Mnemonic.PCMPESTRI || op == Mnemonic.PCMPESTRM)) {
                name = op.mnemonic() + "q";   // REX.W: explicit lengths in rax/rdx
            } else {
                name = op.mnemonic();
            }
            byte[] bytes = java.util.Arrays.copyOfRange(code, offset, offset + pos);
            return new DecodedInsn(pc, DecodeStatus.OK, pos, bytes, op, row.cond(), reportedSize, asize, ops,
                    prefixes, segment, rex, mandatory, name, vex);
        }

        private void seg(int s) {
            prefixes |= DecodedInsn.P_SEG;
            segment = s;
        }

        private static boolean isLegacyPrefix(int b) {
            return switch (b) {
                case 0x66, 0x67, 0xF0, 0xF2, 0xF3, 0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65 -> true;
                default -> false;
            };
        }

        private static boolean isIntegerKind(OperandSpec s) {
            return switch (s.kind()) {
                case E, G, M, R, Z, FIXED, X, Y, O -> true;
                default -> false;
            };
        }

        private static boolean needsMemory(OpcodeRow row) {
            for (OperandSpec s : row.operands()) {
                switch (s.kind()) {
                    case E, M, W, VSIB -> {
                        return true;
                    }
                    default -> { }
                }
            }
            return false;
        }

        /**
         * Chooses the row: a mandatory prefix is tried first (the last F2/F3, then 66), then the
         * prefix-less rows. A prefix-less SSE row is refused when 66/F2/F3 is present, because those
         * prefixes select other SSE instructions and an unlisted combination is undefined.
         */
        private OpcodeRow select(OpcodeRow[] rows) {
            boolean has66 = (prefixes & DecodedInsn.P_66) != 0;
            int[] order = new int[3];
            int n = 0;
            if (lastRep != 0) {
                order[n++] = lastRep;
            }
            if (has66) {
                order[n++] = 0x66;
            }
            order[n++] = 0;
            for (int i = 0; i < n; i++) {
                int p = order[i];
                for (OpcodeRow r : rows) {
                    if (r.prefix() == p && matches(r, has66)) {
                        // F2/F3 outrank 66 as mandatory prefix: "F2 66 0F 75" is F2 0F 75, undefined
                        if (r.isSse() && (lastRep != 0 && p != lastRep || p == 0 && has66)) {
                            return null;
                        }
                        return r;
                    }
                }
            }
            return null;
        }

        private boolean matches(OpcodeRow r, boolean has66) {
            if (r.modrm() >= 0 && r.modrm() != modrm) {
                return false;
            }
            if (r.reg() >= 0 && r.reg() != ((modrm >> 3) & 7)) {
                return false;
            }
            if (r.mod() >= 0 && (r.mod() == 3) != (modrm >= 0xC0)) {
                return false;
            }
            if (r.rexW() >= 0 && r.rexW() != (rexW() ? 1 : 0)) {
                return false;
            }
            if (r.has(OpcodeRow.F_NOREP) && lastRep != 0 && r.prefix() != lastRep) {
                return false;
            }
            if (r.has(OpcodeRow.F_REXB0) && (rex & 1) != 0) {
                return false;
            }
            return !(r.has(OpcodeRow.F_NO66) && has66);
        }

        private Mnemonic pickOp(OpcodeRow row) {
            Mnemonic[] ops = row.ops();
            return switch (ops.length) {
                case 1 -> ops[0];
                case 2 -> ops[rexW() ? 1 : 0];
                default -> ops[osize == 2 ? 0 : osize == 4 ? 1 : 2];
            };
        }

        /** Reads SIB and displacement of a ModRM memory operand. */
        private void parseMemory() {
            int mod = modrm >> 6;
            int rm = modrm & 7;
            if (rm == 4) {
                sib = next();
                memScale = 1 << (sib >> 6);
                int idx = ((sib >> 3) & 7) | rexBit(2);
                memIndex = idx == 4 ? Operand.NONE : idx;
                if ((sib & 7) == 5 && mod == 0) {
                    memBase = Operand.NONE;
                    memDisp = nextSigned(4);
                    memDispSize = 4;
                    return;
                }
                memBase = (sib & 7) | rexBit(1);
            } else if (rm == 5 && mod == 0) {
                memRip = true;
                memDisp = nextSigned(4);
                memDispSize = 4;
                return;
            } else {
                memBase = rm | rexBit(1);
            }
            if (mod == 1) {
                memDisp = nextSigned(1);
                memDispSize = 1;
            } else if (mod == 2) {
                memDisp = nextSigned(4);
                memDispSize = 4;
            }
        }

        private int resolveSize(int code) {
            return switch (code) {
                case OperandSpec.S_V -> osize;
                case OperandSpec.S_Y -> rexW() ? 8 : 4;
                case OperandSpec.S_Z -> Math.min(osize, 4);
                case OperandSpec.S_QO -> rexW() ? 16 : 8;
                case OperandSpec.S_L -> (vex & DecodedInsn.VEX_L) != 0 ? 32 : 16;
                case OperandSpec.S_H -> (vex & DecodedInsn.VEX_L) != 0 ? 16 : 8;
                default -> code;
            };
        }

        private Operand.Mem memory(int size) {
            return new Operand.Mem(segment, memBase, memIndex, memScale, memDisp, memRip, asize, size, memDispSize);
        }

        /** An xmm register, or a ymm register when the operand is 32 bytes (VEX.L = 1). */
        private Operand.Reg vectorReg(int num, OperandSpec spec) {
            return resolveSize(spec.size()) == 32 ? new Operand.Reg(RegKind.YMM, num, 32)
                    : new Operand.Reg(RegKind.XMM, num, 16);
        }

        private Operand.Reg gpr(int num, int size) {
            if (size == 1 && rex == 0 && num >= 4 && num < 8) {
                return new Operand.Reg(RegKind.GPR_HIGH8, num - 4, 1);
            }
            return new Operand.Reg(RegKind.GPR, num, size);
        }

        /** Builds one operand; null when the ModRM form is not allowed for it. */
        private Operand operand(OperandSpec spec, int opcode) {
            boolean regForm = modrm >= 0xC0;
            int regField = modrm < 0 ? 0 : ((modrm >> 3) & 7) | rexBit(4);
            int rmField = modrm < 0 ? 0 : (modrm & 7) | rexBit(1);
            switch (spec.kind()) {
                case E: {
                    int size = spec.size() == OperandSpec.S_DW ? (regForm ? 4 : 2)
                            : spec.size() == OperandSpec.S_DB ? (regForm ? 4 : 1)
                            : spec.size() == OperandSpec.S_VW ? (regForm ? osize : 2)
                            : resolveSize(spec.size());
                    return regForm ? gpr(rmField, size) : memory(size);
                }
                case G:
                    return gpr(regField, resolveSize(spec.size()));
                case M:
                    return regForm ? null : memory(resolveSize(spec.size()));
                case R:
                    return regForm ? gpr(rmField, resolveSize(spec.size())) : null;
                case V:
                    return vectorReg(regField, spec);
                case W:
                    return regForm ? vectorReg(rmField, spec) : memory(resolveSize(spec.size()));
                case U:
                    return regForm ? vectorReg(rmField, spec) : null;
                case H:
                    return vectorReg(vex & 0xf, spec);
                case B:
                    return gpr(vex & 0xf, resolveSize(spec.size()));
                case L:
                    // is4: a register number in imm8[7:4] (vblendvps); bits 3:0 are ignored
                    return vectorReg(next() >> 4, spec);
                case VSIB: {
                    // memory with a SIB byte only; the SIB index (with VEX.X) names a vector register, 100 included
                    if (regForm || sib < 0) {
                        return null;
                    }
                    int index = ((sib >> 3) & 7) | rexBit(2);
                    boolean ymm = spec.fixedReg() == 1 && (vex & DecodedInsn.VEX_L) != 0;
                    Operand.Mem m = new Operand.Mem(segment, memBase, index, memScale, memDisp, false, asize, spec.size(),
                            memDispSize);
                    return new Operand.Vsib(m, ymm ? RegKind.YMM : RegKind.XMM);
                }
                case S: {
                    int s = (modrm >> 3) & 7;
                    return s > 5 ? null : new Operand.Reg(RegKind.SEG, s, 2);
                }
                case I: {
                    int size = resolveSize(spec.size());
                    if (size == 1) {
                        return new Operand.Imm(next(), 1);
                    }
                    if (size == 2 && spec.size() == 2) {
                        return new Operand.Imm(nextSigned(2) & 0xffff, 2);
                    }
                    // imm16/32/64 applying at the operand size, sign-extended to 64 bits
                    return new Operand.Imm(nextSigned(size), osize);
                }
                case IS:
                    return new Operand.Imm(nextSigned(1), osize);
                case J: {
                    // rel8, or rel32: Intel CPUs ignore 66 on near branches in 64-bit mode
                    long d = nextSigned(spec.size() == 1 ? 1 : 4);
                    return new Operand.Rel(pc + pos + d, d);
                }
                case O: {
                    long a = nextSigned(asize);
                    if (asize == 4) {
                        a &= 0xffffffffL;
                    }
                    return new Operand.Mem(segment, Operand.NONE, Operand.NONE, 1, a, false, asize,
                            resolveSize(spec.size()), asize);
                }
                case Z:
                    return gpr((opcode & 7) | rexBit(1), resolveSize(spec.size()));
                case FIXED:
                    return new Operand.Reg(RegKind.GPR, spec.fixedReg(), resolveSize(spec.size()));
                case ST0:
                    return new Operand.Reg(RegKind.ST, 0, 10);
                case STI:
                    return new Operand.Reg(RegKind.ST, modrm & 7, 10);
                case ONE:
                    return new Operand.Imm(1, 0);
                case X:
                    // only fs/gs overrides have an effect in 64-bit mode; others leave the ds default
                    return new Operand.Mem(segment == Operand.FS || segment == Operand.GS ? segment : Operand.DS, 6, Operand.NONE, 1, 0, false,
                            asize, resolveSize(spec.size()), 0);
                case Y:
                    return new Operand.Mem(Operand.ES, 7, Operand.NONE, 1, 0, false, asize,
                            resolveSize(spec.size()), 0);
                default:
                    throw new AssertionError(spec);
            }
        }
    }
}

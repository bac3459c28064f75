package org.jtcg.x86.decoder;

/**
 * Intel-syntax text for decoded instructions, close to {@code objdump -d -M intel} but with
 * lower-case size keywords and ", " between operands, e.g.
 * {@code mov rax, qword ptr [rip+0x2f3e]  # 0x404010}, {@code add dword ptr [rbx+rcx*4-0x8], 0x1},
 * {@code jne 0x401020}. Differences from objdump are listed in docs/x86-decoder.md.
 */
public final class X86Disassembler {

    private static final String[] GPR64 = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};
    private static final String[] GPR32 = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
        "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"};
    private static final String[] GPR16 = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
        "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"};
    private static final String[] GPR8 = {"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
        "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b"};
    private static final String[] HIGH8 = {"ah", "ch", "dh", "bh"};
    private static final String[] SEG = {"es", "cs", "ss", "ds", "fs", "gs"};
    private static final String[] CMP_PRED = {"eq", "lt", "le", "unord", "neq", "nlt", "nle", "ord",
        // VEX: predicates 8..31
        "eq_uq", "nge", "ngt", "false", "neq_oq", "ge", "gt", "true", "eq_os", "lt_oq", "le_oq", "unord_s", "neq_us",
        "nlt_uq", "nle_uq", "ord_s", "eq_us", "nge_uq", "ngt_uq", "false_os", "neq_os", "ge_oq", "gt_oq", "true_us"};

    private X86Disassembler() {
    }

    /** Decodes and formats one instruction; undefined or truncated input gives "(bad)" text. */
    public static String disassemble(byte[] code, long pc) {
        return format(X86Decoder.decode(code, pc));
    }

    /** Formats a decoded instruction (for non-OK results: {@code "(bad) <bytes>"}). */
    public static String format(DecodedInsn insn) {
        if (!insn.ok()) {
            return insn.mnemonic() + " " + insn.hexBytes();
        }
        StringBuilder sb = new StringBuilder();
        Mnemonic op = insn.op();
        appendPrefixWords(sb, insn);
        String name = insn.mnemonic();
        int shown = insn.operandCount();
        if ((op == Mnemonic.CMPPS || op == Mnemonic.CMPPD || op == Mnemonic.CMPSS || op == Mnemonic.CMPSD) && shown == 3
                && insn.operand(2) instanceof Operand.Imm imm && imm.value() < 8
                || insn.isVex() && shown == 4 && (op == Mnemonic.CMPPS || op == Mnemonic.CMPPD || op == Mnemonic.CMPSS
                || op == Mnemonic.CMPSD) && insn.operand(3) instanceof Operand.Imm vimm && vimm.value() < 32) {
            // objdump spells predicates 0..7 as pseudo-ops: cmpltps xmm0, xmm1
            int pred = (int) ((Operand.Imm) insn.operand(shown - 1)).value();
            name = (insn.isVex() ? "vcmp" : "cmp") + CMP_PRED[pred] + name.substring(insn.isVex() ? 4 : 3);
            shown--;
        }
        if (op == Mnemonic.PUSH && shown == 1 && insn.operand(0) instanceof Operand.Imm i && i.size() == 2) {
            name = "pushw";  // objdump marks the 16-bit immediate push
        }
        sb.append(name);
        int fixedSt = fixedStackTopOperand(insn);
        for (int i = 0; i < shown; i++) {
            sb.append(i == 0 ? " " : ", ");
            Operand o = insn.operand(i);
            if (i == fixedSt) {
                sb.append("st");
            } else {
                appendOperand(sb, insn, o);
            }
        }
        for (Operand o : insn.operands()) {
            if (o instanceof Operand.Mem m && m.ripRelative()) {
                sb.append("  # 0x").append(Long.toHexString(insn.ripTarget()));
            }
        }
        return sb.toString();
    }

    /**
     * Like objdump, an es/cs/ss/ds override (no effect in 64-bit mode) is shown as a prefix word;
     * fs/gs are shown in the operand, and string operands always name their segment.
     */
    private static boolean inOperandSegment(DecodedInsn insn, Operand.Mem m) {
        return m.segment() == Operand.FS || m.segment() == Operand.GS
                || isString(insn.op()) && (m.base() == 6 || m.base() == 7);
    }

    /**
     * Prefix words in encoding order, as objdump prints them: lock, rep/repz/repnz (bnd on
     * branches), and a segment override that no operand shows.
     */
    private static void appendPrefixWords(StringBuilder sb, DecodedInsn insn) {
        Mnemonic op = insn.op();
        boolean string = isString(op);
        boolean branch = op == Mnemonic.JMP || op == Mnemonic.CALL || op == Mnemonic.RET || op == Mnemonic.JCC;
        boolean segWord = insn.segment() >= 0 && !segmentShownInOperand(insn);
        byte[] bytes = insn.bytes();
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            switch (b) {
                case 0xF0 -> sb.append("lock ");
                case 0xF3 -> {
                    if (insn.rep() && i == lastIndexOf(bytes, 0xF3) && hle(insn)) {
                        sb.append("xrelease ");
                    } else if (insn.rep() && i == lastIndexOf(bytes, 0xF3)) {
                        sb.append(string && op != Mnemonic.CMPS && op != Mnemonic.SCAS ? "rep " : "repz ");
                    }
                }
                case 0xF2 -> {
                    if (insn.repne() && i == lastIndexOf(bytes, 0xF2) && implicitlyLocked(insn)) {
                        sb.append("xacquire ");
                    } else if (insn.repne() && i == lastIndexOf(bytes, 0xF2)) {
                        sb.append(branch ? "bnd " : "repnz ");
                    }
                }
                case 0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65 -> {
                    if (segWord && i == lastSegmentIndex(bytes)) {
                        sb.append(SEG[insn.segment()]).append(' ');
                    }
                }
                case 0x66, 0x67 -> { }
                default -> {
                    if ((b & 0xF0) != 0x40) {
                        return;
                    }
                }
            }
        }
    }

    /** F3 on a locked instruction or on a store by mov is the HLE release hint. */
    private static boolean hle(DecodedInsn insn) {
        return implicitlyLocked(insn) || insn.op() == Mnemonic.MOV && insn.operandCount() == 2
                && insn.operand(0) instanceof Operand.Mem m && !isAbsolute(m)
                && !(insn.operand(1) instanceof Operand.Reg r && r.kind() == RegKind.SEG);
    }

    /** LOCK prefix, or xchg with memory (always locked). */
    private static boolean implicitlyLocked(DecodedInsn insn) {
        return insn.lock() || insn.op() == Mnemonic.XCHG && hasMemOperand(insn);
    }

    private static boolean hasMemOperand(DecodedInsn insn) {
        for (Operand o : insn.operands()) {
            if (o instanceof Operand.Mem) {
                return true;
            }
        }
        return false;
    }

    private static int lastIndexOf(byte[] bytes, int value) {
        int last = -1;
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (b == value) {
                last = i;
            } else if (!isPrefixByte(b)) {
                break;
            }
        }
        return last;
    }

    private static int lastSegmentIndex(byte[] bytes) {
        int last = -1;
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (b == 0x26 || b == 0x2E || b == 0x36 || b == 0x3E || b == 0x64 || b == 0x65) {
                last = i;
            } else if (!isPrefixByte(b)) {
                break;
            }
        }
        return last;
    }

    private static boolean isPrefixByte(int b) {
        return (b & 0xF0) == 0x40 || b == 0x66 || b == 0x67 || b == 0xF0 || b == 0xF2 || b == 0xF3
                || b == 0x26 || b == 0x2E || b == 0x36 || b == 0x3E || b == 0x64 || b == 0x65;
    }

    /**
     * True when a memory operand displays the override: only fs:/gs: are shown in operands, and
     * the string source operand consumes any override (cs/ds/es/ss leave it at ds:).
     */
    private static boolean segmentShownInOperand(DecodedInsn insn) {
        for (Operand o : insn.operands()) {
            if (isString(insn.op())) {
                if (o instanceof Operand.Mem m && m.base() == 6) {
                    return true;
                }
                continue;
            }
            if (o instanceof Operand.Mem m && m.segment() == insn.segment() && inOperandSegment(insn, m)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAbsolute(Operand.Mem m) {
        return m.base() == Operand.NONE && m.index() == Operand.NONE && !m.ripRelative() && m.scale() == 1;
    }

    private static boolean isString(Mnemonic op) {
        return op == Mnemonic.MOVS || op == Mnemonic.STOS || op == Mnemonic.LODS || op == Mnemonic.CMPS || op == Mnemonic.SCAS;
    }

    /**
     * Index of the operand that the encoding names as the implicit stack top "st" (not "st(0)"):
     * x87 two-register forms are opcode + ModRM only, so the opcode byte is second to last;
     * D8/DA/DB/DF put st first, DC/DE put it second.
     */
    private static int fixedStackTopOperand(DecodedInsn insn) {
        if (insn.operandCount() != 2 || !(insn.operand(0) instanceof Operand.Reg a) || a.kind() != RegKind.ST
                || !(insn.operand(1) instanceof Operand.Reg b) || b.kind() != RegKind.ST) {
            return -1;
        }
        byte[] bytes = insn.bytes();
        int opcode = bytes[bytes.length - 2] & 0xff;
        return opcode == 0xDC || opcode == 0xDE ? 1 : 0;
    }

    private static void appendOperand(StringBuilder sb, DecodedInsn insn, Operand o) {
        if (o instanceof Operand.Reg r) {
            sb.append(regName(r));
        } else if (o instanceof Operand.Imm imm) {
            if (imm.size() == 0) {
                sb.append(imm.value());
            } else {
                sb.append("0x").append(Long.toHexString(mask(imm.value(), imm.size())));
            }
        } else if (o instanceof Operand.Rel rel) {
            sb.append("0x").append(Long.toHexString(rel.target()));
        } else if (o instanceof Operand.Mem m) {
            appendMem(sb, insn, m, null);
        } else if (o instanceof Operand.Vsib v) {
            appendMem(sb, insn, v.address(), (v.indexKind() == RegKind.YMM ? "ymm" : "xmm") + v.address().index());
        }
    }

    private static long mask(long v, int size) {
        return size >= 8 ? v : v & ((1L << (8 * size)) - 1);
    }

    /** Register name, e.g. "r8d", "ah", "xmm3", "st(1)", "fs". */
    public static String regName(Operand.Reg r) {
        return switch (r.kind()) {
            case GPR -> gprName(r.num(), r.size());
            case GPR_HIGH8 -> HIGH8[r.num()];
            case SEG -> SEG[r.num()];
            case XMM -> "xmm" + r.num();
            case YMM -> "ymm" + r.num();
            case ST -> "st(" + r.num() + ")";
        };
    }

    private static String gprName(int num, int size) {
        return switch (size) {
            case 1 -> GPR8[num];
            case 2 -> GPR16[num];
            case 4 -> GPR32[num];
            default -> GPR64[num];
        };
    }

    private static String ptrName(DecodedInsn insn, int size) {
        return switch (size) {
            case 1 -> "byte ptr ";
            case 2 -> "word ptr ";
            case 4 -> "dword ptr ";
            case 8 -> "qword ptr ";
            case 10 -> "tbyte ptr ";
            case 16 -> insn.op() == Mnemonic.CMPXCHG16B ? "oword ptr " : "xmmword ptr ";
            case 32 -> "ymmword ptr ";
            default -> "";
        };
    }

    /** A0-A3 moffs operand: the address is the last bytes, right after the opcode. */
    private static boolean isMoffs(DecodedInsn insn, Operand.Mem m) {
        if (insn.op() != Mnemonic.MOV || !isAbsolute(m)) {
            return false;
        }
        byte[] b = insn.bytes();
        int opcode = b[b.length - 1 - m.dispSize()] & 0xff;
        return opcode >= 0xA0 && opcode <= 0xA3;
    }

    /** {@code vectorIndex}: the index register's name for a VSIB operand, else null. */
    private static void appendMem(StringBuilder sb, DecodedInsn insn, Operand.Mem m, String vectorIndex) {
        boolean moffs = isMoffs(insn, m);
        if (!moffs) {
            sb.append(ptrName(insn, m.size()));
        }
        // a SIB index field of 100 (no index) with a scale > 1 is shown as objdump's "riz"
        boolean riz = m.index() == Operand.NONE && m.scale() > 1;
        boolean noRegs = m.base() == Operand.NONE && m.index() == Operand.NONE && !m.ripRelative() && !riz;
        if (m.segment() >= 0 && inOperandSegment(insn, m)) {
            sb.append(SEG[m.segment()]).append(':');
        } else if (noRegs) {
            sb.append("ds:");
        }
        if (noRegs) {
            sb.append("0x").append(Long.toHexString(m.addressSize() == 4 ? m.disp() & 0xffffffffL : m.disp()));
            return;
        }
        int asz = m.addressSize();
        sb.append('[');
        if (m.ripRelative()) {
            sb.append(asz == 4 ? "eip" : "rip").append("+0x").append(Long.toHexString(m.disp()));
            sb.append(']');
            return;
        }
        boolean any = false;
        if (m.base() != Operand.NONE) {
            sb.append(gprName(m.base(), asz));
            any = true;
        }
        if (m.index() != Operand.NONE || riz) {
            if (any) {
                sb.append('+');
            }
            sb.append(vectorIndex != null ? vectorIndex : riz ? (asz == 4 ? "eiz" : "riz") : gprName(m.index(), asz))
                    .append('*').append(m.scale());
            any = true;
        }
        if (m.dispSize() > 0) {
            long d = m.disp();
            if (d < 0) {
                sb.append("-0x").append(Long.toHexString(-d));
            } else {
                sb.append("+0x").append(Long.toHexString(d));
            }
        }
        sb.append(']');
    }
}

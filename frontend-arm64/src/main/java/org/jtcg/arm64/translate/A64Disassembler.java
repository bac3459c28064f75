package org.jtcg.arm64.translate;

import org.jtcg.core.decode.Decoder;

import static org.jtcg.arm64.translate.A64Table.*;

/**
 * A64 disassembly in GNU objdump's syntax, with the aliases the Arm ARM prefers (mov, cmp, tst, lsl, cset,
 * mul ...), for {@code --trace in_asm}, SIGILL lines and the fuzzer's listings. This class does branches,
 * add/sub immediate and shifted register, move wide, logical shifted register, conditional select and
 * multiply/divide; the other groups have their own formatter ({@link A64LoadStoreDisassembler},
 * {@link A64IntegerAliasDisassembler}, {@link A64BitfieldDisassembler}, {@link A64ExclusiveDisassembler},
 * {@link A64FpDisassembler}, {@link A64SimdDisassembler}, {@link A64SystemDisassembler}). Unallocated words
 * print as {@code .inst 0x<word>}, a decoded word without a formatter as {@code <pattern name> 0x<word>}.
 * Branch and literal targets are absolute addresses without objdump's {@code <symbol>} suffix. Checked
 * against objdump over whole binaries and random words of every pattern ({@code A64ObjdumpCrossCheck}).
 */
public final class A64Disassembler {
    private A64Disassembler() {}

    private static final String[] SHIFTS = {"lsl", "lsr", "asr", "ror"};

    public static String format(int insn, long pc) {
        String s = objdumpSyntax(insn, pc);
        if (s != null) {
            return s;
        }
        long[] a = TABLE.newArgumentArray();
        int id = DECODER.decode(insn & 0xffff_ffffL, a);
        return id == Decoder.UNALLOCATED ? String.format(".inst 0x%08x", insn)
                : String.format("%s 0x%08x", DECODER.pattern(id).name(), insn);
    }

    /** True when {@link #format} gives objdump syntax for this word (not the pattern-name fallback). */
    public static boolean formats(int insn) {
        return objdumpSyntax(insn, 0) != null;
    }

    /** The word in objdump's syntax, or null (unallocated, or a form without a formatter). */
    static String objdumpSyntax(int insn, long pc) {
        long[] a = TABLE.newArgumentArray();
        int id = DECODER.decode(insn & 0xffff_ffffL, a);
        if (id == Decoder.UNALLOCATED) {
            return null;
        }
        try {
            return format(DECODER.pattern(id).name(), a, insn, pc);
        } catch (RuntimeException e) { // a formatter bug must not turn a trace or SIGILL line into a crash
            return null;
        }
    }

    static String x(long n, boolean sf) {
        return n == 31 ? (sf ? "xzr" : "wzr") : (sf ? "x" : "w") + n;
    }

    static String xsp(long n, boolean sf) {
        return n == 31 ? (sf ? "sp" : "wsp") : (sf ? "x" : "w") + n;
    }

    static String hex(long v) {
        return "#0x" + Long.toHexString(v);
    }

    static String imm(long v) {
        return "#" + v;
    }

    private static String format(String name, long[] a, int insn, long pc) {
        boolean sf = a[SF] != 0 && hasSf(name);
        long rd = a[RD], rn = a[RN], rm = a[RM];
        return switch (name) {
            case "B" -> "b " + Long.toHexString(pc + a[IMM26]);
            case "BL" -> "bl " + Long.toHexString(pc + a[IMM26]);
            case "B_cond" -> "b." + Conditions.NAMES[(int) a[COND]] + " " + Long.toHexString(pc + a[IMM19]);
            case "CBZ" -> (a[NZ] != 0 ? "cbnz " : "cbz ") + x(rd, sf) + ", " + Long.toHexString(pc + a[IMM19]);
            case "TBZ" -> {
                int bit = (int) (a[B5] << 5 | a[B40]);
                yield (a[NZ] != 0 ? "tbnz " : "tbz ") + x(rd, bit >= 32) + ", #" + bit + ", " + Long.toHexString(pc + a[IMM14]);
            }
            case "BR" -> "br " + x(rn, true);
            case "BLR" -> "blr " + x(rn, true);
            case "RET" -> rn == 30 ? "ret" : "ret " + x(rn, true);
            case "SVC" -> "svc " + hex(a[IMM16]);
            case "BRK" -> "brk " + hex(a[IMM16]);
            case "ADR" -> "adr " + x(rd, true) + ", " + Long.toHexString(pc + a[IMM]);
            case "ADRP" -> "adrp " + x(rd, true) + ", " + Long.toHexString((pc & ~0xfffL) + a[IMM]);
            case "ADDSUB_imm" -> addSubImm(a, sf);
            case "MOVZ", "MOVN" -> moveWide(name, a, sf);
            case "MOVK" -> "movk " + x(rd, sf) + ", " + hex(a[IMM16]) + (a[HW] != 0 ? ", lsl #" + 16 * a[HW] : "");
            case "LOGIC_reg" -> logicReg(a, sf);
            case "ADDSUB_reg" -> addSubReg(a, sf);
            case "CSEL" -> csel(a, sf);
            case "DIV" -> (a[O2] != 0 ? "sdiv " : "udiv ") + x(rd, sf) + ", " + x(rn, sf) + ", " + x(rm, sf);
            case "SHIFTV" -> SHIFTS[(int) a[SHIFT]] + " " + x(rd, sf) + ", " + x(rn, sf) + ", " + x(rm, sf);
            case "MADD" -> madd(a, sf);
            case "SMULH" -> "smulh " + x(rd, true) + ", " + x(rn, true) + ", " + x(rm, true);
            case "UMULH" -> "umulh " + x(rd, true) + ", " + x(rn, true) + ", " + x(rm, true);
            case "CLZ" -> (a[O2] != 0 ? "cls " : "clz ") + x(rd, sf) + ", " + x(rn, sf);
            case "LS_uimm", "LS_unscaled", "LS_post", "LS_pre", "LS_reg", "LS_unpriv" -> A64LoadStoreDisassembler.single(name, a);
            case "LDR_lit" -> A64LoadStoreDisassembler.literal(a, pc);
            case "LS_pair" -> A64LoadStoreDisassembler.pair(a);
            case "SBFM", "BFM", "UBFM" -> A64BitfieldDisassembler.format(name, a);
            case "LOGIC_imm", "ADDSUB_ext", "ADC", "EXTR", "REV", "SMADDL", "UMADDL" -> A64IntegerAliasDisassembler.format(name, a);
            case "LDXR", "STXR", "LDXP", "STXP", "LDAR", "STLR" -> A64ExclusiveDisassembler.format(name, a);
            case "CCMP_reg", "CCMP_imm" -> (a[OP] != 0 ? "ccmp " : "ccmn ") + x(rn, sf) + ", "
                    + (name.equals("CCMP_imm") ? hex(a[IMM5]) : x(rm, sf)) + ", " + hex(a[NZCV]) + ", " + Conditions.NAMES[(int) a[COND]];
            default -> {
                String fp = A64FpDisassembler.format(name, a); // scalar FP and AdvSIMD FP
                yield fp != null ? fp : A64SimdDisassembler.format(name, a, insn); // AdvSIMD integer and system
            }
        };
    }

    private static boolean hasSf(String name) {
        return !name.startsWith("LS_") && !name.equals("LDR_lit");
    }

    private static String addSubImm(long[] a, boolean sf) {
        boolean sub = a[OP] != 0, s = a[S] != 0;
        long rd = a[RD], rn = a[RN], imm = a[IMM12];
        String shift = a[SH] != 0 ? ", lsl #12" : "";
        if (!sub && !s && imm == 0 && a[SH] == 0 && (rd == 31 || rn == 31)) {
            return "mov " + xsp(rd, sf) + ", " + xsp(rn, sf);
        }
        if (s && rd == 31) {
            return (sub ? "cmp " : "cmn ") + xsp(rn, sf) + ", " + hex(imm) + shift;
        }
        String m = (sub ? "sub" : "add") + (s ? "s " : " ");
        return m + (s ? x(rd, sf) : xsp(rd, sf)) + ", " + xsp(rn, sf) + ", " + hex(imm) + shift;
    }

    private static String moveWide(String name, long[] a, boolean sf) {
        long imm = a[IMM16] << (16 * a[HW]);
        boolean movn = name.equals("MOVN");
        if (!(a[IMM16] == 0 && a[HW] != 0) && !(movn && !sf && a[IMM16] == 0xffff)) {
            long v = movn ? ~imm : imm;
            if (!sf) {
                v &= 0xffff_ffffL;
            }
            return "mov " + x(a[RD], sf) + ", " + hex(v);
        }
        return (movn ? "movn " : "movz ") + x(a[RD], sf) + ", " + hex(a[IMM16]) + (a[HW] != 0 ? ", lsl #" + 16 * a[HW] : "");
    }

    private static String shifted(long[] a, boolean sf) {
        String s = x(a[RM], sf);
        return a[IMM6] == 0 && a[SHIFT] == 0 ? s : s + ", " + SHIFTS[(int) a[SHIFT]] + " #" + a[IMM6];
    }

    private static String logicReg(long[] a, boolean sf) {
        int opc = (int) a[OPC];
        boolean inv = a[N] != 0;
        long rd = a[RD], rn = a[RN];
        if (opc == 1 && rn == 31 && a[IMM6] == 0 && a[SHIFT] == 0) {
            return (inv ? "mvn " : "mov ") + x(rd, sf) + ", " + x(a[RM], sf);
        }
        if (opc == 1 && inv && rn == 31) {
            return "mvn " + x(rd, sf) + ", " + shifted(a, sf);
        }
        if (opc == 3 && !inv && rd == 31) {
            return "tst " + x(rn, sf) + ", " + shifted(a, sf);
        }
        String[] names = inv ? new String[] {"bic", "orn", "eon", "bics"} : new String[] {"and", "orr", "eor", "ands"};
        return names[opc] + " " + x(rd, sf) + ", " + x(rn, sf) + ", " + shifted(a, sf);
    }

    private static String addSubReg(long[] a, boolean sf) {
        boolean sub = a[OP] != 0, s = a[S] != 0;
        long rd = a[RD], rn = a[RN];
        if (s && rd == 31) {
            return (sub ? "cmp " : "cmn ") + x(rn, sf) + ", " + shifted(a, sf);
        }
        if (sub && rn == 31) {
            return (s ? "negs " : "neg ") + x(rd, sf) + ", " + shifted(a, sf);
        }
        return (sub ? "sub" : "add") + (s ? "s " : " ") + x(rd, sf) + ", " + x(rn, sf) + ", " + shifted(a, sf);
    }

    private static String csel(long[] a, boolean sf) {
        int kind = (int) (a[OP] << 1 | a[O2]);
        long rd = a[RD], rn = a[RN], rm = a[RM];
        int cond = (int) a[COND];
        String inv = Conditions.NAMES[cond ^ 1];
        if (kind == 1 && rn == 31 && rm == 31 && cond < 14) {
            return "cset " + x(rd, sf) + ", " + inv;
        }
        if (kind == 2 && rn == 31 && rm == 31 && cond < 14) {
            return "csetm " + x(rd, sf) + ", " + inv;
        }
        if (kind >= 1 && rn == rm && cond < 14) { // rn = rm = 31: cset, csetm above; cneg wzr stays
            String m = kind == 1 ? "cinc " : kind == 2 ? "cinv " : "cneg ";
            return m + x(rd, sf) + ", " + x(rn, sf) + ", " + inv;
        }
        String[] names = {"csel", "csinc", "csinv", "csneg"};
        return names[kind] + " " + x(rd, sf) + ", " + x(rn, sf) + ", " + x(rm, sf) + ", " + Conditions.NAMES[cond];
    }

    private static String madd(long[] a, boolean sf) {
        boolean sub = a[O0] != 0;
        String base = x(a[RD], sf) + ", " + x(a[RN], sf) + ", " + x(a[RM], sf);
        if (a[RA] == 31) {
            return (sub ? "mneg " : "mul ") + base;
        }
        return (sub ? "msub " : "madd ") + base + ", " + x(a[RA], sf);
    }
}

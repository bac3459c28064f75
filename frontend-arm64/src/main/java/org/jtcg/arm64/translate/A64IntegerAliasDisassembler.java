package org.jtcg.arm64.translate;

import static org.jtcg.arm64.translate.A64Disassembler.hex;
import static org.jtcg.arm64.translate.A64Disassembler.x;
import static org.jtcg.arm64.translate.A64Disassembler.xsp;
import static org.jtcg.arm64.translate.A64Table.*;

/**
 * The integer data-processing groups beyond {@link A64Disassembler}'s core set, in objdump's syntax with the
 * Arm ARM's preferred aliases: logical immediates (mov, tst), extended-register add/sub (cmp, cmn, and
 * {@code lsl} for uxtw/uxtx next to the stack pointer), add/sub with carry (ngc, ngcs), extr (ror),
 * the byte reversals and the widening multiplies (smull, umull, smnegl, umnegl). Null for an unallocated form.
 */
final class A64IntegerAliasDisassembler {
    private A64IntegerAliasDisassembler() {}

    private static final String[] EXTENDS = {"uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx"};
    private static final String[] LOGIC = {"and", "orr", "eor", "ands"};
    /** REV's opc (bits 11..10) to the mnemonic; opc 2 is rev32 on 64 bits and rev on 32 bits. */
    private static final String[] REVERSALS = {"rbit", "rev16", "rev32", "rev"};
    private static final String[] CARRY = {"adc", "adcs", "sbc", "sbcs"};

    static String format(String name, long[] a) {
        boolean sf = a[SF] != 0;
        return switch (name) {
            case "LOGIC_imm" -> logicImmediate(a, sf);
            case "ADDSUB_ext" -> addSubExtended(a, sf);
            case "ADC" -> carry(a, sf);
            case "EXTR" -> extract(a, sf);
            case "REV" -> reverse(a, sf);
            case "SMADDL", "UMADDL" -> widening(name.equals("UMADDL") ? "u" : "s", a);
            default -> null;
        };
    }

    private static String logicImmediate(long[] a, boolean sf) {
        int opc = (int) a[OPC];
        int n = (int) a[N], immr = (int) a[IMMR], imms = (int) a[IMMS];
        long imm = BitMasks.logicalImmediate(sf, n, immr, imms);
        if (imm == BitMasks.NONE) {
            return null;
        }
        long rd = a[RD], rn = a[RN];
        if (opc == 3 && rd == 31) {
            return "tst " + x(rn, sf) + ", " + hex(imm);
        }
        if (opc == 1 && rn == 31 && (rd == 31 || !moveWidePreferred(sf, imm))) { // movz/movn cannot write SP
            return "mov " + xsp(rd, sf) + ", " + hex(imm);
        }
        String dst = opc == 3 ? x(rd, sf) : xsp(rd, sf);
        return LOGIC[opc] + " " + dst + ", " + x(rn, sf) + ", " + hex(imm);
    }

    /**
     * The intent of the Arm ARM's MoveWidePreferred(): the value is also a MOVZ or MOVN immediate (one
     * halfword differs from all-zeros or all-ones), and then objdump keeps orr for the ORR word: the mov
     * spelling belongs to the move-wide encoding.
     */
    private static boolean moveWidePreferred(boolean sf, long imm) {
        long mask = sf ? -1L : 0xffff_ffffL;
        return oneHalfword(imm, sf) || oneHalfword(~imm & mask, sf);
    }

    private static boolean oneHalfword(long v, boolean sf) {
        int nonZero = 0;
        for (int i = 0; i < (sf ? 4 : 2); i++) {
            if ((v >>> (16 * i) & 0xffff) != 0) {
                nonZero++;
            }
        }
        return nonZero <= 1;
    }

    private static String addSubExtended(long[] a, boolean sf) {
        boolean sub = a[OP] != 0, setFlags = a[S] != 0;
        int option = (int) a[OPTION], shift = (int) a[IMM3];
        if (shift > 4) {
            return null;
        }
        long rd = a[RD], rn = a[RN];
        boolean spOperand = rn == 31 || (!setFlags && rd == 31);
        String ext;
        if (spOperand && option == (sf ? 3 : 2)) { // uxtx / uxtw next to SP reads as lsl
            ext = shift == 0 ? "" : ", lsl #" + shift;
        } else {
            ext = ", " + EXTENDS[option] + (shift == 0 ? "" : " #" + shift);
        }
        String rm = x(a[RM], sf && (option & 3) == 3) + ext;
        if (setFlags && rd == 31) {
            return (sub ? "cmp " : "cmn ") + xsp(rn, sf) + ", " + rm;
        }
        String dst = setFlags ? x(rd, sf) : xsp(rd, sf);
        return (sub ? "sub" : "add") + (setFlags ? "s " : " ") + dst + ", " + xsp(rn, sf) + ", " + rm;
    }

    private static String carry(long[] a, boolean sf) {
        int kind = (int) (a[OP] << 1 | a[S]);
        if (kind >= 2 && a[RN] == 31) {
            return (kind == 2 ? "ngc " : "ngcs ") + x(a[RD], sf) + ", " + x(a[RM], sf);
        }
        return CARRY[kind] + " " + x(a[RD], sf) + ", " + x(a[RN], sf) + ", " + x(a[RM], sf);
    }

    private static String extract(long[] a, boolean sf) {
        int lsb = (int) a[IMMS];
        if ((a[N] != 0) != sf || (!sf && lsb >= 32)) {
            return null;
        }
        if (a[RN] == a[RM]) {
            return "ror " + x(a[RD], sf) + ", " + x(a[RN], sf) + ", #" + lsb;
        }
        return "extr " + x(a[RD], sf) + ", " + x(a[RN], sf) + ", " + x(a[RM], sf) + ", #" + lsb;
    }

    private static String reverse(long[] a, boolean sf) {
        int opc = (int) a[SH2];
        if (!sf && opc == 3) {
            return null;
        }
        String m = !sf && opc == 2 ? "rev" : REVERSALS[opc];
        return m + " " + x(a[RD], sf) + ", " + x(a[RN], sf);
    }

    private static String widening(String sign, long[] a) {
        boolean sub = a[O0] != 0;
        String ops = x(a[RD], true) + ", " + x(a[RN], false) + ", " + x(a[RM], false);
        if (a[RA] == 31) {
            return sign + (sub ? "mnegl " : "mull ") + ops;
        }
        return sign + (sub ? "msubl " : "maddl ") + ops + ", " + x(a[RA], true);
    }
}

package org.jtcg.s390x.translate;

import org.jtcg.core.decode.Decoder;
import org.jtcg.core.decode.EncodingPattern;
import org.jtcg.core.memory.GuestMemory;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One-line disassembly of the instructions in the decode table, in the syntax of binutils' objdump
 * (extended branch mnemonics such as {@code jne}, {@code locgrnhe}, {@code cgijne}; relative targets as
 * absolute hex addresses without a symbol). The operand layout follows from the pattern's arguments,
 * so a new table row needs no code here unless its registers are not general registers.
 */
public final class S390xDisassembler {
    private S390xDisassembler() {}

    /** Branch-mask suffixes (BRC, BCR, LOC...), index = mask. */
    private static final String[] BRANCH = {"nop", "o", "h", "nle", "l", "nhe", "lh", "ne", "e", "nlh", "he", "nl", "le", "nh",
        "no", ""};
    /** Compare-and-branch suffixes (mask bits CC0-CC2 only). */
    private static final String[] COMPARE = {"", "", "h", "", "l", "", "ne", "", "e", "", "nl", "", "nh", "", "", ""};
    private static final Set<String> BFP_RR = Set.of("LTDBR", "LTEBR", "LCDBR", "LCEBR", "LPDBR", "LPEBR", "LNDBR", "LNEBR",
            "ADBR", "AEBR", "SDBR", "SEBR", "MDBR", "MEEBR", "DDBR", "DEBR", "CDBR", "CEBR", "KDBR", "KEBR", "SQDBR", "SQEBR",
            "LDEBR", "LEDBR", "CXBR", "KXBR", "FIEBR", "FIDBR", "MADBR", "MSDBR", "MAEBR", "MSEBR",
            // BFP: extended
            "LXDBR", "LXEBR", "MXDBR", "LPXBR", "LNXBR", "LTXBR", "LCXBR", "LDXBR", "LEXBR", "FIXBR", "AXBR", "SXBR",
            "MXBR", "DXBR", "SQXBR", "LXR");
    private static final Set<String> BFP_TO_INT = Set.of("CFDBR", "CGDBR", "CFEBR", "CGEBR", "CLFEBR", "CLFDBR", "CLGEBR",
            "CLGDBR", "CFXBR", "CGXBR", "CLFXBR", "CLGXBR");
    private static final Set<String> BFP_FROM_LOGICAL = Set.of("CELFBR", "CDLFBR", "CELGBR", "CDLGBR", "CXLFBR", "CXLGBR");
    private static final Set<String> FPR_R1 = union(BFP_RR, union(Set.of("LDR", "LER", "LD", "LDY", "STD", "STDY", "LE", "LEY", "STE",
            "STEY", "LZDR", "LZER", "LDGR", "LDEB", "ADB", "SDB", "MDB", "DDB", "CDB", "AEB", "SEB", "MEEB", "DEB", "CEB", "KDB", "KEB", "TCEB", "TCDB", "TCXB",
            "CDFBR", "CDGBR", "CEFBR", "CEGBR", "MADB", "MSDB", "MAEB", "MSEB", "LZXR", "LPDFR", "LNDFR", "LCDFR",
            "CPSDR", "LXDB", "LXEB", "MXDB", "CXFBR", "CXGBR"), BFP_FROM_LOGICAL));
    private static final Set<String> FPR_R2 = union(BFP_RR, union(BFP_TO_INT, Set.of("LDR", "LER", "LGDR", "LPDFR", "LNDFR", "LCDFR", "CPSDR")));
    private static final Set<String> FPR_R3 = Set.of("CPSDR", "MADBR", "MSDBR", "MAEBR", "MSEBR", "MADB", "MSDB", "MAEB", "MSEB");

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new java.util.HashSet<>(a);
        u.addAll(b);
        return Set.copyOf(u);
    }
    private static final Set<String> R1_ONLY = Set.of("IPM", "SPM", "EFPC", "SFPC", "LZDR", "LZER", "LZXR");
    private static final Set<String> UNSIGNED_8 = Set.of("CLIY", "MVIY", "TMY", "NIY", "OIY", "XIY");
    private static final Set<String> UNSIGNED_16 = Set.of("CLHHSI", "CLFHSI", "CLGHSI");
    /** Instructions whose M4 field objdump shows only in an "a"-suffixed mnemonic. */
    private static final Set<String> WITH_M4_SUFFIX = Set.of("FIEBR", "FIDBR", "CFDBR", "CGDBR", "CFEBR", "CGEBR",
            "FIXBR", "CFXBR", "CGXBR");
    /**
     * Instructions objdump shows as the plain two-operand mnemonic when M3 and M4 are both zero and as the
     * "a" mnemonic with all four operands otherwise (cdfbr / cdfbra %f0,5,%r4,0).
     */
    private static final Set<String> A_FORM = Set.of("CDFBR", "CDGBR", "CEFBR", "CEGBR", "LEDBR", "LDXBR", "LEXBR", "CXFBR",
            "CXGBR");
    private static final Set<String> WITH_CONDITION = Set.of("LOCR", "LOCGR", "LOC", "LOCG", "STOC", "STOCG");
    // general: masks printed as a number; compare-and-trap with its condition in the mnemonic
    private static final Set<String> WITH_MASK_OPERAND = Set.of("CLM", "CLMY", "CLMH", "STCMH");
    private static final Set<String> COMPARE_AND_TRAP = Set.of("CRT", "CGRT", "CLRT", "CLGRT", "CIT", "CGIT", "CLFIT", "CLGIT");

    /** Disassembles the instruction at pc; "(bad) bytes" when it is not in the table. */
    public static String disassemble(GuestMemory memory, long pc) {
        byte[] buf = new byte[6];
        int got = memory.fetch(pc, buf, 0, 2);
        if (got < 2) {
            return "(bad)";
        }
        int len = S390xTable.length(((buf[0] & 0xff) << 8) | (buf[1] & 0xff));
        if (len > 2 && memory.fetch(pc + 2, buf, 2, len - 2) < len - 2) {
            return "(bad)";
        }
        return format(S390xTranslator.leftAligned(buf, len), len, pc);
    }

    /** Disassembles an instruction given left-aligned in 48 bits, {@code len} bytes long, at {@code pc}. */
    public static String format(long insn, int len, long pc) {
        long[] a = S390xTable.TABLE.newArgumentArray();
        int id = S390xTable.DECODER.decode(insn, a);
        if (id == Decoder.UNALLOCATED) {
            StringBuilder sb = new StringBuilder("(bad)");
            for (int i = 0; i < len; i++) {
                sb.append(String.format(" %02x", (insn >>> (40 - 8 * i)) & 0xff));
            }
            return sb.toString();
        }
        EncodingPattern p = S390xDisassembler.pattern(id);
        String name = p.name();
        String mnemonic = mnemonic(name, a);
        String ops = operands(name, p.arguments(), a, pc);
        return ops.isEmpty() ? mnemonic : mnemonic + " " + ops;
    }

    static EncodingPattern pattern(int id) {
        return S390xTable.DECODER.pattern(id);
    }

    private static String mnemonic(String name, long[] a) {
        int m = (int) a[S390xTable.M] & 15;
        String lower = name.toLowerCase(Locale.ROOT);
        switch (name) {
            case "BRC":
                return "j" + BRANCH[m];
            case "BRCL":
                return "jg" + BRANCH[m];
            case "BCR":
                return m == 0 ? "nopr" : "b" + BRANCH[m] + "r";
            case "BC":
                return m == 0 ? "nop" : "b" + BRANCH[m];
            case "RISBG":
                return (a[S390xTable.I4] & 0x80) != 0 ? "risbgz" : "risbg";
            default:
                break;
        }
        if (A_FORM.contains(name) && aForm(a)) {
            return lower + "a";
        }
        if (WITH_M4_SUFFIX.contains(name) && a[S390xTable.M4] != 0) {
            return lower + "a"; // objdump: the forms with a non-zero M4 are the "a" mnemonics (fidbra, cfdbra)
        }
        if (WITH_CONDITION.contains(name)) {
            return lower + BRANCH[m];
        }
        if (COMPARE_AND_TRAP.contains(name)) {
            return lower + COMPARE[m]; // no extended mnemonic for masks 0, 14, odd: the mask is an operand
        }
        if (name.endsWith("J") && name.startsWith("C")) {
            return lower + COMPARE[m];
        }
        return lower;
    }

    private static boolean aForm(long[] a) {
        return (a[S390xTable.M] | a[S390xTable.M4]) != 0;
    }

    private static String operands(String name, List<String> args, long[] a, long pc) {
        StringBuilder sb = new StringBuilder();
        boolean hasIndex = args.contains("x");
        for (String arg : args) {
            String text;
            switch (arg) {
                case "r1" -> text = reg(name, 1, a[S390xTable.R1]);
                case "r2" -> {
                    if (R1_ONLY.contains(name) || (name.equals("BCR") && a[S390xTable.R2] == 0 && (a[S390xTable.M] & 15) == 0)) {
                        continue;
                    }
                    text = reg(name, 2, a[S390xTable.R2]);
                }
                case "r3" -> text = (FPR_R3.contains(name) ? "%f" : "%r") + a[S390xTable.R3];
                case "m" -> {
                    if (!(name.equals("ICM") || name.equals("ICMY") || name.equals("ICMH") || name.equals("STCM")
                            || name.equals("STCMY") || name.equals("PFD") || name.equals("PFDRL") || BFP_TO_INT.contains(name)
                            || BFP_FROM_LOGICAL.contains(name) || name.equals("FIEBR") || name.equals("FIDBR")
                            || name.equals("FIXBR") || (A_FORM.contains(name) && aForm(a))
                            || WITH_MASK_OPERAND.contains(name))) {
                        continue; // folded into the mnemonic
                    }
                    text = Long.toString(a[S390xTable.M]);
                }
                case "x" -> {
                    continue;
                }
                case "b" -> {
                    continue;
                }
                case "d" -> text = address(a[S390xTable.D], hasIndex ? a[S390xTable.X] : 0, a[S390xTable.B], -1);
                case "b1" -> {
                    continue;
                }
                case "d1" -> text = args.contains("l")
                        ? address(a[S390xTable.D1], 0, a[S390xTable.B1], a[S390xTable.L] + 1)
                        : address(a[S390xTable.D1], 0, a[S390xTable.B1], -1);
                case "l" -> {
                    continue;
                }
                case "i" -> text = Long.toString(immediate(name, a[S390xTable.I]));
                case "m4" -> {
                    if ((WITH_M4_SUFFIX.contains(name) && a[S390xTable.M4] == 0) || (A_FORM.contains(name) && !aForm(a))) {
                        continue;
                    }
                    text = Long.toString(a[S390xTable.M4]);
                }
                case "i3" -> text = Long.toString(a[S390xTable.I3]);
                case "i4" -> text = Long.toString(name.equals("RISBG") ? a[S390xTable.I4] & 0x7f : a[S390xTable.I4]);
                case "i5" -> text = Long.toString(a[S390xTable.I5]);
                case "rel" -> text = Long.toHexString(pc + a[S390xTable.REL]);
                default -> text = arg + "?";
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(text);
        }
        return reorder(name, sb.toString(), args, a, pc);
    }

    /** Formats whose operand order differs from the table's argument order. */
    private static String reorder(String name, String text, List<String> args, long[] a, long pc) {
        if (args.equals(List.of("r1", "r2", "rel", "m")) || args.equals(List.of("r1", "m", "rel", "i"))) {
            // compare and branch: r1, r2 or immediate, target
            String second = args.contains("i") ? Long.toString(a[S390xTable.I]) : "%r" + a[S390xTable.R2];
            return "%r" + a[S390xTable.R1] + "," + second + "," + Long.toHexString(pc + a[S390xTable.REL]);
        }
        if (args.equals(List.of("b", "d", "i")) || args.equals(List.of("i", "b", "d"))) {
            return address(a[S390xTable.D], 0, a[S390xTable.B], -1) + "," + immediate(name, a[S390xTable.I]);
        }
        if (name.equals("PFD") || name.equals("PFDRL")) {
            return text;
        }
        if (COMPARE_AND_TRAP.contains(name)) {
            // r1, r2 or immediate; the mask only when no extended mnemonic names it
            int m = (int) a[S390xTable.M] & 15;
            String second = args.contains("i") ? Long.toString(a[S390xTable.I]) : "%r" + a[S390xTable.R2];
            String ops = "%r" + a[S390xTable.R1] + "," + second;
            return COMPARE[m].isEmpty() ? ops + "," + m : ops;
        }
        return text;
    }

    private static long immediate(String name, long i) {
        if (UNSIGNED_8.contains(name)) {
            return i & 0xff;
        }
        if (UNSIGNED_16.contains(name)) {
            return i & 0xffff;
        }
        return i;
    }

    private static String reg(String name, int which, long n) {
        if ((which == 1 && FPR_R1.contains(name)) || (which == 2 && FPR_R2.contains(name))) {
            return "%f" + n;
        }
        if ((which == 2 && name.equals("EAR")) || (which == 1 && name.equals("SAR"))) {
            return "%a" + n;
        }
        return "%r" + n;
    }

    /** d(x,b) the way objdump writes it: "d", "d(%rb)", "d(%rx,%rb)"; with a length: "d(len,%rb)". */
    private static String address(long d, long x, long b, long length) {
        if (length >= 0) {
            return d + "(" + length + (b != 0 ? ",%r" + b : "") + ")";
        }
        if (x == 0 && b == 0) {
            return Long.toString(d);
        }
        if (x == 0) {
            return d + "(%r" + b + ")";
        }
        return d + "(%r" + x + ",%r" + b + ")";
    }
}

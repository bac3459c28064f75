package org.jtcg.arm64.translate;

import static org.jtcg.arm64.translate.A64Table.*;

/**
 * objdump syntax for the AdvSIMD integer patterns (arithmetic, shifts, permutes, element moves,
 * structure loads/stores) and the system patterns (hints, barriers, mrs/msr, dc/ic); called by
 * {@link A64Disassembler} for the patterns it does not format itself. Returns null for encodings
 * it does not cover (the FP lanes among them), which then print as the pattern name.
 */
final class A64SimdDisassembler {
    private A64SimdDisassembler() {}

    private static final int Q = TABLE.slot("q"), U = TABLE.slot("u"), VSIZE = TABLE.slot("vsize"),
            SIMDOP = TABLE.slot("simdop"), MISC = TABLE.slot("misc"), DIFFOP = TABLE.slot("diffop"),
            IMMH = TABLE.slot("immh"), IMMB = TABLE.slot("immb"), SHOP = TABLE.slot("shop"), TLEN = TABLE.slot("tlen"),
            TBX = TABLE.slot("tbx"), PERM = TABLE.slot("perm"), ABC = TABLE.slot("abc"), CMODE = TABLE.slot("cmode"),
            DEFGH = TABLE.slot("defgh"), IMM4 = TABLE.slot("imm4"), LSOPCODE = TABLE.slot("lsopcode"),
            LSSIZE = TABLE.slot("lssize"), POST = TABLE.slot("post"), SSOP = TABLE.slot("ssop"), SBIT2 = TABLE.slot("sbit"),
            NREG = TABLE.slot("nreg"), H11 = TABLE.slot("h11"), M20 = TABLE.slot("m20"), RM4 = TABLE.slot("rm4");

    private static final String[] ARR = {"8b", "16b", "4h", "8h", "2s", "4s", "1d", "2d"};
    private static final String SCALAR = "bhsdq";

    private static final String[][] SAME = {
        {"shadd", "sqadd", "srhadd", null, "shsub", "sqsub", "cmgt", "cmge", "sshl", "sqshl", "srshl", "sqrshl", "smax",
            "smin", "sabd", "saba", "add", "cmtst", "mla", "mul", "smaxp", "sminp", "sqdmulh", "addp"},
        {"uhadd", "uqadd", "urhadd", null, "uhsub", "uqsub", "cmhi", "cmhs", "ushl", "uqshl", "urshl", "uqrshl", "umax",
            "umin", "uabd", "uaba", "sub", "cmeq", "mls", "pmul", "umaxp", "uminp", "sqrdmulh", null}};
    private static final String[][] DIFF = {
        {"saddl", "saddw", "ssubl", "ssubw", "addhn", "sabal", "subhn", "sabdl", "smlal", "sqdmlal", "smlsl", "sqdmlsl",
            "smull", "sqdmull", "pmull", null},
        {"uaddl", "uaddw", "usubl", "usubw", "raddhn", "uabal", "rsubhn", "uabdl", "umlal", null, "umlsl", null,
            "umull", null, null, null}};
    private static final String[][] MISC2 = {
        {"rev64", "rev16", "saddlp", "suqadd", "cls", "cnt", "sadalp", "sqabs", "cmgt", "cmeq", "cmlt", "abs", null, null,
            null, null, null, null, "xtn", null, "sqxtn"},
        {"rev32", null, "uaddlp", "usqadd", "clz", "mvn", "uadalp", "sqneg", "cmge", "cmle", null, "neg", null, null,
            null, null, null, null, "sqxtun", "shll", "uqxtn"}};
    private static final String[][] SHIFTS = {
        {"sshr", null, "ssra", null, "srshr", null, "srsra", null, null, null, "shl", null, null, null, "sqshl", null,
            "shrn", "rshrn", "sqshrn", "sqrshrn", "sshll"},
        {"ushr", null, "usra", null, "urshr", null, "ursra", null, "sri", null, "sli", null, "sqshlu", null, "uqshl", null,
            "sqshrun", "sqrshrun", "uqshrn", "uqrshrn", "ushll"}};

    static String v(long n, int size, boolean q) {
        return "v" + n + "." + ARR[size * 2 + (q ? 1 : 0)];
    }

    static String r(long n, int size) {
        return SCALAR.charAt(size) + "" + n;
    }

    static String format(String name, long[] a, int insn) {
        boolean q = a[Q] != 0, u = a[U] != 0;
        int size = (int) a[VSIZE];
        long rd = a[RD], rn = a[RN], rm = a[RM];
        int uu = u ? 1 : 0;
        boolean sc = (insn >>> 28 & 1) != 0; // the AdvSIMD scalar encodings
        if (name.startsWith("SIMD_3same") || name.startsWith("SIMD_s3same")) {
            return threeSame(sc, a, q, uu, size);
        }
        if (name.startsWith("SIMD_2misc") || name.startsWith("SIMD_s2misc")) {
            return twoMisc(sc, a, q, uu, size);
        }
        if (name.startsWith("SIMD_shimm") || name.startsWith("SIMD_sshimm")) {
            return shiftImm(sc, a, q, uu);
        }
        if (name.startsWith("SIMD_elem") || name.startsWith("SIMD_selem")) {
            return byElement(sc, a, q, uu, size);
        }
        if (name.startsWith("SIMD_ldst_multi")) {
            return multiple(a, q);
        }
        if (name.startsWith("SIMD_ldst_single")) {
            return single(a, q);
        }
        return switch (name) {
            case "SIMD_3diff", "SIMD_s3diff" -> threeDiff(sc, a, q, uu, size);
            case "SIMD_across" -> {
                int op = (int) a[MISC];
                String m = op == 3 ? (u ? "uaddlv" : "saddlv") : op == 0x0a ? (u ? "umaxv" : "smaxv")
                        : op == 0x1a ? (u ? "uminv" : "sminv") : op == 0x1b && !u ? "addv" : null;
                yield m == null || size == 3 ? null : m + " " + r(rd, op == 3 ? size + 1 : size) + ", " + v(rn, size, q);
            }
            case "SIMD_perm" -> {
                String[] p = {null, "uzp1", "trn1", "zip1", null, "uzp2", "trn2", "zip2"};
                String m = p[(int) a[PERM]];
                yield m == null ? null : m + " " + v(rd, size, q) + ", " + v(rn, size, q) + ", " + v(rm, size, q);
            }
            case "SIMD_ext" -> "ext " + v(rd, 0, q) + ", " + v(rn, 0, q) + ", " + v(rm, 0, q) + ", #" + a[IMM4];
            case "SIMD_tbl" -> (a[TBX] != 0 ? "tbx " : "tbl ") + v(rd, 0, q) + ", "
                    + list(rn, (int) a[TLEN] + 1, "16b") + ", " + v(rm, 0, q);
            case "SIMD_modimm" -> modImm(a, q, uu);
            case "SIMD_saddp" -> "addp d" + rd + ", v" + rn + ".2d";
            case "DUP_elem", "DUP_scalar", "INS_elem", "INS_gen", "DUP_gen", "UMOV", "SMOV" -> element(name, a, q);
            case "HINT", "CLREX", "BARRIER", "ISB", "SYS", "MRS", "MSR_reg" -> A64SystemDisassembler.format(name, a);
            default -> null;
        };
    }

    /** A register list: {v1.16b}, {v1.16b, v2.16b}, {v1.16b-v3.16b} (objdump's range for 3 or more in order). */
    static String list(long first, int count, String arr) {
        if (count >= 3 && first + count - 1 <= 31) {
            return "{v" + first + "." + arr + "-v" + (first + count - 1) + "." + arr + "}";
        }
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            s.append(i > 0 ? ", " : "").append('v').append((first + i) & 31).append('.').append(arr);
        }
        return s.append('}').toString();
    }

    private static String threeSame(boolean sc, long[] a, boolean q, int u, int size) {
        int op = (int) a[SIMDOP];
        long rd = a[RD], rn = a[RN], rm = a[RM];
        if (op >= 0x18) {
            return null; // FP
        }
        if (op == 3) {
            if (sc) {
                return null;
            }
            String[] logic = u == 0 ? new String[] {"and", "bic", "orr", "orn"} : new String[] {"eor", "bsl", "bit", "bif"};
            if (u == 0 && size == 2 && rn == rm) {
                return "mov " + v(rd, 0, q) + ", " + v(rn, 0, q);
            }
            return logic[size] + " " + v(rd, 0, q) + ", " + v(rn, 0, q) + ", " + v(rm, 0, q);
        }
        String m = SAME[u][op];
        if (m == null) {
            return null;
        }
        if (sc) {
            return m + " " + r(rd, size) + ", " + r(rn, size) + ", " + r(rm, size);
        }
        if (size == 3 && !q) {
            return null;
        }
        return m + " " + v(rd, size, q) + ", " + v(rn, size, q) + ", " + v(rm, size, q);
    }

    private static String threeDiff(boolean sc, long[] a, boolean q, int u, int size) {
        int op = (int) a[DIFFOP];
        String m = DIFF[u][op];
        if (m == null || (size == 3 && op != 14)) {
            return null;
        }
        long rd = a[RD], rn = a[RN], rm = a[RM];
        if (sc) {
            return m + " " + r(rd, size + 1) + ", " + r(rn, size) + ", " + r(rm, size);
        }
        m += q ? "2" : "";
        String wide = size == 3 ? "v" + rd + ".1q" : v(rd, size + 1, true);
        String narrowN = v(rn, size, q), narrowM = v(rm, size, q);
        return switch (op) {
            case 1, 3 -> m + " " + wide + ", " + v(rn, size + 1, true) + ", " + narrowM;
            case 4, 6 -> m + " " + v(rd, size, q) + ", " + v(rn, size + 1, true) + ", " + v(rm, size + 1, true);
            default -> m + " " + wide + ", " + narrowN + ", " + narrowM;
        };
    }

    private static String twoMisc(boolean sc, long[] a, boolean q, int u, int size) {
        int op = (int) a[MISC];
        long rd = a[RD], rn = a[RN];
        if (op == 0x1c && size == 2 && !sc) { // size 3 (a 1D lane) is unallocated
            return (u == 0 ? "urecpe " : "ursqrte ") + v(rd, 2, q) + ", " + v(rn, 2, q);
        }
        String m = op < MISC2[u].length ? MISC2[u][op] : null;
        if (m == null) {
            return null;
        }
        if (op == 5 && u == 1) {
            m = size == 0 ? "mvn" : size == 1 ? "rbit" : null;
            if (m == null) {
                return null;
            }
            return m + " " + v(rd, 0, q) + ", " + v(rn, 0, q);
        }
        boolean widensOrNarrows = op == 0x02 || op == 0x06 || op == 0x12 || op == 0x13 || op == 0x14;
        if (widensOrNarrows && size == 3) {
            return null;
        }
        String zero = op >= 8 && op <= 10 ? ", #0" : "";
        if (sc) {
            if (op == 0x12 || op == 0x14) {
                return m + " " + r(rd, size) + ", " + r(rn, size + 1);
            }
            return m + " " + r(rd, size) + ", " + r(rn, size) + zero;
        }
        return switch (op) {
            case 0x12, 0x14 -> m + (q ? "2 " : " ") + v(rd, size, q) + ", " + v(rn, size + 1, true);
            case 0x13 -> m + (q ? "2 " : " ") + v(rd, size + 1, true) + ", " + v(rn, size, q) + ", #" + (8 << size);
            case 0x02, 0x06 -> m + " " + v(rd, size + 1, q) + ", " + v(rn, size, q);
            default -> size == 3 && !q ? null : m + " " + v(rd, size, q) + ", " + v(rn, size, q) + zero;
        };
    }

    private static String shiftImm(boolean sc, long[] a, boolean q, int u) {
        int immh = (int) a[IMMH], op = (int) a[SHOP];
        if (immh == 0 || op >= SHIFTS[u].length || SHIFTS[u][op] == null) {
            return null;
        }
        String m = SHIFTS[u][op];
        int esize = 31 - Integer.numberOfLeadingZeros(immh);
        int immhb = immh << 3 | (int) a[IMMB], bits = 8 << esize;
        int right = 2 * bits - immhb, left = immhb - bits;
        boolean leftShift = op == 0x0a || op == 0x0c || op == 0x0e || op == 0x14;
        int amount = leftShift ? left : right;
        long rd = a[RD], rn = a[RN];
        if (op >= 0x10) { // narrowing and widening
            if (esize == 3) {
                return null;
            }
            if (op == 0x14) {
                String to = v(rd, esize + 1, true), from = v(rn, esize, q);
                if (amount == 0) {
                    return (u == 0 ? "sxtl" : "uxtl") + (q ? "2 " : " ") + to + ", " + from;
                }
                return m + (q ? "2 " : " ") + to + ", " + from + ", #" + amount;
            }
            if (sc) {
                return m + " " + r(rd, esize) + ", " + r(rn, esize + 1) + ", #" + amount;
            }
            return m + (q ? "2 " : " ") + v(rd, esize, q) + ", " + v(rn, esize + 1, true) + ", #" + amount;
        }
        if (sc) {
            return m + " " + r(rd, esize) + ", " + r(rn, esize) + ", #" + amount;
        }
        if (esize == 3 && !q) {
            return null;
        }
        return m + " " + v(rd, esize, q) + ", " + v(rn, esize, q) + ", #" + amount;
    }

    private static String byElement(boolean sc, long[] a, boolean q, int u, int size) {
        int op = (int) a[DIFFOP];
        int index, rm;
        if (size == 1) {
            index = (int) (a[H11] << 2 | a[NREG] << 1 | a[M20]);
            rm = (int) a[RM4];
        } else if (size == 2) {
            index = (int) (a[H11] << 1 | a[NREG]);
            rm = (int) (a[M20] << 4 | a[RM4]);
        } else {
            return null;
        }
        String[] names = u == 0
                ? new String[] {null, null, "smlal", "sqdmlal", null, null, "smlsl", "sqdmlsl", "mul", null, "smull", "sqdmull", "sqdmulh", "sqrdmulh"}
                : new String[] {"mla", null, "umlal", null, "mls", null, "umlsl", null, null, null, "umull", null, null, null};
        String m = op < names.length ? names[op] : null;
        if (m == null) {
            return null;
        }
        String elem = "v" + rm + "." + SCALAR.charAt(size) + "[" + index + "]";
        long rd = a[RD], rn = a[RN];
        boolean same = op == 0 || op == 4 || op == 8 || op == 12 || op == 13;
        if (sc) {
            return m + " " + r(rd, same ? size : size + 1) + ", " + r(rn, size) + ", " + elem;
        }
        if (same) {
            return m + " " + v(rd, size, q) + ", " + v(rn, size, q) + ", " + elem;
        }
        return m + (q ? "2 " : " ") + v(rd, size + 1, true) + ", " + v(rn, size, q) + ", " + elem;
    }

    private static String modImm(long[] a, boolean q, int op) {
        int cmode = (int) a[CMODE];
        long imm8 = a[ABC] << 5 | a[DEFGH];
        long rd = a[RD];
        if (cmode == 15) { // fmov (vector, immediate): single lanes, or (op = 1, q = 1) double lanes
            if (op != 0 && !q) {
                return null;
            }
            return "fmov " + v(rd, op == 0 ? 2 : 3, q) + ", " + A64FpDisassembler.fpImmediate(op == 0, (int) imm8);
        }
        if (cmode < 8) { // 32-bit shifted
            String m = (cmode & 1) == 0 ? (op == 0 ? "movi" : "mvni") : (op == 0 ? "orr" : "bic");
            int shift = (cmode >> 1) * 8;
            return m + " " + v(rd, 2, q) + ", #0x" + Long.toHexString(imm8) + (shift != 0 ? ", lsl #" + shift : "");
        }
        if (cmode < 12) { // 16-bit shifted
            String m = (cmode & 1) == 0 ? (op == 0 ? "movi" : "mvni") : (op == 0 ? "orr" : "bic");
            int shift = ((cmode >> 1) & 1) * 8;
            return m + " " + v(rd, 1, q) + ", #0x" + Long.toHexString(imm8) + (shift != 0 ? ", lsl #" + shift : "");
        }
        if (cmode < 14) { // 32-bit shifting ones
            return (op == 0 ? "movi " : "mvni ") + v(rd, 2, q) + ", #0x" + Long.toHexString(imm8) + ", msl #" + ((cmode & 1) != 0 ? 16 : 8);
        }
        if (op == 0) {
            return "movi " + v(rd, 0, q) + ", #0x" + Long.toHexString(imm8);
        }
        long v = SimdHelpers.expandImm(1, 14, (int) imm8);
        return "movi " + (q ? "v" + rd + ".2d" : "d" + rd) + ", #0x" + Long.toHexString(v);
    }

    private static int elementSize(long imm5) {
        int low = Long.numberOfTrailingZeros(imm5 | 32);
        return low > 3 ? -1 : low;
    }

    private static String element(String name, long[] a, boolean q) {
        int esize = elementSize(a[IMM5]);
        if (esize < 0) {
            return null;
        }
        char t = SCALAR.charAt(esize);
        long rd = a[RD], rn = a[RN];
        int index = (int) (a[IMM5] >>> (esize + 1));
        String src = "v" + rn + "." + t + "[" + index + "]";
        return switch (name) {
            case "DUP_elem" -> esize == 3 && !q ? null : "dup " + v(rd, esize, q) + ", " + src;
            case "DUP_scalar" -> "mov " + t + rd + ", " + src;
            case "DUP_gen" -> esize == 3 && !q ? null : "dup " + v(rd, esize, q) + ", " + A64Disassembler.x(rn, esize == 3);
            case "INS_gen" -> "mov v" + rd + "." + t + "[" + index + "], " + A64Disassembler.x(rn, esize == 3);
            case "INS_elem" -> "mov v" + rd + "." + t + "[" + index + "], v" + rn + "." + t + "[" + (a[IMM4] >>> esize) + "]";
            case "UMOV" -> q != (esize == 3) ? null
                    : (esize >= 2 ? "mov " : "umov ") + A64Disassembler.x(rd, esize == 3) + ", " + src;
            default -> (esize == 3 || (esize == 2 && !q)) ? null : "smov " + A64Disassembler.x(rd, q) + ", " + src;
        };
    }

    private static String multiple(long[] a, boolean q) {
        int regs, selem;
        switch ((int) a[LSOPCODE]) {
            case 0 -> { regs = 4; selem = 4; }
            case 2 -> { regs = 4; selem = 1; }
            case 4 -> { regs = 3; selem = 3; }
            case 6 -> { regs = 3; selem = 1; }
            case 7 -> { regs = 1; selem = 1; }
            case 8 -> { regs = 2; selem = 2; }
            case 10 -> { regs = 2; selem = 1; }
            default -> { return null; }
        }
        int size = (int) a[LSSIZE];
        if (size == 3 && !q && selem > 1) {
            return null;
        }
        String m = (a[L] != 0 ? "ld" : "st") + selem;
        return m + " " + list(a[RD], regs, ARR[size * 2 + (q ? 1 : 0)]) + ", " + address(a, regs * (q ? 16 : 8));
    }

    private static String address(long[] a, int total) {
        String base = "[" + A64Disassembler.xsp(a[RN], true) + "]";
        if (a[POST] == 0) {
            return base;
        }
        return base + ", " + (a[RM] == 31 ? "#" + total : A64Disassembler.x(a[RM], true));
    }

    private static String single(long[] a, boolean q) {
        int opc = (int) a[SSOP], s = (int) a[SBIT2], size = (int) a[LSSIZE];
        int q1 = q ? 1 : 0, selem = ((opc & 1) << 1 | (int) a[NREG]) + 1, scale = opc >> 1, index;
        boolean load = a[L] != 0;
        switch (scale) {
            case 0 -> index = q1 << 3 | s << 2 | size;
            case 1 -> {
                if ((size & 1) != 0) {
                    return null;
                }
                index = q1 << 2 | s << 1 | size >> 1;
            }
            case 2 -> {
                if ((size & 2) != 0 || ((size & 1) != 0 && s != 0)) {
                    return null;
                }
                if ((size & 1) == 0) {
                    index = q1 << 1 | s;
                } else {
                    scale = 3;
                    index = q1;
                }
            }
            default -> {
                if (!load || s != 0) {
                    return null;
                }
                return "ld" + selem + "r " + list(a[RD], selem, ARR[size * 2 + q1]) + ", " + address(a, selem << size);
            }
        }
        String m = (load ? "ld" : "st") + selem;
        return m + " " + list(a[RD], selem, String.valueOf(SCALAR.charAt(scale))) + "[" + index + "], "
                + address(a, selem << scale);
    }
}

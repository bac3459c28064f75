package org.jtcg.arm64.translate;

import static org.jtcg.arm64.translate.A64Table.*;

/**
 * The FP half of {@link A64Disassembler}: scalar FP (arithmetic, fused, compares, fcsel, fcvt,
 * frint, fmov in all its forms, integer and fixed-point conversions) and the AdvSIMD FP patterns
 * (three-same, two-reg misc, by element, pairwise, across, fixed-point shifts). Objdump's syntax: FP immediates as {@code %.18e}, arrangements
 * {@code v0.4s}, compares with {@code #0.0}. Returns null for a pattern it does not know or an
 * encoding that is reserved (the caller prints the pattern-name fallback).
 */
final class A64FpDisassembler {
    private A64FpDisassembler() {}

    private static final int FTYPE = TABLE.slot("ftype"), FOP2 = TABLE.slot("fop2"), OPC2 = TABLE.slot("opc2"),
            E4 = TABLE.slot("e4"), O1 = TABLE.slot("o1"), FPOPC = TABLE.slot("fpopc"), FRINT = TABLE.slot("frint"),
            RMODE = TABLE.slot("rmode"), FOP = TABLE.slot("fop"), IMM8 = TABLE.slot("imm8"), Q = TABLE.slot("q"),
            U = TABLE.slot("u"), VSIZE = TABLE.slot("vsize"), SIMDOP = TABLE.slot("simdop"), MISC = TABLE.slot("misc"),
            IMMH = TABLE.slot("immh"), IMMB = TABLE.slot("immb"), SHOP = TABLE.slot("shop"), FEHL = TABLE.slot("fehl"),
            SCALE = TABLE.slot("scale");

    private static final String[] TWO_SOURCE = {"fmul", "fdiv", "fadd", "fsub", "fmax", "fmin", "fmaxnm", "fminnm", "fnmul"};
    private static final String[] FUSED = {"fmadd", "fmsub", "fnmadd", "fnmsub"};
    private static final String[] ONE_SOURCE = {"fmov", "fabs", "fneg", "fsqrt"};
    private static final String[] FRINT_NAMES = {"frintn", "frintp", "frintm", "frintz", "frinta", null, "frintx", "frinti"};
    /** Vector three-same FP, index u:a:opcode<2:0>. */
    private static final String[] THREE_SAME = {
        "fmaxnm", "fmla", "fadd", "fmulx", "fcmeq", null, "fmax", "frecps",
        "fminnm", "fmls", "fsub", null, null, null, "fmin", "frsqrts",
        "fmaxnmp", null, "faddp", "fmul", "fcmge", "facge", "fmaxp", "fdiv",
        "fminnmp", null, "fabd", null, "fcmgt", "facgt", "fminp", null,
    };
    private static final String[] SCALAR_THREE_SAME = {
        null, null, null, "fmulx", "fcmeq", null, null, "frecps",
        null, null, null, null, null, null, null, "frsqrts",
        null, null, null, null, "fcmge", "facge", null, null,
        null, null, "fabd", null, "fcmgt", "facgt", null, null,
    };
    /** Two-reg misc FP opcodes 0x18..0x1f, index u:a:opcode<2:0>. */
    private static final String[] MISC_HIGH = {
        "frintn", "frintm", "fcvtns", "fcvtms", "fcvtas", "scvtf", null, null,
        "frintp", "frintz", "fcvtps", "fcvtzs", "urecpe", "frecpe", null, null,
        "frinta", "frintx", "fcvtnu", "fcvtmu", "fcvtau", "ucvtf", null, null,
        null, "frinti", "fcvtpu", "fcvtzu", "ursqrte", "frsqrte", null, "fsqrt",
    };
    private static final String[] SCALAR_MISC_HIGH = {
        null, null, "fcvtns", "fcvtms", "fcvtas", "scvtf", null, null,
        null, null, "fcvtps", "fcvtzs", null, "frecpe", null, "frecpx",
        null, null, "fcvtnu", "fcvtmu", "fcvtau", "ucvtf", null, null,
        null, null, "fcvtpu", "fcvtzu", null, "frsqrte", null, null,
    };
    private static final String[] CONVERT_TO_INT = {"fcvtns", "fcvtnu", null, null, "fcvtas", "fcvtau"};

    static String format(String name, long[] a) {
        long rd = a[RD], rn = a[RN], rm = a[RM];
        return switch (name) {
            case "FP_2src" -> {
                String t = fp(a[FTYPE]);
                yield t == null || a[FOP2] > 8 ? null : TWO_SOURCE[(int) a[FOP2]] + " " + t + rd + ", " + t + rn + ", " + t + rm;
            }
            case "FP_3src" -> {
                String t = fp(a[FTYPE]);
                yield t == null ? null : FUSED[(int) (a[O1] << 1 | a[O0])] + " " + t + rd + ", " + t + rn + ", " + t + rm + ", " + t + a[RA];
            }
            case "FP_1src" -> {
                String t = fp(a[FTYPE]);
                yield t == null ? null : ONE_SOURCE[(int) a[FPOPC]] + " " + t + rd + ", " + t + rn;
            }
            case "FP_imm" -> {
                String t = fp(a[FTYPE]);
                yield t == null ? null : "fmov " + t + rd + ", " + fpImmediate(a[FTYPE] == 0, (int) a[IMM8]);
            }
            case "FP_cmp" -> {
                String t = fp(a[FTYPE]);
                int opc = (int) a[OPC2];
                yield t == null ? null : ((opc & 2) != 0 ? "fcmpe " : "fcmp ") + t + rn + ", " + ((opc & 1) != 0 ? "#0.0" : t + rm);
            }
            case "FP_ccmp" -> {
                String t = fp(a[FTYPE]);
                yield t == null ? null : (a[E4] != 0 ? "fccmpe " : "fccmp ") + t + rn + ", " + t + rm + ", "
                        + A64Disassembler.hex(a[NZCV]) + ", " + Conditions.NAMES[(int) a[COND]];
            }
            case "FP_csel" -> {
                String t = fp(a[FTYPE]);
                yield t == null ? null : "fcsel " + t + rd + ", " + t + rn + ", " + t + rm + ", " + Conditions.NAMES[(int) a[COND]];
            }
            case "FP_cvt" -> {
                String from = fpOrHalf(a[FTYPE]), to = fpOrHalf(a[FPOPC]);
                yield from == null || to == null || from.equals(to) ? null : "fcvt " + to + rd + ", " + from + rn;
            }
            case "FP_frint" -> {
                String t = fp(a[FTYPE]), m = FRINT_NAMES[(int) a[FRINT]];
                yield t == null || m == null ? null : m + " " + t + rd + ", " + t + rn;
            }
            case "FMOV_gen" -> moveOrConvert(a);
            case "FP_fixed" -> fixedGeneral(a);
            case "SIMD_fp3same" -> threeSame(a, false);
            case "SIMD_fps3same" -> threeSame(a, true);
            case "SIMD_fp2misc_cmp", "SIMD_fp2misc_cvt", "SIMD_fp2misc" -> twoMisc(a, false);
            case "SIMD_fps2misc_cmp", "SIMD_fps2misc_cvt", "SIMD_fps2misc" -> twoMisc(a, true);
            case "SIMD_fpacross" -> {
                int size = (int) a[VSIZE], misc = (int) a[MISC];
                boolean min = (size & 2) != 0;
                String m = misc == 0x0c ? (min ? "fminnmv" : "fmaxnmv") : misc == 0x0f ? (min ? "fminv" : "fmaxv") : null;
                yield m == null || a[Q] == 0 || (size & 1) != 0 ? null : m + " s" + rd + ", v" + rn + ".4s";
            }
            case "SIMD_fpspair" -> {
                int size = (int) a[VSIZE], misc = (int) a[MISC];
                boolean min = (size & 2) != 0;
                String m = switch (misc) {
                    case 0x0c -> min ? "fminnmp" : "fmaxnmp";
                    case 0x0d -> min ? null : "faddp";
                    case 0x0f -> min ? "fminp" : "fmaxp";
                    default -> null;
                };
                boolean d = (size & 1) != 0;
                yield m == null ? null : m + " " + (d ? "d" : "s") + rd + ", v" + rn + (d ? ".2d" : ".2s");
            }
            case "SIMD_fpelem_fma", "SIMD_fpelem_mul", "SIMD_fpselem_fma", "SIMD_fpselem_mul" -> byElement(name, a);
            case "SIMD_fpshimm", "SIMD_fpsshimm" -> fixedVector(a, name.equals("SIMD_fpsshimm"));
            default -> null;
        };
    }

    /** s or d for ftype 0/1 (others: null). */
    private static String fp(long ftype) {
        return ftype == 0 ? "s" : ftype == 1 ? "d" : null;
    }

    private static String fpOrHalf(long type) {
        return type == 3 ? "h" : fp(type);
    }

    static String fpImmediate(boolean single, int imm8) {
        double v = single ? Float.intBitsToFloat((int) FpImm.single(imm8)) : Double.longBitsToDouble(FpImm.dbl(imm8));
        return "#" + String.format("%.18e", v);
    }

    private static String moveOrConvert(long[] a) {
        boolean sf = a[SF] != 0;
        int type = (int) a[FTYPE], rmode = (int) a[RMODE], op = (int) a[FOP];
        long rd = a[RD], rn = a[RN];
        if (op == 6 || op == 7) { // fmov between general and FP registers
            boolean toGeneral = op == 6;
            String fpReg;
            if (type == 2 && sf && rmode == 1) {
                fpReg = "v" + (toGeneral ? rn : rd) + ".d[1]";
            } else if (rmode == 0 && ((type == 0 && !sf) || (type == 1 && sf))) {
                fpReg = fp(type) + (toGeneral ? rn : rd);
            } else {
                return null;
            }
            return toGeneral ? "fmov " + A64Disassembler.x(rd, sf) + ", " + fpReg : "fmov " + fpReg + ", " + A64Disassembler.x(rn, sf);
        }
        String t = fp(type);
        if (t == null) {
            return null;
        }
        if ((op == 2 || op == 3) && rmode == 0) {
            return (op == 2 ? "scvtf " : "ucvtf ") + t + rd + ", " + A64Disassembler.x(rn, sf);
        }
        String m = op <= 1 ? "fcvt" + "npmz".charAt(rmode) + (op == 0 ? "s" : "u") : rmode == 0 && op < 6 ? CONVERT_TO_INT[op] : null;
        return m == null ? null : m + " " + A64Disassembler.x(rd, sf) + ", " + t + rn;
    }

    private static String fixedGeneral(long[] a) {
        boolean sf = a[SF] != 0;
        int type = (int) a[FTYPE], rmode = (int) a[RMODE], op = (int) a[FOP], scale = (int) a[SCALE];
        String t = fp(type);
        if (t == null || (!sf && scale < 32)) {
            return null;
        }
        String fbits = ", #" + (64 - scale);
        if (rmode == 0 && (op == 2 || op == 3)) {
            return (op == 2 ? "scvtf " : "ucvtf ") + t + a[RD] + ", " + A64Disassembler.x(a[RN], sf) + fbits;
        }
        if (rmode == 3 && op <= 1) {
            return (op == 0 ? "fcvtzs " : "fcvtzu ") + A64Disassembler.x(a[RD], sf) + ", " + t + a[RN] + fbits;
        }
        return null;
    }

    /** The FP vector arrangement of sz (0 single, 1 double) and Q, or null when reserved (1D). */
    private static String arrangement(int sz, boolean q) {
        return sz == 0 ? (q ? "4s" : "2s") : q ? "2d" : null;
    }

    private static String threeSame(long[] a, boolean scalar) {
        int size = (int) a[VSIZE], sz = size & 1;
        String m = (scalar ? SCALAR_THREE_SAME : THREE_SAME)[(int) (a[U] << 4 | (size >> 1) << 3 | (a[SIMDOP] & 7))];
        if (m == null) {
            return null;
        }
        if (scalar) {
            String t = sz == 0 ? "s" : "d";
            return m + " " + t + a[RD] + ", " + t + a[RN] + ", " + t + a[RM];
        }
        String arr = arrangement(sz, a[Q] != 0);
        return arr == null ? null : m + " v" + a[RD] + "." + arr + ", v" + a[RN] + "." + arr + ", v" + a[RM] + "." + arr;
    }

    private static String twoMisc(long[] a, boolean scalar) {
        boolean q = a[Q] != 0, u = a[U] != 0;
        int size = (int) a[VSIZE], sz = size & 1, op = (int) a[MISC];
        boolean hiA = (size & 2) != 0;
        long rd = a[RD], rn = a[RN];
        if (op == 0x16 || op == 0x17) {
            return precision(a, scalar, u, hiA, sz, op == 0x17, q);
        }
        String m;
        String zero = "";
        if (op >= 0x18) {
            m = (scalar ? SCALAR_MISC_HIGH : MISC_HIGH)[(u ? 16 : 0) + (hiA ? 8 : 0) + (op & 7)];
            if (m != null && m.startsWith("ur") && sz != 0) {
                m = null;
            }
        } else if (hiA && op >= 0x0c && op <= 0x0e) {
            m = op == 0x0c ? (u ? "fcmge" : "fcmgt") : op == 0x0d ? (u ? "fcmle" : "fcmeq") : u ? null : "fcmlt";
            zero = ", #0.0";
        } else if (hiA && op == 0x0f && !scalar) {
            m = u ? "fneg" : "fabs";
        } else {
            m = null;
        }
        if (m == null) {
            return null;
        }
        if (scalar) {
            String t = sz == 0 ? "s" : "d";
            return m + " " + t + rd + ", " + t + rn + zero;
        }
        String arr = arrangement(sz, q);
        return arr == null ? null : m + " v" + rd + "." + arr + ", v" + rn + "." + arr + zero;
    }

    /** fcvtn/fcvtn2, fcvtxn/fcvtxn2 (vector and scalar), fcvtl/fcvtl2. */
    private static String precision(long[] a, boolean scalar, boolean u, boolean hiA, int sz, boolean widen, boolean q) {
        if (hiA || (scalar && (widen || !u || sz == 0)) || (u && (widen || sz == 0))) {
            return null;
        }
        long rd = a[RD], rn = a[RN];
        if (scalar) {
            return "fcvtxn s" + rd + ", d" + rn;
        }
        String wide = sz == 0 ? "4s" : "2d";
        String narrow = sz == 0 ? (q ? "8h" : "4h") : (q ? "4s" : "2s");
        String m = (widen ? "fcvtl" : u ? "fcvtxn" : "fcvtn") + (q ? "2" : "");
        return widen ? m + " v" + rd + "." + wide + ", v" + rn + "." + narrow
                : m + " v" + rd + "." + narrow + ", v" + rn + "." + wide;
    }

    private static String byElement(String name, long[] a) {
        boolean scalar = name.startsWith("SIMD_fps"), q = a[Q] != 0;
        int sz = (int) a[VSIZE] & 1, hl = (int) a[FEHL], op = (int) a[FOP2];
        if (sz == 1 && (hl & 1) != 0) {
            return null;
        }
        int index = sz == 1 ? hl >> 1 : hl;
        String m = op == 1 ? "fmla" : op == 5 ? "fmls" : a[U] != 0 ? "fmulx" : "fmul";
        String t = sz == 0 ? "s" : "d";
        String elem = "v" + a[RM] + "." + t + "[" + index + "]";
        if (scalar) {
            return m + " " + t + a[RD] + ", " + t + a[RN] + ", " + elem;
        }
        String arr = arrangement(sz, q);
        return arr == null ? null : m + " v" + a[RD] + "." + arr + ", v" + a[RN] + "." + arr + ", " + elem;
    }

    private static String fixedVector(long[] a, boolean scalar) {
        int immh = (int) a[IMMH], op = (int) a[SHOP];
        if ((op != 0x1c && op != 0x1f) || (immh & 0b1100) == 0) {
            return null;
        }
        int sz = immh >= 8 ? 1 : 0;
        int fbits = 2 * (32 << sz) - (immh << 3 | (int) a[IMMB]);
        boolean u = a[U] != 0;
        String m = op == 0x1c ? (u ? "ucvtf" : "scvtf") : u ? "fcvtzu" : "fcvtzs";
        if (scalar) {
            String t = sz == 0 ? "s" : "d";
            return m + " " + t + a[RD] + ", " + t + a[RN] + ", #" + fbits;
        }
        String arr = arrangement(sz, a[Q] != 0);
        return arr == null ? null : m + " v" + a[RD] + "." + arr + ", v" + a[RN] + "." + arr + ", #" + fbits;
    }
}

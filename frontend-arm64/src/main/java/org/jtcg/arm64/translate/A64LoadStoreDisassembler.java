package org.jtcg.arm64.translate;

import static org.jtcg.arm64.translate.A64Disassembler.hex;
import static org.jtcg.arm64.translate.A64Disassembler.x;
import static org.jtcg.arm64.translate.A64Disassembler.xsp;
import static org.jtcg.arm64.translate.A64Table.*;

/**
 * The single-register loads and stores (unsigned offset, unscaled, pre/post-indexed, unprivileged,
 * register offset, literal, and the prefetches among them) and the pairs, in objdump's syntax: offsets in
 * decimal, literal targets as absolute hex, prefetch operations by name ({@code pldl1keep}) or as
 * {@code #0x07}. Null for an unallocated form.
 */
final class A64LoadStoreDisassembler {
    private A64LoadStoreDisassembler() {}

    private static final String[] EXTENDS = {"uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx"};

    /** Mnemonic and transfer register of a single-register load/store, or null. */
    private static String[] mnemonic(long[] a, String u) {
        int size = (int) a[SIZE], opc = (int) a[LDOPC];
        if (a[V] != 0) {
            boolean q = (opc & 2) != 0;
            String reg = (q ? "q" : new String[] {"b", "h", "s", "d"}[size]) + a[RD];
            return new String[] {((opc & 1) != 0 ? "ld" : "st") + u + "r", reg};
        }
        String suffix = size == 0 ? "b" : size == 1 ? "h" : "";
        boolean wide = size == 3 || opc == 2;
        return switch (opc) {
            case 0 -> new String[] {"st" + u + "r" + suffix, x(a[RD], size == 3)};
            case 1 -> new String[] {"ld" + u + "r" + suffix, x(a[RD], size == 3)};
            case 2 -> size == 3 ? null : new String[] {"ld" + u + "rs" + (size == 2 ? "w" : suffix), x(a[RD], wide)};
            default -> size >= 2 ? null : new String[] {"ld" + u + "rs" + suffix, x(a[RD], false)};
        };
    }

    static String single(String name, long[] a) {
        boolean unscaled = name.equals("LS_unscaled"), unprivileged = name.equals("LS_unpriv");
        String[] m = a[V] == 0 && a[SIZE] == 3 && a[LDOPC] == 2 && !name.equals("LS_pre") && !name.equals("LS_post") && !unprivileged
                ? new String[] {unscaled ? "prfum" : "prfm", prefetchOperation((int) a[RD])}
                : mnemonic(a, unscaled ? "u" : unprivileged ? "t" : "");
        if (m == null) {
            return null;
        }
        String base = xsp(a[RN], true);
        String head = m[0] + " " + m[1] + ", [" + base;
        return switch (name) {
            case "LS_uimm" -> {
                int scale = a[V] != 0 && (a[LDOPC] & 2) != 0 ? 4 : (int) a[SIZE];
                long off = a[IMM12] << scale;
                yield head + (off == 0 ? "]" : ", #" + off + "]");
            }
            case "LS_unscaled", "LS_unpriv" -> head + (a[IMM9] == 0 ? "]" : ", #" + a[IMM9] + "]");
            case "LS_post" -> head + "], #" + a[IMM9];
            case "LS_pre" -> head + ", #" + a[IMM9] + "]!";
            default -> {
                int option = (int) a[OPTION];
                boolean xreg = (option & 1) != 0;
                String off = x(a[RM], xreg);
                int scale = a[V] != 0 && (a[LDOPC] & 2) != 0 ? 4 : (int) a[SIZE];
                String ext = option == 3 ? (a[SBIT] != 0 ? ", lsl #" + scale : "") : ", " + EXTENDS[option] + (a[SBIT] != 0 ? " #" + scale : "");
                yield head + ", " + off + ext + "]";
            }
        };
    }

    /** LDR (literal), LDRSW (literal), PRFM (literal): the target as an absolute address, like branches. */
    static String literal(long[] a, long pc) {
        int opc = (int) a[SIZE];
        String target = Long.toHexString(pc + a[IMM19]);
        if (a[V] != 0) {
            return opc == 3 ? null : "ldr " + "sdq".charAt(opc) + a[RD] + ", " + target;
        }
        return switch (opc) {
            case 0, 1 -> "ldr " + x(a[RD], opc == 1) + ", " + target;
            case 2 -> "ldrsw " + x(a[RD], true) + ", " + target;
            default -> "prfm " + prefetchOperation((int) a[RD]) + ", " + target;
        };
    }

    /** PRFM's Rt field: PLD/PLI/PST, L1..L3, KEEP/STRM; the other values print as a number. */
    private static String prefetchOperation(int rt) {
        int type = rt >>> 3, target = (rt >>> 1) & 3;
        if (type == 3 || target == 3) {
            return String.format("#0x%02x", rt);
        }
        return new String[] {"pld", "pli", "pst"}[type] + "l" + (target + 1) + ((rt & 1) != 0 ? "strm" : "keep");
    }

    static String pair(long[] a) {
        int opc = (int) a[SIZE], mode = (int) a[PAIRMODE];
        boolean load = a[L] != 0, simd = a[V] != 0;
        if (opc == 3 || (!simd && opc == 1 && (!load || mode == 0))) {
            return null;
        }
        String m = (load ? "ld" : "st") + (mode == 0 ? "np" : "p") + (!simd && opc == 1 ? "sw" : "");
        int bytes = simd ? 4 << opc : (opc == 2 ? 8 : 4);
        String r1, r2;
        if (simd) {
            String p = new String[] {"s", "d", "q"}[opc];
            r1 = p + a[RD];
            r2 = p + a[RT2];
        } else {
            r1 = x(a[RD], opc == 2 || opc == 1);
            r2 = x(a[RT2], opc == 2 || opc == 1);
        }
        long off = a[IMM7] * bytes;
        String base = xsp(a[RN], true);
        String addr = switch (mode) {
            case 1 -> "[" + base + "], #" + off;
            case 3 -> "[" + base + ", #" + off + "]!";
            default -> off == 0 ? "[" + base + "]" : "[" + base + ", #" + off + "]";
        };
        return m + " " + r1 + ", " + r2 + ", " + addr;
    }
}

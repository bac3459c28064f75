package org.jtcg.arm64.translate;

import static org.jtcg.arm64.translate.A64Disassembler.x;
import static org.jtcg.arm64.translate.A64Table.*;

/**
 * SBFM, BFM and UBFM in objdump's syntax, with the aliases the Arm ARM prefers (asr/lsr/lsl,
 * sbfiz/ubfiz/bfi/bfc, sbfx/ubfx/bfxil, sxtb/sxth/sxtw, uxtb/uxth); the alias conditions are the
 * ones of the Arm ARM's SBFM/UBFM/BFM pages and its BFXPreferred() function. Null for an unallocated
 * form (sf != N, or a 32-bit form with immr or imms above 31).
 */
final class A64BitfieldDisassembler {
    private A64BitfieldDisassembler() {}

    static String format(String name, long[] a) {
        boolean sf = a[SF] != 0;
        int immr = (int) a[IMMR], imms = (int) a[IMMS], width = sf ? 64 : 32;
        if ((a[N] != 0) != sf || immr >= width || imms >= width) {
            return null;
        }
        String rd = x(a[RD], sf), rn = x(a[RN], sf);
        String insert = "#" + ((width - immr) % width) + ", #" + (imms + 1); // lsb, width of *FIZ / BFI / BFC
        String extract = "#" + immr + ", #" + (imms - immr + 1); // lsb, width of *FX / BFXIL
        return switch (name) {
            case "SBFM" -> {
                if (imms == width - 1) {
                    yield "asr " + rd + ", " + rn + ", #" + immr;
                } else if (imms < immr) {
                    yield "sbfiz " + rd + ", " + rn + ", " + insert;
                } else if (bfxPreferred(sf, false, imms, immr)) {
                    yield "sbfx " + rd + ", " + rn + ", " + extract;
                }
                String ext = imms == 7 ? "sxtb " : imms == 15 ? "sxth " : "sxtw "; // immr == 0 here
                yield ext + rd + ", " + x(a[RN], false);
            }
            case "UBFM" -> {
                if (imms != width - 1 && imms + 1 == immr) {
                    yield "lsl " + rd + ", " + rn + ", #" + (width - 1 - imms);
                } else if (imms == width - 1) {
                    yield "lsr " + rd + ", " + rn + ", #" + immr;
                } else if (imms < immr) {
                    yield "ubfiz " + rd + ", " + rn + ", " + insert;
                } else if (bfxPreferred(sf, true, imms, immr)) {
                    yield "ubfx " + rd + ", " + rn + ", " + extract;
                }
                yield (imms == 7 ? "uxtb " : "uxth ") + rd + ", " + rn; // 32-bit, immr == 0
            }
            default -> { // BFM
                if (imms < immr) {
                    yield a[RN] == 31 ? "bfc " + rd + ", " + insert : "bfi " + rd + ", " + rn + ", " + insert;
                }
                yield "bfxil " + rd + ", " + rn + ", " + extract;
            }
        };
    }

    /** The Arm ARM's BFXPreferred(): UBFX/SBFX unless another alias (shift, *FIZ, extend) describes the word. */
    private static boolean bfxPreferred(boolean sf, boolean unsigned, int imms, int immr) {
        if (imms < immr || imms == (sf ? 63 : 31)) {
            return false;
        }
        if (immr == 0) {
            if (!sf && (imms == 7 || imms == 15)) {
                return false;
            }
            if (sf && !unsigned && (imms == 7 || imms == 15 || imms == 31)) {
                return false;
            }
        }
        return true;
    }
}

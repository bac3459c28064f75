package org.jtcg.arm64.translate;

import org.jtcg.core.decode.DecodeTable;
import org.jtcg.core.decode.Decoder;

import java.util.Set;

/**
 * The A64 decode table ({@code a64.decode}), its decoder and the argument slots the handlers read.
 * Loaded and checked once; immutable and shared by all translators.
 */
final class A64Table {
    private A64Table() {}

    static final DecodeTable TABLE = DecodeTable.load(A64Table.class, "a64.decode");
    /** No optional features are enabled: what is advertised (HWCAP_FP | HWCAP_ASIMD) is ARMv8.0 base. */
    static final Decoder DECODER = TABLE.decoder(Set.of());

    static final int SF = slot("sf"), OP = slot("op"), S = slot("s"), SH = slot("sh"), IMM12 = slot("imm12"),
            RN = slot("rn"), RD = slot("rd"), RM = slot("rm"), RA = slot("ra"), SHIFT = slot("shift"),
            IMM6 = slot("imm6"), N = slot("n"), IMMR = slot("immr"), IMMS = slot("imms"), HW = slot("hw"),
            IMM16 = slot("imm16"), IMM26 = slot("imm26"), IMM19 = slot("imm19"), IMM14 = slot("imm14"),
            COND = slot("cond"), IMM = slot("imm"), OPC = slot("opc"), NZ = slot("nz"), B5 = slot("b5"),
            B40 = slot("b40"), OPTION = slot("option"), IMM3 = slot("imm3"), NZCV = slot("nzcv"),
            IMM5 = slot("imm5"), O2 = slot("o2"), O0 = slot("o0"), SH2 = slot("sh2"), SIZE = slot("size"),
            V = slot("v"), LDOPC = slot("ldopc"), IMM9 = slot("imm9"), SBIT = slot("sbit"), IMM7 = slot("imm7"),
            PAIRMODE = slot("pairmode"), L = slot("l"), RT2 = slot("rt2"), SYSOP0 = slot("sysop0"),
            OP1 = slot("op1"), CRN = slot("crn"), CRM = slot("crm"), OP2 = slot("op2"), MODE = slot("mode");

    private static int slot(String name) {
        return TABLE.slot(name);
    }
}

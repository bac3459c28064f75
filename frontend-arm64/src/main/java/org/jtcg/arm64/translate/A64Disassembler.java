package org.jtcg.arm64.translate;

import org.jtcg.core.decode.Decoder;

/** A64 disassembly in objdump's syntax for the implemented patterns. */
public final class A64Disassembler {
    private A64Disassembler() {}

    public static String format(int insn, long pc) {
        long[] a = A64Table.TABLE.newArgumentArray();
        int id = A64Table.DECODER.decode(insn & 0xffff_ffffL, a);
        if (id == Decoder.UNALLOCATED) {
            return String.format(".inst\t0x%08x", insn);
        }
        return A64Table.DECODER.pattern(id).name();
    }
}

package org.jtcg.x86.fuzz;

import org.jtcg.cpreg.RegisterMaskTable;
import org.jtcg.cpreg.X86Registers;

import java.util.Collection;
import java.util.List;

/**
 * The register-mask table {@code jtcg diff} uses ({@code META-INF/jtcg/diff-masks/x86_64.masks},
 * format in docs/diff.md), read for the fuzzer: per mnemonic, the RFLAGS bits an instruction leaves
 * undefined; entries for other registers are applied when the sequence contains the mnemonic (or always, for {@code *}).
 */
public final class MaskTable {
    /** Class-path location of the x86-64 table. */
    public static final String RESOURCE = RegisterMaskTable.resource("x86_64");

    private final RegisterMaskTable table;

    private MaskTable(RegisterMaskTable table) {
        this.table = table;
    }

    public List<RegisterMaskTable.Entry> entries() {
        return table.entries();
    }

    /** The tables on the class path (all copies add up). */
    public static MaskTable load() {
        return new MaskTable(RegisterMaskTable.load("x86_64"));
    }

    /** A table from text lines (tests, {@code --masks}). */
    public static MaskTable of(List<String> lines, String source) {
        return new MaskTable(RegisterMaskTable.parse(lines, source));
    }

    /** This table plus another's entries. */
    public MaskTable plus(MaskTable other) {
        return new MaskTable(table.plus(other.table));
    }

    /** RFLAGS bits the table says {@code mnemonic} leaves undefined. */
    public int undefinedFlags(String mnemonic) {
        int m = 0;
        for (RegisterMaskTable.Entry e : table.entries()) {
            if (e.id() == X86Registers.RFLAGS && e.mnemonics().contains(mnemonic)) {
                m |= (int) e.ignore()[0];
            }
        }
        return m;
    }

    /**
     * Bits of register {@code id} (other than RFLAGS, which the flag tracker handles) to ignore for a
     * sequence with these mnemonics; null if none.
     */
    public long[] ignoredBits(long id, Collection<String> mnemonics) {
        return id == X86Registers.RFLAGS ? null : table.ignoredBits(id, () -> mnemonics);
    }
}

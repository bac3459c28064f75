package org.jtcg.core.linux;

import org.jtcg.core.memory.MemoryConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ABI-supplied layouts as data: statfs structs against the UAPI headers, address-space rules. */
class AbiLayoutTest {
    private static void slot(StatfsLayout l, StatfsLayout.Field f, int offset, int size) {
        assertEquals(new StatLayout.Slot(offset, size), l.slot(f), l.name() + " " + f);
    }

    @Test
    void genericStatfsIsAllWords() {
        StatfsLayout l = StatfsLayout.GENERIC_64;
        assertEquals(120, l.size());
        slot(l, StatfsLayout.Field.TYPE, 0, 8);
        slot(l, StatfsLayout.Field.BSIZE, 8, 8);
        slot(l, StatfsLayout.Field.BLOCKS, 16, 8);
        slot(l, StatfsLayout.Field.FFREE, 48, 8);
        slot(l, StatfsLayout.Field.NAMELEN, 64, 8);  // after the 8-byte f_fsid at 56
        slot(l, StatfsLayout.Field.FRSIZE, 72, 8);
        slot(l, StatfsLayout.Field.FLAGS, 80, 8);
    }

    @Test
    void s390xStatfsHasIntFields() {
        StatfsLayout l = StatfsLayout.S390X;
        assertEquals(88, l.size());
        slot(l, StatfsLayout.Field.TYPE, 0, 4);
        slot(l, StatfsLayout.Field.BSIZE, 4, 4);
        slot(l, StatfsLayout.Field.BLOCKS, 8, 8);
        slot(l, StatfsLayout.Field.FFREE, 40, 8);
        slot(l, StatfsLayout.Field.NAMELEN, 56, 4);  // after the 8-byte f_fsid at 48
        slot(l, StatfsLayout.Field.FRSIZE, 60, 4);
        slot(l, StatfsLayout.Field.FLAGS, 64, 4);
    }

    @Test
    void statfsLayoutRejectsMissingOrOversizedSlots() {
        var fields = new java.util.EnumMap<>(StatfsLayout.GENERIC_64.fields());
        fields.remove(StatfsLayout.Field.FLAGS);
        assertThrows(IllegalArgumentException.class, () -> new StatfsLayout("bad", fields, 120));
        assertThrows(IllegalArgumentException.class, () -> new StatfsLayout("short", StatfsLayout.GENERIC_64.fields(), 80));
    }

    @Test
    void linuxTopDownPutsMmapBaseTheMinimumGapBelowTheStack() {
        AddressSpaceLayout l = AddressSpaceLayout.linuxTopDown(1L << 48, 1L << 48, 0xaaaa_aaaa_a000L);
        assertEquals(0xffff_f800_0000L, l.mmapBase(), "128 MiB under the stack top");
        assertEquals(0xffff_f700_0000L, l.interpreterBase(), "16 MiB under the mmap base");
        assertEquals(8L << 20, l.stackSize());
        MemoryConfig c = l.memoryConfig();
        assertEquals(0xffff_ffff_ffffL, c.maxAddress());
        assertEquals(l.mmapBase(), c.mmapBase());
    }

    @Test
    void layoutWorksUpToTheTopOfTheAddressSpace() {
        AddressSpaceLayout l = AddressSpaceLayout.linuxTopDown(-0x1000L, 1L << 42, 0x2aa_0000_0000L);
        assertEquals(0xffff_ffff_ffff_efffL, l.maxAddress());
        assertEquals(0xffff_ffff_ffff_efffL, l.memoryConfig().maxAddress());
    }

    @Test
    void inconsistentLayoutsAreRefusedWithTheValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AddressSpaceLayout(1L << 47, 1L << 47, 8L << 20, (1L << 47) - 0x1000, 0x1000_0000L, 0x2000_0000L));
        assertTrue(e.getMessage().contains("mmap base 0x7ffffffff000"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new AddressSpaceLayout(1L << 47, 1L << 47, 8L << 20, 1L << 40, 0x1234, 0x2000_0000L), "unaligned");
        assertThrows(IllegalArgumentException.class,
                () -> new AddressSpaceLayout(1L << 40, 1L << 41, 8L << 20, 1L << 39, 0x1000_0000L, 0x2000_0000L),
                "stack above the task size");
        assertThrows(IllegalArgumentException.class,
                () -> new AddressSpaceLayout(1L << 40, 1L << 40, 8L << 20, 1L << 39, 1L << 40, 0x2000_0000L),
                "ET_DYN base not below the task size");
    }
}

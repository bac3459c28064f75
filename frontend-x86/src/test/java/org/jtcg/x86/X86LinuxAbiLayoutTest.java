package org.jtcg.x86;

import org.jtcg.core.linux.AddressSpaceLayout;
import org.jtcg.core.linux.StatLayout;
import org.jtcg.core.linux.StatfsLayout;
import org.jtcg.core.memory.MemoryConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The x86-64 ABI's layout data: the values guests have always been loaded with. */
class X86LinuxAbiLayoutTest {
    private final X86LinuxAbi abi = new X86LinuxAbi();

    @Test
    void addressSpace() {
        AddressSpaceLayout l = abi.addressSpace();
        assertEquals(0x8000_0000_0000L, l.taskSize(), "47-bit TASK_SIZE");
        assertEquals(0x7fff_f000_0000L, l.stackTop());
        assertEquals(8L << 20, l.stackSize());
        assertEquals(0x7f00_0000_0000L, l.mmapBase());
        assertEquals(0x5555_5555_4000L, l.etDynBase(), "ELF_ET_DYN_BASE");
        assertEquals(0x7fe0_0000_0000L, l.interpreterBase());
        MemoryConfig c = l.memoryConfig();
        assertEquals(0x7fff_ffff_ffffL, c.maxAddress());
        assertEquals(0x7f00_0000_0000L, c.mmapBase());
        assertEquals(MemoryConfig.DEFAULT_MIN_MMAP_ADDRESS, c.minMmapAddress());
    }

    @Test
    void structsAndByteOrder() {
        assertFalse(abi.bigEndian());
        assertEquals(StatLayout.X86_64, abi.statLayout());
        assertEquals(StatfsLayout.GENERIC_64, abi.statfsLayout());
        assertEquals(120, abi.statfsLayout().size());
    }
}

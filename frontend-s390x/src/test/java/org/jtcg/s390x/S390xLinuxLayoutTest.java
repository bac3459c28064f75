package org.jtcg.s390x;

import org.jtcg.core.linux.AddressSpaceLayout;
import org.jtcg.core.linux.OpenFlags;
import org.jtcg.core.linux.StatLayout;
import org.jtcg.core.linux.StatfsLayout;
import org.jtcg.core.memory.GuestMemory;
import org.jtcg.core.memory.PagedMemory;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class S390xLinuxLayoutTest {
    @Test
    void addressSpaceIsTheKernels64BitLayout() {
        AddressSpaceLayout l = S390xLinuxLayout.ADDRESS_SPACE;
        assertEquals(0xffff_ffff_ffff_f000L, l.taskSize(), "TASK_SIZE_MAX = -PAGE_SIZE");
        assertEquals(0xffff_ffff_ffff_efffL, l.memoryConfig().maxAddress());
        assertEquals(0x400_0000_0000L, l.stackTop(), "STACK_TOP = _REGION2_SIZE = 4 TiB");
        assertEquals(8L << 20, l.stackSize());
        assertEquals(0x3ff_f800_0000L, l.mmapBase(), "STACK_TOP - 128 MiB");
        assertEquals(0x2aa_0000_0000L, l.etDynBase(), "STACK_TOP / 3 * 2, 4 GiB-aligned");
        assertEquals(((1L << 42) / 3 * 2) & ~0xffff_ffffL, l.etDynBase());
    }

    @Test
    void guestMemoryReachesAboveTheStackUpToTheLastPage() {
        AddressSpaceLayout l = S390xLinuxLayout.ADDRESS_SPACE;
        PagedMemory m = new PagedMemory(l.memoryConfig().withChunkBytes(1 << 20));
        int rw = GuestMemory.PROT_READ | GuestMemory.PROT_WRITE;
        int fixed = GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS | GuestMemory.MAP_FIXED_NOREPLACE;
        assertEquals(l.stackTop() - l.stackSize(), m.mmap(l.stackTop() - l.stackSize(), l.stackSize(), rw, fixed));
        long high = l.taskSize() - 0x1000;
        assertEquals(high, m.mmap(high, 0x1000, rw, fixed), "the highest user page maps");
        m.store(high, 8, 0x0102_0304_0506_0708L, true);
        assertEquals(0x01, m.load(high, 1, false), "big-endian store: most significant byte first");
        long above = m.mmap(l.taskSize(), 0x1000, rw, fixed);
        assertTrue(above >= -4095 && above < 0, "nothing at or above TASK_SIZE: " + above);
    }

    @Test
    void structLayoutsFlagsAndByteOrder() {
        assertTrue(S390xLinuxLayout.BIG_ENDIAN);
        assertEquals(StatLayout.S390X, S390xLinuxLayout.STAT);
        assertEquals(StatfsLayout.S390X, S390xLinuxLayout.STATFS);
        assertEquals(88, S390xLinuxLayout.STATFS.size());
        assertEquals(4, S390xLinuxLayout.STATFS.slot(StatfsLayout.Field.BSIZE).size(), "32-bit f_bsize");
        assertEquals(OpenFlags.GENERIC, S390xLinuxLayout.OPEN_FLAGS);
        assertEquals(4, S390xLinuxLayout.SYSCALLS.number("write"));
        assertEquals(90, S390xLinuxLayout.SYSCALLS.number("old_mmap"));
    }
}

package org.jtcg.arm64;

import org.jtcg.core.linux.AddressSpaceLayout;
import org.jtcg.core.linux.OpenFlags;
import org.jtcg.core.linux.StatLayout;
import org.jtcg.core.linux.StatfsLayout;
import org.jtcg.core.memory.GuestMemory;
import org.jtcg.core.memory.PagedMemory;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Arm64LinuxLayoutTest {
    @Test
    void addressSpaceIsTheKernels48BitLayout() {
        AddressSpaceLayout l = Arm64LinuxLayout.ADDRESS_SPACE;
        assertEquals(0x1_0000_0000_0000L, l.taskSize(), "TASK_SIZE = 1 << VA_BITS, VA_BITS = 48");
        assertEquals(0xffff_ffff_ffffL, l.memoryConfig().maxAddress());
        assertEquals(0x1_0000_0000_0000L, l.stackTop(), "STACK_TOP = TASK_SIZE");
        assertEquals(8L << 20, l.stackSize());
        assertEquals(0xffff_f800_0000L, l.mmapBase(), "STACK_TOP - 128 MiB");
        assertEquals(0xaaaa_aaaa_a000L, l.etDynBase(), "2 * TASK_SIZE / 3, page-aligned");
        assertEquals((2 * (1L << 48) / 3) & GuestMemory.PAGE_MASK, l.etDynBase());
    }

    @Test
    void guestMemoryOfThatShapeHoldsTheStackAndAPieAboveTheX86Limit() {
        AddressSpaceLayout l = Arm64LinuxLayout.ADDRESS_SPACE;
        PagedMemory m = new PagedMemory(l.memoryConfig().withChunkBytes(1 << 20));
        int rw = GuestMemory.PROT_READ | GuestMemory.PROT_WRITE;
        int fixed = GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS | GuestMemory.MAP_FIXED_NOREPLACE;
        assertEquals(l.stackTop() - l.stackSize(), m.mmap(l.stackTop() - l.stackSize(), l.stackSize(), rw, fixed));
        m.store(l.stackTop() - 8, 8, 0x1122_3344_5566_7788L, false);
        assertEquals(0x1122_3344_5566_7788L, m.load(l.stackTop() - 8, 8, false));
        assertEquals(l.etDynBase(), m.mmap(l.etDynBase(), 0x1000, rw, fixed));
        long anywhere = m.mmap(0, 0x1000, rw, GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS);
        assertTrue(Long.compareUnsigned(anywhere, l.mmapBase()) < 0, "mmap(NULL) lands below the mmap base");
        assertTrue(anywhere > 0x7fff_ffff_ffffL, "and above the 47-bit x86-64 limit: 0x" + Long.toHexString(anywhere));
    }

    @Test
    void structLayoutsFlagsAndByteOrder() {
        assertFalse(Arm64LinuxLayout.BIG_ENDIAN);
        assertEquals(StatLayout.GENERIC_64, Arm64LinuxLayout.STAT);
        assertEquals(128, Arm64LinuxLayout.STAT.size());
        assertEquals(StatfsLayout.GENERIC_64, Arm64LinuxLayout.STATFS);
        assertEquals(OpenFlags.ARM64, Arm64LinuxLayout.OPEN_FLAGS);
        assertEquals(040000, Arm64LinuxLayout.OPEN_FLAGS.directory(), "arm64 O_DIRECTORY");
        assertEquals(64, Arm64LinuxLayout.SYSCALLS.number("write"));
        assertEquals(93, Arm64LinuxLayout.SYSCALLS.number("exit"));
    }
}

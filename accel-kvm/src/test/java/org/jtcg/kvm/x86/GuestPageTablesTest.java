package org.jtcg.kvm.x86;

import org.jtcg.core.memory.GuestMemory;
import org.jtcg.core.memory.PagedMemory;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hardware page-table mirror, without KVM: permissions, unmapping, table reuse. */
class GuestPageTablesTest {
    private static final long PHYS = VmLayout.privatePhysBase(39);
    private static final int RW = GuestMemory.PROT_READ | GuestMemory.PROT_WRITE;
    private static final int MAP = GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS | GuestMemory.MAP_FIXED;

    private final PagedMemory mem = new PagedMemory();
    private final GuestPageTables pt = new GuestPageTables(
            ByteBuffer.allocateDirect((int) VmLayout.PRIVATE_SIZE).order(ByteOrder.LITTLE_ENDIAN), PHYS);

    GuestPageTablesTest() {
        mem.backEagerly();   // as KvmEngine does: the hardware page tables need a frame behind every accessible page
    }

    @Test
    void mirrorsProtectionsAndFrames() {
        mem.mmap(0x400000, 0x3000, GuestMemory.PROT_READ | GuestMemory.PROT_EXEC, MAP);
        mem.mmap(0x600000, 0x1000, RW, MAP);
        mem.mmap(0x700000, 0x1000, GuestMemory.PROT_NONE, MAP);
        pt.rebuild(mem);
        long code = pt.walk(0x401000);
        assertEquals(mem.physicalAddress(0x401000), code & GuestPageTables.ADDR_MASK);
        assertEquals(0, code & GuestPageTables.RW, "r-x page is read-only");
        assertEquals(0, code & GuestPageTables.NX, "r-x page is executable");
        assertTrue((code & GuestPageTables.US) != 0, "user page");
        long data = pt.walk(0x600000);
        assertTrue((data & GuestPageTables.RW) != 0 && (data & GuestPageTables.NX) != 0, "rw- page: writable, NX");
        assertEquals(0, pt.walk(0x700000), "PROT_NONE is not present");
        assertEquals(0, pt.walk(0x800000), "unmapped is not present");
        long priv = pt.walk(VmLayout.PRIVATE_VA + VmLayout.STUBS);
        assertEquals(0, priv & GuestPageTables.US, "private region is supervisor-only");
    }

    @Test
    void followsMprotectAndMunmapThroughTheListener() {
        mem.addMappingListener((va, len) -> pt.sync(mem, va, len));
        pt.rebuild(mem);
        pt.clearFlushPending();
        mem.mmap(0x10_0000_0000L, 0x2000, RW, MAP);
        assertTrue(pt.flushPending());
        assertNotEquals(0, pt.walk(0x10_0000_1000L));
        mem.mprotect(0x10_0000_1000L, 0x1000, GuestMemory.PROT_READ);
        assertEquals(0, pt.walk(0x10_0000_1000L) & GuestPageTables.RW);
        long before = pt.tablesInUse();
        mem.munmap(0x10_0000_0000L, 0x2000);
        assertEquals(0, pt.walk(0x10_0000_0000L));
        assertTrue(pt.tablesInUse() < before, "emptied tables return to the pool");
    }
}

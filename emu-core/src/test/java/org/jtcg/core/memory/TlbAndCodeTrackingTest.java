package org.jtcg.core.memory;

import org.jtcg.core.signal.SigCodes;

import static org.jtcg.core.memory.GuestMemory.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The TLB never outlives a mapping change, and stores to translated code are announced first. */
class TlbAndCodeTrackingTest {
    private static final int RW = PROT_READ | PROT_WRITE;
    private static final int RWX = RW | PROT_EXEC;
    private static final int ANON = MAP_PRIVATE | MAP_ANONYMOUS;
    private static final long A = 0x40_0000;

    private PagedMemory mem;
    private SoftTlb tlb;
    private final List<Long> codeEvents = new ArrayList<>();

    @BeforeEach
    void setUp() {
        mem = new PagedMemory(MemoryConfig.defaults().withChunkBytes(1 << 20).withRamLimit(64 << 20));
        tlb = mem.tlb();
        mem.addCodeWriteListener(codeEvents::add);
        assertEquals(A, mem.mmap(A, 2 * PAGE_SIZE, RWX, ANON | MAP_FIXED));
    }

    private boolean cached(long va) {
        int i = SoftTlb.index(va);
        return tlb.readTag[i] == (va & PAGE_MASK) || tlb.writeTag[i] == (va & PAGE_MASK);
    }

    @Test
    void munmapFlushesSoNoStaleHitReadsTheOldFrame() {
        mem.store(A, 8, 0x1111, false);
        assertTrue(cached(A));
        assertEquals(0, mem.munmap(A, PAGE_SIZE));
        assertFalse(cached(A));
        GuestFault f = assertThrows(GuestFault.class, () -> mem.load(A, 8, false));
        assertEquals(SigCodes.SEGV_MAPERR, f.siCode());
        // The freed frame goes to a new mapping elsewhere; the old address must not reach it.
        long other = mem.mmap(0, PAGE_SIZE, RW, ANON);
        mem.store(other, 8, 0x2222, false);
        assertThrows(GuestFault.class, () -> mem.store(A, 8, 0x3333, false));
        assertEquals(0x2222, mem.load(other, 8, false));
    }

    @Test
    void mprotectFlushesWritePermission() {
        mem.store(A + 8, 4, 1, false);
        assertEquals(A, tlb.writeTag[SoftTlb.index(A)]);
        assertEquals(0, mem.mprotect(A, PAGE_SIZE, PROT_READ));
        assertEquals(SigCodes.SEGV_ACCERR, assertThrows(GuestFault.class, () -> mem.store(A + 8, 4, 2, false)).siCode());
        assertEquals(1, mem.load(A + 8, 4, false));
        assertEquals(SoftTlb.EMPTY, tlb.writeTag[SoftTlb.index(A)], "a read refills without the write tag");
        assertEquals(0, mem.mprotect(A, PAGE_SIZE, PROT_NONE));
        assertEquals(SigCodes.SEGV_ACCERR, assertThrows(GuestFault.class, () -> mem.load(A + 8, 4, false)).siCode());
    }

    @Test
    void mremapAndBrkShrinkFlush() {
        mem.store(A + PAGE_SIZE, 8, 9, false);
        assertTrue(cached(A + PAGE_SIZE));
        assertEquals(A, mem.mremap(A, 2 * PAGE_SIZE, PAGE_SIZE, 0, 0));
        assertFalse(cached(A + PAGE_SIZE));
        assertThrows(GuestFault.class, () -> mem.load(A + PAGE_SIZE, 8, false));

        mem.initBrk(0x100_0000L);
        assertEquals(0x100_2000L, mem.brk(0x100_2000L));
        mem.store(0x100_1000L, 8, 5, false);
        assertTrue(cached(0x100_1000L));
        mem.brk(0x100_1000L);
        assertFalse(cached(0x100_1000L));
        assertThrows(GuestFault.class, () -> mem.load(0x100_1000L, 8, false));
    }

    @Test
    void tlbAliasesDoNotConfuseTheTag() {
        long alias = A + ((long) SoftTlb.SIZE << PAGE_SHIFT);   // same TLB index, different page
        assertEquals(alias, mem.mmap(alias, PAGE_SIZE, PROT_READ, ANON | MAP_FIXED));
        mem.store(A, 8, 0x77, false);
        assertEquals(0, mem.load(alias, 8, false));
        assertEquals(alias, tlb.readTag[SoftTlb.index(A)]);
        assertThrows(GuestFault.class, () -> mem.store(alias, 8, 1, false));
        assertEquals(0x77, mem.load(A, 8, false));
    }

    @Test
    void hostAddressOnlyForARangeInOnePageTheTlbHoldsWithThePermission() {
        org.junit.jupiter.api.Assumptions.assumeTrue(RawMemory.AVAILABLE, "raw host access is off in this JVM");
        assertEquals(0, mem.hostAddress(A + 8, 8, false), "not in the TLB yet: no lookup, no fill");
        mem.store(A + 8, 8, 0x1122334455667788L, false);
        long h = mem.hostAddress(A + 8, 8, false);
        assertNotEquals(0, h);
        assertEquals(0x1122334455667788L, RawMemory.ld64le(h));
        assertEquals(h, mem.hostAddress(A + 8, 8, true));
        assertEquals(h - 8 + PAGE_SIZE - 1, mem.hostAddress(A + PAGE_SIZE - 1, 1, false), "the last byte of the page");
        assertEquals(0, mem.hostAddress(A + PAGE_SIZE - 4, 8, false), "crosses into the next page");
        assertEquals(0, mem.hostAddress(A + 8, 0, false), "empty range");
        mem.markCode(A);
        assertEquals(0, mem.hostAddress(A + 8, 8, true), "translated code: stores take the checked path");
        assertEquals(h, mem.hostAddress(A + 8, 8, false));
        assertEquals(0, mem.munmap(A, PAGE_SIZE));
        assertEquals(0, mem.hostAddress(A + 8, 8, false), "unmapped: flushed");
    }

    @Test
    void storeToCodePageNotifiesBeforeTheStoreThenIsFastAgain() {
        mem.store(A + 16, 4, 0xaaaa, false);
        mem.markCode(A + 5);
        assertTrue(mem.isCode(A));
        int i = SoftTlb.index(A);
        assertEquals(SoftTlb.EMPTY, tlb.writeTag[i], "marking removes the write tag");
        assertEquals(A, tlb.readTag[i], "reads stay fast");

        long[] seenValue = {-1};
        mem.addCodeWriteListener(page -> seenValue[0] = mem.load(A + 16, 4, false));
        mem.store(A + 16, 4, 0xbbbb, false);
        assertEquals(List.of(A + 16), codeEvents, "the listener gets the written address");
        assertEquals(0xaaaa, seenValue[0], "listener runs before the store lands");
        assertEquals(0xbbbb, mem.load(A + 16, 4, false));
        assertFalse(mem.isCode(A));
        assertEquals(A, tlb.writeTag[i], "after notification the page is writable through the TLB");
        mem.store(A + 20, 4, 1, false);
        assertEquals(1, codeEvents.size(), "no second notification");
    }

    @Test
    void everyWritePathNotifies() {
        mem.markCode(A);
        mem.write(A + PAGE_SIZE - 2, new byte[4], 0, 4);   // bulk write touching both pages
        assertEquals(List.of(A + PAGE_SIZE - 2), codeEvents);
        mem.markCode(A + PAGE_SIZE);
        mem.store(A + PAGE_SIZE - 1, 2, 0, false);          // crossing store: its part on the code page
        assertEquals(List.of(A + PAGE_SIZE - 2, A + PAGE_SIZE), codeEvents);
        mem.markCode(A);
        mem.poke(A, new byte[1], 0, 1);
        mem.markCode(A);
        mem.store128(A, true, 1, 2);
        assertEquals(List.of(A + PAGE_SIZE - 2, A + PAGE_SIZE, A, A), codeEvents);
    }

    @Test
    void faultingStoreToCodePageDoesNotNotify() {
        mem.markCode(A + PAGE_SIZE);
        assertThrows(GuestFault.class, () -> mem.store(A + 2 * PAGE_SIZE - 2, 4, 0, false));
        assertTrue(codeEvents.isEmpty(), "the store never happens, so the code is still valid");
        assertTrue(mem.isCode(A + PAGE_SIZE));
    }

    @Test
    void unmapAndProtectOfCodePagesNotify() {
        mem.markCode(A);
        mem.markCode(A + PAGE_SIZE);
        assertEquals(0, mem.mprotect(A, PAGE_SIZE, PROT_READ | PROT_EXEC));
        assertEquals(0, mem.munmap(A, 2 * PAGE_SIZE));
        assertEquals(List.of(A, A + PAGE_SIZE), codeEvents);
        mem.markCode(A);   // unmapped: nothing to mark
        assertFalse(mem.isCode(A));
    }

    @Test
    void mremapMoveOfCodePageNotifiesForTheOldAddress() {
        mem.markCode(A);
        long moved = mem.mremap(A, 2 * PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED, 0x50_0000L);
        assertEquals(0x50_0000L, moved);
        assertEquals(List.of(A), codeEvents);
        assertFalse(mem.isCode(moved), "code at the new address has not been translated yet");
    }

    @Test
    void framesAreZeroedWhenReused() {
        byte[] ones = new byte[2 * PAGE_SIZE];
        java.util.Arrays.fill(ones, (byte) 0xff);
        mem.write(A, ones, 0, ones.length);
        java.util.Set<Long> before = java.util.Set.of(mem.physicalAddress(A), mem.physicalAddress(A + PAGE_SIZE));
        assertEquals(0, mem.munmap(A, 2 * PAGE_SIZE));
        long again = mem.mmap(0, 2 * PAGE_SIZE, RW, ANON);
        byte[] back = new byte[2 * PAGE_SIZE];
        mem.read(again, back, 0, back.length);   // the first touch backs the pages
        assertEquals(before, java.util.Set.of(mem.physicalAddress(again), mem.physicalAddress(again + PAGE_SIZE)),
                "the same frames came back");
        assertArrayEquals(new byte[2 * PAGE_SIZE], back);
    }
}

package org.jtcg.core.memory;

import org.jtcg.core.signal.SigCodes;

import static org.jtcg.core.memory.GuestMemory.*;
import static org.jtcg.core.memory.MmanErrno.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Linux semantics of mmap, munmap, mprotect, mremap and brk, through {@link PagedMemory}. */
class AddressSpaceTest {
    private static final int RW = PROT_READ | PROT_WRITE;
    private static final int ANON = MAP_PRIVATE | MAP_ANONYMOUS;
    private static final long P = PAGE_SIZE;
    private static final long BASE = 0x7fff_c000_0000L;   // default mmap base for x86-64

    private final PagedMemory mem = new PagedMemory(MemoryConfig.defaults().withChunkBytes(1 << 20).withRamLimit(256 << 20));

    @Test
    void defaultsMatchX86_64() {
        assertEquals(BASE, mem.config().mmapBase());
        assertEquals(MemoryConfig.DEFAULT_MAX_ADDRESS, mem.config().maxAddress());
    }

    @Test
    void argumentErrors() {
        assertEquals(-EINVAL, mem.mmap(0, 0, RW, ANON), "len 0");
        assertEquals(-EINVAL, mem.mmap(0x10_0001, P, RW, ANON | MAP_FIXED), "unaligned fixed");
        assertEquals(-EINVAL, mem.mmap(0x10_0001, P, RW, ANON | MAP_FIXED_NOREPLACE), "unaligned noreplace");
        assertEquals(-EINVAL, mem.mmap(0, P, RW, MAP_ANONYMOUS), "neither shared nor private");
        assertEquals(-EINVAL, mem.mmap(0, P, 0x40, ANON), "unknown prot bit");
        assertEquals(-ENOMEM, mem.mmap(0, 1L << 48, RW, ANON), "longer than the address space");
        assertEquals(-ENOMEM, mem.mmap(0x7fff_ffff_f000L, 2 * P, RW, ANON | MAP_FIXED), "beyond the top");
        assertEquals(-EPERM, mem.mmap(0x1000, P, RW, ANON | MAP_FIXED), "below mmap_min_addr");
        assertEquals(-EINVAL, mem.munmap(0x10_0001, P));
        assertEquals(-EINVAL, mem.munmap(0x10_0000, 0));
        assertEquals(-EINVAL, mem.munmap(0x7fff_ffff_f000L, 2 * P));
        assertEquals(-EINVAL, mem.mprotect(0x10_0001, P, RW));
        assertEquals(0, mem.mprotect(0x10_0000, 0, RW), "mprotect of nothing succeeds");
        assertEquals(-ENOMEM, mem.mprotect(0x10_0000, P, RW), "mprotect of unmapped pages");
        assertEquals(-1, mem.protectionAt(0x10_0000));
    }

    @Test
    void topDownPlacementBelowTheMmapBase() {
        long a = mem.mmap(0, 3 * P, RW, ANON);
        assertEquals(BASE - 3 * P, a);
        long b = mem.mmap(0, 100, RW, ANON);   // length rounds up to a page
        assertEquals(a - P, b);
        assertEquals(0, mem.munmap(a, P));      // hole of one page at the top
        long c = mem.mmap(0, 2 * P, RW, ANON);  // does not fit the hole
        assertEquals(b - 2 * P, c);
        long d = mem.mmap(0, P, RW, ANON);      // fits the hole
        assertEquals(a, d);
    }

    @Test
    void hintIsHonouredWhenFreeAndRoundedUp() {
        assertEquals(0x2000_0000L, mem.mmap(0x2000_0000L, 2 * P, RW, ANON));
        assertEquals(0x3000_1000L, mem.mmap(0x3000_0010L, P, RW, ANON), "hint rounded up to a page");
        long clash = mem.mmap(0x2000_1000L, P, RW, ANON);
        assertEquals(BASE - P, clash, "occupied hint falls back to the normal search");
        assertEquals(BASE - 2 * P, mem.mmap(0x1000, P, RW, ANON), "hint below mmap_min_addr is ignored");
    }

    @Test
    void fixedReplacesAndNoReplaceRefuses() {
        long a = 0x4000_0000L;
        assertEquals(a, mem.mmap(a, 4 * P, RW, ANON | MAP_FIXED));
        mem.store(a + P, 8, 0x1122, false);
        assertEquals(-EEXIST, mem.mmap(a + 3 * P, 2 * P, RW, ANON | MAP_FIXED_NOREPLACE));
        assertEquals(-EEXIST, mem.mmap(a + 3 * P, 2 * P, RW, ANON | MAP_FIXED_NOREPLACE | MAP_FIXED));
        assertEquals(a + 4 * P, mem.mmap(a + 4 * P, P, PROT_READ, ANON | MAP_FIXED_NOREPLACE));
        assertEquals(a + P, mem.mmap(a + P, P, PROT_READ, ANON | MAP_FIXED));
        assertEquals(0, mem.load(a + P, 8, false), "MAP_FIXED gives fresh zeroed memory");
        assertEquals(PROT_READ, mem.protectionAt(a + P));
        assertEquals(RW, mem.protectionAt(a));
        assertEquals(P, mem.ramBytesInUse(), "the replaced frame was freed; the load backed the new page");
    }

    @Test
    void munmapPunchesHolesAndIgnoresUnmappedPages() {
        long a = mem.mmap(0, 5 * P, RW, ANON);
        for (int i = 0; i < 5; i++) mem.store(a + i * P, 1, 1, false);
        assertEquals(0, mem.munmap(a + P, P));
        assertEquals(0, mem.munmap(a + P, 2 * P), "partly unmapped already: fine");
        assertEquals(0, mem.munmap(0x5000_0000L, 100 * P), "never mapped: fine");
        assertEquals(RW, mem.protectionAt(a));
        assertEquals(-1, mem.protectionAt(a + P));
        assertEquals(-1, mem.protectionAt(a + 2 * P));
        assertEquals(RW, mem.protectionAt(a + 3 * P));
        assertEquals(SigCodes.SEGV_MAPERR, assertThrows(GuestFault.class, () -> mem.load(a + P, 1, false)).siCode());
        assertEquals(3 * P, mem.ramBytesInUse());
    }

    @Test
    void mprotectSplitsAndKeepsData() {
        long a = mem.mmap(0, 4 * P, RW, ANON);
        mem.store(a + 2 * P, 4, 77, false);
        assertEquals(0, mem.mprotect(a + P, 2 * P, PROT_READ));
        assertEquals(RW, mem.protectionAt(a));
        assertEquals(PROT_READ, mem.protectionAt(a + P));
        assertEquals(PROT_READ, mem.protectionAt(a + 2 * P));
        assertEquals(RW, mem.protectionAt(a + 3 * P));
        assertEquals(77, mem.load(a + 2 * P, 4, false));
        assertEquals(0, mem.mprotect(a + 2 * P, P, PROT_NONE));
        assertEquals(0, mem.mprotect(a + 2 * P, 1, RW), "length rounds up");
        assertEquals(77, mem.load(a + 2 * P, 4, false), "data survives PROT_NONE and back");
        assertEquals(0, mem.munmap(a + 3 * P, P));
        assertEquals(-ENOMEM, mem.mprotect(a, 4 * P, PROT_READ), "range runs into a hole");
        assertEquals(RW, mem.protectionAt(a), "a failed mprotect changes nothing");
        assertEquals(-EINVAL, mem.mprotect(a, P, 0x03000001), "GROWSDOWN and GROWSUP together");
    }

    @Test
    void reservationsCostNoRamUntilTouched() {
        long r = mem.mmap(0, 64L << 20, PROT_NONE, ANON);   // glibc-style arena reservation
        assertTrue(r > 0);
        assertEquals(0, mem.ramBytesInUse());
        assertEquals(0, mem.mprotect(r, 33 * P, RW));
        assertEquals(0, mem.ramBytesInUse(), "committed but untouched");
        assertEquals(0, mem.load(r + 32 * P, 8, false));
        assertEquals(P, mem.ramBytesInUse(), "the first touch backs the page");
        assertEquals(SigCodes.SEGV_ACCERR, assertThrows(GuestFault.class, () -> mem.load(r + 33 * P, 1, false)).siCode());
    }

    @Test
    void mremapShrinkGrowInPlaceMoveAndFixed() {
        long a = mem.mmap(0x6000_0000L, 4 * P, RW, ANON);
        mem.store(a, 8, 0xabcdL, false);
        assertEquals(a, mem.mremap(a, 4 * P, 2 * P, 0, 0), "shrink");
        assertEquals(-1, mem.protectionAt(a + 2 * P));
        assertEquals(a, mem.mremap(a, 2 * P, 6 * P, 0, 0), "grow in place into free space");
        assertEquals(0, mem.load(a + 5 * P, 8, false));
        long blocker = mem.mmap(a + 6 * P, P, PROT_READ, ANON | MAP_FIXED);
        assertEquals(-ENOMEM, mem.mremap(a, 6 * P, 8 * P, 0, 0), "cannot grow in place, may not move");
        long moved = mem.mremap(a, 6 * P, 8 * P, MREMAP_MAYMOVE, 0);
        assertNotEquals(a, moved);
        assertEquals(0, moved & (P - 1));
        assertEquals(0xabcdL, mem.load(moved, 8, false), "contents move with the mapping");
        assertEquals(-1, mem.protectionAt(a), "old range is gone");
        assertEquals(PROT_READ, mem.protectionAt(blocker));
        long target = 0x6100_0000L;
        assertEquals(target, mem.mremap(moved, 8 * P, 3 * P, MREMAP_MAYMOVE | MREMAP_FIXED, target));
        assertEquals(0xabcdL, mem.load(target, 8, false));
        assertEquals(-1, mem.protectionAt(target + 3 * P));
        assertEquals(-1, mem.protectionAt(moved));
        assertEquals(P, mem.ramBytesInUse(), "only the page written before the moves; the read page 5 was cut off");
    }

    @Test
    void mremapErrors() {
        long a = mem.mmap(0x6000_0000L, 4 * P, RW, ANON);
        assertEquals(-EINVAL, mem.mremap(a + 1, P, 2 * P, MREMAP_MAYMOVE, 0));
        assertEquals(-EINVAL, mem.mremap(a, P, 0, MREMAP_MAYMOVE, 0));
        assertEquals(-EINVAL, mem.mremap(a, P, 2 * P, MREMAP_FIXED, 0x7000_0000L), "FIXED needs MAYMOVE");
        assertEquals(-EINVAL, mem.mremap(a, 2 * P, 2 * P, MREMAP_FIXED | MREMAP_MAYMOVE, a + P), "overlap");
        assertEquals(-EINVAL, mem.mremap(a, P, 2 * P, 0x80, 0));
        assertEquals(-EFAULT, mem.mremap(0x6800_0000L, P, 2 * P, MREMAP_MAYMOVE, 0), "old range unmapped");
        assertEquals(0, mem.mprotect(a + P, P, PROT_READ));
        assertEquals(-EFAULT, mem.mremap(a, 2 * P, 3 * P, MREMAP_MAYMOVE, 0), "old range spans two protections");
    }

    @Test
    void brkGrowsShrinksAndRefusesToMove() {
        long start = 0x0060_1234L;   // end of bss: not page-aligned
        mem.mmap(0x0060_0000L, P, RW, ANON | MAP_FIXED);   // the bss page the loader mapped
        mem.initBrk(start);
        assertEquals(start, mem.brk(0), "brk(0) reports the break");
        assertEquals(start + 100, mem.brk(start + 100), "within the bss page: no new mapping");
        assertEquals(-1, mem.protectionAt(0x0060_1000L));
        long grown = mem.brk(0x0060_5000L);
        assertEquals(0x0060_5000L, grown);
        assertEquals(RW, mem.protectionAt(0x0060_4000L));
        mem.store(0x0060_4ff8L, 8, 5, false);
        assertEquals(-1, mem.protectionAt(0x0060_5000L));
        assertEquals(0x0060_2001L, mem.brk(0x0060_2001L), "shrink");
        assertEquals(RW, mem.protectionAt(0x0060_2000L));
        assertEquals(-1, mem.protectionAt(0x0060_3000L));
        assertEquals(0x0060_2001L, mem.brk(start - 1), "below the start: unchanged");
        mem.mmap(0x0060_8000L, P, PROT_READ, ANON | MAP_FIXED);
        assertEquals(0x0060_2001L, mem.brk(0x0060_9000L), "collides with a mapping: unchanged");
        assertEquals(0x0060_8000L, mem.brk(0x0060_8000L), "up to the mapping is fine");
        assertEquals(0, mem.load(0x0060_4ff8L, 8, false), "pages given back and regrown are zero");
    }

    @Test
    void brkHeapLimitAndUninitialisedUse() {
        PagedMemory m = new PagedMemory(MemoryConfig.defaults().withChunkBytes(1 << 20).withHeapLimit(16 * P));
        assertThrows(IllegalStateException.class, () -> m.brk(0));
        m.initBrk(0x100_0000L);
        assertEquals(0x100_0000L + 16 * P, m.brk(0x100_0000L + 16 * P));
        assertEquals(0x100_0000L + 16 * P, m.brk(0x100_0000L + 17 * P));
    }

    @Test
    void ramLimitCountsTouchedPagesAndFaultsTheAccessThatFindsNone() {
        PagedMemory m = new PagedMemory(MemoryConfig.defaults().withChunkBytes(64 << 10).withRamLimit(4 * P));
        long a = m.mmap(0, 1L << 30, RW, ANON);
        long b = m.mmap(0, 1L << 30, RW, ANON);
        assertTrue(a > 0 && b > 0, "mapping far more than the limit is fine while untouched");
        for (int i = 0; i < 4; i++) m.store(a + i * (256L << 20), 8, i + 1, false);
        assertEquals(4 * P, m.ramBytesInUse());
        GuestFault f = assertThrows(GuestFault.class, () -> m.store(b + 5, 1, 1, false));
        assertEquals(b + 5, f.address());
        assertEquals(SigCodes.SEGV_MAPERR, f.siCode());
        assertEquals(0, m.munmap(a, P));
        m.store(b + 5, 1, 9, false);
        assertEquals(9, m.load(b + 5, 1, false), "the freed frame backs the next touched page");
        assertEquals(4, m.load(a + 3 * (256L << 20), 8, false));
    }

    @Test
    void eagerBackingGivesFramesAtOnceAndKeepsTheLimitAtMapTime() {
        PagedMemory m = new PagedMemory(MemoryConfig.defaults().withChunkBytes(64 << 10).withRamLimit(1 << 20));
        long untouched = m.mmap(0, 2 * P, RW, ANON);
        assertEquals(0, m.ramBytesInUse());
        assertTrue(m.backEagerly());
        assertEquals(2 * P, m.ramBytesInUse(), "pages mapped before get their frames");
        assertTrue(m.physicalAddress(untouched + P) >= 0);
        assertEquals(0, m.munmap(untouched, 2 * P));
        long a = m.mmap(0, 1 << 20, RW, ANON);
        assertTrue(a > 0);
        assertEquals(-ENOMEM, m.mmap(0, P, RW, ANON));
        assertTrue(m.mmap(0, 1L << 30, PROT_NONE, ANON) > 0, "reservations still work");
        assertEquals(-ENOMEM, m.mremap(a, P, 2 * P, MREMAP_MAYMOVE, 0));
        m.initBrk(0x100_0000L);
        assertEquals(0x100_0000L, m.brk(0x100_0000L + P));
        assertEquals(0, m.munmap(a, 2 * P));
        long b = m.mmap(0, 2 * P, RW, ANON);
        assertTrue(b > 0, "freed frames are available again");
        assertEquals(-ENOMEM, m.mmap(0, P, RW, ANON));
    }

    @Test
    void failedFixedMapStillReportsTheReplacedRange() {
        PagedMemory m = new PagedMemory(MemoryConfig.defaults().withChunkBytes(64 << 10).withRamLimit(4 * P));
        assertTrue(m.backEagerly());   // only eager backing can fail a map for lack of RAM
        List<Long> changed = new ArrayList<>();
        m.addMappingListener((va, len) -> changed.add(va));
        long a = m.mmap(0x5000_0000L, 2 * P, RW, ANON | MAP_FIXED);
        assertEquals(-ENOMEM, m.mmap(a, 8 * P, RW, ANON | MAP_FIXED));
        assertEquals(-1, m.protectionAt(a), "Linux too may leave a hole after a failed MAP_FIXED");
        assertEquals(List.of(a, a), changed);
    }

    @Test
    void fullAddressSpaceConfigurationForS390x() {
        PagedMemory m = new PagedMemory(MemoryConfig.forMaxAddress(-1L).withChunkBytes(1 << 20));
        long top = m.mmap(-P, P, RW, ANON | MAP_FIXED);
        assertEquals(-P, top);
        m.store(-8, 8, 0x0102_0304_0506_0708L, true);
        assertEquals(8, m.load(-1, 1, false));
        long placed = m.mmap(0, P, RW, ANON);
        assertEquals(m.config().mmapBase() - P, placed);
        assertEquals(0xffff_ffff_c000_0000L, m.config().mmapBase());
    }

    @Test
    void mappingListenerAndIteration() {
        List<long[]> changes = new ArrayList<>();
        mem.addMappingListener((va, len) -> changes.add(new long[] {va, len}));
        long a = mem.mmap(0x7000_0000L, 4 * P, RW, ANON | MAP_FIXED);
        assertEquals(0, mem.mprotect(a + P, P, PROT_READ));
        assertEquals(0, mem.munmap(a + 3 * P, P));
        assertEquals(0, mem.munmap(0x7100_0000L, P), "nothing mapped: no change to report");
        assertEquals(3, changes.size());
        assertArrayEquals(new long[] {a, 4 * P}, changes.get(0));
        assertArrayEquals(new long[] {a + P, P}, changes.get(1));
        assertArrayEquals(new long[] {a + 3 * P, P}, changes.get(2));

        assertEquals(-1, mem.physicalAddress(a), "untouched: no frame yet");
        for (int i = 0; i < 3; i++) mem.load(a + i * P, 1, false);   // back the pages, in order
        assertEquals(3 + 3, changes.size(), "each first touch reports its page (its physical address changed)");
        long phys0 = mem.physicalAddress(a);
        List<String> runs = new ArrayList<>();
        mem.forEachMapping(0, -1, (va, len, phys, prot) -> runs.add(Long.toHexString(va) + "+" + len / P + "@" + prot
                + (phys == phys0 + (va - a) ? "" : "!")));
        assertEquals(List.of("70000000+1@3", "70001000+1@1", "70002000+1@3"), runs);
        assertEquals(phys0 + 0x123, mem.physicalAddress(a + 0x123));
        assertEquals(-1, mem.physicalAddress(a + 3 * P));
        assertFalse(mem.chunks().isEmpty());
    }
}

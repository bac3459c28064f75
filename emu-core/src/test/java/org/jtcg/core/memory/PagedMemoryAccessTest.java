package org.jtcg.core.memory;

import static org.jtcg.core.memory.GuestMemory.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import org.jtcg.core.memory.GuestFault.Access;
import org.jtcg.core.signal.SigCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PagedMemoryAccessTest {
    private static final int RW = PROT_READ | PROT_WRITE;
    private static final int ANON = MAP_PRIVATE | MAP_ANONYMOUS;
    private static final long A = 0x10_0000;   // two RW pages mapped here in every test

    private PagedMemory mem;

    @BeforeEach
    void setUp() {
        mem = new PagedMemory(MemoryConfig.defaults().withChunkBytes(1 << 20).withRamLimit(64 << 20));
        assertEquals(A, mem.mmap(A, 2 * PAGE_SIZE, RW, ANON | MAP_FIXED));
    }

    private static GuestFault fault(Runnable r) {
        return assertThrows(GuestFault.class, r::run);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 8})
    void everySizeAndByteOrder(int size) {
        long value = 0x8877_6655_4433_2211L;
        long mask = size == 8 ? -1L : (1L << (8 * size)) - 1;
        for (long off : new long[] {0, 3, PAGE_SIZE - size, PAGE_SIZE + 17}) {
            mem.store(A + off, size, value, false);
            assertEquals(value & mask, mem.load(A + off, size, false));
            for (int k = 0; k < size; k++) {   // little-endian: least significant byte first
                assertEquals((value >>> (8 * k)) & 0xff, mem.load(A + off + k, 1, false));
            }
            mem.store(A + off, size, value, true);
            assertEquals(value & mask, mem.load(A + off, size, true));
            for (int k = 0; k < size; k++) {   // big-endian: most significant byte first
                assertEquals((value >>> (8 * (size - 1 - k))) & 0xff, mem.load(A + off + k, 1, false));
            }
            // The two byte orders are views of the same bytes: reversed.
            assertEquals(Long.reverseBytes(value & mask) >>> (64 - 8 * size), mem.load(A + off, size, false));
        }
    }

    @Test
    void loadsZeroExtend() {
        mem.store(A, 8, -1L, false);
        assertEquals(0xffL, mem.load(A, 1, false));
        assertEquals(0xffffL, mem.load(A, 2, true));
        assertEquals(0xffff_ffffL, mem.load(A, 4, false));
        assertEquals(-1L, mem.load(A, 8, true));
    }

    @Test
    void badSizeIsAnArgumentError() {
        assertThrows(IllegalArgumentException.class, () -> mem.load(A, 3, false));
        assertThrows(IllegalArgumentException.class, () -> mem.store(A, 16, 0, false));
    }

    @Test
    void load128AndStore128HalfOrder() {
        long lo = 0x0706_0504_0302_0100L, hi = 0x0f0e_0d0c_0b0a_0908L;
        long[] out = new long[2];
        for (long at : new long[] {A, A + PAGE_SIZE - 5}) {   // aligned and page-crossing
            mem.store128(at, false, lo, hi);
            for (int k = 0; k < 16; k++) {
                assertEquals(k, mem.load(at + k, 1, false), "LE byte " + k);
            }
            mem.load128(at, false, out);
            assertArrayEquals(new long[] {lo, hi}, out);
            mem.store128(at, true, lo, hi);
            for (int k = 0; k < 16; k++) {
                assertEquals(15 - k, mem.load(at + k, 1, false), "BE byte " + k);
            }
            mem.load128(at, true, out);
            assertArrayEquals(new long[] {lo, hi}, out);
        }
    }

    @Test
    void store128FaultingOnSecondPageWritesNothing() {
        long last = A + 2 * PAGE_SIZE - 8;   // the high half lands on the unmapped third page
        GuestFault f = fault(() -> mem.store128(last, false, -1L, -1L));
        assertEquals(A + 2 * PAGE_SIZE, f.address());
        assertEquals(0, mem.load(last, 8, false));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 8})
    void crossPageAccessesWithBothPagesMapped(int size) {
        for (int before = 1; before < size; before++) {
            long at = A + PAGE_SIZE - before;
            long v = 0x1122_3344_5566_7788L * before;
            long mask = size == 8 ? -1L : (1L << (8 * size)) - 1;
            mem.store(at, size, v, true);
            assertEquals(v & mask, mem.load(at, size, true));
            mem.store(at, size, v, false);
            assertEquals(v & mask, mem.load(at, size, false));
            assertEquals(v & 0xff, mem.load(at, 1, false));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 8})
    void crossPageFaultReportsFirstUnmappedByteAndStoresNothing(int size) {
        long at = A + 2 * PAGE_SIZE - 1;   // one byte on the mapped page, the rest unmapped
        mem.store(at, 1, 0x5a, false);
        GuestFault ld = fault(() -> mem.load(at, size, false));
        assertEquals(A + 2 * PAGE_SIZE, ld.address());
        assertEquals(Access.READ, ld.access());
        assertEquals(SigCodes.SEGV_MAPERR, ld.siCode());
        GuestFault st = fault(() -> mem.store(at, size, -1L, true));
        assertEquals(A + 2 * PAGE_SIZE, st.address());
        assertEquals(Access.WRITE, st.access());
        assertEquals(0x5a, mem.load(at, 1, false), "no partial store");
        // First page faulting: the fault is at the access address itself.
        GuestFault low = fault(() -> mem.load(A - 2, size, false));
        assertEquals(A - 2, low.address());
    }

    @Test
    void crossPageStoreOntoReadOnlyPageIsAccErrAndAtomic() {
        assertEquals(0, mem.mprotect(A + PAGE_SIZE, PAGE_SIZE, PROT_READ));
        GuestFault f = fault(() -> mem.store(A + PAGE_SIZE - 2, 4, 0xdead_beefL, false));
        assertEquals(A + PAGE_SIZE, f.address());
        assertEquals(SigCodes.SEGV_ACCERR, f.siCode());
        assertEquals(0, mem.load(A + PAGE_SIZE - 2, 2, false));
    }

    @Test
    void permissionFaultsHaveTheRightCodeForEachAccess() {
        long ro = mem.mmap(0, PAGE_SIZE, PROT_READ, ANON);
        long none = mem.mmap(0, PAGE_SIZE, PROT_NONE, ANON);
        long wo = mem.mmap(0, PAGE_SIZE, PROT_WRITE, ANON);
        long xo = mem.mmap(0, PAGE_SIZE, PROT_EXEC, ANON);
        byte[] buf = new byte[4];

        GuestFault w = fault(() -> mem.store(ro + 8, 4, 1, false));
        assertEquals(ro + 8, w.address());
        assertEquals(Access.WRITE, w.access());
        assertEquals(SigCodes.SEGV_ACCERR, w.siCode());

        GuestFault r = fault(() -> mem.load(none + 1, 1, false));
        assertEquals(Access.READ, r.access());
        assertEquals(SigCodes.SEGV_ACCERR, r.siCode());
        assertEquals(none + 1, r.address());

        GuestFault x = fault(() -> mem.fetch(A, buf, 0, 4));
        assertEquals(Access.EXEC, x.access());
        assertEquals(SigCodes.SEGV_ACCERR, x.siCode());

        GuestFault m = fault(() -> mem.fetch(0x5000_0000L, buf, 0, 4));
        assertEquals(SigCodes.SEGV_MAPERR, m.siCode());
        assertEquals(0x5000_0000L, m.address());

        // The permission rule: write implies read; exec without read is fetchable but not readable.
        mem.store(wo, 4, 0x1234, false);
        assertEquals(0x1234, mem.load(wo, 4, false));
        assertEquals(4, mem.fetch(xo, buf, 0, 4));
        assertEquals(SigCodes.SEGV_ACCERR, fault(() -> mem.load(xo, 1, false)).siCode());
        assertEquals(PROT_EXEC, mem.protectionAt(xo));
        assertEquals(-1, mem.protectionAt(0x5000_0000L));
    }

    @Test
    void fetchStopsAtTheFirstNonExecutablePage() {
        long code = mem.mmap(0, 2 * PAGE_SIZE, PROT_READ | PROT_EXEC, ANON);
        assertEquals(0, mem.mprotect(code + PAGE_SIZE, PAGE_SIZE, PROT_READ));
        byte[] src = {(byte) 0x90, (byte) 0xc3, 0x0f, 0x05};
        mem.poke(code + PAGE_SIZE - 2, src, 0, 4);
        byte[] dst = new byte[16];
        assertEquals(2, mem.fetch(code + PAGE_SIZE - 2, dst, 0, 16));
        assertEquals((byte) 0x90, dst[0]);
        assertEquals((byte) 0xc3, dst[1]);
    }

    @Test
    void bulkReadWriteAcrossPagesAndFaults() {
        byte[] data = new byte[PAGE_SIZE + 100];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 7);
        mem.write(A + 50, data, 0, data.length);
        byte[] back = new byte[data.length];
        mem.read(A + 50, back, 0, back.length);
        assertArrayEquals(data, back);

        byte[] big = new byte[2 * PAGE_SIZE];
        java.util.Arrays.fill(big, (byte) 1);
        GuestFault f = fault(() -> mem.write(A + 8, big, 0, big.length));
        assertEquals(A + 2 * PAGE_SIZE, f.address());
        assertEquals((byte) (0 * 7), (byte) mem.load(A + 50, 1, false), "a faulting write changes nothing");
        GuestFault rf = fault(() -> mem.read(A + 8, big, 0, big.length));
        assertEquals(A + 2 * PAGE_SIZE, rf.address());
        assertThrows(IndexOutOfBoundsException.class, () -> mem.read(A, back, 10, back.length));
    }

    @Test
    void pokeIgnoresProtectionButNeedsAMapping() {
        long ro = mem.mmap(0, PAGE_SIZE, PROT_READ, ANON);
        mem.poke(ro + 10, new byte[] {42}, 0, 1);
        assertEquals(42, mem.load(ro + 10, 1, false));
        long reserved = mem.mmap(0, PAGE_SIZE, PROT_NONE, ANON);
        assertEquals(-1, mem.physicalAddress(reserved));
        mem.poke(reserved, new byte[] {7}, 0, 1);
        assertTrue(mem.physicalAddress(reserved) >= 0, "poke gave the reservation a frame");
        assertEquals(0, mem.mprotect(reserved, PAGE_SIZE, PROT_READ));
        assertEquals(7, mem.load(reserved, 1, false));
        GuestFault f = fault(() -> mem.poke(A + 2 * PAGE_SIZE - 1, new byte[2], 0, 2));
        assertEquals(A + 2 * PAGE_SIZE, f.address());
        assertEquals(SigCodes.SEGV_MAPERR, f.siCode());
        assertEquals(0, mem.load(A + 2 * PAGE_SIZE - 1, 1, false), "nothing poked before the check");
    }

    @Test
    void readCString() {
        byte[] s = "hello, guest".getBytes(StandardCharsets.US_ASCII);
        long at = A + PAGE_SIZE - 5;   // crosses the page boundary
        mem.write(at, s, 0, s.length);
        assertEquals("hello, guest", new String(mem.readCString(at, 100), StandardCharsets.US_ASCII));
        assertEquals("hello", new String(mem.readCString(at, 5), StandardCharsets.US_ASCII),
                "no NUL within maxLen gives exactly maxLen bytes");
        assertEquals(0, mem.readCString(at + s.length, 10).length);
        // No NUL before the end of the mapping: fault at the first unmapped byte.
        byte[] fill = new byte[16];
        java.util.Arrays.fill(fill, (byte) 'x');
        mem.write(A + 2 * PAGE_SIZE - 16, fill, 0, 16);
        assertEquals(A + 2 * PAGE_SIZE, fault(() -> mem.readCString(A + 2 * PAGE_SIZE - 16, 4096)).address());
        assertEquals(16, mem.readCString(A + 2 * PAGE_SIZE - 16, 16).length);
    }

    @Test
    void anonymousMemoryIsZero() {
        long a = mem.mmap(0, 3 * PAGE_SIZE, RW, ANON);
        byte[] b = new byte[3 * PAGE_SIZE];
        java.util.Arrays.fill(b, (byte) 1);
        mem.read(a, b, 0, b.length);
        assertArrayEquals(new byte[3 * PAGE_SIZE], b);
    }

    @Test
    void tlbFastPathIsUsedAfterAMiss() {
        SoftTlb tlb = mem.tlb();
        int i = SoftTlb.index(A);
        tlb.flushAll();
        mem.load(A, 4, false);
        assertEquals(A, tlb.readTag[i]);
        assertEquals(A, tlb.writeTag[i]);
        // What translated code does with a hit: the bytes are at buffer[i] + offset[i].
        mem.store(A + 12, 4, 0xcafe_f00dL, false);
        assertEquals(0xcafe_f00dL, TlbAccess.ld32le(tlb.buffer[i], tlb.offset[i] + 12));
        long phys = mem.physicalAddress(A + 12);
        RamChunk chunk = mem.chunks().get((int) (phys / (1 << 20)));
        assertSame(chunk.buffer(), tlb.buffer[i]);
        assertEquals(phys - chunk.physicalBase(), tlb.offset[i] + 12);
    }
}

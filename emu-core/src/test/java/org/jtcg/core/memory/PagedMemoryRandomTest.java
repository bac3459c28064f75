package org.jtcg.core.memory;

import static org.jtcg.core.memory.GuestMemory.*;
import static org.jtcg.core.memory.MmanErrno.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jtcg.core.memory.GuestFault.Access;
import org.jtcg.core.signal.SigCodes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Thousands of random map/unmap/protect/remap/load/store/bulk operations on {@link PagedMemory}
 * and on a deliberately naive model (a map of page address to bytes), compared after every step:
 * results, errno values, fault address/kind/si_code, code-write notifications and RAM use.
 */
class PagedMemoryRandomTest {
    private static final long P = PAGE_SIZE;
    private static final int PAGES = 48;
    private static final long W = 0x1000_0000L;                 // window [W, W + PAGES * P)
    private static final long BASE = W + PAGES * P;             // mmap base: placement happens in the window
    private static final int[] PROTS = {PROT_NONE, PROT_READ, PROT_READ | PROT_WRITE, PROT_EXEC,
            PROT_READ | PROT_EXEC, PROT_WRITE, PROT_READ | PROT_WRITE | PROT_EXEC};

    /** One page of the model. */
    private static final class Page {
        final byte[] data = new byte[PAGE_SIZE];
        int prot;
        boolean hasFrame;
        boolean code;
    }

    private final Map<Long, Page> model = new HashMap<>();
    private final List<Long> events = new ArrayList<>();
    private final List<Long> expectedEvents = new ArrayList<>();
    private PagedMemory mem;
    private Random rnd;
    private String op;
    /** The memory backs pages when mapped ({@link PagedMemory#backEagerly}) instead of on first touch. */
    private boolean eager;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void agreesWithReferenceModel(long seed) {
        run(seed, false);
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 6})
    void agreesWithReferenceModelWhenBackedEagerly(long seed) {
        run(seed, true);
    }

    private void run(long seed, boolean eagerBacking) {
        rnd = new Random(seed);
        eager = eagerBacking;
        mem = new PagedMemory(MemoryConfig.defaults().withMmapBase(BASE).withMinMmapAddress(W).withChunkBytes(64 << 10));
        if (eager) assertTrue(mem.backEagerly());
        // the model tracks pages; the exact written address a listener gets is TlbAndCodeTrackingTest's
        mem.addCodeWriteListener(va -> events.add(va & ~(long) (GuestMemory.PAGE_SIZE - 1)));
        for (int step = 0; step < 6000; step++) {
            events.clear();
            expectedEvents.clear();
            int kind = rnd.nextInt(100);
            if (kind < 8) mmapFixed(false);
            else if (kind < 11) mmapFixed(true);
            else if (kind < 16) mmapAnywhere();
            else if (kind < 21) munmap();
            else if (kind < 28) mprotect();
            else if (kind < 31) mremap();
            else if (kind < 35) markCode();
            else if (kind < 60) load();
            else if (kind < 82) store();
            else if (kind < 88) bulkWrite();
            else if (kind < 93) bulkRead();
            else if (kind < 96) poke();
            else fetch();
            String where = "seed " + seed + " step " + step + ": " + op;
            assertEquals(expectedEvents, events, where + " code-write notifications");
            long frames = model.values().stream().filter(p -> p.hasFrame).count();
            assertEquals(frames * P, mem.ramBytesInUse(), where + " RAM in use");
            assertEquals(model.size(), mem.mappedPages(), where + " mapped pages");
        }
    }

    private long randomPage() {
        return W + rnd.nextInt(PAGES) * P;
    }

    private long randomAddress() {
        long page = W - P + rnd.nextInt(PAGES + 2) * P;   // also just outside the window
        int off = rnd.nextBoolean() ? rnd.nextInt(PAGE_SIZE) : PAGE_SIZE - 1 - rnd.nextInt(16);
        return page + off;
    }

    private int randomProt() {
        return PROTS[rnd.nextInt(PROTS.length)];
    }

    // ---- model helpers

    private void dropCode(long page) {
        Page p = model.get(page);
        if (p != null && p.code) {
            expectedEvents.add(page);
            p.code = false;
        }
    }

    private void modelMap(long addr, long n, int prot) {
        for (long i = 0; i < n; i++) {
            dropCode(addr + i * P);
            Page p = new Page();
            p.prot = prot;
            p.hasFrame = eager && prot != PROT_NONE;
            model.put(addr + i * P, p);
        }
    }

    private void modelUnmap(long addr, long n) {
        for (long i = 0; i < n; i++) {
            dropCode(addr + i * P);
            model.remove(addr + i * P);
        }
    }

    private boolean modelFree(long addr, long n) {
        for (long i = 0; i < n; i++) {
            if (model.containsKey(addr + i * P)) return false;
        }
        return true;
    }

    /** Top-down first fit below the base, then above it: the documented placement. */
    private long modelPlace(long n) {
        for (long s = BASE - n * P; s >= W; s -= P) {
            if (modelFree(s, n)) return s;
        }
        long top = MemoryConfig.DEFAULT_MAX_ADDRESS + 1;
        // Above the base only the pages the model knows can be taken: search from the top down.
        for (long s = top - n * P; s >= BASE; s -= P) {
            if (modelFree(s, n)) return s;
        }
        return -ENOMEM;
    }

    /** The fault an access of len bytes would raise: {address, access ordinal, si_code}, or null. */
    private long[] modelFault(long va, int len, Access access) {
        for (int k = 0; k < len; k++) {
            long a = va + k;
            Page p = model.get(a & PAGE_MASK);
            if (p == null) return new long[] {a, access.ordinal(), SigCodes.SEGV_MAPERR};
            boolean ok = switch (access) {
                case READ -> (p.prot & (PROT_READ | PROT_WRITE)) != 0;
                case WRITE -> (p.prot & PROT_WRITE) != 0;
                case EXEC -> (p.prot & PROT_EXEC) != 0;
            };
            if (!ok) return new long[] {a, access.ordinal(), SigCodes.SEGV_ACCERR};
            k += (int) (PAGE_SIZE - 1 - (a & ~PAGE_MASK));   // the rest of this page is fine
        }
        return null;
    }

    /**
     * Demand paging: the pages an access of len bytes walks, in address order, get frames up to the first
     * page it may not touch (which, with the rest, stays as it was).
     */
    private void modelTouch(long va, int len, Access access) {
        long[] fault = modelFault(va, len, access);
        long end = fault == null ? va + len : fault[0];
        for (long page = va & PAGE_MASK; Long.compareUnsigned(page, end) < 0 && len > 0; page += P) {
            if (fault != null && page == (fault[0] & PAGE_MASK)) break;
            model.get(page).hasFrame = true;
        }
    }

    private byte modelByte(long a) {
        return model.get(a & PAGE_MASK).data[(int) (a & ~PAGE_MASK)];
    }

    private void modelSetByte(long a, byte b) {
        Page p = model.get(a & PAGE_MASK);
        dropCode(a & PAGE_MASK);
        p.data[(int) (a & ~PAGE_MASK)] = b;
    }

    private void expectFault(long[] expected, Runnable action) {
        GuestFault f = assertThrows(GuestFault.class, action::run, op);
        assertEquals(expected[0], f.address(), op + " fault address");
        assertEquals(expected[1], f.access().ordinal(), op + " fault access");
        assertEquals(expected[2], f.siCode(), op + " si_code");
    }

    // ---- operations

    private void mmapFixed(boolean noReplace) {
        long addr = randomPage();
        long n = 1 + rnd.nextInt(6);
        int prot = randomProt();
        op = String.format("mmap(0x%x, %d pages, %d, %s)", addr, n, prot, noReplace ? "NOREPLACE" : "FIXED");
        long r = mem.mmap(addr, n * P, prot, MAP_PRIVATE | MAP_ANONYMOUS | (noReplace ? MAP_FIXED_NOREPLACE : MAP_FIXED));
        if (noReplace && !modelFree(addr, n)) {
            assertEquals(-EEXIST, r, op);
            return;
        }
        assertEquals(addr, r, op);
        modelMap(addr, n, prot);
    }

    private void mmapAnywhere() {
        long n = 1 + rnd.nextInt(8);
        int prot = randomProt();
        op = String.format("mmap(NULL, %d pages, %d)", n, prot);
        long expected = modelPlace(n);
        long r = mem.mmap(0, n * P, prot, MAP_PRIVATE | MAP_ANONYMOUS);
        assertEquals(expected, r, op);
        modelMap(r, n, prot);
    }

    private void munmap() {
        long addr = randomPage();
        long n = 1 + rnd.nextInt(10);
        op = String.format("munmap(0x%x, %d pages)", addr, n);
        assertEquals(0, mem.munmap(addr, n * P), op);
        modelUnmap(addr, n);
    }

    private void mprotect() {
        long addr = randomPage();
        long n = 1 + rnd.nextInt(5);
        int prot = randomProt();
        op = String.format("mprotect(0x%x, %d pages, %d)", addr, n, prot);
        boolean allMapped = true;
        for (long i = 0; i < n; i++) allMapped &= model.containsKey(addr + i * P);
        int r = mem.mprotect(addr, n * P, prot);
        if (!allMapped) {
            assertEquals(-ENOMEM, r, op);
            return;
        }
        assertEquals(0, r, op);
        for (long i = 0; i < n; i++) {
            Page p = model.get(addr + i * P);
            dropCode(addr + i * P);
            p.prot = prot;
            p.hasFrame |= eager && prot != PROT_NONE;
        }
    }

    private void mremap() {
        long addr = randomPage();
        long oldN = 1 + rnd.nextInt(4);
        long newN = 1 + rnd.nextInt(8);
        op = String.format("mremap(0x%x, %d pages, %d pages, MAYMOVE)", addr, oldN, newN);
        long r = mem.mremap(addr, oldN * P, newN * P, MREMAP_MAYMOVE, 0);
        Page first = model.get(addr);
        boolean uniform = first != null;
        for (long i = 0; i < oldN && uniform; i++) {
            Page p = model.get(addr + i * P);
            uniform = p != null && p.prot == first.prot;
        }
        if (!uniform) {
            assertEquals(-EFAULT, r, op);
            return;
        }
        if (newN <= oldN) {
            assertEquals(addr, r, op);
            modelUnmap(addr + newN * P, oldN - newN);
            return;
        }
        if (modelFree(addr + oldN * P, newN - oldN)) {
            assertEquals(addr, r, op);
            modelMap(addr + oldN * P, newN - oldN, first.prot);
            return;
        }
        long target = modelPlace(newN);
        assertEquals(target, r, op);
        List<Page> moving = new ArrayList<>();
        for (long i = 0; i < oldN; i++) {
            dropCode(addr + i * P);
            moving.add(model.remove(addr + i * P));
        }
        for (int i = 0; i < oldN; i++) model.put(target + i * P, moving.get(i));
        // extra pages come after the moved ones; they were mapped first, so no events for them
        for (long i = oldN; i < newN; i++) {
            Page p = new Page();
            p.prot = first.prot;
            p.hasFrame = eager && first.prot != PROT_NONE;
            model.put(target + i * P, p);
        }
    }

    private void markCode() {
        long page = randomPage();
        op = String.format("markCode(0x%x)", page);
        mem.markCode(page + rnd.nextInt(PAGE_SIZE));
        Page p = model.get(page);
        if (p != null) p.code = true;
        assertEquals(p != null, mem.isCode(page), op);
    }

    private void load() {
        long va = randomAddress();
        int size = 1 << rnd.nextInt(4);
        boolean be = rnd.nextBoolean();
        op = String.format("load(0x%x, %d, %s)", va, size, be ? "BE" : "LE");
        long[] fault = modelFault(va, size, Access.READ);
        modelTouch(va, size, Access.READ);
        if (fault != null) {
            expectFault(fault, () -> mem.load(va, size, be));
            return;
        }
        long expected = 0;
        for (int k = 0; k < size; k++) {
            expected |= (modelByte(va + k) & 0xffL) << (8 * (be ? size - 1 - k : k));
        }
        assertEquals(expected, mem.load(va, size, be), op);
    }

    private void store() {
        long va = randomAddress();
        int size = 1 << rnd.nextInt(4);
        boolean be = rnd.nextBoolean();
        long value = rnd.nextLong();
        op = String.format("store(0x%x, %d, %s)", va, size, be ? "BE" : "LE");
        long[] fault = modelFault(va, size, Access.WRITE);
        modelTouch(va, size, Access.WRITE);
        if (fault != null) {
            expectFault(fault, () -> mem.store(va, size, value, be));
            return;
        }
        mem.store(va, size, value, be);
        for (int k = 0; k < size; k++) {
            modelSetByte(va + k, (byte) (value >>> (8 * (be ? size - 1 - k : k))));
        }
    }

    private void bulkWrite() {
        long va = randomAddress();
        byte[] src = new byte[rnd.nextInt(3 * PAGE_SIZE)];
        rnd.nextBytes(src);
        op = String.format("write(0x%x, %d bytes)", va, src.length);
        long[] fault = modelFault(va, src.length, Access.WRITE);
        modelTouch(va, src.length, Access.WRITE);
        if (fault != null) {
            expectFault(fault, () -> mem.write(va, src, 0, src.length));
            return;
        }
        mem.write(va, src, 0, src.length);
        for (int k = 0; k < src.length; k++) modelSetByte(va + k, src[k]);
    }

    private void poke() {
        long va = randomAddress();
        byte[] src = new byte[1 + rnd.nextInt(64)];
        rnd.nextBytes(src);
        op = String.format("poke(0x%x, %d bytes)", va, src.length);
        Set<Long> unmapped = new HashSet<>();
        for (int k = 0; k < src.length; k++) {
            if (!model.containsKey((va + k) & PAGE_MASK) && unmapped.isEmpty()) {
                unmapped.add(va + k);
            }
        }
        if (!unmapped.isEmpty()) {
            long a = unmapped.iterator().next();
            expectFault(new long[] {a, Access.WRITE.ordinal(), SigCodes.SEGV_MAPERR}, () -> mem.poke(va, src, 0, src.length));
            return;
        }
        mem.poke(va, src, 0, src.length);
        for (int k = 0; k < src.length; k++) {
            modelSetByte(va + k, src[k]);
            model.get((va + k) & PAGE_MASK).hasFrame = true;
        }
    }

    private void bulkRead() {
        long va = randomAddress();
        int len = rnd.nextInt(3 * PAGE_SIZE);
        op = String.format("read(0x%x, %d bytes)", va, len);
        byte[] dst = new byte[len];
        long[] fault = modelFault(va, len, Access.READ);
        modelTouch(va, len, Access.READ);
        if (fault != null) {
            expectFault(fault, () -> mem.read(va, dst, 0, len));
            return;
        }
        mem.read(va, dst, 0, len);
        for (int k = 0; k < len; k++) assertEquals(modelByte(va + k), dst[k], op + " byte " + k);
    }

    private void fetch() {
        long va = randomAddress();
        int len = 1 + rnd.nextInt(32);
        op = String.format("fetch(0x%x, %d bytes)", va, len);
        byte[] dst = new byte[len];
        modelTouch(va, len, Access.EXEC);
        long[] fault = modelFault(va, 1, Access.EXEC);
        if (fault != null) {
            expectFault(fault, () -> mem.fetch(va, dst, 0, len));
            return;
        }
        long[] later = modelFault(va, len, Access.EXEC);
        int expectedLen = later == null ? len : (int) (later[0] - va);
        assertEquals(expectedLen, mem.fetch(va, dst, 0, len), op);
        for (int k = 0; k < expectedLen; k++) assertEquals(modelByte(va + k), dst[k], op + " byte " + k);
    }
}

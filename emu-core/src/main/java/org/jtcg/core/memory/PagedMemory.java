package org.jtcg.core.memory;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jtcg.core.memory.GuestFault.Access;
import org.jtcg.core.signal.SigCodes;

/**
 * The guest address space: a {@link PageTable} over off-heap {@link FrameAllocator} RAM, with a
 * {@link SoftTlb} in front for the accessors and Linux mmap semantics from {@link AddressSpace}.
 *
 * <p>Every access first tries the TLB (see the tag rule in {@link SoftTlb}); on a miss it walks the
 * page table, checks the permission ({@link PageEntry#readable}: PROT_READ or PROT_WRITE reads,
 * PROT_WRITE writes, PROT_EXEC fetches), attaches a zeroed frame to a page touched for the first time
 * (demand paging: mapped pages own no host RAM until then; when the RAM limit or the host has none
 * left, the access faults with SEGV_MAPERR), fills the TLB and accesses the frame. Pages are touched
 * in address order, so an access that faults on a later page may have given earlier pages frames. Accesses that cross a
 * page check both pages first, so a fault reports the first byte of the access that lies on a page
 * it may not touch, and a faulting store changes nothing.
 *
 * <p>Translated code: {@link #markCode} marks a page and drops its TLB write tag. A store, write or
 * poke to a marked page first tells every {@link CodeWriteListener}, then unmarks the page (and
 * re-enables the TLB write path for it), then stores. munmap, mprotect and mremap of a marked page
 * tell the listeners too (the code is gone).
 *
 * <p>Thread-safe for the parallel guest threads of one process: every thread has its own TLB
 * ({@link ThreadTlbs}); the page table, the frame allocator and {@link AddressSpace} change only under
 * one lock, which TLB misses (walk, demand paging, fill) take too, so two threads touching a new page get
 * one frame, and a mapping change flushes the page from every thread's TLB before it returns. Code-write
 * listeners are called without the lock (they take the engines' block-cache locks, which call
 * {@link #markCode}); a mapping change that removes code tells them after the lock is let go.
 */
public final class PagedMemory implements GuestMemory {
    private final MemoryConfig config;
    private final FrameAllocator ram;
    private final PageTable table = new PageTable();
    private final AddressSpace space;
    /** Guards the page table, the frame allocator, the address space and every TLB fill and shoot-down. */
    private final Object lock = new Object();
    private final ThreadTlbs tlbs = new ThreadTlbs();
    /** Code pages a mapping change removed, told to the code listeners once the lock is let go. */
    private final java.util.ArrayDeque<Long> removedCodePages = new java.util.ArrayDeque<>();
    private final List<CodeWriteListener> codeListeners = new CopyOnWriteArrayList<>();
    private final List<MappingListener> mappingListeners = new CopyOnWriteArrayList<>();
    private final PagedAtomics atomics;

    /** An address space of {@link MemoryConfig#defaults()} (for tools and tests without a guest ABI). */
    public PagedMemory() {
        this(MemoryConfig.defaults());
    }

    public PagedMemory(MemoryConfig config) {
        this(config, null);
    }

    /**
     * With the buffers of its RAM chunks from {@code chunkSource} (given the chunk size; it returns a zeroed,
     * page-aligned buffer of that size, e.g. one recycled from an ended guest process); null: fresh direct buffers.
     */
    public PagedMemory(MemoryConfig config, java.util.function.IntFunction<java.nio.ByteBuffer> chunkSource) {
        this.config = Objects.requireNonNull(config);
        this.ram = chunkSource == null ? new FrameAllocator(config.ramLimitBytes(), config.chunkBytes())
                : new FrameAllocator(config.ramLimitBytes(), config.chunkBytes(), chunkSource);
        this.space = new AddressSpace(config, table, ram, new AddressSpace.Observer() {
            @Override
            public void pageChanging(long vpn, long oldEntry) {
                long va = vpn << PAGE_SHIFT;
                tlbs.flushPage(va);
                if (PageEntry.isCode(oldEntry)) {
                    removedCodePages.add(va);
                }
            }

            @Override
            public void rangeChanged(long va, long len) {
                for (MappingListener l : mappingListeners) {
                    l.mappingChanged(va, len);
                }
            }
        });
        this.atomics = new PagedAtomics(this, new PagedAtomics.Frames() {
            @Override
            public void checkWritable(long va, int len) {
                PagedMemory.this.checkWritable(va, len);
            }

            @Override
            public int frame(long va) {
                return PageEntry.frame(translateForWrite(va));
            }
        }, ram);
    }

    public MemoryConfig config() {
        return config;
    }

    // ------------------------------------------------------------------ sized accesses

    @Override
    public long load(long va, int size, boolean bigEndian) {
        SoftTlb tlb = tlbs.current();
        int i = SoftTlb.index(va);
        long page = (va + size - 1) & PAGE_MASK;
        if (tlb.fast(i, 0) == page) { // as translated code does: no ByteBuffer view VarHandle (costly under C1)
            return RawMemory.load(va + tlb.fast(i, 2), size, bigEndian);
        }
        if (tlb.readTag[i] == page) {
            return loadFrom(tlb.buffer[i], tlb.offset[i] + (int) (va & ~PAGE_MASK), size, bigEndian);
        }
        return loadSlow(va, size, bigEndian);
    }

    @Override
    public void store(long va, int size, long value, boolean bigEndian) {
        SoftTlb tlb = tlbs.current();
        int i = SoftTlb.index(va);
        long page = (va + size - 1) & PAGE_MASK;
        if (tlb.fast(i, 1) == page) {
            RawMemory.store(va + tlb.fast(i, 2), size, value, bigEndian);
            return;
        }
        if (tlb.writeTag[i] == page) {
            storeTo(tlb.buffer[i], tlb.offset[i] + (int) (va & ~PAGE_MASK), size, value, bigEndian);
            return;
        }
        storeSlow(va, size, value, bigEndian);
    }

    @Override
    public long hostAddress(long va, int len, boolean write) {
        SoftTlb tlb = tlbs.current();
        int i = SoftTlb.index(va);
        // the entry is chosen by the first byte's page, so a tag equal to the last byte's page also proves one page
        return len > 0 && tlb.fast(i, write ? 1 : 0) == ((va + len - 1) & PAGE_MASK) ? va + tlb.fast(i, 2) : 0;
    }

    /**
     * Loads 16 bytes as a 128-bit integer: {@code out[0]} gets the low 64 bits, {@code out[1]} the
     * high 64 bits, for both byte orders. Little-endian: low half at va, high half at va + 8;
     * big-endian: high half at va, low half at va + 8.
     */
    @Override
    public void load128(long va, boolean bigEndian, long[] out) {
        long first = load(va, 8, bigEndian);
        long second = load(va + 8, 8, bigEndian);
        out[0] = bigEndian ? second : first;
        out[1] = bigEndian ? first : second;
    }

    /** Stores a 128-bit integer given as low and high halves (byte layout as in {@link #load128}); all or nothing. */
    @Override
    public void store128(long va, boolean bigEndian, long low, long high) {
        checkWritable(va, 16);
        store(va, 8, bigEndian ? high : low, bigEndian);
        store(va + 8, 8, bigEndian ? low : high, bigEndian);
    }

    // ------------------------------------------------------------------ atomics (host atomics: PagedAtomics)

    @Override
    public long atomicCompareAndSwap(long va, int size, long expected, long replacement, boolean bigEndian) {
        return atomics.compareAndSwap(va, size, expected, replacement, bigEndian);
    }

    @Override
    public long atomicFetchAndOp(long va, int size, AtomicOp op, long operand, boolean bigEndian) {
        return atomics.fetchAndOp(va, size, op, operand, bigEndian);
    }

    @Override
    public boolean atomicCompareAndSwap128(long va, boolean bigEndian, long expectedLow, long expectedHigh,
                                           long replacementLow, long replacementHigh, long[] old) {
        return atomics.compareAndSwap128(va, bigEndian, expectedLow, expectedHigh, replacementLow, replacementHigh, old);
    }

    @Override
    public void atomicLoad128(long va, boolean bigEndian, long[] out) {
        atomics.load128(va, bigEndian, out);
    }

    private static void checkSize(int size) {
        if (size != 1 && size != 2 && size != 4 && size != 8) {
            throw new IllegalArgumentException("access size must be 1, 2, 4 or 8: " + size);
        }
    }

    private static long loadFrom(ByteBuffer b, int off, int size, boolean be) {
        switch (size) {
            case 1: return TlbAccess.ld8(b, off);
            case 2: return be ? TlbAccess.ld16be(b, off) : TlbAccess.ld16le(b, off);
            case 4: return be ? TlbAccess.ld32be(b, off) : TlbAccess.ld32le(b, off);
            case 8: return be ? TlbAccess.ld64be(b, off) : TlbAccess.ld64le(b, off);
            default: throw new IllegalArgumentException("access size must be 1, 2, 4 or 8: " + size);
        }
    }

    private static void storeTo(ByteBuffer b, int off, int size, long v, boolean be) {
        switch (size) {
            case 1: TlbAccess.st8(b, off, v); break;
            case 2: if (be) TlbAccess.st16be(b, off, v); else TlbAccess.st16le(b, off, v); break;
            case 4: if (be) TlbAccess.st32be(b, off, v); else TlbAccess.st32le(b, off, v); break;
            case 8: if (be) TlbAccess.st64be(b, off, v); else TlbAccess.st64le(b, off, v); break;
            default: throw new IllegalArgumentException("access size must be 1, 2, 4 or 8: " + size);
        }
    }

    private long loadSlow(long va, int size, boolean be) {
        checkSize(size);
        long last = va + size - 1;
        if (((va ^ last) & PAGE_MASK) == 0) {
            int frame = PageEntry.frame(translate(va, Access.READ));
            return loadFrom(ram.chunkOf(frame), ram.offsetOf(frame) + (int) (va & ~PAGE_MASK), size, be);
        }
        long secondPage = last & PAGE_MASK;
        int f1 = PageEntry.frame(translate(va, Access.READ));
        int f2 = PageEntry.frame(translate(secondPage, Access.READ));
        long value = 0;
        for (int k = 0; k < size; k++) {
            long a = va + k;
            int f = Long.compareUnsigned(a - secondPage, PAGE_SIZE) < 0 ? f2 : f1;
            long b = ram.chunkOf(f).get(ram.offsetOf(f) + (int) (a & ~PAGE_MASK)) & 0xffL;
            value |= b << (8 * (be ? size - 1 - k : k));
        }
        return value;
    }

    private void storeSlow(long va, int size, long value, boolean be) {
        checkSize(size);
        long last = va + size - 1;
        if (((va ^ last) & PAGE_MASK) == 0) {
            int frame = PageEntry.frame(translateForWrite(va));
            storeTo(ram.chunkOf(frame), ram.offsetOf(frame) + (int) (va & ~PAGE_MASK), size, value, be);
            return;
        }
        long secondPage = last & PAGE_MASK;
        translate(va, Access.WRITE);
        translate(secondPage, Access.WRITE);
        int f1 = PageEntry.frame(translateForWrite(va));
        int f2 = PageEntry.frame(translateForWrite(secondPage));
        for (int k = 0; k < size; k++) {
            long a = va + k;
            int f = Long.compareUnsigned(a - secondPage, PAGE_SIZE) < 0 ? f2 : f1;
            ram.chunkOf(f).put(ram.offsetOf(f) + (int) (a & ~PAGE_MASK), (byte) (value >>> (8 * (be ? size - 1 - k : k))));
        }
    }

    /**
     * Walks the page table for one access, checks the permission, fills the TLB (not for EXEC)
     * and returns the entry. Throws the guest fault at {@code va}.
     */
    private long translate(long va, Access access) {
        synchronized (lock) {
            return translateLocked(va, access);
        }
    }

    private long translateLocked(long va, Access access) {
        long e = table.get(va >>> PAGE_SHIFT);
        if (!PageEntry.isMapped(e)) {
            throw new GuestFault(va, access, SigCodes.SEGV_MAPERR);
        }
        boolean allowed = switch (access) {
            case READ -> PageEntry.readable(e);
            case WRITE -> PageEntry.writable(e);
            case EXEC -> PageEntry.executable(e);
        };
        if (!allowed) {
            throw new GuestFault(va, access, SigCodes.SEGV_ACCERR);
        }
        if (!PageEntry.hasFrame(e)) {
            e = attachFrame(va, e, access);
        }
        if (access != Access.EXEC) {
            fillTlb(va, e);
        }
        return e;
    }

    /** Write translation that also retires translated code on the page; the store may follow at once. */
    private long translateForWrite(long va) {
        long e = translate(va, Access.WRITE);
        while (PageEntry.isCode(e)) {   // (another thread may translate code on the page again meanwhile)
            retireCode(va);
            e = translate(va, Access.WRITE);
        }
        return e;
    }

    /**
     * Unmarks a code page being written (so TLBs may write it again), then tells the listeners, without
     * the lock. In that order a block another thread translates from the page meanwhile is dropped too,
     * or marks the page again.
     */
    private void retireCode(long va) {
        long vpn = va >>> PAGE_SHIFT;
        synchronized (lock) {
            long e = table.get(vpn);
            if (PageEntry.isCode(e)) {
                table.set(vpn, PageEntry.unmarkCode(e));
            }
        }
        try {
            tellCodeListeners(va); // the written address: the engine checks it against the running block
        } catch (GuestFault refused) {
            markCode(va);   // a listener refused the store (precise self-modifying code): the page stays code
            throw refused;
        }
    }

    /** Runs a change of the address space under the lock, then tells the code listeners about code it removed. */
    private <T> T changeMappings(java.util.function.Supplier<T> change) {
        T result;
        long[] removed;
        synchronized (lock) {
            result = change.get();
            removed = new long[removedCodePages.size()];
            for (int k = 0; k < removed.length; k++) {
                removed[k] = removedCodePages.poll();
            }
        }
        for (long page : removed) {
            tellCodeListeners(page);
        }
        return result;
    }

    private void tellCodeListeners(long pageVa) {
        for (CodeWriteListener l : codeListeners) {
            l.codeWritten(pageVa);
        }
    }

    private void fillTlb(long va, long e) {
        int frame = PageEntry.frame(e);
        tlbs.current().fill(va, ram.chunkOf(frame), ram.offsetOf(frame), PageEntry.readable(e),
                PageEntry.writable(e) && !PageEntry.isCode(e));
    }

    /** Faults unless every byte of [va, va + len) is writable; changes nothing. */
    private void checkWritable(long va, long len) {
        if (len <= 0) {
            return;
        }
        long lastPage = (va + len - 1) & PAGE_MASK;
        long a = va;
        while (true) {
            translate(a, Access.WRITE);
            long page = a & PAGE_MASK;
            if (page == lastPage) {
                return;
            }
            a = page + PAGE_SIZE;
        }
    }

    // ------------------------------------------------------------------ bulk accesses

    @Override
    public int fetch(long va, byte[] dst, int off, int len) {
        Objects.checkFromIndexSize(off, len, dst.length);
        int done = 0;
        while (done < len) {
            long a = va + done;
            long e;
            try {
                e = translate(a, Access.EXEC);
            } catch (GuestFault f) {
                if (done == 0) {
                    throw f;
                }
                return done;
            }
            int n = chunkLength(a, len - done);
            int frame = PageEntry.frame(e);
            ram.chunkOf(frame).get(ram.offsetOf(frame) + (int) (a & ~PAGE_MASK), dst, off + done, n);
            done += n;
        }
        return done;
    }

    /** Bytes from a to the end of its page, at most max. */
    private static int chunkLength(long a, int max) {
        return (int) Math.min(max, PAGE_SIZE - (a & ~PAGE_MASK));
    }

    @Override
    public void read(long va, byte[] dst, int off, int len) {
        Objects.checkFromIndexSize(off, len, dst.length);
        int done = 0;
        while (done < len) {
            long a = va + done;
            int frame = PageEntry.frame(translate(a, Access.READ));
            int n = chunkLength(a, len - done);
            ram.chunkOf(frame).get(ram.offsetOf(frame) + (int) (a & ~PAGE_MASK), dst, off + done, n);
            done += n;
        }
    }

    @Override
    public void write(long va, byte[] src, int off, int len) {
        Objects.checkFromIndexSize(off, len, src.length);
        checkWritable(va, len);
        int done = 0;
        while (done < len) {
            long a = va + done;
            int frame = PageEntry.frame(translateForWrite(a));
            int n = chunkLength(a, len - done);
            ram.chunkOf(frame).put(ram.offsetOf(frame) + (int) (a & ~PAGE_MASK), src, off + done, n);
            done += n;
        }
    }

    /**
     * Copies into mapped pages whatever their protection. A PROT_NONE reservation without a frame
     * gets one here; if RAM is exhausted that is reported as a MAPERR write fault at the page.
     */
    @Override
    public void poke(long va, byte[] src, int off, int len) {
        Objects.checkFromIndexSize(off, len, src.length);
        synchronized (lock) {
            for (int done = 0; done < len; ) {
                long a = va + done;
                if (!PageEntry.isMapped(table.get(a >>> PAGE_SHIFT))) {
                    throw new GuestFault(a, Access.WRITE, SigCodes.SEGV_MAPERR);
                }
                done += chunkLength(a, len - done);
            }
        }
        for (int done = 0; done < len; ) {
            long a = va + done;
            long vpn = a >>> PAGE_SHIFT;
            if (PageEntry.isCode(entry(vpn))) {
                retireCode(a);
            }
            int frame;
            synchronized (lock) {
                long e = table.get(vpn);
                if (!PageEntry.isMapped(e)) {   // unmapped by another thread meanwhile
                    throw new GuestFault(a, Access.WRITE, SigCodes.SEGV_MAPERR);
                }
                if (!PageEntry.hasFrame(e)) {
                    e = attachFrame(a, e, Access.WRITE);
                }
                frame = PageEntry.frame(e);
            }
            int n = chunkLength(a, len - done);
            ram.chunkOf(frame).put(ram.offsetOf(frame) + (int) (a & ~PAGE_MASK), src, off + done, n);
            done += n;
        }
    }

    /** Backs the page of {@code va} with a fresh zeroed frame; no RAM left is a MAPERR fault of {@code access}. */
    private long attachFrame(long va, long e, Access access) {
        int frame = ram.allocateOne();
        if (frame < 0) {
            throw new GuestFault(va, access, SigCodes.SEGV_MAPERR);
        }
        long updated = PageEntry.attach(e, frame);
        table.set(va >>> PAGE_SHIFT, updated);
        for (MappingListener l : mappingListeners) {
            l.mappingChanged(va & PAGE_MASK, PAGE_SIZE);
        }
        return updated;
    }

    /**
     * Returns the bytes before the first NUL. If no NUL occurs in the first {@code maxLen} bytes,
     * returns exactly {@code maxLen} bytes, so callers detect "too long" by
     * {@code result.length == maxLen}. Faults only on bytes it has to look at.
     */
    @Override
    public byte[] readCString(long va, int maxLen) {
        if (maxLen < 0) {
            throw new IllegalArgumentException("negative maxLen: " + maxLen);
        }
        byte[] out = new byte[Math.min(maxLen, 256)];
        int len = 0;
        while (len < maxLen) {
            long a = va + len;
            int frame = PageEntry.frame(translate(a, Access.READ));
            ByteBuffer b = ram.chunkOf(frame);
            int base = ram.offsetOf(frame) + (int) (a & ~PAGE_MASK);
            int n = chunkLength(a, maxLen - len);
            for (int k = 0; k < n; k++) {
                byte c = b.get(base + k);
                if (c == 0) {
                    return Arrays.copyOf(out, len);
                }
                if (len == out.length) {
                    out = Arrays.copyOf(out, (int) Math.min(maxLen, 2L * out.length));
                }
                out[len++] = c;
            }
        }
        return Arrays.copyOf(out, len);
    }

    @Override
    public int protectionAt(long va) {
        long e = entry(va >>> PAGE_SHIFT);
        return PageEntry.isMapped(e) ? PageEntry.prot(e) : -1;
    }

    /** The page-table entry of a page, read under the lock. */
    private long entry(long vpn) {
        synchronized (lock) {
            return table.get(vpn);
        }
    }

    /** The calling thread's TLB: each guest thread has its own ({@link ThreadTlbs}). */
    @Override
    public SoftTlb tlb() {
        return tlbs.current();
    }

    /** The calling thread stops running guest code in this memory: its TLB is dropped. */
    @Override
    public void threadEnded() {
        synchronized (lock) {
            tlbs.release();
        }
    }

    /** Number of per-thread TLBs in use (tests). */
    int tlbCount() {
        return tlbs.count();
    }

    // ------------------------------------------------------------------ address space

    @Override
    public long mmap(long addr, long len, int prot, int flags) {
        return changeMappings(() -> space.mmap(addr, len, prot, flags));
    }

    @Override
    public int munmap(long addr, long len) {
        return changeMappings(() -> space.munmap(addr, len));
    }

    @Override
    public int mprotect(long addr, long len, int prot) {
        return changeMappings(() -> space.mprotect(addr, len, prot));
    }

    @Override
    public long mremap(long oldAddr, long oldLen, long newLen, int flags, long newAddr) {
        return changeMappings(() -> space.mremap(oldAddr, oldLen, newLen, flags, newAddr));
    }

    @Override
    public boolean resident(long va) {
        return PageEntry.hasFrame(entry(va >>> PAGE_SHIFT));
    }

    /** Drops the frames of the range's pages: they read as zero and take a fresh frame on their next touch. */
    @Override
    public void discard(long va, long len) {
        changeMappings(() -> {
            space.discard(va, len);
            return null;
        });
    }

    /**
     * Gives every accessible page a frame now and whenever it is mapped from now on, instead of on first
     * touch (for engines that hand the page table to hardware, like KVM). False if RAM ran out on the way.
     */
    public boolean backEagerly() {
        return changeMappings(space::setEager);
    }

    @Override
    public void initBrk(long start) {
        changeMappings(() -> {
            space.initBrk(start);
            return null;
        });
    }

    @Override
    public long brk(long newBrk) {
        return changeMappings(() -> space.brk(newBrk));
    }

    /** The initial program break set by {@link #initBrk}, or -1 if none was set (snapshots save it). */
    public long brkStart() {
        synchronized (lock) {
            return space.brkStart();
        }
    }

    /** The current program break, or -1 if {@link #initBrk} was never called (snapshots save it). */
    public long brkCurrent() {
        synchronized (lock) {
            return space.brkCurrent();
        }
    }

    // ------------------------------------------------------------------ code tracking and hooks

    @Override
    public void markCode(long va) {
        long vpn = va >>> PAGE_SHIFT;
        synchronized (lock) {
            long e = table.get(vpn);
            if (!PageEntry.isMapped(e)) {
                return;   // nothing to protect: the page is gone and so is any code made from it
            }
            table.set(vpn, PageEntry.markCode(e));
            tlbs.dropWrite(va);
        }
    }

    /** Whether the page holding va is marked as holding translated code. */
    public boolean isCode(long va) {
        return PageEntry.isCode(entry(va >>> PAGE_SHIFT));
    }

    @Override
    public void addCodeWriteListener(CodeWriteListener listener) {
        codeListeners.add(Objects.requireNonNull(listener));
    }

    /** Adds a hook called after every change of the mappings (see {@link MappingListener}). */
    public void addMappingListener(MappingListener listener) {
        mappingListeners.add(Objects.requireNonNull(listener));
    }

    // ------------------------------------------------------------------ physical view (KVM)

    /** Guest-physical address backing va, or -1 if va is unmapped or a reservation without a frame. */
    public long physicalAddress(long va) {
        long e = entry(va >>> PAGE_SHIFT);
        return PageEntry.hasFrame(e) ? FrameAllocator.physicalAddress(PageEntry.frame(e)) | (va & ~PAGE_MASK) : -1;
    }

    /**
     * Reports the mapped pages overlapping [va, va + len) as maximal runs (consecutive virtual and
     * physical pages, one protection), in ascending order. {@code len == 0} is empty; use
     * {@code forEachMapping(0, -1, v)} for everything (lengths are unsigned).
     */
    public void forEachMapping(long va, long len, MappingVisitor visitor) {
        if (len == 0) {
            return;
        }
        synchronized (lock) {
            forEachMappingLocked(va, len, visitor);
        }
    }

    private void forEachMappingLocked(long va, long len, MappingVisitor visitor) {
        long from = va >>> PAGE_SHIFT;
        long lastByte = va + len - 1;
        long limit = Long.compareUnsigned(lastByte, va) < 0 ? PageTable.VPN_LIMIT : (lastByte >>> PAGE_SHIFT) + 1;
        long runStart = -1, runPhys = -1, runPages = 0;
        int runProt = 0;
        for (long v = table.firstMapped(from, limit); v >= 0; v = table.firstMapped(v + 1, limit)) {
            long e = table.get(v);
            long phys = PageEntry.hasFrame(e) ? FrameAllocator.physicalAddress(PageEntry.frame(e)) : -1;
            int prot = PageEntry.prot(e);
            boolean extends_ = runPages > 0 && v == runStart + runPages && prot == runProt
                    && (phys < 0 ? runPhys < 0 : runPhys >= 0 && phys == runPhys + (runPages << PAGE_SHIFT));
            if (extends_) {
                runPages++;
                continue;
            }
            if (runPages > 0) {
                visitor.mapping(runStart << PAGE_SHIFT, runPages << PAGE_SHIFT, runPhys, runProt);
            }
            runStart = v;
            runPhys = phys;
            runProt = prot;
            runPages = 1;
        }
        if (runPages > 0) {
            visitor.mapping(runStart << PAGE_SHIFT, runPages << PAGE_SHIFT, runPhys, runProt);
        }
    }

    /** The RAM chunks allocated so far, in physical order (live, unmodifiable). */
    public List<RamChunk> chunks() {
        return ram.chunks();
    }

    /** Called with each RAM chunk allocated from now on. */
    public void addChunkListener(Consumer<RamChunk> listener) {
        ram.addChunkListener(Objects.requireNonNull(listener));
    }

    /** Bytes of RAM owned by mapped pages (what counts against {@link MemoryConfig#ramLimitBytes()}). */
    public long ramBytesInUse() {
        synchronized (lock) {
            return ram.bytesInUse();
        }
    }

    /** Number of mapped pages, reservations included. */
    public long mappedPages() {
        synchronized (lock) {
            return table.mappedPages();
        }
    }
}

package org.jtcg.core.memory;

import static org.jtcg.core.memory.GuestMemory.*;
import static org.jtcg.core.memory.MmanErrno.*;

/**
 * Linux mmap, munmap, mprotect, mremap and brk on a {@link PageTable} and {@link FrameAllocator}.
 *
 * <p>All arithmetic is on page numbers, which are below 2^52, so no address computation can
 * overflow even for s390x's full 64-bit space; lengths are unsigned like the syscall arguments.
 * Errors are negative Linux errno values. Every call either succeeds or changes nothing, except
 * that MAP_FIXED and MREMAP_FIXED unmap the target range before they can fail with ENOMEM (Linux
 * documents the same for MAP_FIXED).
 *
 * <p>Pages are mapped without frames: {@link PagedMemory} attaches a zeroed frame on the first access
 * that the page's protection allows (like Linux's demand paging), so untouched anonymous memory, a
 * PROT_NONE reservation or a huge mapping of which a guest uses a few pages, costs no host RAM, and the
 * RAM limit counts touched pages only (mmap, mremap, mprotect and brk never fail for lack of RAM; the
 * access that finds none faults). In {@link #setEager eager} mode (the KVM engine, whose hardware
 * page tables need a frame behind every accessible page) accessible pages get their frames when mapped
 * or made accessible, and those calls fail with ENOMEM instead. Frames are never shared: mremap moves
 * them, it never copies.
 *
 * <p>Not thread-safe.
 */
final class AddressSpace {
    /** What the owner of the TLB and the listeners must hear about. */
    interface Observer {
        /** Before the entry of page {@code vpn} is replaced or removed; {@code oldEntry} is mapped. */
        void pageChanging(long vpn, long oldEntry);

        /** After a call changed mappings in [va, va + len). */
        void rangeChanged(long va, long len);
    }

    /** PROT bits accepted and ignored: PROT_SEM (x86), PROT_BTI (arm64, 0x10), PROT_GROWSDOWN/UP. */
    private static final int IGNORED_PROT = 0x8 | 0x10;
    private static final int PROT_GROWSDOWN = 0x01000000, PROT_GROWSUP = 0x02000000;
    private static final int MREMAP_DONTUNMAP = 4;
    private static final int PROT_RW = PROT_READ | PROT_WRITE;

    private final MemoryConfig config;
    private final PageTable table;
    private final FrameAllocator ram;
    private final Observer observer;
    private final long topVpn;
    private final long minVpn;
    private final long baseVpn;

    /** Frames at map time instead of on first touch (see the class comment). */
    private boolean eager;
    private boolean brkInitialized;
    private long brkStart;
    private long brkCurrent;

    AddressSpace(MemoryConfig config, PageTable table, FrameAllocator ram, Observer observer) {
        this.config = config;
        this.table = table;
        this.ram = ram;
        this.observer = observer;
        this.topVpn = config.topVpn();
        this.minVpn = config.minMmapAddress() >>> PAGE_SHIFT;
        this.baseVpn = config.mmapBase() >>> PAGE_SHIFT;
    }

    /** ceil(len / 4096) for an unsigned 64-bit length. */
    static long pages(long len) {
        return (len >>> PAGE_SHIFT) + ((len & (PAGE_SIZE - 1)) != 0 ? 1 : 0);
    }

    private static boolean aligned(long addr) {
        return (addr & (PAGE_SIZE - 1)) == 0;
    }

    private static long va(long vpn) {
        return vpn << PAGE_SHIFT;
    }

    long mmap(long addr, long len, int prot, int flags) {
        int type = flags & (MAP_SHARED | MAP_PRIVATE);
        if (len == 0 || type == 0 || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | IGNORED_PROT)) != 0) {
            return -EINVAL;
        }
        prot &= PROT_READ | PROT_WRITE | PROT_EXEC;
        long n = pages(len);
        if (n > topVpn) {
            return -ENOMEM;
        }
        long vpn;
        boolean replaced = false;
        if ((flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) != 0) {
            if (!aligned(addr)) {
                return -EINVAL;
            }
            vpn = addr >>> PAGE_SHIFT;
            if (vpn > topVpn - n) {
                return -ENOMEM;
            }
            if (vpn < minVpn) {
                return -EPERM;
            }
            if ((flags & MAP_FIXED_NOREPLACE) != 0) {
                if (!table.isFree(vpn, n)) {
                    return -EEXIST;
                }
            } else {
                replaced = unmapPages(vpn, n);
            }
        } else {
            vpn = -1;
            long hint = pages(addr);
            if (addr != 0 && hint >= minVpn && hint <= topVpn - n && table.isFree(hint, n)) {
                vpn = hint;
            }
            if (vpn < 0 && (vpn = findFree(n)) < 0) {
                return -ENOMEM;
            }
        }
        if (!populate(vpn, n, prot)) {
            if (replaced) {
                observer.rangeChanged(va(vpn), va(n));   // the old pages are gone even though we fail
            }
            return -ENOMEM;
        }
        observer.rangeChanged(va(vpn), va(n));
        return va(vpn);
    }

    /**
     * From now on, accessible pages get frames when mapped; frames are attached at once to the accessible
     * pages mapped so far. False (and nothing changed after the first page that found none) when RAM is out.
     */
    boolean setEager() {
        eager = true;
        for (long v = table.firstMapped(0, topVpn); v >= 0; v = table.firstMapped(v + 1, topVpn)) {
            long e = table.get(v);
            if (!PageEntry.hasFrame(e) && PageEntry.prot(e) != PROT_NONE) {
                int frame = ram.allocateOne();
                if (frame < 0) {
                    return false;
                }
                observer.pageChanging(v, e);
                table.set(v, PageEntry.attach(e, frame));
                observer.rangeChanged(va(v), PAGE_SIZE);
            }
        }
        return true;
    }

    /**
     * Maps free pages [vpn, vpn + n): without frames (they come on first touch), or in eager mode with
     * fresh zeroed frames unless PROT_NONE; false if eager and RAM is out.
     */
    private boolean populate(long vpn, long n, int prot) {
        if (prot == PROT_NONE || !eager) {
            for (long i = 0; i < n; i++) {
                table.set(vpn + i, PageEntry.reserved(prot));
            }
            return true;
        }
        if (n > Integer.MAX_VALUE) {
            return false;
        }
        int[] frames = ram.allocate((int) n);
        if (frames == null) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            table.set(vpn + i, PageEntry.withFrame(frames[i], prot));
        }
        return true;
    }

    /** Top-down first fit below the mmap base, then (like Linux's fallback) in the space above it. */
    private long findFree(long n) {
        long vpn = findFreeTopDown(minVpn, baseVpn, n);
        return vpn >= 0 ? vpn : findFreeTopDown(baseVpn, topVpn, n);
    }

    private long findFreeTopDown(long lo, long hi, long n) {
        long end = hi;
        while (end - lo >= n) {
            long mapped = table.lastMapped(end - n, end);
            if (mapped < 0) {
                return end - n;
            }
            long free = table.lastUnmapped(lo, mapped);  // skip the whole mapped run
            if (free < 0) {
                return -1;
            }
            end = free + 1;
        }
        return -1;
    }

    int munmap(long addr, long len) {
        if (!aligned(addr) || len == 0) {
            return -EINVAL;
        }
        long n = pages(len);
        long vpn = addr >>> PAGE_SHIFT;
        if (n > topVpn || vpn > topVpn - n) {
            return -EINVAL;
        }
        if (unmapPages(vpn, n)) {
            observer.rangeChanged(addr, va(n));
        }
        return 0;
    }

    /** Removes every mapped page in [vpn, vpn + n) and frees its frame; true if any was mapped. */
    private boolean unmapPages(long vpn, long n) {
        boolean any = false;
        long end = vpn + n;
        for (long v = table.firstMapped(vpn, end); v >= 0; v = table.firstMapped(v + 1, end)) {
            long e = table.get(v);
            observer.pageChanging(v, e);
            table.set(v, PageEntry.UNMAPPED);
            if (PageEntry.hasFrame(e)) {
                ram.free(PageEntry.frame(e));
            }
            any = true;
        }
        return any;
    }

    /**
     * MADV_DONTNEED: the mapped pages of the page-aligned [addr, addr + len) lose their frames (freed) and
     * read as zero from now on; translated code made from them is gone. In eager mode (KVM needs every
     * accessible page backed) the frames stay and are zeroed instead.
     */
    void discard(long addr, long len) {
        long n = pages(len);
        long vpn = addr >>> PAGE_SHIFT;
        if (n == 0 || n > topVpn || vpn > topVpn - n) {
            return;
        }
        long end = vpn + n;
        boolean any = false;
        for (long v = table.firstMapped(vpn, end); v >= 0; v = table.firstMapped(v + 1, end)) {
            long e = table.get(v);
            if (!PageEntry.hasFrame(e)) {
                continue;
            }
            observer.pageChanging(v, e);
            if (eager) {
                ram.chunkOf(PageEntry.frame(e)).put(ram.offsetOf(PageEntry.frame(e)), new byte[PAGE_SIZE], 0, PAGE_SIZE);
                table.set(v, PageEntry.unmarkCode(e));
            } else {
                table.set(v, PageEntry.reserved(PageEntry.prot(e)));
                ram.free(PageEntry.frame(e));
            }
            any = true;
        }
        if (any) {
            observer.rangeChanged(va(vpn), va(n));
        }
    }

    int mprotect(long addr, long len, int prot) {
        if (!aligned(addr)
                || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | IGNORED_PROT | PROT_GROWSDOWN | PROT_GROWSUP)) != 0
                || (prot & (PROT_GROWSDOWN | PROT_GROWSUP)) == (PROT_GROWSDOWN | PROT_GROWSUP)) {
            return -EINVAL;
        }
        if (len == 0) {
            return 0;
        }
        prot &= PROT_READ | PROT_WRITE | PROT_EXEC;
        long n = pages(len);
        long vpn = addr >>> PAGE_SHIFT;
        if (n > topVpn || vpn > topVpn - n || !table.isFullyMapped(vpn, n)) {
            return -ENOMEM;
        }
        int[] frames = null;
        if (prot != PROT_NONE && eager) {
            long missing = 0;
            for (long i = 0; i < n; i++) {
                missing += PageEntry.hasFrame(table.get(vpn + i)) ? 0 : 1;
            }
            if (missing > Integer.MAX_VALUE || (frames = ram.allocate((int) missing)) == null) {
                return -ENOMEM;
            }
        }
        int next = 0;
        for (long i = 0; i < n; i++) {
            long e = table.get(vpn + i);
            long updated = PageEntry.hasFrame(e) ? PageEntry.withProt(e, prot)
                    : frames != null ? PageEntry.withFrame(frames[next++], prot) : PageEntry.reserved(prot);
            if (updated != e) {
                observer.pageChanging(vpn + i, e);
                table.set(vpn + i, updated);
            }
        }
        observer.rangeChanged(addr, va(n));
        return 0;
    }

    long mremap(long oldAddr, long oldLen, long newLen, int flags, long newAddr) {
        if ((flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP)) != 0
                || (flags & MREMAP_DONTUNMAP) != 0              // not supported (Linux 5.7+)
                || ((flags & MREMAP_FIXED) != 0 && (flags & MREMAP_MAYMOVE) == 0)
                || !aligned(oldAddr)) {
            return -EINVAL;
        }
        long oldN = pages(oldLen);
        long newN = pages(newLen);
        // old_len == 0 duplicates a shared mapping in Linux; frames are never shared here.
        if (newN == 0 || oldN == 0 || newN > topVpn) {
            return -EINVAL;
        }
        long oldVpn = oldAddr >>> PAGE_SHIFT;
        if (oldN > topVpn || oldVpn > topVpn - oldN) {
            return -EFAULT;
        }
        // Linux needs the old range inside one VMA; a VMA has one protection.
        int prot = PageEntry.prot(table.get(oldVpn));
        for (long i = 0; i < oldN; i++) {
            long e = table.get(oldVpn + i);
            if (!PageEntry.isMapped(e) || PageEntry.prot(e) != prot) {
                return -EFAULT;
            }
        }
        if ((flags & MREMAP_FIXED) != 0) {
            return remapFixed(oldVpn, oldN, newN, prot, newAddr);
        }
        if (newN <= oldN) {
            if (unmapPages(oldVpn + newN, oldN - newN)) {
                observer.rangeChanged(va(oldVpn + newN), va(oldN - newN));
            }
            return oldAddr;
        }
        long extra = newN - oldN;
        if (oldVpn <= topVpn - newN && table.isFree(oldVpn + oldN, extra)) {
            if (!populate(oldVpn + oldN, extra, prot)) {
                return -ENOMEM;
            }
            observer.rangeChanged(va(oldVpn + oldN), va(extra));
            return oldAddr;
        }
        if ((flags & MREMAP_MAYMOVE) == 0) {
            return -ENOMEM;
        }
        long target = findFree(newN);
        if (target < 0 || !populate(target + oldN, extra, prot)) {
            return -ENOMEM;
        }
        movePages(oldVpn, target, oldN);
        observer.rangeChanged(oldAddr, va(oldN));
        observer.rangeChanged(va(target), va(newN));
        return va(target);
    }

    private long remapFixed(long oldVpn, long oldN, long newN, int prot, long newAddr) {
        if (!aligned(newAddr)) {
            return -EINVAL;
        }
        long newVpn = newAddr >>> PAGE_SHIFT;
        if (newVpn > topVpn - newN || (newVpn < oldVpn + oldN && oldVpn < newVpn + newN)) {
            return -EINVAL;
        }
        if (newVpn < minVpn) {
            return -EPERM;
        }
        unmapPages(newVpn, newN);
        if (newN < oldN) {
            unmapPages(oldVpn + newN, oldN - newN);
        }
        long moved = Math.min(oldN, newN);
        if (newN > moved && !populate(newVpn + moved, newN - moved, prot)) {
            observer.rangeChanged(newAddr, va(newN));
            return -ENOMEM;
        }
        movePages(oldVpn, newVpn, moved);
        observer.rangeChanged(va(oldVpn), va(oldN));
        observer.rangeChanged(newAddr, va(newN));
        return newAddr;
    }

    /** Moves n page entries (with their frames) from src to a free, non-overlapping dst. */
    private void movePages(long src, long dst, long n) {
        for (long i = 0; i < n; i++) {
            long e = table.get(src + i);
            observer.pageChanging(src + i, e);
            table.set(src + i, PageEntry.UNMAPPED);
            table.set(dst + i, PageEntry.unmarkCode(e));
        }
    }

    void initBrk(long start) {
        brkInitialized = true;
        brkStart = start;
        brkCurrent = start;
    }

    /** The initial break, or -1 before {@link #initBrk}. */
    long brkStart() {
        return brkInitialized ? brkStart : -1;
    }

    /** The current break, or -1 before {@link #initBrk}. */
    long brkCurrent() {
        return brkInitialized ? brkCurrent : -1;
    }

    long brk(long newBrk) {
        if (!brkInitialized) {
            throw new IllegalStateException("brk before initBrk: the loader must set the initial break");
        }
        if (Long.compareUnsigned(newBrk, brkStart) < 0 || Long.compareUnsigned(newBrk - brkStart, config.heapLimitBytes()) > 0) {
            return brkCurrent;
        }
        long oldEnd = pages(brkCurrent);
        long newEnd = pages(newBrk);
        if (newEnd > topVpn) {
            return brkCurrent;
        }
        if (newEnd < oldEnd) {
            if (unmapPages(newEnd, oldEnd - newEnd)) {
                observer.rangeChanged(va(newEnd), va(oldEnd - newEnd));
            }
        } else if (newEnd > oldEnd) {
            if (!table.isFree(oldEnd, newEnd - oldEnd) || !populate(oldEnd, newEnd - oldEnd, PROT_RW)) {
                return brkCurrent;
            }
            observer.rangeChanged(va(oldEnd), va(newEnd - oldEnd));
        }
        brkCurrent = newBrk;
        return brkCurrent;
    }
}

package org.jtcg.core.linux;

import org.jtcg.core.memory.GuestMemory;
import org.jtcg.core.memory.PagedMemory;
import org.jtcg.core.memory.RamChunk;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * fork's copy of an address space: an eager copy of what is mapped. The child gets the same shape
 * (config, program break), every mapped region with its protection, and a copy of every page that owns
 * a frame; reservations without a frame stay frameless in the child. Copy-on-write would avoid copying
 * pages the child never touches, but only pages that are not all zeros are copied, frame to frame, which for
 * a busybox shell (about 10 MiB mapped, most of it untouched stack) takes a few milliseconds (docs/linux-user.md, "Processes"), so the simple copy is kept.
 */
final class AddressSpaceCopy {
    private static final int PAGE = GuestMemory.PAGE_SIZE;
    private static final ByteBuffer ZERO_PAGE = ByteBuffer.allocate(PAGE).asReadOnlyBuffer();

    private AddressSpaceCopy() {
    }

    private record Run(long va, long len, long phys, int prot) {}

    static PagedMemory copy(PagedMemory from) {
        PagedMemory to = RamChunkRecycler.newMemory(from.config());
        List<Run> runs = new ArrayList<>();
        from.forEachMapping(0, -1, (va, len, phys, prot) -> runs.add(new Run(va, len, phys, prot)));
        long brkStart = from.brkStart(), brkNow = from.brkCurrent();
        if (brkStart != -1) {
            // The break's bookkeeping only; the heap pages themselves are among the mapped runs below.
            to.initBrk(brkStart);
            if (brkNow != brkStart && to.brk(brkNow) == brkNow) {
                long lo = pageUp(brkStart), hi = pageUp(brkNow);
                if (Long.compareUnsigned(hi, lo) > 0) to.munmap(lo, hi - lo);
            }
        }
        int fixed = GuestMemory.MAP_FIXED | GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS;
        int chunkBytes = from.config().chunkBytes();
        List<RamChunk> src = from.chunks(), dst = to.chunks();
        for (Run r : runs) {
            long got = to.mmap(r.va, r.len, r.phys < 0 ? r.prot : r.prot | GuestMemory.PROT_WRITE, fixed);
            if (got != r.va) throw new SyscallException(Errno.ENOMEM);
            if (r.phys < 0) continue;
            for (long off = 0; off < r.len; off += PAGE) {
                long phys = r.phys + off;
                RamChunk chunk = src.get((int) (phys / chunkBytes));
                int at = (int) (phys - chunk.physicalBase());
                ByteBuffer page = chunk.buffer().slice(at, PAGE);
                if (page.mismatch(ZERO_PAGE) == -1) continue;  // the child's new page is zero already
                long childPhys = to.physicalAddress(r.va + off);
                if (childPhys < 0) {
                    byte[] copy = new byte[PAGE];
                    page.get(0, copy);
                    to.poke(r.va + off, copy, 0, PAGE);  // a frameless (lazily backed) page: through the page table
                } else {
                    RamChunk d = dst.get((int) (childPhys / chunkBytes));
                    d.buffer().put((int) (childPhys - d.physicalBase()), page, 0, PAGE);
                }
            }
            if ((r.prot & GuestMemory.PROT_WRITE) == 0) to.mprotect(r.va, r.len, r.prot);
        }
        return to;
    }

    private static long pageUp(long a) {
        return (a + PAGE - 1) & GuestMemory.PAGE_MASK;
    }
}

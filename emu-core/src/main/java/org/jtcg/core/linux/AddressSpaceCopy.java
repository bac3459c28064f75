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
 * pages the child never touches, but a shell forking a small child maps well under a few MiB, which this
 * copies in about a millisecond (docs/linux-user.md, "Processes"), so the simple copy is kept.
 */
final class AddressSpaceCopy {
    private static final int PAGE = GuestMemory.PAGE_SIZE;

    private AddressSpaceCopy() {
    }

    private record Run(long va, long len, long phys, int prot) {}

    static PagedMemory copy(PagedMemory from) {
        PagedMemory to = new PagedMemory(from.config());
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
        byte[] page = new byte[PAGE];
        int chunkBytes = from.config().chunkBytes();
        List<RamChunk> chunks = from.chunks();
        for (Run r : runs) {
            long got = to.mmap(r.va, r.len, r.phys < 0 ? r.prot : r.prot | GuestMemory.PROT_WRITE, fixed);
            if (got != r.va) throw new SyscallException(Errno.ENOMEM);
            if (r.phys < 0) continue;
            for (long off = 0; off < r.len; off += PAGE) {
                long phys = r.phys + off;
                RamChunk chunk = chunks.get((int) (phys / chunkBytes));
                ByteBuffer b = chunk.buffer();
                b.get((int) (phys - chunk.physicalBase()), page, 0, PAGE);
                if (!isZero(page)) to.poke(r.va + off, page, 0, PAGE);
            }
            if ((r.prot & GuestMemory.PROT_WRITE) == 0) to.mprotect(r.va, r.len, r.prot);
        }
        return to;
    }

    private static boolean isZero(byte[] page) {
        for (int i = 0; i < page.length; i += 8) {
            if (page[i] != 0 || page[i + 1] != 0 || page[i + 2] != 0 || page[i + 3] != 0
                    || page[i + 4] != 0 || page[i + 5] != 0 || page[i + 6] != 0 || page[i + 7] != 0) {
                return false;
            }
        }
        return true;
    }

    private static long pageUp(long a) {
        return (a + PAGE - 1) & GuestMemory.PAGE_MASK;
    }
}

package org.jtcg.core.linux;

import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.memory.GuestFault;
import org.jtcg.core.memory.GuestMemory;
import org.jtcg.core.memory.SoftTlb;

import java.io.ByteArrayOutputStream;
import java.util.TreeMap;

/**
 * Test-only {@link GuestMemory}: a sparse map of 4 KiB byte[] pages with protection bits,
 * honouring the interface's fault and -errno semantics. mmap(NULL) places top-down below
 * {@link #MMAP_TOP}. Slow and simple on purpose; the real implementation is PagedMemory.
 */
final class TestMemory implements GuestMemory {
    static final long MMAP_TOP = 0x7f00_0000_0000L;
    static final long LIMIT = 0x8000_0000_0000L;
    private static final int ENOMEM = 12, EINVAL = 22, EEXIST = 17;

    private static final class Page {
        final byte[] data = new byte[PAGE_SIZE];
        int prot;
        Page(int prot) { this.prot = prot; }
    }

    private final TreeMap<Long, Page> pages = new TreeMap<>();
    private final SoftTlb tlb = new SoftTlb();
    private long brkStart, brkCur;

    private Page page(long va, int need, GuestFault.Access access) {
        Page p = pages.get(va & PAGE_MASK);
        if (p == null) throw new GuestFault(va, access, SigCodes.SEGV_MAPERR);
        if ((p.prot & need) != need) throw new GuestFault(va, access, SigCodes.SEGV_ACCERR);
        return p;
    }

    @Override public long load(long va, int size, boolean bigEndian) {
        long v = 0;
        for (int i = 0; i < size; i++) {
            long b = page(va + i, PROT_READ, GuestFault.Access.READ).data[(int) ((va + i) & 0xfff)] & 0xffL;
            v |= bigEndian ? b << (8 * (size - 1 - i)) : b << (8 * i);
        }
        return v;
    }

    @Override public void store(long va, int size, long value, boolean bigEndian) {
        for (int i = 0; i < size; i++) page(va + i, PROT_WRITE, GuestFault.Access.WRITE);
        for (int i = 0; i < size; i++) {
            int shift = bigEndian ? 8 * (size - 1 - i) : 8 * i;
            pages.get((va + i) & PAGE_MASK).data[(int) ((va + i) & 0xfff)] = (byte) (value >>> shift);
        }
    }

    @Override public int fetch(long va, byte[] dst, int off, int len) {
        page(va, PROT_EXEC, GuestFault.Access.EXEC);
        int n = 0;
        for (; n < len; n++) {
            Page p = pages.get((va + n) & PAGE_MASK);
            if (p == null || (p.prot & PROT_EXEC) == 0) break;
            dst[off + n] = p.data[(int) ((va + n) & 0xfff)];
        }
        return n;
    }

    @Override public void read(long va, byte[] dst, int off, int len) {
        for (int i = 0; i < len; i++) page(va + i, PROT_READ, GuestFault.Access.READ);
        for (int i = 0; i < len; i++) dst[off + i] = pages.get((va + i) & PAGE_MASK).data[(int) ((va + i) & 0xfff)];
    }

    @Override public void write(long va, byte[] src, int off, int len) {
        for (int i = 0; i < len; i++) page(va + i, PROT_WRITE, GuestFault.Access.WRITE);
        poke(va, src, off, len);
    }

    @Override public void poke(long va, byte[] src, int off, int len) {
        for (int i = 0; i < len; i++) page(va + i, 0, GuestFault.Access.WRITE);
        for (int i = 0; i < len; i++) pages.get((va + i) & PAGE_MASK).data[(int) ((va + i) & 0xfff)] = src[off + i];
    }

    @Override public byte[] readCString(long va, int maxLen) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < maxLen; i++) {
            byte b = page(va + i, PROT_READ, GuestFault.Access.READ).data[(int) ((va + i) & 0xfff)];
            if (b == 0) break;
            out.write(b);
        }
        return out.toByteArray();
    }

    @Override public int protectionAt(long va) {
        Page p = pages.get(va & PAGE_MASK);
        return p == null ? -1 : p.prot;
    }

    @Override public SoftTlb tlb() { return tlb; }

    private boolean free(long addr, long len) {
        Long k = pages.ceilingKey(addr);
        return k == null || k >= addr + len;
    }

    private static long roundUp(long v) { return (v + PAGE_SIZE - 1) & PAGE_MASK; }

    private void mapRange(long addr, long len, int prot) {
        for (long a = addr; a < addr + len; a += PAGE_SIZE) pages.put(a, new Page(prot));
    }

    @Override public long mmap(long addr, long len, int prot, int flags) {
        if (len <= 0 || (addr & ~PAGE_MASK) != 0 && (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) != 0) return -EINVAL;
        if ((flags & (MAP_PRIVATE | MAP_SHARED)) == 0) return -EINVAL;
        len = roundUp(len);
        if ((flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) != 0) {
            if (addr + len > LIMIT || addr + len < addr) return -ENOMEM;
            if ((flags & MAP_FIXED_NOREPLACE) != 0 && !free(addr, len)) return -EEXIST;
            munmap(addr, len);
            mapRange(addr, len, prot);
            return addr;
        }
        if (addr != 0 && (addr & ~PAGE_MASK) == 0 && addr + len <= LIMIT && free(addr, len)) {
            mapRange(addr, len, prot);
            return addr;
        }
        long cand = MMAP_TOP - len;
        while (cand > 0x10000) {
            Long k = pages.lowerKey(cand + len);
            if (k == null || k < cand) {
                mapRange(cand, len, prot);
                return cand;
            }
            cand = k - len;
        }
        return -ENOMEM;
    }

    @Override public int munmap(long addr, long len) {
        if ((addr & ~PAGE_MASK) != 0 || len <= 0) return -EINVAL;
        pages.subMap(addr, roundUp(addr + len)).clear();
        return 0;
    }

    @Override public int mprotect(long addr, long len, int prot) {
        if ((addr & ~PAGE_MASK) != 0) return -EINVAL;
        long end = roundUp(addr + len);
        for (long a = addr; a < end; a += PAGE_SIZE) if (!pages.containsKey(a)) return -ENOMEM;
        for (long a = addr; a < end; a += PAGE_SIZE) pages.get(a).prot = prot;
        return 0;
    }

    @Override public long mremap(long oldAddr, long oldLen, long newLen, int flags, long newAddr) {
        if ((oldAddr & ~PAGE_MASK) != 0 || newLen <= 0) return -EINVAL;
        oldLen = roundUp(oldLen);
        newLen = roundUp(newLen);
        for (long a = oldAddr; a < oldAddr + oldLen; a += PAGE_SIZE) if (!pages.containsKey(a)) return -14;
        if (newLen <= oldLen) {
            munmap(oldAddr + newLen, oldLen - newLen);
            return oldAddr;
        }
        int prot = pages.get(oldAddr).prot;
        if (free(oldAddr + oldLen, newLen - oldLen)) {
            mapRange(oldAddr + oldLen, newLen - oldLen, prot);
            return oldAddr;
        }
        if ((flags & MREMAP_MAYMOVE) == 0) return -ENOMEM;
        long n = mmap(0, newLen, prot, MAP_PRIVATE | MAP_ANONYMOUS);
        if (n < 0) return n;
        for (long i = 0; i < oldLen; i += PAGE_SIZE) {
            System.arraycopy(pages.get(oldAddr + i).data, 0, pages.get(n + i).data, 0, PAGE_SIZE);
        }
        munmap(oldAddr, oldLen);
        return n;
    }

    @Override public void initBrk(long start) {
        brkStart = brkCur = start;
    }

    @Override public long brk(long newBrk) {
        if (newBrk < brkStart) return brkCur;
        long oldTop = roundUp(brkCur), newTop = roundUp(newBrk);
        if (newTop > oldTop) {
            if (!free(oldTop, newTop - oldTop)) return brkCur;
            mapRange(oldTop, newTop - oldTop, PROT_READ | PROT_WRITE);
        } else if (newTop < oldTop) {
            munmap(newTop, oldTop - newTop);
        }
        brkCur = newBrk;
        return brkCur;
    }

    @Override public void markCode(long va) { }

    @Override public void addCodeWriteListener(CodeWriteListener listener) { }

    int pageCount() { return pages.size(); }
}

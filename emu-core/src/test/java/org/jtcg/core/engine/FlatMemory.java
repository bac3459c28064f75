package org.jtcg.core.engine;

import org.jtcg.core.memory.GuestFault;
import org.jtcg.core.memory.GuestMemory;
import org.jtcg.core.memory.SoftTlb;
import org.jtcg.core.signal.SigCodes;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Test-only guest memory: one page-aligned RWX region over a direct buffer; everything else faults
 * (SEGV_MAPERR at the first inaccessible byte). Honours the SoftTlb contract: slow-path accesses
 * fill the TLB, code pages get no write tag and stores to them notify code-write listeners first.
 * Counts slow-path calls so tests can see the JIT's inlined fast path being used.
 */
public final class FlatMemory implements GuestMemory {
    public final long base;
    public final int size;
    private final ByteBuffer buf;
    private final SoftTlb tlb = new SoftTlb();
    private final Set<Long> codePages = new HashSet<>();
    private final List<CodeWriteListener> listeners = new ArrayList<>();
    public long slowLoads, slowStores;

    public FlatMemory(long base, int size) {
        if ((base & ~PAGE_MASK) != 0 || (size & (PAGE_SIZE - 1)) != 0) {
            throw new IllegalArgumentException("region must be page aligned");
        }
        this.base = base;
        this.size = size;
        this.buf = ByteBuffer.allocateDirect(size);
    }

    private boolean mapped(long va) {
        return va - base >= 0 && va - base < size && Long.compareUnsigned(va, base) >= 0;
    }

    private void check(long va, int len, GuestFault.Access access) {
        for (int i = 0; i < len; i++) {
            if (!mapped(va + i)) {
                throw new GuestFault(va + i, access, SigCodes.SEGV_MAPERR);
            }
        }
    }

    private void fillTlb(long va) {
        long page = va & PAGE_MASK;
        if (mapped(page)) {
            tlb.fill(page, buf, (int) (page - base), true, !codePages.contains(page));
        }
    }

    @Override
    public long load(long va, int size, boolean bigEndian) {
        slowLoads++;
        check(va, size, GuestFault.Access.READ);
        fillTlb(va);
        long v = 0;
        for (int i = 0; i < size; i++) {
            long b = buf.get((int) (va - base + i)) & 0xffL;
            v |= bigEndian ? b << (8 * (size - 1 - i)) : b << (8 * i);
        }
        return v;
    }

    @Override
    public void store(long va, int size, long value, boolean bigEndian) {
        slowStores++;
        check(va, size, GuestFault.Access.WRITE);
        notifyCode(va, size);
        for (int i = 0; i < size; i++) {
            int shift = bigEndian ? 8 * (size - 1 - i) : 8 * i;
            buf.put((int) (va - base + i), (byte) (value >>> shift));
        }
        fillTlb(va);
    }

    private void notifyCode(long va, int len) {
        if (len <= 0) {
            return;
        }
        for (long p = va & PAGE_MASK; p <= ((va + len - 1) & PAGE_MASK); p += PAGE_SIZE) {
            if (codePages.remove(p)) {
                for (CodeWriteListener l : listeners) {
                    l.codeWritten(Math.max(va, p)); // the written address, as PagedMemory reports it
                }
                tlb.flushPage(p);
            }
        }
    }

    @Override
    public int fetch(long va, byte[] dst, int off, int len) {
        check(va, 1, GuestFault.Access.EXEC);
        int n = 0;
        while (n < len && mapped(va + n)) {
            dst[off + n] = buf.get((int) (va - base + n));
            n++;
        }
        return n;
    }

    @Override
    public void read(long va, byte[] dst, int off, int len) {
        check(va, len, GuestFault.Access.READ);
        for (int i = 0; i < len; i++) {
            dst[off + i] = buf.get((int) (va - base + i));
        }
    }

    @Override
    public void write(long va, byte[] src, int off, int len) {
        check(va, len, GuestFault.Access.WRITE);
        notifyCode(va, len);
        for (int i = 0; i < len; i++) {
            buf.put((int) (va - base + i), src[off + i]);
        }
    }

    @Override
    public void poke(long va, byte[] src, int off, int len) {
        write(va, src, off, len);
    }

    @Override
    public byte[] readCString(long va, int maxLen) {
        throw new UnsupportedOperationException("test memory");
    }

    @Override
    public int protectionAt(long va) {
        return mapped(va) ? PROT_READ | PROT_WRITE | PROT_EXEC : -1;
    }

    @Override
    public SoftTlb tlb() {
        return tlb;
    }

    @Override
    public long mmap(long addr, long len, int prot, int flags) { throw new UnsupportedOperationException("test memory"); }
    @Override
    public int munmap(long addr, long len) { throw new UnsupportedOperationException("test memory"); }
    @Override
    public int mprotect(long addr, long len, int prot) { throw new UnsupportedOperationException("test memory"); }
    @Override
    public long mremap(long oldAddr, long oldLen, long newLen, int flags, long newAddr) { throw new UnsupportedOperationException("test memory"); }
    @Override
    public void initBrk(long start) { throw new UnsupportedOperationException("test memory"); }
    @Override
    public long brk(long newBrk) { throw new UnsupportedOperationException("test memory"); }

    @Override
    public void markCode(long va) {
        long page = va & PAGE_MASK;
        codePages.add(page);
        tlb.flushPage(page);
    }

    public boolean isCode(long va) {
        return codePages.contains(va & PAGE_MASK);
    }

    @Override
    public void addCodeWriteListener(CodeWriteListener listener) {
        listeners.add(listener);
    }

    /** All bytes of the region. */
    public byte[] snapshot() {
        byte[] b = new byte[size];
        buf.get(0, b);
        return b;
    }

    /** Replaces the contents, forgets code pages and flushes the TLB (the listeners are kept). */
    public void restore(byte[] b) {
        buf.put(0, b);
        tlb.flushAll();
        codePages.clear();
        slowLoads = slowStores = 0;
    }
}

package org.jtcg.kvm.x86;

import org.jtcg.core.memory.GuestMemory;
import org.jtcg.core.memory.PagedMemory;

import java.nio.ByteBuffer;

/**
 * The hardware 4-level page tables the vCPU walks, mirroring {@link PagedMemory}'s page table:
 * every mapped page with a frame and a protection other than PROT_NONE becomes a user PTE
 * (U/S = 1, R/W from PROT_WRITE, NX unless PROT_EXEC; A and D preset so the CPU never writes
 * them), everything else is not present. The private region is mapped supervisor-only with
 * 2 MiB pages through PML4 slot 511.
 *
 * <p>Tables come from a pool in the private region; a table whose last present entry is cleared
 * goes back to the pool and its parent entry is cleared. The two PML4 copies are kept identical.
 * After any change {@link #flushPending()} is set: the engine must make the vCPU drop its TLB
 * before the guest runs again. When a present entry was cleared or replaced,
 * {@link #entriesRemoved()} is set as well: a KVM that shadows guest page tables (PVM, or
 * hardware KVM without EPT/NPT) write-protects them against the <em>guest's</em> writes only, so it
 * never notices these host-side writes and keeps translating through its stale shadow copy; a TLB
 * flush does not resync it. The engine then has to make KVM drop its shadow pages.
 */
public final class GuestPageTables {
    static final long P = 1, RW = 2, US = 4, PS = 0x80, A = 0x20, D = 0x40, NX = 1L << 63;
    static final long ADDR_MASK = 0x000f_ffff_ffff_f000L;

    private final ByteBuffer mem;
    private final long physBase;
    /** Present-entry count of each pool page used as a table. */
    private final int[] presentCount;
    private final int[] freePages;
    private int freeCount;
    private int nextFresh;
    private final int poolPages;
    private boolean flushPending = true;
    private boolean entriesRemoved;
    private long tablesInUse;

    /**
     * @param mem      the private region (offset 0 = physBase)
     * @param physBase guest-physical address of the region
     */
    public GuestPageTables(ByteBuffer mem, long physBase) {
        this.mem = mem;
        this.physBase = physBase;
        this.poolPages = (int) ((VmLayout.PRIVATE_SIZE - VmLayout.POOL) >>> 12);
        this.presentCount = new int[poolPages];
        this.freePages = new int[poolPages];
        mapPrivateRegion();
    }

    /** Guest-physical address of the PML4 the vCPU should use (A or B). */
    public long pml4Phys(boolean b) {
        return physBase + (b ? VmLayout.PML4_B : VmLayout.PML4_A);
    }

    public boolean flushPending() { return flushPending; }
    public void clearFlushPending() { flushPending = false; }
    /** True after a present entry (at any level) was cleared or replaced since {@link #clearEntriesRemoved}. */
    public boolean entriesRemoved() { return entriesRemoved; }
    public void clearEntriesRemoved() { entriesRemoved = false; }
    public long tablesInUse() { return tablesInUse; }

    private void mapPrivateRegion() {
        long kpdpt = physBase + VmLayout.KPDPT;
        long kpd = physBase + VmLayout.KPD;
        setPml4(511, kpdpt | P | RW | A);
        int pdptIndex = (int) ((VmLayout.PRIVATE_VA >>> 30) & 511);
        int pdIndex = (int) ((VmLayout.PRIVATE_VA >>> 21) & 511);
        mem.putLong(VmLayout.KPDPT + 8 * pdptIndex, kpd | P | RW | A);
        for (long off = 0; off < VmLayout.PRIVATE_SIZE; off += 2 << 20) {
            mem.putLong(VmLayout.KPD + 8 * (pdIndex + (int) (off >>> 21)), (physBase + off) | P | RW | A | D | PS);
        }
    }

    private void setPml4(int index, long entry) {
        mem.putLong(VmLayout.PML4_A + 8 * index, entry);
        mem.putLong(VmLayout.PML4_B + 8 * index, entry);
    }

    /** Rebuilds the user half from scratch (first use). */
    public void rebuild(PagedMemory memory) {
        sync(memory, 0, 0x8000_0000_0000L);
    }

    /** Re-reads [va, va+len) (clipped to the user half) from the guest page table. */
    public void sync(PagedMemory memory, long va, long len) {
        if (len <= 0 || va < 0 || va >= 0x8000_0000_0000L) {
            return;
        }
        long start = va & GuestMemory.PAGE_MASK;
        long end = Math.min(0x8000_0000_0000L, (va + len + 0xfff) & GuestMemory.PAGE_MASK);
        if (end <= start) {
            return;
        }
        clear(4, -1, start, end, 0);
        memory.forEachMapping(start, end - start, (mva, mlen, phys, prot) -> {
            if (phys < 0 || prot == GuestMemory.PROT_NONE) {
                return;
            }
            for (long off = 0; off < mlen; off += GuestMemory.PAGE_SIZE) {
                map(mva + off, phys + off, prot);
            }
        });
        flushPending = true;
    }

    /** The PTE for a user page with the given protection. */
    static long userPte(long pa, int prot) {
        long e = (pa & ADDR_MASK) | P | US | A;
        if ((prot & GuestMemory.PROT_WRITE) != 0) {
            e |= RW | D;
        }
        if ((prot & GuestMemory.PROT_EXEC) == 0) {
            e |= NX;
        }
        return e;
    }

    private void map(long va, long pa, int prot) {
        int off = VmLayout.PML4_A;
        for (int level = 4; level > 1; level--) {
            int idx = index(va, level);
            long e = mem.getLong(off + 8 * idx);
            if ((e & P) == 0) {
                int page = allocTable();
                e = (physBase + VmLayout.POOL + ((long) page << 12)) | P | RW | US | A;
                if (level == 4) {
                    setPml4(idx, e);
                } else {
                    mem.putLong(off + 8 * idx, e);
                    presentCount[poolIndex(off)]++;
                }
            }
            off = (int) ((e & ADDR_MASK) - physBase);
        }
        int idx = index(va, 1);
        if ((mem.getLong(off + 8 * idx) & P) == 0) {
            presentCount[poolIndex(off)]++;
        }
        mem.putLong(off + 8 * idx, userPte(pa, prot));
    }

    /**
     * Clears present entries covering [start, end) in the table at {@code tableOff} (level 4 =
     * PML4, whose offset is passed as -1), freeing tables that become empty. Returns true if the
     * table is now empty (for levels below 4).
     */
    private boolean clear(int level, int tableOff, long start, long end, long tableVa) {
        int off = level == 4 ? VmLayout.PML4_A : tableOff;
        int shift = 12 + 9 * (level - 1);
        long span = 1L << shift;
        int first = (int) (((start - tableVa) >>> shift));
        int last = (int) (((end - 1 - tableVa) >>> shift));
        for (int i = Math.max(first, 0); i <= Math.min(last, 511); i++) {
            if (level == 4 && i >= 256) {
                break; // kernel half: never touched
            }
            long e = mem.getLong(off + 8 * i);
            if ((e & P) == 0) {
                continue;
            }
            long entryVa = tableVa + i * span;
            if (level == 1) {
                entriesRemoved = true;
                mem.putLong(off + 8 * i, 0);
                presentCount[poolIndex(off)]--;
                continue;
            }
            int childOff = (int) ((e & ADDR_MASK) - physBase);
            boolean empty = clear(level - 1, childOff, Math.max(start, entryVa), Math.min(end, entryVa + span), entryVa);
            if (empty) {
                entriesRemoved = true;
                freeTable(childOff);
                if (level == 4) {
                    setPml4(i, 0);
                } else {
                    mem.putLong(off + 8 * i, 0);
                    presentCount[poolIndex(off)]--;
                }
            }
        }
        return level != 4 && presentCount[poolIndex(off)] == 0;
    }

    private static int index(long va, int level) {
        return (int) ((va >>> (12 + 9 * (level - 1))) & 511);
    }

    private int poolIndex(int off) {
        return (off - VmLayout.POOL) >>> 12;
    }

    private int allocTable() {
        int page;
        if (freeCount > 0) {
            page = freePages[--freeCount];
        } else if (nextFresh < poolPages) {
            page = nextFresh++;
        } else {
            throw new IllegalStateException("KVM page-table pool exhausted (" + poolPages
                    + " tables): the guest maps more than the private region can describe");
        }
        int off = VmLayout.POOL + (page << 12);
        for (int i = 0; i < 4096; i += 8) {
            mem.putLong(off + i, 0);
        }
        presentCount[page] = 0;
        tablesInUse++;
        return page;
    }

    private void freeTable(int off) {
        freePages[freeCount++] = poolIndex(off);
        tablesInUse--;
    }

    /** Walks the tables for va like the CPU: the final PTE, or 0 if some level is not present (for tests). */
    public long walk(long va) {
        int off = VmLayout.PML4_A;
        for (int level = 4; level >= 1; level--) {
            long e = mem.getLong(off + 8 * index(va, level));
            if ((e & P) == 0) {
                return 0;
            }
            if (level == 1 || (e & PS) != 0) {
                return e;
            }
            off = (int) ((e & ADDR_MASK) - physBase);
        }
        return 0;
    }
}

package org.jtcg.core.memory;

/**
 * The guest's virtual address space: a page table over off-heap RAM frames.
 *
 * <p>All accessors take guest virtual addresses and check page permissions. Any
 * access to an unmapped page or one without the needed permission throws
 * {@link GuestFault}; the engine turns that into a guest SIGSEGV, the syscall layer
 * into EFAULT. No other exception may escape for a bad guest address.
 *
 * <p>Endianness is a property of the access, not of the memory: s390x passes
 * {@code bigEndian = true}.
 */
public interface GuestMemory {
    int PAGE_SHIFT = 12;
    int PAGE_SIZE = 1 << PAGE_SHIFT;
    long PAGE_MASK = ~(long) (PAGE_SIZE - 1);

    /** Page protection bits, same values as Linux PROT_*. */
    int PROT_NONE = 0, PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4;

    /** Loads 1, 2, 4 or 8 bytes, zero-extended to 64 bits. */
    long load(long va, int size, boolean bigEndian);

    /** Stores the low {@code size} (1, 2, 4, 8) bytes of {@code value}. */
    void store(long va, int size, long value, boolean bigEndian);

    /**
     * Loads 16 bytes as one 128-bit integer: {@code out[0]} = low 64 bits, {@code out[1]} = high 64 bits,
     * for both byte orders. Little-endian: low half at va; big-endian: high half at va.
     */
    default void load128(long va, boolean bigEndian, long[] out) {
        long first = load(va, 8, bigEndian);
        long second = load(va + 8, 8, bigEndian);
        out[0] = bigEndian ? second : first;
        out[1] = bigEndian ? first : second;
    }

    /** Stores a 128-bit integer (halves and byte layout as in {@link #load128}). Implementations should
     *  check both halves before storing; this default does not, so a fault may leave the first half written. */
    default void store128(long va, boolean bigEndian, long low, long high) {
        store(va, 8, bigEndian ? high : low, bigEndian);
        store(va + 8, 8, bigEndian ? low : high, bigEndian);
    }

    // ---- atomic read-modify-write (guest atomics; docs/architecture.md "Memory model") ----
    // Every form needs write permission (a locked cycle writes even when a comparison fails), retires
    // translated code on the page like a store, and faults like a store. The defaults below are atomic
    // only against callers of these methods on this object (they serialise on it); PagedMemory overrides
    // them with host atomics on the guest RAM itself.

    /**
     * Atomically: {@code old = mem[va, size]; if (old == expected) mem[va, size] = replacement; return old}.
     * Values are the low {@code size} bytes (1, 2, 4, 8), zero-extended; {@code expected} is compared on
     * those bytes only.
     */
    default long atomicCompareAndSwap(long va, int size, long expected, long replacement, boolean bigEndian) {
        synchronized (this) {
            long old = load(va, size, bigEndian);
            long mask = size == 8 ? -1L : (1L << (8 * size)) - 1;
            store(va, size, old == (expected & mask) ? replacement : old, bigEndian);
            return old;
        }
    }

    /** Atomically: {@code old = mem[va, size]; mem[va, size] = op.apply(old, operand); return old} (zero-extended). */
    default long atomicFetchAndOp(long va, int size, AtomicOp op, long operand, boolean bigEndian) {
        synchronized (this) {
            long old = load(va, size, bigEndian);
            store(va, size, op.apply(old, operand), bigEndian);
            return old;
        }
    }

    /**
     * Atomically compares the 16 bytes at va (as a 128-bit integer, halves as in {@link #load128}) with
     * expected and, if equal, stores replacement. {@code old[0..1]} receives the value found; returns whether
     * it was stored. See {@link PagedMemory} for what "atomic" means for 16 bytes on the JVM.
     */
    default boolean atomicCompareAndSwap128(long va, boolean bigEndian, long expectedLow, long expectedHigh,
                                            long replacementLow, long replacementHigh, long[] old) {
        synchronized (this) {
            load128(va, bigEndian, old);
            boolean equal = old[0] == expectedLow && old[1] == expectedHigh;
            store128(va, bigEndian, equal ? replacementLow : old[0], equal ? replacementHigh : old[1]);
            return equal;
        }
    }

    /** A 16-byte load that is atomic against {@link #atomicCompareAndSwap128} (s390x LPQ, x86 cmpxchg16b reads). */
    default void atomicLoad128(long va, boolean bigEndian, long[] out) {
        synchronized (this) {
            load128(va, bigEndian, out);
        }
    }

    /** Reads instruction bytes (needs PROT_EXEC); returns how many bytes were readable, up to len.
     *  Throws GuestFault only if the first byte is not executable. */
    int fetch(long va, byte[] dst, int off, int len);

    /** Bulk copy out of guest memory (needs PROT_READ). */
    void read(long va, byte[] dst, int off, int len);

    /** Bulk copy into guest memory (needs PROT_WRITE); invalidates translated code on the pages written. */
    void write(long va, byte[] src, int off, int len);

    /** Copy into guest memory ignoring protection (the ELF loader filling read-only segments); the pages must be mapped. */
    void poke(long va, byte[] src, int off, int len);

    /** Reads a NUL-terminated string of at most maxLen bytes (needs PROT_READ). */
    byte[] readCString(long va, int maxLen);

    /** Current protection of the page holding va, or -1 if unmapped. */
    int protectionAt(long va);

    /** The software TLB that translated code inlines: the calling thread's own when guest threads run in parallel. */
    SoftTlb tlb();

    /**
     * The host address of {@code va} for raw accesses ({@link RawMemory}, little-endian words or bytes) to the
     * {@code len} bytes from it, when they lie in one page that the calling thread's TLB already holds with that
     * permission (for a write: writable and holding no translated code); else 0, and the caller takes the
     * checked accessors (which fault, invalidate and fill the TLB). No side effects: a helper looks up each
     * operand's page once instead of once per access. Valid until the guest's next mapping change or store to
     * translated code, as a TLB hit in translated code is.
     */
    default long hostAddress(long va, int len, boolean write) {
        return 0;
    }

    /** The calling thread no longer runs guest code in this memory (a guest thread ended): per-thread state may go. */
    default void threadEnded() {
    }

    // ---- address-space management (the syscall layer's mmap/munmap/mprotect/mremap/brk) ----
    // Flags are Linux's generic mman values (identical on x86-64, arm64, s390x).
    int MAP_SHARED = 0x01, MAP_PRIVATE = 0x02, MAP_FIXED = 0x10, MAP_ANONYMOUS = 0x20,
        MAP_GROWSDOWN = 0x100, MAP_NORESERVE = 0x4000, MAP_FIXED_NOREPLACE = 0x100000;
    int MREMAP_MAYMOVE = 1, MREMAP_FIXED = 2;

    /** Maps zeroed anonymous memory like Linux mmap; returns the address or a negative errno. */
    long mmap(long addr, long len, int prot, int flags);

    /** Like Linux munmap: 0 or a negative errno. */
    int munmap(long addr, long len);

    /** Like Linux mprotect: 0 or a negative errno. */
    int mprotect(long addr, long len, int prot);

    /** Like Linux mremap: new address or a negative errno. */
    long mremap(long oldAddr, long oldLen, long newLen, int flags, long newAddr);

    /**
     * Whether the page holding va has host memory behind it (mincore's "resident"); unmapped pages are not.
     * This default says every mapped page is; memory with demand paging says which ones were touched.
     */
    default boolean resident(long va) {
        return protectionAt(va) >= 0;
    }

    /**
     * MADV_DONTNEED on private anonymous memory: the mapped pages of the page-aligned range read as zero
     * afterwards. This default writes zeros (giving every page memory); demand-paged memory drops the frames.
     */
    default void discard(long va, long len) {
        byte[] zero = new byte[PAGE_SIZE];
        for (long p = va; Long.compareUnsigned(p - va, len) < 0; p += PAGE_SIZE) {
            if (protectionAt(p) >= 0) poke(p, zero, 0, zero.length);
        }
    }

    /** Sets the initial program break (end of the loaded image, page-rounded or not). */
    void initBrk(long start);

    /** Like the brk syscall: moves the break if possible and returns the (new or unchanged) break. */
    long brk(long newBrk);

    // ---- translated-code tracking ----

    /** Marks the page holding va as holding translated code: stores to it take the slow path and notify listeners. */
    void markCode(long va);

    /** Listener told (before the store lands) when a guest store or write hits a page holding translated code,
     *  with the written address (the page's first address when a mapping change retires the page); the page
     *  is unmarked afterwards, so the listener must drop every block on it. It may refuse the store by
     *  throwing a {@link GuestFault} (precise self-modifying code restarts the storing instruction). */
    void addCodeWriteListener(CodeWriteListener listener);

    @FunctionalInterface
    interface CodeWriteListener {
        void codeWritten(long pageVa);
    }
}

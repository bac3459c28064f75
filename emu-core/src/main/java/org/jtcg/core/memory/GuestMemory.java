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

    /** The software TLB that translated code inlines. */
    SoftTlb tlb();
}

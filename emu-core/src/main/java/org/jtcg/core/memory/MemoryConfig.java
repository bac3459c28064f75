package org.jtcg.core.memory;

/**
 * Shape of a guest address space and its RAM budget. A guest process gets its shape from its
 * arch's Linux ABI ({@code LinuxAbi.addressSpace().memoryConfig()}); {@link #defaults()} is for
 * tools and tests that have no guest ABI.
 *
 * @param maxAddress     highest user address, inclusive, ending in 0xfff (TASK_SIZE - 1; up to -1,
 *                       i.e. the whole 64-bit space)
 * @param mmapBase       mmap without a usable hint places mappings top-down below this address
 *                       (the stack lives above it); page-aligned
 * @param minMmapAddress lowest address mmap may use (Linux's vm.mmap_min_addr); MAP_FIXED below it
 *                       fails with EPERM; page-aligned
 * @param ramLimitBytes  most guest RAM (frames owned by mapped pages) at one time; beyond it
 *                       mmap, mremap, mprotect and brk fail with ENOMEM
 * @param chunkBytes     size of each lazily allocated host RAM chunk (power of two, 4 KiB..1 GiB)
 * @param heapLimitBytes most bytes the brk heap may grow above its start (RLIMIT_DATA-like)
 */
public record MemoryConfig(long maxAddress, long mmapBase, long minMmapAddress,
                           long ramLimitBytes, int chunkBytes, long heapLimitBytes) {
    /** The top of {@link #defaults()}: a 47-bit (128 TiB) space, the smallest 64-bit Linux user space. */
    public static final long DEFAULT_MAX_ADDRESS = (1L << 47) - 1;
    public static final long DEFAULT_RAM_LIMIT = 8L << 30;
    /**
     * 2 MiB: the JVM zeroes a direct buffer when it allocates it, so every chunk is resident in full from
     * the start; a hello touches ~0.7 MiB of guest RAM and with 16 MiB chunks paid 16 MiB of RSS for it
     * (docs/performance.md, round 5). Large guests get many chunks (a KVM memory slot each: 4,096 for the
     * 8 GiB default limit, within x86 KVM's 32,764 slots).
     */
    public static final int DEFAULT_CHUNK = 2 << 20;
    public static final long DEFAULT_MIN_MMAP_ADDRESS = 0x10000;
    /** Room left above the default mmap base for the stack and its growth. */
    public static final long DEFAULT_STACK_GAP = 1L << 30;

    public MemoryConfig {
        if ((maxAddress & 0xfff) != 0xfff) {
            throw new IllegalArgumentException("maxAddress must end in 0xfff: 0x" + Long.toHexString(maxAddress));
        }
        if (((mmapBase | minMmapAddress) & 0xfff) != 0) {
            throw new IllegalArgumentException("mmapBase and minMmapAddress must be page-aligned");
        }
        if (Long.compareUnsigned(minMmapAddress, mmapBase) >= 0
                || Long.compareUnsigned(mmapBase - 1, maxAddress) > 0) {
            throw new IllegalArgumentException(String.format(
                    "need minMmapAddress < mmapBase <= maxAddress + 1: 0x%x, 0x%x, 0x%x",
                    minMmapAddress, mmapBase, maxAddress));
        }
        if (ramLimitBytes < 0 || heapLimitBytes < 0) {
            throw new IllegalArgumentException("negative limit");
        }
        if (chunkBytes < GuestMemory.PAGE_SIZE || Integer.bitCount(chunkBytes) != 1 || chunkBytes > (1 << 30)) {
            throw new IllegalArgumentException("chunk size must be a power of two between 4 KiB and 1 GiB: " + chunkBytes);
        }
    }

    /** An address space of the given inclusive top with the default base, RAM limit and chunks. */
    public static MemoryConfig forMaxAddress(long maxAddress) {
        long top = maxAddress - 0xfff;               // last page
        long base = Long.compareUnsigned(top, DEFAULT_STACK_GAP << 1) > 0 ? top + 0x1000 - DEFAULT_STACK_GAP
                                                                           : (top >>> 1) & GuestMemory.PAGE_MASK;
        return new MemoryConfig(maxAddress, base, DEFAULT_MIN_MMAP_ADDRESS, DEFAULT_RAM_LIMIT, DEFAULT_CHUNK,
                Long.MAX_VALUE);
    }

    /**
     * An address space for tools and tests without a guest ABI: 47-bit user space, mmap below
     * 0x7fffc0000000, 8 GiB RAM, 2 MiB chunks.
     */
    public static MemoryConfig defaults() {
        return forMaxAddress(DEFAULT_MAX_ADDRESS);
    }

    public MemoryConfig withMmapBase(long base) {
        return new MemoryConfig(maxAddress, base, minMmapAddress, ramLimitBytes, chunkBytes, heapLimitBytes);
    }

    public MemoryConfig withMinMmapAddress(long min) {
        return new MemoryConfig(maxAddress, mmapBase, min, ramLimitBytes, chunkBytes, heapLimitBytes);
    }

    public MemoryConfig withRamLimit(long bytes) {
        return new MemoryConfig(maxAddress, mmapBase, minMmapAddress, bytes, chunkBytes, heapLimitBytes);
    }

    public MemoryConfig withChunkBytes(int bytes) {
        return new MemoryConfig(maxAddress, mmapBase, minMmapAddress, ramLimitBytes, bytes, heapLimitBytes);
    }

    public MemoryConfig withHeapLimit(long bytes) {
        return new MemoryConfig(maxAddress, mmapBase, minMmapAddress, ramLimitBytes, chunkBytes, bytes);
    }

    /** One past the last user page number. */
    long topVpn() {
        return (maxAddress >>> GuestMemory.PAGE_SHIFT) + 1;
    }
}

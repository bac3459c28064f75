package org.jtcg.core.linux;

import org.jtcg.core.memory.GuestMemory;
import org.jtcg.core.memory.MemoryConfig;

/**
 * Where a Linux process's pieces go in one arch's user address space, as data the arch's
 * {@link LinuxAbi#addressSpace()} supplies: the ELF loader, the initial stack and the guest memory
 * shape ({@link #memoryConfig()}) all read it, so no arch's numbers live in the shared code. All
 * addresses are unsigned and page-aligned; jtcg does no address-space randomisation, so each value
 * is the kernel's unrandomised choice or a fixed jtcg choice the arch's ABI documents.
 *
 * @param taskSize        exclusive upper bound of user addresses (Linux TASK_SIZE); ELF segments and
 *                        mappings must lie below it
 * @param stackTop        top (exclusive) of the initial stack mapping (Linux STACK_TOP)
 * @param stackSize       size of the initial stack mapping (Linux's default RLIMIT_STACK, 8 MiB)
 * @param mmapBase        mmap without a usable hint places mappings top-down below this address
 * @param etDynBase       load bias hint for an ET_DYN (static-PIE) main program (ELF_ET_DYN_BASE)
 * @param interpreterBase load address hint for the ELF interpreter (PT_INTERP)
 */
public record AddressSpaceLayout(long taskSize, long stackTop, long stackSize, long mmapBase, long etDynBase,
                                 long interpreterBase) {
    /** Linux's default RLIMIT_STACK, the size of the initial stack mapping. */
    public static final long DEFAULT_STACK_SIZE = 8L << 20;
    /**
     * Smallest gap Linux leaves between the stack top and the mmap base (mm/util.c MIN_GAP; the
     * 8 MiB stack limit plus the guard gap is below it, so without randomisation the gap is this).
     */
    public static final long LINUX_MIN_GAP = 128L << 20;
    /** Room below the mmap base {@link #linuxTopDown} leaves for the interpreter, the first top-down mapping. */
    public static final long INTERPRETER_ROOM = 16L << 20;

    public AddressSpaceLayout {
        // The compact constructor runs before the fields are set: messages use the parameters.
        String values = String.format("address-space layout (task size 0x%x, stack 0x%x-0x%x, mmap base 0x%x, "
                + "ET_DYN 0x%x, interpreter 0x%x)", taskSize, stackTop - stackSize, stackTop, mmapBase, etDynBase,
                interpreterBase);
        long[] all = {taskSize, stackTop, stackSize, mmapBase, etDynBase, interpreterBase};
        for (long v : all) {
            if ((v & ~GuestMemory.PAGE_MASK) != 0) {
                throw new IllegalArgumentException(values + ": addresses and sizes must be page-aligned");
            }
        }
        if (taskSize == 0 || stackSize == 0 || Long.compareUnsigned(stackTop, taskSize) > 0
                || Long.compareUnsigned(stackSize, stackTop) > 0
                || Long.compareUnsigned(mmapBase, stackTop - stackSize) > 0
                || Long.compareUnsigned(mmapBase, MemoryConfig.DEFAULT_MIN_MMAP_ADDRESS) <= 0
                || Long.compareUnsigned(etDynBase, taskSize) >= 0
                || Long.compareUnsigned(interpreterBase, taskSize) >= 0) {
            throw new IllegalArgumentException(values
                    + ": need mmap_min_addr < mmapBase <= stackTop - stackSize, stackTop <= taskSize, bases below taskSize");
        }
    }

    /**
     * The layout Linux gives a process without randomisation when the arch uses the generic
     * top-down mmap layout: an 8 MiB stack ending at {@code stackTop}, the mmap base
     * {@link #LINUX_MIN_GAP} below the stack top, and the interpreter hinted
     * {@link #INTERPRETER_ROOM} below the mmap base (where the kernel's first top-down mapping, the
     * interpreter, lands).
     */
    public static AddressSpaceLayout linuxTopDown(long taskSize, long stackTop, long etDynBase) {
        long mmapBase = stackTop - LINUX_MIN_GAP;
        return new AddressSpaceLayout(taskSize, stackTop, DEFAULT_STACK_SIZE, mmapBase, etDynBase,
                mmapBase - INTERPRETER_ROOM);
    }

    /** Highest user address, inclusive. */
    public long maxAddress() {
        return taskSize - 1;
    }

    /** The guest memory shape for this layout, with the default RAM limit, chunk size and mmap_min_addr. */
    public MemoryConfig memoryConfig() {
        return MemoryConfig.forMaxAddress(maxAddress()).withMmapBase(mmapBase);
    }
}

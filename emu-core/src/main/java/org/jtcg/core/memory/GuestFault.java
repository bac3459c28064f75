package org.jtcg.core.memory;

/**
 * A guest memory access that the page table forbids. Thrown by {@link GuestMemory};
 * engines convert it into a guest SIGSEGV (with {@link #address()}), the syscall layer
 * into EFAULT. It carries no Java stack trace: it is control flow, not a host error.
 */
public final class GuestFault extends RuntimeException {
    /** Linux si_code values for SIGSEGV. */
    public static final int SEGV_MAPERR = 1, SEGV_ACCERR = 2;
    /** What the access tried to do. */
    public enum Access { READ, WRITE, EXEC }

    private final long address;
    private final Access access;
    private final int siCode;

    public GuestFault(long address, Access access, int siCode) {
        super(null, null, false, false);
        this.address = address;
        this.access = access;
        this.siCode = siCode;
    }

    public long address() { return address; }
    public Access access() { return access; }
    public int siCode() { return siCode; }

    @Override
    public String getMessage() {
        return String.format("guest %s fault at 0x%x (%s)", access.name().toLowerCase(), address,
                siCode == SEGV_MAPERR ? "not mapped" : "permission denied");
    }
}

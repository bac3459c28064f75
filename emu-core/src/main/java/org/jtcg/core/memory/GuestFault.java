package org.jtcg.core.memory;

import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;

/**
 * A guest memory access that the page table forbids. Thrown by {@link GuestMemory};
 * engines convert it into a guest SIGSEGV (with {@link #address()}), the syscall layer
 * into EFAULT. It carries no Java stack trace: it is control flow, not a host error. The si_code
 * is a SIGSEGV code from {@link SigCodes} (SEGV_MAPERR, SEGV_ACCERR, or SI_KERNEL for a #GP-like
 * fault a frontend helper raises).
 */
public final class GuestFault extends RuntimeException {
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
                siCode == SigCodes.SEGV_MAPERR ? "not mapped"
                        : siCode == SigCodes.SEGV_ACCERR ? "permission denied" : SigCodes.name(Signals.SIGSEGV, siCode));
    }
}

package org.jtcg.x86.sse;

/**
 * The MXCSR controls one instruction runs under, plus the exception flags its elements raise.
 * An op creates one, runs every element through {@link SoftFloat}, then calls {@link #commit}
 * which decides (like hardware) whether the results may be written.
 */
public final class FpEnv {
    public final int rc;
    public final boolean daz, ftz;
    private final int mxcsr;
    /** Flags raised so far (Mxcsr.IE ... Mxcsr.PE). */
    public int flags;
    /** Set by SoftFloat while an element with a (non-DAZ) denormal operand is computed. */
    boolean denormalSeen;

    public FpEnv(int mxcsr) {
        this.mxcsr = mxcsr;
        this.rc = Mxcsr.roundingControl(mxcsr);
        this.daz = (mxcsr & Mxcsr.DAZ) != 0;
        this.ftz = (mxcsr & Mxcsr.FTZ) != 0;
    }

    public void raise(int f) { flags |= f; }

    /**
     * Ends the instruction: ORs the raised flags into {@code s.mxcsr} and returns 0 when every raised
     * exception is masked (the caller then writes its results). Otherwise returns the unmasked flags
     * (non-zero: the caller must NOT write results and raises #XM → SIGFPE). As the SDM describes,
     * an unmasked pre-computation exception (IE, DE, ZE) records only the pre-computation flags.
     */
    public int commit(SseState s) {
        int unmasked = Mxcsr.unmasked(mxcsr, flags);
        if ((unmasked & Mxcsr.PRE_COMPUTATION) != 0) {
            s.mxcsr |= flags & Mxcsr.PRE_COMPUTATION;
            return unmasked & Mxcsr.PRE_COMPUTATION;
        }
        s.mxcsr |= flags;
        return unmasked;
    }
}

package org.jtcg.x86.sse;

import org.jtcg.core.softfloat.FlagMap;
import org.jtcg.core.softfloat.FpStatus;
import org.jtcg.core.softfloat.Rounding;

/**
 * x86 SSE on the shared soft-float core: the {@link FpStatus} an MXCSR value selects, and the
 * commit of the raised flags back into MXCSR with the #XM rules. The fixed SSE facts: the first
 * NaN operand wins (SNaN quieted), the default NaN is the negative "QNaN floating-point
 * indefinite", tininess is detected after rounding, and FTZ raises UE together with PE.
 */
public final class SseStatus {
    private SseStatus() {}

    /** SSE's fixed control bits (DAZ, FTZ and RC come from MXCSR). */
    public static final int CONTROL = FpStatus.NEGATIVE_DEFAULT_NAN | FpStatus.FLUSH_RAISES_INEXACT;
    /** MXCSR.RC (0 nearest, 1 down, 2 up, 3 toward zero) → {@link Rounding}. */
    private static final int[] ROUNDING = {Rounding.NEAREST_EVEN, Rounding.DOWN, Rounding.UP, Rounding.TOWARD_ZERO};
    /** Shared flags → MXCSR flag bits (a DAZ-flushed input raises nothing on x86). */
    public static final FlagMap FLAGS = new FlagMap(Mxcsr.IE, Mxcsr.DE, Mxcsr.ZE, Mxcsr.OE, Mxcsr.UE, Mxcsr.PE, 0);

    /** The environment one instruction runs under, from MXCSR's RC, DAZ and FTZ. */
    public static FpStatus of(int mxcsr) {
        int control = CONTROL | ROUNDING[Mxcsr.roundingControl(mxcsr)];
        if ((mxcsr & Mxcsr.DAZ) != 0) control |= FpStatus.FLUSH_INPUTS;
        if ((mxcsr & Mxcsr.FTZ) != 0) control |= FpStatus.FLUSH_OUTPUTS;
        return new FpStatus(control);
    }

    /** The raised flags of {@code st} as MXCSR bits. */
    public static int mxcsrFlags(FpStatus st) {
        return FLAGS.toArch(st.flags);
    }

    /**
     * Ends the instruction: ORs the raised flags into {@code s.mxcsr} and returns 0 when every raised
     * exception is masked (the caller then writes its results). Otherwise returns the unmasked flags
     * (non-zero: the caller must NOT write results and raises #XM → SIGFPE). As the SDM describes,
     * an unmasked pre-computation exception (IE, DE, ZE) records only the pre-computation flags.
     */
    public static int commit(FpStatus st, SseState s) {
        int flags = mxcsrFlags(st);
        int unmasked = Mxcsr.unmasked(s.mxcsr, flags);
        if ((unmasked & Mxcsr.PRE_COMPUTATION) != 0) {
            s.mxcsr |= flags & Mxcsr.PRE_COMPUTATION;
            return unmasked & Mxcsr.PRE_COMPUTATION;
        }
        s.mxcsr |= flags;
        return unmasked;
    }
}

package org.jtcg.x86.x87;

/**
 * Memory images of the x87 state (Intel SDM vol. 1, 8.1.10 and 10.5.1): the 28-byte protected-mode
 * 32-bit FNSTENV/FLDENV environment, the 108-byte FNSAVE/FRSTOR image and the x87 part of the
 * 512-byte FXSAVE/FXRSTOR image. Images are little-endian byte arrays at an offset; the caller moves
 * them to and from guest memory. Selectors (FCS, FDS) are not modelled: 64-bit user mode has no use
 * for them, they are stored as 0 and ignored on load.
 *
 * <p>Tags: the stored full tag word is recomputed from the register contents for every non-empty
 * register (as hardware does, it keeps only empty/non-empty internally); on load only "empty or not"
 * is taken from the image and the rest recomputed.
 */
public final class X87Images {
    private X87Images() {}

    /** Size of the protected-mode 32-bit environment. */
    public static final int ENV_SIZE = 28;
    /** Size of the FNSAVE image (environment plus ST0-ST7, 10 bytes each). */
    public static final int SAVE_SIZE = 108;
    /** Size of the FXSAVE image. */
    public static final int FXSAVE_SIZE = 512;
    /** FXSAVE offsets the caller (SSE state owner) fills or reads. */
    public static final int FXSAVE_MXCSR = 24, FXSAVE_MXCSR_MASK = 28, FXSAVE_XMM = 160;
    /** FXSAVE offset of ST0 (16 bytes per register, value in the low 10). */
    public static final int FXSAVE_ST = 32;

    // ------------------------------------------------------------ tag words

    /** Full tag word with the tags of non-empty registers recomputed from their contents. */
    public static int fullTagWord(X87State s) {
        int tw = 0;
        for (int p = 0; p < 8; p++) {
            int t = X87.tag(s, p) == X87Flags.TAG_EMPTY ? X87Flags.TAG_EMPTY
                    : Float80.tagOf(s.significand[p], s.signExp[p]);
            tw |= t << (2 * p);
        }
        return tw;
    }

    /** Abridged (FXSAVE) tag byte: bit p set when physical register p is not empty. */
    public static int abridgedTags(X87State s) {
        int a = 0;
        for (int p = 0; p < 8; p++) {
            if (X87.tag(s, p) != X87Flags.TAG_EMPTY) {
                a |= 1 << p;
            }
        }
        return a;
    }

    /** Sets the tags from an abridged byte: empty where the bit is clear, else derived from the contents. */
    public static void setAbridgedTags(X87State s, int abridged) {
        int tw = 0;
        for (int p = 0; p < 8; p++) {
            int t = (abridged >> p & 1) == 0 ? X87Flags.TAG_EMPTY : Float80.tagOf(s.significand[p], s.signExp[p]);
            tw |= t << (2 * p);
        }
        s.tags = tw;
    }

    /** Sets the tags from a full tag word, keeping only its empty/non-empty information. */
    public static void setFullTagWord(X87State s, int tw) {
        int abridged = 0;
        for (int p = 0; p < 8; p++) {
            if ((tw >> (2 * p) & 3) != X87Flags.TAG_EMPTY) {
                abridged |= 1 << p;
            }
        }
        setAbridgedTags(s, abridged);
    }

    // ------------------------------------------------------------ environment, FNSAVE

    /** FNSTENV m28: stores the environment, then masks all exceptions. */
    public static void fnstenv(X87State s, byte[] buf, int off) {
        storeEnv(s, buf, off);
        s.fcw |= X87Flags.EXCEPTIONS;
    }

    private static void storeEnv(X87State s, byte[] buf, int off) {
        // reserved upper halves read as ones on hardware
        put16(buf, off, s.fcw);
        put16(buf, off + 2, 0xffff);
        put16(buf, off + 4, s.fsw());
        put16(buf, off + 6, 0xffff);
        put16(buf, off + 8, fullTagWord(s));
        put16(buf, off + 10, 0xffff);
        put32(buf, off + 12, (int) s.fip);
        put32(buf, off + 16, (s.fop & 0x7ff) << 16); // FCS 0
        put32(buf, off + 20, (int) s.fdp);
        put16(buf, off + 24, 0); // FDS
        put16(buf, off + 26, 0xffff);
    }

    /** FLDENV m28. */
    public static void fldenv(X87State s, byte[] buf, int off) {
        X87.fldcw(s, get16(buf, off));
        s.setFsw(get16(buf, off + 4));
        setFullTagWord(s, get16(buf, off + 8));
        s.fip = get32(buf, off + 12) & 0xffffffffL;
        s.fop = (get32(buf, off + 16) >>> 16) & 0x7ff;
        s.fdp = get32(buf, off + 20) & 0xffffffffL;
        X87.fldcw(s, s.fcw); // recompute ES/B against the loaded masks
    }

    /** FNSAVE m108: environment and ST0-ST7, then FNINIT. */
    public static void fnsave(X87State s, byte[] buf, int off) {
        storeEnv(s, buf, off);
        for (int i = 0; i < 8; i++) {
            int p = X87.phys(s, i);
            put64(buf, off + ENV_SIZE + 10 * i, s.significand[p]);
            put16(buf, off + ENV_SIZE + 10 * i + 8, s.signExp[p]);
        }
        X87.fninit(s);
    }

    /** FRSTOR m108. */
    public static void frstor(X87State s, byte[] buf, int off) {
        int fsw = get16(buf, off + 4);
        int top = (fsw >> 11) & 7;
        for (int i = 0; i < 8; i++) {
            int p = (top + i) & 7;
            s.significand[p] = get64(buf, off + ENV_SIZE + 10 * i);
            s.signExp[p] = get16(buf, off + ENV_SIZE + 10 * i + 8);
        }
        fldenv(s, buf, off);
    }

    // ------------------------------------------------------------ FXSAVE

    /**
     * FXSAVE / FXSAVE64 (when {@code rexW}), x87 part: bytes 0-23 and 32-159. MXCSR, MXCSR_MASK and
     * the XMM registers ({@link #FXSAVE_MXCSR}, {@link #FXSAVE_MXCSR_MASK}, {@link #FXSAVE_XMM}) are the
     * caller's; the reserved bytes of the ST slots are written as zero.
     */
    public static void fxsave(X87State s, byte[] buf, int off, boolean rexW) {
        put16(buf, off, s.fcw);
        put16(buf, off + 2, s.fsw());
        buf[off + 4] = (byte) abridgedTags(s);
        buf[off + 5] = 0;
        put16(buf, off + 6, s.fop & 0x7ff);
        if (rexW) {
            put64(buf, off + 8, s.fip);
            put64(buf, off + 16, s.fdp);
        } else {
            put32(buf, off + 8, (int) s.fip);
            put32(buf, off + 12, 0); // FCS, reserved
            put32(buf, off + 16, (int) s.fdp);
            put32(buf, off + 20, 0); // FDS, reserved
        }
        for (int i = 0; i < 8; i++) {
            int p = X87.phys(s, i);
            int at = off + FXSAVE_ST + 16 * i;
            put64(buf, at, s.significand[p]);
            put16(buf, at + 8, s.signExp[p]);
            put16(buf, at + 10, 0);
            put32(buf, at + 12, 0);
        }
    }

    /** FXRSTOR / FXRSTOR64, x87 part (the caller validates and loads MXCSR and XMM). */
    public static void fxrstor(X87State s, byte[] buf, int off, boolean rexW) {
        s.setFsw(get16(buf, off + 2));
        for (int i = 0; i < 8; i++) {
            int p = (s.top + i) & 7;
            int at = off + FXSAVE_ST + 16 * i;
            s.significand[p] = get64(buf, at);
            s.signExp[p] = get16(buf, at + 8);
        }
        setAbridgedTags(s, buf[off + 4] & 0xff);
        s.fop = get16(buf, off + 6) & 0x7ff;
        s.fip = rexW ? get64(buf, off + 8) : get32(buf, off + 8) & 0xffffffffL;
        s.fdp = rexW ? get64(buf, off + 16) : get32(buf, off + 16) & 0xffffffffL;
        X87.fldcw(s, get16(buf, off));
    }

    // ------------------------------------------------------------ little-endian access

    static void put16(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >> 8);
    }

    static void put32(byte[] b, int at, int v) {
        put16(b, at, v);
        put16(b, at + 2, v >> 16);
    }

    static void put64(byte[] b, int at, long v) {
        put32(b, at, (int) v);
        put32(b, at + 4, (int) (v >> 32));
    }

    static int get16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    static int get32(byte[] b, int at) {
        return get16(b, at) | get16(b, at + 2) << 16;
    }

    static long get64(byte[] b, int at) {
        return (get32(b, at) & 0xffffffffL) | (long) get32(b, at + 4) << 32;
    }
}

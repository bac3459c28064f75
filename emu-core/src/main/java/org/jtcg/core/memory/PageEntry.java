package org.jtcg.core.memory;

/**
 * Packing of one page-table entry into a {@code long}, so the table holds primitives only.
 *
 * <pre>
 *  bits 0-2   PROT_READ / PROT_WRITE / PROT_EXEC (Linux values)
 *  bit  3     CODE: translated code was made from this page
 *  bit  4     HAS_FRAME: bits 32-62 name the frame backing the page
 *  bit  5     PRESENT: the page is mapped (so a mapped PROT_NONE page is still non-zero)
 *  bits 32-62 frame number (guest-physical address >>> 12)
 * </pre>
 * 0 means unmapped. A mapped page lacks a frame until its first permitted access (demand paging,
 * see {@link AddressSpace}); a PROT_NONE reservation never gets one.
 */
public final class PageEntry {
    private PageEntry() {}

    public static final long UNMAPPED = 0;
    static final long PROT_BITS = 0x7;
    static final long CODE = 1 << 3;
    static final long HAS_FRAME = 1 << 4;
    static final long PRESENT = 1 << 5;
    private static final int FRAME_SHIFT = 32;

    /** A mapped page with a frame. */
    public static long withFrame(int frame, int prot) {
        return ((long) frame << FRAME_SHIFT) | HAS_FRAME | PRESENT | (prot & PROT_BITS);
    }

    /** The same page (protection and code mark kept) now backed by {@code frame}. */
    public static long attach(long e, int frame) {
        return ((long) frame << FRAME_SHIFT) | HAS_FRAME | (e & (PRESENT | CODE | PROT_BITS));
    }

    /** A mapped page without a frame (untouched so far, or a PROT_NONE reservation). */
    public static long reserved(int prot) {
        return PRESENT | (prot & PROT_BITS);
    }

    public static boolean isMapped(long e) {
        return e != 0;
    }

    public static boolean hasFrame(long e) {
        return (e & HAS_FRAME) != 0;
    }

    public static int frame(long e) {
        return (int) (e >>> FRAME_SHIFT);
    }

    public static int prot(long e) {
        return (int) (e & PROT_BITS);
    }

    public static boolean isCode(long e) {
        return (e & CODE) != 0;
    }

    /** Same page with a new protection; the code mark is dropped (the caller has told listeners). */
    public static long withProt(long e, int prot) {
        return (e & ~(PROT_BITS | CODE)) | (prot & PROT_BITS);
    }

    public static long markCode(long e) {
        return e | CODE;
    }

    public static long unmarkCode(long e) {
        return e & ~CODE;
    }

    /**
     * The permission rule, Linux-like: a page is readable if it has PROT_READ or PROT_WRITE
     * (x86 page tables cannot express write-only), writable only with PROT_WRITE, and
     * fetchable only with PROT_EXEC (also without PROT_READ).
     */
    public static boolean readable(long e) {
        return (e & (GuestMemory.PROT_READ | GuestMemory.PROT_WRITE)) != 0;
    }

    public static boolean writable(long e) {
        return (e & GuestMemory.PROT_WRITE) != 0;
    }

    public static boolean executable(long e) {
        return (e & GuestMemory.PROT_EXEC) != 0;
    }
}

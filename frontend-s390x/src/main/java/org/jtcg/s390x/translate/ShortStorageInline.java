package org.jtcg.s390x.translate;

import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.Label;
import org.jtcg.core.ir.Val;
import org.jtcg.core.memory.GuestMemory;
import org.jtcg.s390x.S390xCc;

import static org.jtcg.s390x.translate.S390xTable.B;
import static org.jtcg.s390x.translate.S390xTable.B1;
import static org.jtcg.s390x.translate.S390xTable.D;
import static org.jtcg.s390x.translate.S390xTable.D1;
import static org.jtcg.s390x.translate.S390xTable.L;

/**
 * MVC and CLC of a short fixed length as loads and stores in the block instead of a helper call. glibc
 * runs them everywhere: the stack protector's {@code mvc 1256(8,%r15),40(%r1)} on entry and {@code clc} of
 * the same on return (vfprintf, malloc's free, qsort), one-byte moves per digit in {@code _itoa_word} and
 * per byte in qsort's swap, 16-byte {@code va_list} copies.
 *
 * <p>The in-place code is exactly the byte-at-a-time, left-to-right result when each operand lies in one
 * page (so an operand faults on its first byte's access or not at all, before anything is stored: MVC
 * loads its whole source before storing) and, for MVC, when the destination does not start 1 to n-1 bytes
 * above the source (where the byte loop propagates bytes). Both are checked at run time unless known at
 * translation time (one byte always fits; same base register: the distance is the displacements'); the
 * instruction runs as the helper otherwise. CLC's CC is an unsigned compare of the two operands as
 * big-endian numbers, recorded as the lazy {@link S390xCc#CMP_U64} kind, so the branch after it is one
 * compare; the helper path records its CC in the same kind.
 */
final class ShortStorageInline {
    private ShortStorageInline() {}

    /** Longest MVC moved in place (two 8-byte loads and stores). */
    static final int MAX_MOVE = 16;
    /** Longest CLC compared in place (one 64-bit compare). */
    static final int MAX_COMPARE = 8;

    /** MVC: in place when short, else (and when the run-time checks fail) the helper. */
    static void mvc(Emit e, long[] a) {
        int n = (int) a[L] + 1;
        Val dst = e.addr(0, a[B1], a[D1]), src = e.addrNoIndex(a);
        boolean sameBase = a[B1] == a[B];
        long distance = a[D1] - a[D];
        if (n > MAX_MOVE || (sameBase && distance >= 1 && distance < n)) {
            e.b.call(StorageHelpers.MVC, null, e.c(n - 1), dst, src);
            return;
        }
        Label helper = e.b.newLabel(), done = e.b.newLabel();
        boolean guarded = n > 1;
        if (guarded) {
            branchUnlessOnePage(e, dst, n, helper);
            branchUnlessOnePage(e, src, n, helper);
            if (!sameBase) {
                // dst - src in [1, n-1]: the byte loop replicates bytes
                e.b.brcond(Cond.LTU, e.b.sub(e.b.sub(dst, src), e.c(1)), e.c(n - 1), helper);
            }
        }
        int[] sizes = chunks(n);
        Val[] parts = new Val[sizes.length];
        long off = 0;
        for (int i = 0; i < sizes.length; i++) {
            parts[i] = e.load(e.plus(src, off), sizes[i], false);
            off += sizes[i];
        }
        off = 0;
        for (int i = 0; i < sizes.length; i++) {
            e.store(parts[i], e.plus(dst, off), sizes[i]);
            off += sizes[i];
        }
        if (guarded) {
            e.b.br(done);
            e.b.setLabel(helper);
            e.b.call(StorageHelpers.MVC, null, e.c(n - 1), dst, src);
            e.b.setLabel(done);
        }
    }

    /** CLC: in place when at most 8 bytes, else (and when an operand crosses a page) the helper. */
    static void clc(Emit e, long[] a) {
        int n = (int) a[L] + 1;
        Val first = e.addr(0, a[B1], a[D1]), second = e.addrNoIndex(a);
        if (n > MAX_COMPARE) {
            e.ccConst(e.b.callValue(StorageHelpers.CLC, e.c(n - 1), first, second));
            return;
        }
        Label helper = e.b.newLabel(), done = e.b.newLabel();
        boolean guarded = n > 1;
        if (guarded) {
            branchUnlessOnePage(e, first, n, helper);
            branchUnlessOnePage(e, second, n, helper);
        }
        e.cc(S390xCc.CMP_U64, bigEndianNumber(e, first, n), bigEndianNumber(e, second, n), null);
        if (guarded) {
            e.b.br(done);
            e.b.setLabel(helper);
            // the helper's CC c (0 equal, 1 low, 2 high) as an unsigned compare: (c ^ 1) against 1
            Val cc = e.b.callValue(StorageHelpers.CLC, e.c(n - 1), first, second);
            e.cc(S390xCc.CMP_U64, e.b.xor(cc, e.c(1)), e.c(1), null);
            e.b.setLabel(done);
        }
    }

    /** The n bytes (1-8) at addr as an unsigned big-endian number (loads of 4, 2 and 1 bytes for odd n). */
    private static Val bigEndianNumber(Emit e, Val addr, int n) {
        Val v = null;
        long off = 0;
        for (int size : chunks(n)) {
            Val part = e.load(e.plus(addr, off), size, false);
            v = v == null ? part : e.b.or(e.b.shl(v, e.c(8L * size)), part);
            off += size;
        }
        return v;
    }

    /** Branches to {@code target} unless the n bytes at addr lie in one page. */
    private static void branchUnlessOnePage(Emit e, Val addr, int n, Label target) {
        e.b.brcond(Cond.GTU, e.b.and(addr, e.c(GuestMemory.PAGE_SIZE - 1)), e.c(GuestMemory.PAGE_SIZE - n), target);
    }

    /** n (1-16) as the access sizes 8, 4, 2, 1 in that order, each as often as it fits. */
    static int[] chunks(int n) {
        int[] out = new int[n / 8 + Integer.bitCount(n & 7)];
        int k = 0, left = n;
        for (int size = 8; size >= 1; size >>= 1) {
            while (left >= size) {
                out[k++] = size;
                left -= size;
            }
        }
        return out;
    }
}

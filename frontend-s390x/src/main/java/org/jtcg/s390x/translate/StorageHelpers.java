package org.jtcg.s390x.translate;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.memory.GuestMemory;
import org.jtcg.core.memory.RawMemory;

/**
 * Storage-to-storage and string instructions as helpers over guest memory. The SS forms take the
 * length code (length - 1) and both addresses and give the result of working a byte at a time left to
 * right, which is the architected result for overlapping operands (MVC with destination = source + 1
 * propagates a byte); they move eight bytes at a time where {@link GuestWords} shows that is the same,
 * faults included. MVC, CLC, CLST and SRST first try each operand's page run by host address
 * ({@link HostWords}: the page looked up once, when the thread's TLB holds it), and take the checked
 * accessors otherwise.
 * They return the CC where the instruction sets one. MVST/CLST/SRST return the CC and their register
 * advances in one word (see {@link #result}); they process at most {@link #CHUNK} bytes per execution and
 * then end with CC 3 (the architecture's "CPU-determined amount"), so an unterminated search cannot run
 * unbounded.
 */
public final class StorageHelpers {
    private StorageHelpers() {}

    static final HelperRef MVC = HelperRef.of(StorageHelpers.class, "mvc", 0);
    static final HelperRef CLC = HelperRef.of(StorageHelpers.class, "clc", 0);
    static final HelperRef XC = HelperRef.of(StorageHelpers.class, "xc", 0);
    static final HelperRef NC = HelperRef.of(StorageHelpers.class, "nc", 0);
    static final HelperRef OC = HelperRef.of(StorageHelpers.class, "oc", 0);
    static final HelperRef TR = HelperRef.of(StorageHelpers.class, "tr", 0);
    static final HelperRef MVST = HelperRef.of(StorageHelpers.class, "mvst", 0);
    static final HelperRef CLST = HelperRef.of(StorageHelpers.class, "clst", 0);
    static final HelperRef SRST = HelperRef.of(StorageHelpers.class, "srst", 0);

    private static final int AND = 0, OR = 1, XOR = 2;
    /** Bytes MVST/CLST/SRST process per execution before ending with CC 3 (the guest loops with BRC 1). */
    static final int CHUNK = 4096;

    public static void mvc(CpuState cpu, long lengthCode, long dst, long src) {
        GuestMemory m = cpu.memory();
        int n = (int) lengthCode + 1;
        long hostSrc = m.hostAddress(src, n, false), hostDst;
        if (hostSrc != 0 && (hostDst = m.hostAddress(dst, n, true)) != 0) {
            HostWords.move(hostDst, hostSrc, n); // each operand in one page the TLB holds: nothing can fault
            return;
        }
        boolean onePageEach = samePage(dst, n) && samePage(src, n);
        if (dst - src == 1 && onePageEach) {
            // the byte-propagation idiom (memset): every byte becomes the source's first
            GuestWords.fill(m, dst, n, m.load(src, 1, true));
            return;
        }
        if (Long.compareUnsigned(dst - src, n) >= 0) {
            if (onePageEach) {
                // a fault can only come from the first access, before anything is stored
                GuestWords.copyForward(m, dst, src, n);
                return;
            }
            // the destination does not start inside the source: byte-at-a-time left to right reads only
            // original bytes, so one read and one write give the same result (and fault before storing)
            byte[] bytes = new byte[n];
            m.read(src, bytes, 0, n);
            m.write(dst, bytes, 0, n);
            return;
        }
        GuestWords.copyForward(m, dst, src, n);
    }

    /** Whether the n bytes (1-256) at a lie in one page. */
    private static boolean samePage(long a, int n) {
        return ((a ^ (a + n - 1)) & GuestMemory.PAGE_MASK) == 0;
    }

    /** CLC: 0 equal, 1 first operand low, 2 high (unsigned bytes). */
    public static long clc(CpuState cpu, long lengthCode, long a1, long a2) {
        GuestMemory m = cpu.memory();
        int n = (int) lengthCode + 1;
        long h1 = m.hostAddress(a1, n, false), h2;
        if (h1 != 0 && (h2 = m.hostAddress(a2, n, false)) != 0) {
            int i = HostWords.mismatch(h1, h2, n);
            return i == n ? 0 : RawMemory.ld8(h1 + i) < RawMemory.ld8(h2 + i) ? 1 : 2;
        }
        for (long i = 0; i <= lengthCode; i++) {
            if (lengthCode - i >= 7 && GuestWords.fits(a1 + i) && GuestWords.fits(a2 + i)) {
                long x = GuestWords.load(m, a1 + i), y = GuestWords.load(m, a2 + i);
                if (x != y) {
                    return GuestWords.compareStrings(x, y) < 0 ? 1 : 2;
                }
                i += 7;
                continue;
            }
            long x = m.load(a1 + i, 1, true), y = m.load(a2 + i, 1, true);
            if (x != y) {
                return x < y ? 1 : 2;
            }
        }
        return 0;
    }

    public static long xc(CpuState cpu, long lengthCode, long dst, long src) {
        return bitwise(cpu, lengthCode, dst, src, XOR);
    }

    public static long nc(CpuState cpu, long lengthCode, long dst, long src) {
        return bitwise(cpu, lengthCode, dst, src, AND);
    }

    public static long oc(CpuState cpu, long lengthCode, long dst, long src) {
        return bitwise(cpu, lengthCode, dst, src, OR);
    }

    private static long bitwise(CpuState cpu, long lengthCode, long dst, long src, int op) {
        GuestMemory m = cpu.memory();
        long any = 0;
        boolean words = !GuestWords.replicates(dst, src);
        for (long i = 0; i <= lengthCode; i++) {
            if (words && lengthCode - i >= 7 && GuestWords.fits(dst + i) && GuestWords.fits(src + i)) {
                long x = GuestWords.load(m, dst + i), y = GuestWords.load(m, src + i);
                long r = op == AND ? x & y : op == OR ? x | y : x ^ y;
                GuestWords.store(m, dst + i, r);
                any |= r;
                i += 7;
                continue;
            }
            long x = m.load(dst + i, 1, true), y = m.load(src + i, 1, true);
            long r = op == AND ? x & y : op == OR ? x | y : x ^ y;
            m.store(dst + i, 1, r, true);
            any |= r;
        }
        return any != 0 ? 1 : 0;
    }

    /** TR: each first-operand byte is replaced by the byte at table + its value. */
    public static void tr(CpuState cpu, long lengthCode, long dst, long table) {
        GuestMemory m = cpu.memory();
        for (long i = 0; i <= lengthCode; i++) {
            long x = m.load(dst + i, 1, true);
            m.store(dst + i, 1, m.load(table + x, 1, true), true);
        }
    }

    /*
     * MVST, CLST and SRST leave their register results in the returned word instead of writing the CPU's
     * registers (a helper that writes globals makes translated code store every register local before the
     * call and reload them all after it; strcmp and strlen run these in loops): bits 0-1 the CC, bits 2-15
     * how far the first operand register advances, bits 16-31 how far the second does (at most CHUNK each).
     * The translator adds them (Storage.strings); a fault throws before any register changes.
     */

    /** The result word: CC and the two register advances. */
    static long result(long cc, long advance1, long advance2) {
        return cc | advance1 << 2 | advance2 << 16;
    }

    /**
     * MVST: copy the string at src to dst up to and including the end byte; CC 1 with the first operand
     * register at the copied end byte (second unchanged), or CC 3 with both advanced by CHUNK.
     */
    public static long mvst(CpuState cpu, long end, long dst, long src) {
        GuestMemory m = cpu.memory();
        long ends = GuestWords.spread(end);
        boolean words = !GuestWords.replicates(dst, src);
        for (long i = 0; ; i++) {
            if (i == CHUNK) {
                return result(3, CHUNK, CHUNK);
            }
            if (words && i <= CHUNK - 8 && GuestWords.fits(src + i) && GuestWords.fits(dst + i)) {
                long w = GuestWords.load(m, src + i);
                if (GuestWords.zeroBytes(w ^ ends) == 0) {
                    GuestWords.store(m, dst + i, w);
                    i += 7;
                    continue;
                }
            }
            long x = m.load(src + i, 1, true);
            m.store(dst + i, 1, x, true);
            if (x == end) {
                return result(1, i, 0);
            }
        }
    }

    /**
     * CLST: compare the strings at p1 and p2 ended by the end byte. CC 0 equal (both end together,
     * registers unchanged), 1 first low, 2 first high (both registers advanced to the differing bytes; an
     * ended string is low), 3 after CHUNK equal bytes (both advanced by CHUNK).
     */
    public static long clst(CpuState cpu, long end, long p1, long p2) {
        GuestMemory m = cpu.memory();
        int i = 0;
        while (i < CHUNK) { // page runs: the bytes up to the nearer of the two operands' next page ends
            int run = Math.min(CHUNK - i, Math.min(HostWords.toPageEnd(p1 + i), HostWords.toPageEnd(p2 + i)));
            long h1 = m.hostAddress(p1 + i, run, false), h2;
            if (h1 == 0 || (h2 = m.hostAddress(p2 + i, run, false)) == 0) {
                return clstChecked(m, end, p1, p2, i);
            }
            int k = HostWords.stringStop(h1, h2, run, end);
            if (k < run) {
                long x = RawMemory.ld8(h1 + k), y = RawMemory.ld8(h2 + k);
                if (x == end && y == end) {
                    return result(0, 0, 0);
                }
                return result(x == end ? 1 : y == end ? 2 : x < y ? 1 : 2, i + k, i + k);
            }
            i += run;
        }
        return result(3, CHUNK, CHUNK);
    }

    /** CLST from byte {@code start} on through the checked accessors (a page not in the TLB yet, or faulting). */
    private static long clstChecked(GuestMemory m, long end, long p1, long p2, long start) {
        long ends = GuestWords.spread(end);
        for (long i = start; ; i++) {
            if (i == CHUNK) {
                return result(3, CHUNK, CHUNK);
            }
            long x, y;
            if (i <= CHUNK - 8 && GuestWords.fits(p1 + i) && GuestWords.fits(p2 + i)) {
                long wx = GuestWords.load(m, p1 + i), wy = GuestWords.load(m, p2 + i);
                long events = GuestWords.zeroBytes(wx ^ ends) | GuestWords.zeroBytes(wy ^ ends)
                        | (GuestWords.zeroBytes(wx ^ wy) ^ 0x8080808080808080L);
                if (events == 0) {
                    i += 7;
                    continue;
                }
                int k = GuestWords.firstFlagged(events); // the byte the byte loop stops at
                i += k;
                x = GuestWords.byteAt(wx, k);
                y = GuestWords.byteAt(wy, k);
            } else {
                x = m.load(p1 + i, 1, true);
                y = m.load(p2 + i, 1, true);
            }
            if (x == end && y == end) {
                return result(0, 0, 0);
            }
            if (x == end || y == end || x != y) {
                long cc = x == end ? 1 : y == end ? 2 : x < y ? 1 : 2;
                return result(cc, i, i);
            }
        }
    }

    /**
     * SRST: search from p up to (not including) endAddr, wrapping, for byte c (glibc passes endAddr = 0:
     * "no end"). Found: CC 1, the advance (the translator sets the first operand register to p plus it).
     * End reached: CC 2, registers unchanged. CC 3 after CHUNK bytes, the second register advanced by CHUNK.
     */
    public static long srst(CpuState cpu, long c, long endAddr, long p) {
        GuestMemory m = cpu.memory();
        long start = p;
        int n = 0;
        while (p != endAddr) { // page runs: up to the page end, the end address or CHUNK bytes
            if (n == CHUNK) {
                return result(3, 0, CHUNK);
            }
            int run = Math.min(CHUNK - n, HostWords.toPageEnd(p));
            if (Long.compareUnsigned(endAddr - p, run) < 0) {
                run = (int) (endAddr - p);
            }
            long h = m.hostAddress(p, run, false);
            if (h == 0) {
                return srstChecked(m, c, endAddr, start, p, n);
            }
            int k = HostWords.find(h, run, c);
            if (k < run) {
                return result(1, p + k - start, 0);
            }
            p += run;
            n += run;
        }
        return result(2, 0, 0);
    }

    /** SRST from p, n bytes after the start, through the checked accessors (a page not in the TLB yet, or faulting). */
    private static long srstChecked(GuestMemory m, long c, long endAddr, long start, long p, int n) {
        long cs = GuestWords.spread(c);
        for (; p != endAddr; p++, n++) {
            if (n == CHUNK) {
                return result(3, 0, CHUNK);
            }
            if (n <= CHUNK - 8 && Long.compareUnsigned(endAddr - p, 8) >= 0 && GuestWords.fits(p)) {
                long found = GuestWords.zeroBytes(GuestWords.load(m, p) ^ cs);
                if (found == 0) {
                    p += 7;
                    n += 7;
                    continue;
                }
                return result(1, p + GuestWords.firstFlagged(found) - start, 0);
            }
            if (m.load(p, 1, true) == c) {
                return result(1, p - start, 0);
            }
        }
        return result(2, 0, 0);
    }
}

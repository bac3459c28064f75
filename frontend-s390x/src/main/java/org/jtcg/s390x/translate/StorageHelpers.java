package org.jtcg.s390x.translate;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.memory.GuestMemory;
import org.jtcg.s390x.S390xCpu;

/**
 * Storage-to-storage and string instructions as helpers over guest memory. The SS forms take the
 * length code (length - 1) and both addresses and give the result of working a byte at a time left to
 * right, which is the architected result for overlapping operands (MVC with destination = source + 1
 * propagates a byte); they move eight bytes at a time where {@link GuestWords} shows that is the same,
 * faults included.
 * They return the CC where the instruction sets one. MVST/CLST/SRST work on registers and set the CC
 * in the CPU; they process at most {@link #CHUNK} bytes per execution and then end with CC 3 (the
 * architecture's "CPU-determined amount"), so an unterminated search cannot run unbounded.
 */
public final class StorageHelpers {
    private StorageHelpers() {}

    static final HelperRef MVC = HelperRef.of(StorageHelpers.class, "mvc", 0);
    static final HelperRef CLC = HelperRef.of(StorageHelpers.class, "clc", 0);
    static final HelperRef XC = HelperRef.of(StorageHelpers.class, "xc", 0);
    static final HelperRef NC = HelperRef.of(StorageHelpers.class, "nc", 0);
    static final HelperRef OC = HelperRef.of(StorageHelpers.class, "oc", 0);
    static final HelperRef TR = HelperRef.of(StorageHelpers.class, "tr", 0);
    static final HelperRef MVST = HelperRef.of(StorageHelpers.class, "mvst", HelperRef.READS_GLOBALS | HelperRef.WRITES_GLOBALS);
    static final HelperRef CLST = HelperRef.of(StorageHelpers.class, "clst", HelperRef.READS_GLOBALS | HelperRef.WRITES_GLOBALS);
    static final HelperRef SRST = HelperRef.of(StorageHelpers.class, "srst", HelperRef.READS_GLOBALS | HelperRef.WRITES_GLOBALS);

    private static final int AND = 0, OR = 1, XOR = 2;
    /** Bytes MVST/CLST/SRST process per execution before ending with CC 3 (the guest loops with BRC 1). */
    static final int CHUNK = 4096;

    public static void mvc(CpuState cpu, long lengthCode, long dst, long src) {
        GuestMemory m = cpu.memory();
        int n = (int) lengthCode + 1;
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
        for (long i = 0; i <= lengthCode; i++) {
            if (lengthCode - i >= 7 && GuestWords.fits(a1 + i) && GuestWords.fits(a2 + i)) {
                long x = m.load(a1 + i, 8, true), y = m.load(a2 + i, 8, true);
                if (x != y) {
                    return Long.compareUnsigned(x, y) < 0 ? 1 : 2;
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
                long x = m.load(dst + i, 8, true), y = m.load(src + i, 8, true);
                long r = op == AND ? x & y : op == OR ? x | y : x ^ y;
                m.store(dst + i, 8, r, true);
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

    /** MVST r1,r2: copy the string at r2 to r1 up to and including the end byte in r0; CC 1, r1 = address of the copied end. */
    public static void mvst(CpuState state, long r1, long r2) {
        S390xCpu cpu = (S390xCpu) state;
        GuestMemory m = cpu.memory();
        long end = cpu.r0 & 0xff;
        long dst = cpu.gpr((int) r1), src = cpu.gpr((int) r2);
        long ends = GuestWords.spread(end);
        boolean words = !GuestWords.replicates(dst, src);
        for (long i = 0; ; i++) {
            if (i == CHUNK) {
                cpu.setGpr((int) r1, dst + i);
                cpu.setGpr((int) r2, src + i);
                cpu.setCc(3);
                return;
            }
            if (words && i <= CHUNK - 8 && GuestWords.fits(src + i) && GuestWords.fits(dst + i)) {
                long w = m.load(src + i, 8, true);
                if (GuestWords.zeroBytes(w ^ ends) == 0) {
                    m.store(dst + i, 8, w, true);
                    i += 7;
                    continue;
                }
            }
            long x = m.load(src + i, 1, true);
            m.store(dst + i, 1, x, true);
            if (x == end) {
                cpu.setGpr((int) r1, dst + i);
                cpu.setCc(1);
                return;
            }
        }
    }

    /**
     * CLST r1,r2: compare strings ended by the byte in r0. CC 0 equal (both end together), 1 first low,
     * 2 first high; on CC 1/2 r1 and r2 point at the differing bytes (an ended string is low).
     */
    public static void clst(CpuState state, long r1, long r2) {
        S390xCpu cpu = (S390xCpu) state;
        GuestMemory m = cpu.memory();
        long end = cpu.r0 & 0xff;
        long p1 = cpu.gpr((int) r1), p2 = cpu.gpr((int) r2);
        long ends = GuestWords.spread(end);
        for (long i = 0; ; i++) {
            if (i == CHUNK) {
                cpu.setGpr((int) r1, p1 + i);
                cpu.setGpr((int) r2, p2 + i);
                cpu.setCc(3);
                return;
            }
            long x, y;
            if (i <= CHUNK - 8 && GuestWords.fits(p1 + i) && GuestWords.fits(p2 + i)) {
                long wx = m.load(p1 + i, 8, true), wy = m.load(p2 + i, 8, true);
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
                cpu.setCc(0);
                return;
            }
            if (x == end || y == end || x != y) {
                long cc = x == end ? 1 : y == end ? 2 : x < y ? 1 : 2;
                cpu.setGpr((int) r1, p1 + i);
                cpu.setGpr((int) r2, p2 + i);
                cpu.setCc(cc);
                return;
            }
        }
    }

    /**
     * SRST r1,r2: search from r2 up to (not including) r1, wrapping, for the byte in r0 (glibc passes r1 = 0:
     * "no end"). Found: r1 = its address, CC 1. End reached: CC 2, registers unchanged.
     */
    public static void srst(CpuState state, long r1, long r2) {
        S390xCpu cpu = (S390xCpu) state;
        GuestMemory m = cpu.memory();
        long c = cpu.r0 & 0xff;
        long endAddr = cpu.gpr((int) r1), p = cpu.gpr((int) r2);
        long cs = GuestWords.spread(c);
        for (int n = 0; p != endAddr; p++, n++) {
            if (n == CHUNK) {
                cpu.setGpr((int) r2, p);
                cpu.setCc(3);
                return;
            }
            if (n <= CHUNK - 8 && Long.compareUnsigned(endAddr - p, 8) >= 0 && GuestWords.fits(p)) {
                long found = GuestWords.zeroBytes(m.load(p, 8, true) ^ cs);
                if (found == 0) {
                    p += 7;
                    n += 7;
                    continue;
                }
                p += GuestWords.firstFlagged(found);
                cpu.setGpr((int) r1, p);
                cpu.setCc(1);
                return;
            }
            if (m.load(p, 1, true) == c) {
                cpu.setGpr((int) r1, p);
                cpu.setCc(1);
                return;
            }
        }
        cpu.setCc(2);
    }
}

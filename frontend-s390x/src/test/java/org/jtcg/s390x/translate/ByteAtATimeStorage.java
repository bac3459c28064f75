package org.jtcg.s390x.translate;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.memory.GuestMemory;
import org.jtcg.s390x.S390xCpu;

/**
 * The storage helpers as they were before {@link GuestWords}: every operand byte loaded and stored on its own,
 * left to right. The oracle {@code StorageWordsTest} holds the word-at-a-time helpers to, faults included
 * (MVC's bulk path for non-overlapping operands, which faults before storing, is kept here as it was).
 */
final class ByteAtATimeStorage {
    private ByteAtATimeStorage() {}


    private static final int AND = 0, OR = 1, XOR = 2;
    /** Bytes MVST/CLST/SRST process per execution before ending with CC 3 (the guest loops with BRC 1). */

    public static void mvc(CpuState cpu, long lengthCode, long dst, long src) {
        GuestMemory m = cpu.memory();
        int n = (int) lengthCode + 1;
        if (Long.compareUnsigned(dst - src, n) >= 0) {
            // the destination does not start inside the source: byte-at-a-time left to right reads only
            // original bytes, so one read and one write give the same result (and fault before storing)
            byte[] bytes = new byte[n];
            m.read(src, bytes, 0, n);
            m.write(dst, bytes, 0, n);
            return;
        }
        for (long i = 0; i <= lengthCode; i++) {
            m.store(dst + i, 1, m.load(src + i, 1, true), true);
        }
    }

    /** CLC: 0 equal, 1 first operand low, 2 high (unsigned bytes). */
    public static long clc(CpuState cpu, long lengthCode, long a1, long a2) {
        GuestMemory m = cpu.memory();
        for (long i = 0; i <= lengthCode; i++) {
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
        for (long i = 0; i <= lengthCode; i++) {
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
        for (long i = 0; ; i++) {
            if (i == StorageHelpers.CHUNK) {
                cpu.setGpr((int) r1, dst + i);
                cpu.setGpr((int) r2, src + i);
                cpu.setCc(3);
                return;
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
        for (long i = 0; ; i++) {
            if (i == StorageHelpers.CHUNK) {
                cpu.setGpr((int) r1, p1 + i);
                cpu.setGpr((int) r2, p2 + i);
                cpu.setCc(3);
                return;
            }
            long x = m.load(p1 + i, 1, true), y = m.load(p2 + i, 1, true);
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
        for (int n = 0; p != endAddr; p++, n++) {
            if (n == StorageHelpers.CHUNK) {
                cpu.setGpr((int) r2, p);
                cpu.setCc(3);
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

    /** MVCLE's data movement as LongStringHelpers had it: n bytes, the first fromSource from src, the rest pad. */
    static void mvcleMove(GuestMemory m, long dst, long src, long n, long fromSource, long pad) {
        for (long i = 0; i < n; i++) {
            long x = i < fromSource ? m.load(src + i, 1, true) : pad;
            m.store(dst + i, 1, x, true);
        }
    }
}

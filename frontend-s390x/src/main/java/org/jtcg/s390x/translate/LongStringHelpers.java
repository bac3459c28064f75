package org.jtcg.s390x.translate;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.memory.GuestMemory;
import org.jtcg.s390x.S390xCpu;

/**
 * The long storage instructions and translate-and-test as helpers over guest memory and the CPU's
 * registers (64-bit addressing mode):
 * <ul>
 * <li>MVCL / CLCL (interruptible): r1 and r2 hold addresses, bits 40-63 of r1+1 and r2+1 the lengths, bits
 * 32-39 of r2+1 the pad byte. At most {@link #CHUNK} first-operand bytes per execution; when bytes remain,
 * the registers show the progress and the helper returns {@link #RESUME}: the translated code runs the
 * instruction again, as the hardware does after an interruption (the PSW still points at it).</li>
 * <li>MVCLE / CLCLE: r1 and r3 pairs with 64-bit lengths, the pad byte is the low byte of the second-operand
 * address. After {@link #CHUNK} bytes with more to go they end with CC 3 and updated registers (the
 * "CPU-determined amount"; programs loop on CC 3).</li>
 * <li>TRE: translate the first operand (r1 pair) through the table at r2 until the test byte (r0 bits
 * 56-63): CC 1 at the test byte, CC 0 at the end, CC 3 after {@link #CHUNK} bytes.</li>
 * <li>TRT / TRTR: scan the first operand (TRTR right to left) for a byte whose function byte (table + byte)
 * is not zero.</li>
 * </ul>
 * A fault stops the helper before it updates any register, so the registers keep the state at the start of
 * the execution that faulted (that unit of operation is nullified).
 */
public final class LongStringHelpers {
    private LongStringHelpers() {}

    private static final int RW = HelperRef.READS_GLOBALS | HelperRef.WRITES_GLOBALS;
    static final HelperRef MVCL = HelperRef.of(LongStringHelpers.class, "mvcl", RW);
    static final HelperRef CLCL = HelperRef.of(LongStringHelpers.class, "clcl", RW);
    static final HelperRef MVCLE = HelperRef.of(LongStringHelpers.class, "mvcle", RW);
    static final HelperRef CLCLE = HelperRef.of(LongStringHelpers.class, "clcle", RW);
    static final HelperRef TRT = HelperRef.of(LongStringHelpers.class, "trt", RW);
    static final HelperRef TRTR = HelperRef.of(LongStringHelpers.class, "trtr", RW);
    static final HelperRef TRE = HelperRef.of(LongStringHelpers.class, "tre", RW);
    static final HelperRef MVCIN = HelperRef.of(LongStringHelpers.class, "mvcin", 0);

    /** First-operand bytes processed per execution before MVCL/CLCL resume or MVCLE/CLCLE end with CC 3. */
    static final int CHUNK = 4096;
    /** Helper results: the instruction completed, or must run again (MVCL, CLCL). */
    public static final long DONE = 0, RESUME = 1;

    private static final long LEN24 = 0xffffff;

    /** MVCL r1,r2: CC 0/1/2 from the lengths (equal, first shorter, first longer), 3 destructive overlap. */
    public static long mvcl(CpuState state, long r1, long r2) {
        S390xCpu cpu = (S390xCpu) state;
        int d = (int) r1, s = (int) r2;
        long dst = cpu.gpr(d), src = cpu.gpr(s);
        long len1 = cpu.gpr(d + 1) & LEN24, len2 = cpu.gpr(s + 1) & LEN24;
        long pad = (cpu.gpr(s + 1) >>> 24) & 0xff;
        long moved = Math.min(len1, len2);
        if (moved > 0 && Long.compareUnsigned(dst - src, 1) >= 0 && Long.compareUnsigned(dst - src, moved) < 0) {
            cpu.setCc(3); // destructive overlap: a source byte would be read after it was overwritten
            return DONE;
        }
        cpu.setCc(compareLengths(len1, len2));
        long n = Math.min(len1, CHUNK);
        long fromSource = Math.min(n, len2);
        GuestMemory m = cpu.memory();
        GuestWords.copyForward(m, dst, src, fromSource);
        GuestWords.fill(m, dst + fromSource, n - fromSource, pad);
        cpu.setGpr(d, dst + n);
        cpu.setGpr(d + 1, deposit24(cpu.gpr(d + 1), len1 - n));
        cpu.setGpr(s, src + fromSource);
        cpu.setGpr(s + 1, deposit24(cpu.gpr(s + 1), len2 - fromSource));
        return len1 - n > 0 ? RESUME : DONE;
    }

    /** CLCL r1,r2: the shorter operand is extended with the pad byte; on inequality the registers designate the unequal bytes. */
    public static long clcl(CpuState state, long r1, long r2) {
        S390xCpu cpu = (S390xCpu) state;
        int p = (int) r1, q = (int) r2;
        long a1 = cpu.gpr(p), a2 = cpu.gpr(q);
        long len1 = cpu.gpr(p + 1) & LEN24, len2 = cpu.gpr(q + 1) & LEN24;
        long pad = (cpu.gpr(q + 1) >>> 24) & 0xff;
        Compared c = compare(cpu.memory(), a1, len1, a2, len2, pad);
        cpu.setGpr(p, a1 + c.used1);
        cpu.setGpr(p + 1, deposit24(cpu.gpr(p + 1), len1 - c.used1));
        cpu.setGpr(q, a2 + c.used2);
        cpu.setGpr(q + 1, deposit24(cpu.gpr(q + 1), len2 - c.used2));
        if (c.cc == 3) {
            return RESUME;
        }
        cpu.setCc(c.cc);
        return DONE;
    }

    /** MVCLE r1,r3,pad: CC 0/1/2 as MVCL when done, 3 when bytes remain. */
    public static void mvcle(CpuState state, long r1, long r3, long padAddress) {
        S390xCpu cpu = (S390xCpu) state;
        int d = (int) r1, s = (int) r3;
        long dst = cpu.gpr(d), src = cpu.gpr(s);
        long len1 = cpu.gpr(d + 1), len2 = cpu.gpr(s + 1);
        long pad = padAddress & 0xff;
        long n = Long.compareUnsigned(len1, CHUNK) < 0 ? len1 : CHUNK;
        long fromSource = Long.compareUnsigned(n, len2) < 0 ? n : len2;
        GuestMemory m = cpu.memory();
        GuestWords.copyForward(m, dst, src, fromSource);
        GuestWords.fill(m, dst + fromSource, n - fromSource, pad);
        cpu.setGpr(d, dst + n);
        cpu.setGpr(d + 1, len1 - n);
        cpu.setGpr(s, src + fromSource);
        cpu.setGpr(s + 1, len2 - fromSource);
        cpu.setCc(len1 - n != 0 ? 3 : compareLengths(len1, len2));
    }

    /** CLCLE r1,r3,pad: CC 0 equal, 1 first low, 2 first high, 3 not finished. */
    public static void clcle(CpuState state, long r1, long r3, long padAddress) {
        S390xCpu cpu = (S390xCpu) state;
        int p = (int) r1, q = (int) r3;
        long a1 = cpu.gpr(p), a2 = cpu.gpr(q);
        long len1 = cpu.gpr(p + 1), len2 = cpu.gpr(q + 1);
        Compared c = compare(cpu.memory(), a1, len1, a2, len2, padAddress & 0xff);
        cpu.setGpr(p, a1 + c.used1);
        cpu.setGpr(p + 1, len1 - c.used1);
        cpu.setGpr(q, a2 + c.used2);
        cpu.setGpr(q + 1, len2 - c.used2);
        cpu.setCc(c.cc);
    }

    /** TRE r1,r2. */
    public static void tre(CpuState state, long r1, long r2) {
        S390xCpu cpu = (S390xCpu) state;
        int p = (int) r1;
        GuestMemory m = cpu.memory();
        long addr = cpu.gpr(p), len = cpu.gpr(p + 1), table = cpu.gpr((int) r2);
        long test = cpu.r0 & 0xff;
        long n = 0, cc = 0;
        for (; n != len; n++) {
            if (n == CHUNK) {
                cc = 3;
                break;
            }
            long x = m.load(addr + n, 1, true);
            if (x == test) {
                cc = 1;
                break;
            }
            m.store(addr + n, 1, m.load(table + x, 1, true), true);
        }
        cpu.setGpr(p, addr + n);
        cpu.setGpr(p + 1, len - n);
        cpu.setCc(cc);
    }

    /** How a padded comparison ended: CC (3 = chunk exhausted) and the bytes of each operand found equal. */
    private record Compared(long cc, long used1, long used2) {}

    private static Compared compare(GuestMemory m, long a1, long len1, long a2, long len2, long pad) {
        long longer = Long.compareUnsigned(len1, len2) >= 0 ? len1 : len2;
        for (long i = 0; Long.compareUnsigned(i, longer) < 0; i++) {
            if (i == CHUNK) {
                return new Compared(3, umin(i, len1), umin(i, len2));
            }
            boolean in1 = Long.compareUnsigned(i, len1) < 0, in2 = Long.compareUnsigned(i, len2) < 0;
            long x = in1 ? m.load(a1 + i, 1, true) : pad;
            long y = in2 ? m.load(a2 + i, 1, true) : pad;
            if (x != y) {
                return new Compared(x < y ? 1 : 2, in1 ? i : len1, in2 ? i : len2);
            }
        }
        return new Compared(0, len1, len2);
    }

    /** MVCIN: the second operand (its address designates the rightmost byte) goes to the first in reverse order. */
    public static void mvcin(CpuState cpu, long lengthCode, long first, long secondRight) {
        GuestMemory m = cpu.memory();
        int n = (int) lengthCode + 1;
        byte[] bytes = new byte[n];
        m.read(secondRight - lengthCode, bytes, 0, n); // all source bytes before any store
        for (int i = 0; i < n; i++) {
            m.store(first + i, 1, bytes[n - 1 - i], true);
        }
    }

    /** TRT: CC 0 all function bytes zero; else r1 = the byte's address, r2 bits 56-63 = its function byte, CC 1 (2 at the last byte). */
    public static long trt(CpuState state, long lengthCode, long first, long table) {
        return translateAndTest((S390xCpu) state, lengthCode, first, table, 1);
    }

    /** TRTR: as TRT from the rightmost byte (the first-operand address) leftwards. */
    public static long trtr(CpuState state, long lengthCode, long first, long table) {
        return translateAndTest((S390xCpu) state, lengthCode, first, table, -1);
    }

    private static long translateAndTest(S390xCpu cpu, long lengthCode, long first, long table, int step) {
        GuestMemory m = cpu.memory();
        for (long i = 0; i <= lengthCode; i++) {
            long at = first + step * i;
            long function = m.load(table + m.load(at, 1, true), 1, true);
            if (function != 0) {
                cpu.r1 = at;
                cpu.r2 = (cpu.r2 & ~0xffL) | function;
                return i == lengthCode ? 2 : 1;
            }
        }
        return 0;
    }

    private static long umin(long x, long y) {
        return Long.compareUnsigned(x, y) <= 0 ? x : y;
    }

    private static long compareLengths(long len1, long len2) {
        int c = Long.compareUnsigned(len1, len2);
        return c == 0 ? 0 : c < 0 ? 1 : 2;
    }

    private static long deposit24(long reg, long len) {
        return (reg & ~LEN24) | (len & LEN24);
    }
}

package org.jtcg.s390x.translate;

import org.jtcg.core.memory.GuestFault;
import org.jtcg.core.memory.GuestMemory;
import org.jtcg.core.memory.PagedMemory;
import org.jtcg.s390x.S390xCpu;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The word-at-a-time storage helpers ({@link GuestWords} in {@link StorageHelpers} and MVCLE's movement) against
 * the byte-at-a-time originals ({@link ByteAtATimeStorage}) on two identical memories: same CC, registers,
 * memory contents and fault (address and access), with operands near page ends, running into an unmapped page
 * and into a read-only one, overlapping at every small distance, and strings whose terminators and differences
 * fall at every byte position of a word.
 */
class StorageWordsTest {
    private static final long BASE = 0x600000;
    /** Pages 0-2 read/write, 3 unmapped, 4 read-only. */
    private static final int[] USABLE_PAGES = {0, 1, 2, 4};

    private static final class Machine {
        final PagedMemory mem = new PagedMemory();
        final S390xCpu cpu = new S390xCpu();

        Machine() {
            int flags = GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS | GuestMemory.MAP_FIXED;
            mem.mmap(BASE, 0x3000, GuestMemory.PROT_READ | GuestMemory.PROT_WRITE, flags);
            mem.mmap(BASE + 0x4000, 0x1000, GuestMemory.PROT_READ, flags);
            cpu.attachMemory(mem);
        }

        /** A fresh start: memory contents from the image, registers and CC zero. */
        Machine reset(byte[] image) {
            mem.poke(BASE, image, 0, 0x3000);
            mem.poke(BASE + 0x4000, image, 0x4000, 0x1000);
            for (int i = 0; i < 16; i++) {
                cpu.setGpr(i, 0);
            }
            cpu.setCc(0);
            return this;
        }

        /** Runs op; returns what a guest could observe apart from memory. */
        String run(Consumer<S390xCpu> op) {
            String fault = "";
            try {
                op.accept(cpu);
            } catch (GuestFault f) {
                fault = " fault " + f.access() + " 0x" + Long.toHexString(f.address());
            }
            return "cc " + cpu.cc() + " r0-5 " + cpu.r0 + "," + Long.toHexString(cpu.r1) + "," + Long.toHexString(cpu.r2) + ","
                    + Long.toHexString(cpu.r3) + "," + Long.toHexString(cpu.r4) + "," + Long.toHexString(cpu.r5) + fault;
        }

        byte[] contents() {
            byte[] b = new byte[0x5000];
            mem.read(BASE, b, 0, 0x3000);
            mem.read(BASE + 0x4000, b, 0x4000, 0x1000);
            return b;
        }
    }

    private interface Op {
        void run(S390xCpu cpu, boolean words);
    }

    @Test
    void sameResultsAsByteAtATime() {
        Random r = new Random(390);
        Machine wordMachine = new Machine(), byteMachine = new Machine();
        for (int trial = 0; trial < 20_000; trial++) {
            byte[] image = image(r);
            long a = address(r), b = r.nextInt(4) == 0 ? a + r.nextInt(17) - 8 : address(r);
            int lengthCode = r.nextInt(4) == 0 ? r.nextInt(256) : r.nextInt(24);
            long end = r.nextInt(3) == 0 ? 0 : image[r.nextInt(image.length)] & 0xff;
            if (r.nextBoolean()) { // operand 2 a copy of operand 1 with perhaps one change: long equal runs
                copy(image, a, b, 64 + r.nextInt(200));
            }
            int which = r.nextInt(9);
            long len = r.nextInt(300);
            Op op = switch (which) {
                case 0 -> (c, w) -> { if (w) StorageHelpers.mvc(c, lengthCode, a, b); else ByteAtATimeStorage.mvc(c, lengthCode, a, b); };
                case 1 -> (c, w) -> c.setCc(w ? StorageHelpers.clc(c, lengthCode, a, b) : ByteAtATimeStorage.clc(c, lengthCode, a, b));
                case 2 -> (c, w) -> c.setCc(w ? StorageHelpers.xc(c, lengthCode, a, b) : ByteAtATimeStorage.xc(c, lengthCode, a, b));
                case 3 -> (c, w) -> c.setCc(w ? StorageHelpers.nc(c, lengthCode, a, b) : ByteAtATimeStorage.nc(c, lengthCode, a, b));
                case 4 -> (c, w) -> c.setCc(w ? StorageHelpers.oc(c, lengthCode, a, b) : ByteAtATimeStorage.oc(c, lengthCode, a, b));
                case 5 -> (c, w) -> {
                    regs(c, end, a, b);
                    if (w) apply(c, StorageHelpers.mvst(c, end, a, b), false); else ByteAtATimeStorage.mvst(c, 2, 4);
                };
                case 6 -> (c, w) -> {
                    regs(c, end, a, b);
                    if (w) apply(c, StorageHelpers.clst(c, end, a, b), false); else ByteAtATimeStorage.clst(c, 2, 4);
                };
                case 7 -> (c, w) -> { // SRST: r2 = end of the search (often 0: none), r4 = start
                    long stop = len % 3 == 0 ? 0 : b + len;
                    regs(c, end, stop, b);
                    if (w) apply(c, StorageHelpers.srst(c, end, stop, b), true); else ByteAtATimeStorage.srst(c, 2, 4);
                };
                default -> null; // MVCLE's movement, below
            };
            if (which == 8) { // draw the random split once, for both machines
                long fromSource = len == 0 ? 0 : r.nextInt((int) len + 1);
                op = (c, w) -> {
                    if (w) {
                        GuestWords.copyForward(c.memory(), a, b, fromSource);
                        GuestWords.fill(c.memory(), a + fromSource, len - fromSource, end);
                    } else {
                        ByteAtATimeStorage.mvcleMove(c.memory(), a, b, len, fromSource, end);
                    }
                };
            }
            Machine words = wordMachine.reset(image), bytes = byteMachine.reset(image);
            Op o = op;
            String got = words.run(c -> o.run(c, true)), want = bytes.run(c -> o.run(c, false));
            String what = "op " + which + " a 0x" + Long.toHexString(a) + " b 0x" + Long.toHexString(b) + " lengthCode "
                    + lengthCode + " len " + len + " end " + end;
            assertEquals(want, got, what);
            assertArrayEquals(bytes.contents(), words.contents(), what);
        }
    }

    /** What the translation of MVST/CLST/SRST r2,r4 does with the helper's result word (Storage.strings). */
    private static void apply(S390xCpu c, long result, boolean search) {
        long cc = result & 3, advance1 = (result >>> 2) & 0x3fff, advance2 = result >>> 16;
        long p1 = c.r2, p2 = c.r4;
        c.r2 = search ? (cc == 1 ? p2 + advance1 : p1) : p1 + advance1;
        c.r4 = p2 + advance2;
        c.setCc(cc);
    }

    private static void regs(S390xCpu c, long end, long r2, long r4) {
        c.r0 = end;
        c.r2 = r2;
        c.r4 = r4;
    }

    /** Mostly near a page end (so operands cross into the next page or fault there), sometimes anywhere. */
    private static long address(Random r) {
        long page = BASE + 0x1000L * USABLE_PAGES[r.nextInt(USABLE_PAGES.length)];
        return page + (r.nextInt(3) == 0 ? r.nextInt(0x1000) : 0x1000 - 1 - r.nextInt(80));
    }

    /** Bytes from a small alphabet so that terminators, equal bytes and both orders are all frequent. */
    private static byte[] image(Random r) {
        byte[] alphabet = {0, 1, 'a', 'b', (byte) 0x80, (byte) 0xff};
        byte[] b = new byte[0x5000];
        for (int i = 0; i < b.length; i++) {
            b[i] = alphabet[r.nextInt(alphabet.length)];
        }
        return b;
    }

    private static void copy(byte[] image, long from, long to, int n) {
        int f = (int) (from - BASE), t = (int) (to - BASE);
        for (int i = 0; i < n && f + i < image.length && t + i < image.length && f + i >= 0 && t + i >= 0; i++) {
            image[t + i] = image[f + i];
        }
        if (t >= 0 && t + n / 2 < image.length && new Random(n).nextBoolean()) {
            image[t + n / 2] ^= 1;
        }
    }

    @Test
    void zeroBytesFlagsExactlyTheZeroBytes() {
        Random r = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            long v = 0;
            long want = 0;
            for (int k = 0; k < 8; k++) {
                int x = r.nextInt(4) == 0 ? 0 : r.nextInt(3) == 0 ? 1 : r.nextInt(256);
                v = v << 8 | x;
                want = want << 8 | (x == 0 ? 0x80 : 0);
            }
            assertEquals(Long.toHexString(want), Long.toHexString(GuestWords.zeroBytes(v)), Long.toHexString(v));
        }
        // words hold the first byte in storage lowest (GuestWords.load)
        assertEquals(Arrays.toString(new int[] {0, 7, 1}), Arrays.toString(new int[] {GuestWords.firstFlagged(0x8000000000000080L),
            GuestWords.firstFlagged(0x8000000000000000L), GuestWords.firstFlagged(0x8000L)}));
        assertEquals(0x34, GuestWords.byteAt(0x5634L, 0));
        assertEquals(-1, Integer.signum(GuestWords.compareStrings(0x0201L, 0x0102L))); // bytes 01 02 < 02 01
    }
}

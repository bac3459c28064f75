package org.jtcg.s390x.translate;

import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.memory.GuestFault;
import org.jtcg.core.memory.GuestMemory;
import org.jtcg.core.memory.PagedMemory;
import org.jtcg.s390x.S390xCpu;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Short fixed-length MVC and CLC translated in place ({@link ShortStorageInline}) under the JIT against the
 * byte-at-a-time originals ({@link ByteAtATimeStorage}) on an identical memory: same memory contents, CC and
 * fault, for every length up to one past the in-place limits, operands ending at every byte near a page end,
 * running into an unmapped page and into a read-only one, and overlapping at every small distance, with
 * different base registers (checked at run time) and with one base register (known at translation time).
 */
class ShortStorageInlineTest {
    private static final long DATA = SnippetRunner.DATA;
    /** Pages 0-2 of DATA read/write, 3 unmapped, 4 read-only, 5 read/write. */
    private static final long HOLE = DATA + 0x3000, READ_ONLY = DATA + 0x4000, SIZE = 0x6000;
    private static final int MVC = 0xd2, CLC = 0xd5;

    /** The snippet {@code op 0(n,%r2),0(%r3)} (or with base r2 twice: {@code op d1(n,%r2),8(%r2)}); ipm %r6; svc 255. */
    private static String snippet(int opcode, int n, int sameBaseD1) {
        String operands = sameBaseD1 < 0 ? "20003000" : String.format("2%03x2008", sameBaseD1);
        return String.format("%02x%02x", opcode, n - 1) + operands + "b2220060" + "0aff";
    }

    private static final class Case {
        final int opcode, n, sameBaseD1;
        final long r2, r3;

        Case(int opcode, int n, int sameBaseD1, long r2, long r3) {
            this.opcode = opcode;
            this.n = n;
            this.sameBaseD1 = sameBaseD1;
            this.r2 = r2;
            this.r3 = r3;
        }

        long first() {
            return sameBaseD1 < 0 ? r2 : r2 + sameBaseD1;
        }

        long second() {
            return sameBaseD1 < 0 ? r3 : r2 + 8;
        }

        @Override
        public String toString() {
            return String.format("%s n=%d first=0x%x second=0x%x%s", opcode == MVC ? "mvc" : "clc", n, first(), second(),
                    sameBaseD1 < 0 ? "" : " (one base)");
        }
    }

    private static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (int opcode : new int[] {MVC, CLC}) {
            int limit = (opcode == MVC ? ShortStorageInline.MAX_MOVE : ShortStorageInline.MAX_COMPARE) + 1;
            for (int n = 1; n <= limit; n++) {
                // two operands apart, each ending at every byte around a page end (also into the hole and the read-only page)
                for (long pageEnd : new long[] {DATA + 0x1000, HOLE, READ_ONLY + 0x1000}) {
                    for (int over = -1; over <= n; over++) {
                        long near = pageEnd - n + over;
                        out.add(new Case(opcode, n, -1, near, DATA + 0x800 + over));
                        out.add(new Case(opcode, n, -1, DATA + 0x800 + over, near));
                    }
                }
                // overlapping at every distance from -2 to n + 1, both bases and one
                for (int d = -2; d <= n + 1; d++) {
                    out.add(new Case(opcode, n, -1, DATA + 0x1400 + d, DATA + 0x1400));
                    out.add(new Case(opcode, n, 8 + d, DATA + 0x1400, 0));
                }
                // a destination in the read-only page, a source in the hole
                out.add(new Case(opcode, n, -1, READ_ONLY + 0x10, DATA + 0x10));
                out.add(new Case(opcode, n, -1, DATA + 0x10, HOLE + 0x10));
            }
        }
        return out;
    }

    @Test
    void sameMemoryCcAndFaultAsByteAtATime() {
        SnippetRunner jit = new SnippetRunner("jit");
        PagedMemory oracleMem = new PagedMemory();
        S390xCpu oracle = new S390xCpu();
        int flags = GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS | GuestMemory.MAP_FIXED;
        oracleMem.mmap(DATA, SIZE, GuestMemory.PROT_READ | GuestMemory.PROT_WRITE, flags);
        oracle.attachMemory(oracleMem);
        jit.mem.munmap(HOLE, 0x1000);
        oracleMem.munmap(HOLE, 0x1000);
        jit.mem.mprotect(READ_ONLY, 0x1000, GuestMemory.PROT_READ);
        oracleMem.mprotect(READ_ONLY, 0x1000, GuestMemory.PROT_READ);

        Random rnd = new Random(12);
        byte[] image = new byte[(int) SIZE];
        java.util.Map<String, Long> codeAt = new java.util.HashMap<>();
        long nextCode = SnippetRunner.CODE;
        int faults = 0;
        for (Case c : cases()) {
            // mostly equal bytes, so that CLC's difference falls at every position
            for (int i = 0; i < image.length; i++) {
                image[i] = (byte) (rnd.nextInt(8) == 0 ? rnd.nextInt(256) : 0x41);
            }
            for (PagedMemory m : new PagedMemory[] {jit.mem, oracleMem}) {
                for (long p = DATA; p < DATA + SIZE; p += 0x1000) {
                    if (p != HOLE) {
                        m.poke(p, image, (int) (p - DATA), 0x1000);
                    }
                }
            }
            String code = snippet(c.opcode, c.n, c.sameBaseD1);
            Long pc = codeAt.get(code);
            if (pc == null) {
                pc = nextCode;
                nextCode += 0x10;
                byte[] bytes = HexFormat.of().parseHex(code);
                jit.mem.poke(pc, bytes, 0, bytes.length);
                jit.engine.invalidate(pc, bytes.length);
                codeAt.put(code, pc);
            }
            jit.cpu.r2 = c.r2;
            jit.cpu.r3 = c.r3;
            jit.cpu.pc = pc;
            EngineExit exit = jit.engine.run(jit.cpu);

            String expected;
            try {
                long cc = 0;
                if (c.opcode == MVC) {
                    ByteAtATimeStorage.mvc(oracle, c.n - 1, c.first(), c.second());
                } else {
                    cc = ByteAtATimeStorage.clc(oracle, c.n - 1, c.first(), c.second());
                }
                expected = "cc " + cc;
            } catch (GuestFault f) {
                expected = "SIGSEGV at page 0x" + Long.toHexString(f.address() & GuestMemory.PAGE_MASK);
                faults++;
            }
            String actual = exit.kind() == EngineExit.Kind.SYSCALL ? "cc " + SnippetRunner.ipmCc(jit.cpu.r6)
                    : "SIGSEGV at page 0x" + Long.toHexString(exit.address() & GuestMemory.PAGE_MASK);
            assertEquals(expected, actual, c::toString);
            assertArrayEquals(contents(oracleMem), contents(jit.mem), c::toString);
        }
        assertTrue(faults > 50, "the cases include faults: " + faults);
    }

    private static byte[] contents(PagedMemory m) {
        byte[] b = new byte[(int) SIZE];
        for (long p = DATA; p < DATA + SIZE; p += 0x1000) {
            if (p != HOLE) {
                m.read(p, b, (int) (p - DATA), 0x1000);
            }
        }
        return b;
    }

    @Test
    void lengthsSplitIntoLoadsOfEightFourTwoAndOne() {
        assertArrayEquals(new int[] {8, 4, 2, 1}, ShortStorageInline.chunks(15));
        assertArrayEquals(new int[] {8, 8}, ShortStorageInline.chunks(16));
        assertArrayEquals(new int[] {1}, ShortStorageInline.chunks(1));
        assertArrayEquals(new int[] {4, 2}, ShortStorageInline.chunks(6));
    }
}

package org.jtcg.s390x.translate;

import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.signal.Signals;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * EXECUTE of a target known at translation time, translated in place ({@link ExecuteInline}): glibc's
 * {@code exrl r1,mvc-template} and {@code larl r5,t; ex r1,0(r5)} idioms, with the length code from r1
 * at run time, page-crossing operands, a target on another page changed behind the block's back, and a
 * fault reported at the EXECUTE. Machine code from s390x-linux-gnu-as.
 */
class S390xExecuteInlineTest {
    /** exrl %r1,0x20; ipm %r6; svc 255 ... 0x20: mvc 0(1,%r2),0(%r3) */
    private static final String EXRL_MVC = "c61000000010 b2220060 0aff" + "00".repeat(20) + "d20020003000";
    /** at 0x40: larl %r5,0x60; ex %r1,0(%r5); ipm %r6; svc 255 ... 0x60: clc 0(1,%r2),0(%r3) */
    private static final String LARL_EX_CLC = "c05000000010 44105000 b2220060 0aff" + "00".repeat(16) + "d50020003000";
    /** at 0x80: exrl %r1,0x1100; ipm %r6; svc 255 (the target on the next page) */
    private static final String EXRL_FAR = "c61000000840 b2220060 0aff";
    private static final long FAR_TARGET = SnippetRunner.CODE + 0x1100;

    private static SnippetRunner runner(String engine) {
        SnippetRunner s = new SnippetRunner(engine).code(EXRL_MVC);
        put(s, SnippetRunner.CODE + 0x40, LARL_EX_CLC);
        put(s, SnippetRunner.CODE + 0x80, EXRL_FAR);
        put(s, FAR_TARGET, "d70020003000"); // xc 0(1,%r2),0(%r3)
        return s;
    }

    private static void put(SnippetRunner s, long va, String hex) {
        byte[] b = HexFormat.of().parseHex(hex.replace(" ", ""));
        s.mem.poke(va, b, 0, b.length);
        s.engine.invalidate(va, b.length);
    }

    private static void runAt(SnippetRunner s, long pc) {
        s.cpu.pc = pc;
        EngineExit e = s.engine.run(s.cpu);
        assertEquals(EngineExit.Kind.SYSCALL, e.kind(), () -> "stopped with " + e);
    }

    private static void fill(SnippetRunner s, long va, int n, int seed) {
        for (int i = 0; i < n; i++) {
            s.mem.store(va + i, 1, (seed + i * 7) & 0xff, true);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void theMoveLengthComesFromR1AtRunTimeAndOperandsMayCrossPages(String engine) {
        SnippetRunner s = runner(engine);
        long src = SnippetRunner.DATA + 0xf80, dst = SnippetRunner.DATA + 0x2fc0; // both cross a page boundary
        fill(s, src, 256, 3);
        s.cpu.r2 = dst;
        s.cpu.r3 = src;
        s.cpu.r1 = 0x7ff; // low byte ff: 256 bytes
        runAt(s, SnippetRunner.CODE);
        for (int i = 0; i < 256; i++) {
            assertEquals(s.byteAt(src + i), s.byteAt(dst + i), "byte " + i);
        }
        assertEquals(0, s.byteAt(dst + 256), "one past the end untouched");
        fill(s, src, 256, 100);
        s.cpu.r1 = 5; // 6 bytes this time, same block
        runAt(s, SnippetRunner.CODE);
        assertEquals(s.byteAt(src + 5), s.byteAt(dst + 5));
        assertEquals((3 + 6 * 7) & 0xff, s.byteAt(dst + 6), "the 7th byte is the first run's");
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void compareThroughLarlAndExSetsTheCcOfTheExecutedLength(String engine) {
        SnippetRunner s = runner(engine);
        long a = SnippetRunner.DATA, b = SnippetRunner.DATA + 0x100;
        fill(s, a, 16, 9);
        fill(s, b, 16, 9);
        s.mem.store(b + 4, 1, 0xff, true); // differs (higher) from the fifth byte on
        s.cpu.r2 = a;
        s.cpu.r3 = b;
        s.cpu.r1 = 3; // four bytes: equal
        runAt(s, SnippetRunner.CODE + 0x40);
        assertEquals(0, SnippetRunner.ipmCc(s.cpu.r6));
        s.cpu.r1 = 4; // five bytes: first operand low
        runAt(s, SnippetRunner.CODE + 0x40);
        assertEquals(1, SnippetRunner.ipmCc(s.cpu.r6));
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void aChangedTargetOnAnotherPageIsExecutedAsItIsNow(String engine) {
        SnippetRunner s = runner(engine);
        long x = SnippetRunner.DATA + 0x200, y = SnippetRunner.DATA + 0x300;
        fill(s, x, 8, 1);
        fill(s, y, 8, 1);
        s.cpu.r2 = x;
        s.cpu.r3 = y;
        s.cpu.r1 = 7;
        runAt(s, SnippetRunner.CODE + 0x80);
        assertEquals(0, s.byteAt(x + 7), "xc of equal bytes clears");
        assertEquals(0, SnippetRunner.ipmCc(s.cpu.r6));
        // the target page changes without the block being dropped (poke does not invalidate): the next
        // EXECUTE must still run what is there now
        s.mem.poke(FAR_TARGET, HexFormat.of().parseHex("d20020003000"), 0, 6); // mvc 0(1,%r2),0(%r3)
        fill(s, x, 8, 50); // xc would now give x ^ y, not y
        runAt(s, SnippetRunner.CODE + 0x80);
        assertEquals(s.byteAt(y + 7), s.byteAt(x + 7), "moved, not xor-ed");
        assertEquals(1 + 7 * 7, s.byteAt(x + 7));
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void aFaultingOperandIsReportedAtTheExecute(String engine) {
        SnippetRunner s = runner(engine);
        s.cpu.r2 = 0x10000000L; // unmapped
        s.cpu.r3 = SnippetRunner.DATA;
        s.cpu.r1 = 0;
        s.cpu.pc = SnippetRunner.CODE;
        EngineExit e = s.engine.run(s.cpu);
        assertEquals(Signals.SIGSEGV, e.signal());
        assertEquals(SnippetRunner.CODE, s.cpu.pc, "the EXRL");
    }
}

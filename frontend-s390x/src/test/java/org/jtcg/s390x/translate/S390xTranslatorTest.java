package org.jtcg.s390x.translate;

import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.signal.Signals;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Instruction semantics on both TCG engines, with literal expected values. The machine code was
 * assembled with s390x-linux-gnu-as; the source line is next to each instruction.
 */
class S390xTranslatorTest {
    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void loadsAndStoresAreBigEndian(String engine) {
        SnippetRunner s = new SnippetRunner(engine).code(
                "e3201000 0024"   // stg %r2,0(%r1)
                + "48301002"      // lh %r3,2(%r1)
                + "e3401007 0094" // llc %r4,7(%r1)
                + "50201008"      // st %r2,8(%r1)
                + "e3501000 001e" // lrv %r5,0(%r1)
                + "0aff");        // svc 255
        s.cpu.r1 = SnippetRunner.DATA;
        s.cpu.r2 = 0x0102030405060708L;
        s.cpu.r3 = 0xaaaaaaaa_bbbbbbbbL;
        s.cpu.r5 = 0xcccccccc_ddddddddL;
        s.runToSvc();
        for (int i = 0; i < 8; i++) {
            assertEquals(i + 1, s.byteAt(SnippetRunner.DATA + i));
        }
        assertEquals(0x05, s.byteAt(SnippetRunner.DATA + 8));
        assertEquals(0x08, s.byteAt(SnippetRunner.DATA + 11));
        assertEquals(0xaaaaaaaa_00000304L, s.cpu.r3, "lh sign-extends into the low word only");
        assertEquals(8, s.cpu.r4);
        assertEquals(0xcccccccc_04030201L, s.cpu.r5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void addSetsOverflowAndLogicalCarry(String engine) {
        SnippetRunner s = new SnippetRunner(engine).code(
                "1a23"            // ar %r2,%r3
                + "b2220040"      // ipm %r4
                + "1e67"          // alr %r6,%r7
                + "b2220050"      // ipm %r5
                + "0aff");
        s.cpu.r2 = 0x7fffffff;
        s.cpu.r3 = 1;
        s.cpu.r6 = 0xffffffffL;
        s.cpu.r7 = 1;
        s.runToSvc();
        assertEquals(0x80000000L, s.cpu.r2, "32-bit result, high word kept (0)");
        assertEquals(3, SnippetRunner.ipmCc(s.cpu.r4), "signed overflow");
        assertEquals(0, s.cpu.r6);
        assertEquals(2, SnippetRunner.ipmCc(s.cpu.r5), "zero with carry");
        assertEquals(2, s.cpu.cc());
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void signedAndUnsignedCompareDriveLoadOnCondition(String engine) {
        SnippetRunner s = new SnippetRunner(engine).code(
                "b9200023"        // cgr %r2,%r3
                + "b9e22046"      // locgrh %r4,%r6
                + "b9210023"      // clgr %r2,%r3
                + "b9e22056"      // locgrh %r5,%r6
                + "0aff");
        s.cpu.r2 = -1;
        s.cpu.r3 = 1;
        s.cpu.r4 = 4;
        s.cpu.r5 = 5;
        s.cpu.r6 = 66;
        s.runToSvc();
        assertEquals(4, s.cpu.r4, "-1 is not higher than 1 signed");
        assertEquals(66, s.cpu.r5, "but is unsigned");
        assertEquals(2, s.cpu.cc());
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void storageToStorage(String engine) {
        SnippetRunner s = new SnippetRunner(engine).code(
                "d2061001 1000"   // mvc 1(7,%r1),0(%r1): propagates byte 0
                + "d5071000 1010" // clc 0(8,%r1),16(%r1)
                + "b2220040"      // ipm %r4
                + "d7071010 1010" // xc 16(8,%r1),16(%r1)
                + "0aff");
        s.cpu.r1 = SnippetRunner.DATA;
        s.mem.store(SnippetRunner.DATA, 1, 0x5a, true);
        s.mem.store(SnippetRunner.DATA + 16, 8, 0x5a5a5a5a_5a5a5a5bL, true);
        s.runToSvc();
        assertEquals(0x5a5a5a5a_5a5a5a5aL, s.mem.load(SnippetRunner.DATA, 8, true));
        assertEquals(1, SnippetRunner.ipmCc(s.cpu.r4), "first operand low");
        assertEquals(0, s.mem.load(SnippetRunner.DATA + 16, 8, true));
        assertEquals(0, s.cpu.cc(), "xc result zero");
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void rotateInsertFindLeftmostOneAndDivide(String engine) {
        SnippetRunner s = new SnippetRunner(engine).code(
                "ec3230bf 0855"   // risbgz %r3,%r2,48,63,8: bits 48-63 of r2 rotated left 8, rest zero
                + "b9830042"      // flogr %r4,%r2
                + "b9870068"      // dlgr %r6,%r8
                + "0aff");
        s.cpu.r2 = 0x00f0_0000_0000_1234L;
        s.cpu.r3 = -1;
        s.cpu.r6 = 1;           // dividend 2^64 + 5
        s.cpu.r7 = 5;
        s.cpu.r8 = 3;
        s.runToSvc();
        assertEquals(0x3400, s.cpu.r3);
        assertEquals(8, s.cpu.r4);
        assertEquals(0x0070_0000_0000_1234L, s.cpu.r5, "found bit cleared");
        assertEquals(0x5555_5555_5555_5557L, s.cpu.r7, "quotient of (2^64 + 5) / 3");
        assertEquals(0, s.cpu.r6, "remainder");
        assertEquals(2, s.cpu.cc(), "flogr: a one bit was found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void executeRelativeLongModifiesTheLength(String engine) {
        SnippetRunner s = new SnippetRunner(engine).code(
                "c6300000 0004"   // exrl %r3,+8 -> the mvc below with length code | r3
                + "0aff"          // svc 255
                + "d2001000 1010"); // mvc 0(1,%r1),16(%r1)
        s.cpu.r1 = SnippetRunner.DATA;
        s.cpu.r3 = 0x102; // low byte 2: three bytes
        s.mem.store(SnippetRunner.DATA + 16, 4, 0x11223344, true);
        s.runToSvc();
        assertEquals(0x11223300, s.mem.load(SnippetRunner.DATA, 4, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void searchStringFindsTheEndByte(String engine) {
        SnippetRunner s = new SnippetRunner(engine).code(
                "b25e0042"        // srst %r4,%r2
                + "0aff");
        s.mem.store(SnippetRunner.DATA, 4, 0x41424300L, true);
        s.cpu.r0 = 0;
        s.cpu.r2 = SnippetRunner.DATA;
        s.cpu.r4 = 0;
        s.runToSvc();
        assertEquals(SnippetRunner.DATA + 3, s.cpu.r4);
        assertEquals(1, s.cpu.cc());
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void zeroHalfwordIsSigill(String engine) {
        SnippetRunner s = new SnippetRunner(engine).code("a7190005 0000"); // lghi %r1,5; .short 0
        EngineExit e = s.run();
        assertEquals(EngineExit.Kind.SIGNAL, e.kind());
        assertEquals(Signals.SIGILL, e.signal());
        assertEquals(SnippetRunner.CODE + 4, e.address());
        assertEquals(SnippetRunner.CODE + 6, s.cpu.pc, "the PSW past it (ILC 1: 2 bytes), as Linux leaves it");
        assertEquals(5, s.cpu.r1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void binaryFloatingPointSetsCcAndFpcFlags(String engine) {
        SnippetRunner s = new SnippetRunner(engine).code(
                "b31a0002"        // adbr %f0,%f2
                + "b2220040"      // ipm %r4
                + "b3190002"      // cdbr %f0,%f2
                + "b2220050"      // ipm %r5
                + "b3a95060"      // cgdbr %r6,5,%f0 (toward zero)
                + "b3990074"      // cfdbr %r7,0,%f4 (FPC rounding)
                + "b31d0026"      // ddbr %f2,%f6
                + "b3440080"      // ledbr %f8,%f0
                + "0aff");
        s.cpu.f0 = Double.doubleToRawLongBits(2.5);
        s.cpu.f2 = Double.doubleToRawLongBits(-0.25);
        s.cpu.f4 = 0x7ff8000000000000L; // QNaN
        s.cpu.f6 = 0;
        s.cpu.f8 = 0x11111111_22222222L;
        s.cpu.r7 = 0x77777777_00000000L;
        s.runToSvc();
        assertEquals(Double.doubleToRawLongBits(2.25), s.cpu.f0);
        assertEquals(2, SnippetRunner.ipmCc(s.cpu.r4), "positive sum");
        assertEquals(2, SnippetRunner.ipmCc(s.cpu.r5), "2.25 > -0.25");
        assertEquals(2, s.cpu.r6);
        assertEquals(0x77777777_80000000L, s.cpu.r7, "NaN converts to the most negative word; high word kept");
        assertEquals(3, s.cpu.cc(), "invalid conversion");
        assertEquals(Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY), s.cpu.f2);
        assertEquals(0x40100000_22222222L, s.cpu.f8, "short result in the left half, right half kept");
        assertEquals(0x00c80000L, s.cpu.fpc, "flags: invalid (cfdbr), divide by zero (ddbr), inexact (cgdbr)");
    }
}

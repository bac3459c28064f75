package org.jtcg.arm64.translate;

import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Single A64 instructions against literal expected values (worked out from the Arm ARM
 * pseudocode), under both engines. Instruction words come from aarch64-linux-gnu-as; the source
 * line is next to each.
 */
class A64InstructionTest {
    static final int ADDS_X = 0xab020020;  // adds x0, x1, x2
    static final int SUBS_X = 0xeb020020;  // subs x0, x1, x2
    static final int ADDS_W = 0x2b020020;  // adds w0, w1, w2
    static final int SUBS_W = 0x6b020020;  // subs w0, w1, w2
    static final int ADCS_X = 0xba020020;  // adcs x0, x1, x2
    static final int SBCS_W = 0x7a020020;  // sbcs w0, w1, w2

    private static A64SnippetRunner run(String engine, int insn, long x1, long x2) {
        A64SnippetRunner r = new A64SnippetRunner(engine).code(insn);
        r.cpu.x1 = x1;
        r.cpu.x2 = x2;
        return r.runToEnd();
    }

    private static void flags(String engine, int insn, long x1, long x2, long result, int nzcv) {
        A64SnippetRunner r = run(engine, insn, x1, x2);
        assertEquals(result, r.cpu.x0, "result");
        assertEquals(nzcv, r.nzcv(), "NZCV");
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void addSubFlags(String e) {
        flags(e, ADDS_X, -1, 1, 0, 0b0110);                                  // carry out, zero
        flags(e, ADDS_X, Long.MAX_VALUE, 1, Long.MIN_VALUE, 0b1001);         // signed overflow
        flags(e, ADDS_X, Long.MIN_VALUE, Long.MIN_VALUE, 0, 0b0111);         // both
        flags(e, SUBS_X, 5, 5, 0, 0b0110);                                   // equal: Z and C (no borrow)
        flags(e, SUBS_X, 3, 5, -2, 0b1000);                                  // borrow: C clear
        flags(e, SUBS_X, Long.MIN_VALUE, 1, Long.MAX_VALUE, 0b0011);         // overflow, no borrow
        flags(e, ADDS_W, 0xffff_ffffL, 1, 0, 0b0110);                        // 32-bit carry, upper bits ignored
        flags(e, ADDS_W, 0x7fff_ffffL, 1, 0x8000_0000L, 0b1001);
        flags(e, SUBS_W, 0x1_0000_0000L, 1, 0xffff_ffffL, 0b1000);           // only w1 = 0 counts
        flags(e, SUBS_W, 0x8000_0000L, 1, 0x7fff_ffffL, 0b0011);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void carryInputs(String e) {
        A64SnippetRunner r = new A64SnippetRunner(e).code(ADCS_X);
        r.cpu.x1 = -1;
        r.cpu.x2 = 0;
        r.cpu.c = 1;
        r.runToEnd();
        assertEquals(0, r.cpu.x0);
        assertEquals(0b0110, r.nzcv()); // -1 + 0 + 1: carry out although b = 0
        r = new A64SnippetRunner(e).code(SBCS_W);
        r.cpu.x1 = 5;
        r.cpu.x2 = 5;
        r.cpu.c = 0; // 5 - 5 - 1
        r.runToEnd();
        assertEquals(0xffff_ffffL, r.cpu.x0);
        assertEquals(0b1000, r.nzcv());
    }

    private static long one(String e, int insn, long x0, long x1, long x2, long x3) {
        A64SnippetRunner r = new A64SnippetRunner(e).code(insn);
        r.cpu.x0 = x0;
        r.cpu.x1 = x1;
        r.cpu.x2 = x2;
        r.cpu.x3 = x3;
        return r.runToEnd().cpu.x0;
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void bitfieldAndLogicalImmediates(String e) {
        long v = 0xfedc_ba98_7654_3210L;
        assertEquals(0x432L, one(e, 0xd3484c20, 0, v, 0, 0));                       // ubfx x0, x1, #8, #12
        assertEquals(0x21L, one(e, 0x93442c20, 0, v, 0, 0));                        // sbfx x0, x1, #4, #8
        assertEquals(0xffff_ffff_ffff_ffa1L, one(e, 0x93442c20, 0, 0xa10, 0, 0));   // sbfx sign-extends
        assertEquals(0x1111_1111_1110_1111L, one(e, 0xb3701c20, 0x1111_1111_1111_1111L, 0x10, 0, 0)); // bfi x0, x1, #16, #8
        assertEquals(0x8L, one(e, 0x531d7020, 0, 0x1_2000_0001L, 0, 0));            // lsl w0, w1, #3: 32-bit, zero-extended
        assertEquals(0x00dc_0098_0054_0010L, one(e, 0x92009c20, 0, v, 0, 0));     // and x0, x1, #0x00ff00ff00ff00ff
        assertEquals(0x3cL, one(e, 0x321e0fe0, -1, 0, 0, 0));                       // orr w0, wzr, #0x3c
        assertEquals(v ^ 0xffff_ffff_ffff_fffeL, one(e, 0xd27ff820, 0, v, 0, 0));  // eor x0, x1, #~1
        assertEquals(0xffff_1234_ffff_ffffL, one(e, 0xf2c24680, -1, 0, 0, 0));     // movk x0, #0x1234, lsl #32
    }

    @Test
    void logicalImmediateDecoding() {
        assertEquals(0x00ff_00ff_00ff_00ffL, BitMasks.logicalImmediate(true, 0, 0, 0x27));
        assertEquals(0x3cL, BitMasks.logicalImmediate(false, 0, 30, 3));
        assertEquals(0xffff_ffff_ffff_fffeL, BitMasks.logicalImmediate(true, 1, 63, 62));
        assertEquals(BitMasks.NONE, BitMasks.logicalImmediate(true, 1, 0, 63));      // all ones: reserved
        assertEquals(BitMasks.NONE, BitMasks.logicalImmediate(false, 1, 0, 0));      // N = 1 in 32-bit
        assertEquals(0x5555_5555_5555_5555L, BitMasks.logicalImmediate(true, 0, 0, 0x3c)); // 2-bit element 01
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void arithmetic(String e) {
        assertEquals(0L, one(e, 0x9ac20820, 0, 7, 0, 0));                           // udiv by zero: 0, no trap
        assertEquals(0xffff_fffdL, one(e, 0x1ac20c20, 0, -7, 2, 0));                // sdiv w0: -3 zero-extended
        assertEquals(0x80000000L, one(e, 0x1ac20c20, 0, 0x8000_0000L, 0xffff_ffffL, 0)); // INT_MIN / -1
        assertEquals(23L, one(e, 0x9b020c20, 0, 4, 5, 3));                          // madd: 3 + 4 * 5
        assertEquals(1L, one(e, 0x9bc27c20, 0, 1L << 63, 2, 0));                    // umulh
        assertEquals(32L, one(e, 0x5ac01020, 0, 0, 0, 0));                          // clz w0, wzr-like 0
        assertEquals(0x1032_5476_98ba_dcfeL, one(e, 0xdac00c20, 0, 0xfedc_ba98_7654_3210L, 0, 0)); // rev
        assertEquals(0x80000000L, one(e, 0x5ac00020, 0, 1, 0, 0));                  // rbit w0
        assertEquals(0x210f_edcb_a987_6543L, one(e, 0x93c23020, 0, 0x3210, 0xfedc_ba98_7654_3210L, 0)); // extr x0, x1, x2, #12
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void conditionalCompareAndSelect(String e) {
        A64SnippetRunner r = new A64SnippetRunner(e).code(0xfa420025); // ccmp x1, x2, #5, eq
        r.cpu.z = 0;
        r.cpu.x1 = 1;
        r.cpu.x2 = 1;
        r.runToEnd();
        assertEquals(0b0101, r.nzcv()); // condition false: the immediate flags
        r = new A64SnippetRunner(e).code(0xfa420025);
        r.cpu.z = 1;
        r.cpu.x1 = 1;
        r.cpu.x2 = 1;
        r.runToEnd();
        assertEquals(0b0110, r.nzcv()); // condition true: flags of 1 - 1
        r = new A64SnippetRunner(e).code(0x9a821420); // csinc x0, x1, x2, ne
        r.cpu.z = 1;
        r.cpu.x1 = 10;
        r.cpu.x2 = 20;
        assertEquals(21, r.runToEnd().cpu.x0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void loadsStoresAndExclusives(String e) {
        long d = A64SnippetRunner.DATA;
        A64SnippetRunner r = new A64SnippetRunner(e).code(
                0xf9400420,  // ldr x0, [x1, #8]
                0xa8c10c22,  // ldp x2, x3, [x1], #16
                0xb81fcc22,  // str w2, [x1, #-4]!
                0x38a26820); // ldrsb x0, [x1, x2]
        r.mem.store(d + 8, 8, 0x1122_3344_5566_7788L, false);
        r.mem.store(d, 8, 0x80, false);
        r.cpu.x1 = d;
        r.runToEnd();
        assertEquals(d + 12, r.cpu.x1);          // post-index +16, then pre-index -4
        assertEquals(0x80, r.cpu.x2);
        assertEquals(0x1122_3344_5566_7788L, r.cpu.x3);
        assertEquals(0x80, r.mem.load(d + 12, 4, false));
        assertEquals(r.mem.load(d + 12 + 0x80, 1, true), r.cpu.x0);

        r = new A64SnippetRunner(e).code(0xc85f7c20, 0xc8037c22); // ldxr x0, [x1]; stxr w3, x2, [x1]
        r.cpu.x1 = d;
        r.cpu.x2 = 99;
        r.cpu.x3 = 7;
        r.runToEnd();
        assertEquals(0, r.cpu.x3);               // success
        assertEquals(99, r.mem.load(d, 8, false));
        r = new A64SnippetRunner(e).code(0xc8037c22); // stxr without ldxr
        r.cpu.x1 = d;
        r.cpu.x2 = 5;
        r.runToEnd();
        assertEquals(1, r.cpu.x3);               // failure, memory unchanged
        assertEquals(0, r.mem.load(d, 8, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void systemRegisters(String e) {
        A64SnippetRunner r = new A64SnippetRunner(e).code(0xd53b4200, 0xd51bd041, 0xd53bd040); // mrs nzcv; msr/mrs tpidr_el0
        r.cpu.n = 1;
        r.cpu.v = 1;
        r.cpu.x1 = 0x1234;
        r.runToEnd();
        assertEquals(0x1234, r.cpu.x0);
        assertEquals(0x1234, r.cpu.tpidrEl0);
        r = new A64SnippetRunner(e).code(0xd53b4200);
        r.cpu.n = 1;
        r.cpu.v = 1;
        assertEquals(0x9000_0000L, r.runToEnd().cpu.x0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void trapsAndUndefined(String e) {
        A64SnippetRunner r = new A64SnippetRunner(e).code(0x00000000); // udf #0
        EngineExit x = r.run();
        assertEquals(Signals.SIGILL, x.signal());
        assertEquals(SigCodes.ILL_ILLOPC, x.siCode());
        assertEquals(A64SnippetRunner.CODE, r.cpu.pc);
        r = new A64SnippetRunner(e).code(0x9a821420); // then brk #0
        x = r.run();
        assertEquals(Signals.SIGTRAP, x.signal());
        assertEquals(A64SnippetRunner.CODE + 4, r.cpu.pc);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void simdAndFp(String e) {
        A64SnippetRunner r = new A64SnippetRunner(e).code(0x6e228c20); // cmeq v0.16b, v1.16b, v2.16b
        r.cpu.v1lo = 0x0011_2233_4455_6677L;
        r.cpu.v2lo = 0x0011_0033_0055_0077L;
        r.cpu.v1hi = 5;
        r.cpu.v2hi = 5;
        r.runToEnd();
        assertEquals(0xffff_00ff_00ff_00ffL, r.cpu.v0lo);
        assertEquals(-1L, r.cpu.v0hi);
        r = new A64SnippetRunner(e).code(0x4e31b820); // addv b0, v1.16b
        r.cpu.v1lo = 0x0101_0101_0101_0101L;
        r.cpu.v1hi = 0xff00_0000_0000_0003L;
        r.cpu.v0hi = 77;
        r.runToEnd();
        assertEquals((8 + 3 + 0xff) & 0xff, r.cpu.v0lo);
        assertEquals(0, r.cpu.v0hi);                    // scalar write clears the rest
        r = new A64SnippetRunner(e).code(0x4e020c20);   // dup v0.8h, w1
        r.cpu.x1 = 0x1_abcd;
        r.runToEnd();
        assertEquals(0xabcd_abcd_abcd_abcdL, r.cpu.v0lo);
        assertEquals(0xabcd_abcd_abcd_abcdL, r.cpu.v0hi);
        r = new A64SnippetRunner(e).code(0x1e622820, 0x1e780020); // fadd d0, d1, d2; fcvtzs w0, d1
        r.cpu.v1lo = Double.doubleToRawLongBits(-2.75);
        r.cpu.v2lo = Double.doubleToRawLongBits(0.5);
        r.runToEnd();
        assertEquals(-2.25, Double.longBitsToDouble(r.cpu.v0lo));
        assertEquals(0xffff_fffeL, r.cpu.x0);           // -2 (toward zero), as a w register
        assertEquals(0x10, r.cpu.fpsr);                  // IXC from the conversion
        r = new A64SnippetRunner(e).code(0x1e212000);   // fcmp s0, s1 with a NaN
        r.cpu.v0lo = 0x7fc0_0000L;
        r.cpu.v1lo = Float.floatToRawIntBits(1f);
        r.runToEnd();
        assertEquals(0b0011, r.nzcv());
        assertTrue(r.cpu.fpsr == 0, "quiet NaN compare raises nothing");
    }
}

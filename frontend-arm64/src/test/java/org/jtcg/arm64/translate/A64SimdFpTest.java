package org.jtcg.arm64.translate;

import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.signal.Signals;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * AdvSIMD floating point against literal values worked out by hand from the Arm ARM pseudocode
 * (RecipEstimate, FPRecipEstimate, FPRSqrtEstimate, FPRecpX, FPRecipStepFused, FPRSqrtStepFused,
 * FPProcessNaNs, FPMaxNum, FPMulX, FPToFixed, FPRoundCV, round to odd), under both engines: the
 * estimate tables, NaN propagation and default NaN, infinity times zero, flush-to-zero with IDC and
 * UFC, and the cumulative FPSR flags. Words from aarch64-linux-gnu-as, the source next to each.
 * The whole-instruction-set comparison with qemu is the simdfp guest (Arm64GuestProgramsTest).
 */
class A64SimdFpTest {
    static final long FZ = 1L << 24, DN = 1L << 25, RZ = 3L << 22;
    static final int IOC = 0x01, DZC = 0x02, OFC = 0x04, UFC = 0x08, IXC = 0x10, IDC = 0x80;

    /** Runs one word with V1 = n, V2 = m, V0 = d (lo, hi pairs) and the given FPCR. */
    private static A64SnippetRunner run(String e, int insn, long fpcr, long nLo, long nHi, long mLo, long mHi, long dLo, long dHi) {
        A64SnippetRunner r = new A64SnippetRunner(e).code(insn);
        r.cpu.fpcr = fpcr;
        r.cpu.v1lo = nLo;
        r.cpu.v1hi = nHi;
        r.cpu.v2lo = mLo;
        r.cpu.v2hi = mHi;
        r.cpu.v0lo = dLo;
        r.cpu.v0hi = dHi;
        return r.runToEnd();
    }

    /** A scalar single op on s1 (and s2): s0 and FPSR. */
    private static void scalar(String e, int insn, long fpcr, long n, long m, long want, int fpsr) {
        A64SnippetRunner r = run(e, insn, fpcr, n, 0x1234, m, 0x5678, 0x9999, 0x7777);
        assertEquals(want, r.cpu.v0lo, String.format("%08x op %08x, %08x", insn, n, m));
        assertEquals(0, r.cpu.v0hi, "scalar write clears the upper bits");
        assertEquals(fpsr, r.cpu.fpsr, String.format("FPSR of %08x op %08x, %08x", insn, n, m));
    }

    private static void vector(String e, int insn, long fpcr, long[] n, long[] m, long[] d, long[] want, int fpsr) {
        A64SnippetRunner r = run(e, insn, fpcr, n[0], n[1], m[0], m[1], d[0], d[1]);
        assertEquals(Long.toHexString(want[0]), Long.toHexString(r.cpu.v0lo), "low half");
        assertEquals(Long.toHexString(want[1]), Long.toHexString(r.cpu.v0hi), "high half");
        assertEquals(fpsr, r.cpu.fpsr, "FPSR");
    }

    private static long[] v(long lo, long hi) {
        return new long[] {lo, hi};
    }

    private static long s2(long lane1, long lane0) {
        return lane1 << 32 | lane0;
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void reciprocalEstimates(String e) {
        int frecpe = 0x5ea1d820;                                  // frecpe s0, s1
        scalar(e, frecpe, 0, 0x3f800000L, 0, 0x3f7f8000L, 0);     // 1.0: RecipEstimate(256) = 511
        scalar(e, frecpe, 0, 0x40000000L, 0, 0x3eff8000L, 0);     // 2.0: exponent 253 - 128
        scalar(e, frecpe, 0, 0x00400000L, 0, 0x7eff8000L, 0);     // denormal 2^-127 -> 2^127 * 0.998
        scalar(e, frecpe, 0, 0x80000000L, 0, 0xff800000L, DZC);   // -0 -> -inf, divide by zero
        scalar(e, frecpe, 0, 0x7f800000L, 0, 0, 0);               // inf -> +0
        scalar(e, frecpe, 0, 0x00000001L, 0, 0x7f800000L, OFC | IXC); // |x| < 2^-128 overflows: RN to inf
        scalar(e, frecpe, RZ, 0x80000001L, 0, 0xff7fffffL, OFC | IXC); // RZ: to the largest normal
        scalar(e, frecpe, FZ, 0x7f000000L, 0, 0, UFC);            // FZ and |x| >= 2^126: flushed, UFC only
        scalar(e, frecpe, FZ, 0x00400000L, 0, 0x7f800000L, IDC | DZC); // FZ: a denormal input is zero
        scalar(e, frecpe, 0, 0x7f800001L, 0, 0x7fc00001L, IOC);   // SNaN quieted
        scalar(e, frecpe, DN, 0x7f800001L, 0, 0x7fc00000L, IOC);  // DN: the default NaN
        A64SnippetRunner r = run(e, 0x5ee1d820, 0, 0x3ff0000000000000L, 0, 0, 0, 0, 0); // frecpe d0, d1 (1.0)
        assertEquals(0x3feff00000000000L, r.cpu.v0lo);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void reciprocalSquareRootEstimates(String e) {
        int frsqrte = 0x7ea1d820;                                 // frsqrte s0, s1
        scalar(e, frsqrte, 0, 0x3f800000L, 0, 0x3f7f8000L, 0);    // 1.0: odd exponent, RecipSqrtEstimate(128) = 511
        scalar(e, frsqrte, 0, 0x40000000L, 0, 0x3f348000L, 0);    // 2.0: RecipSqrtEstimate(256) = 361 (1/sqrt 2 = 0.705)
        scalar(e, frsqrte, 0, 0x40800000L, 0, 0x3eff8000L, 0);    // 4.0
        scalar(e, frsqrte, 0, 0xbf800000L, 0, 0x7fc00000L, IOC);  // negative: default NaN, invalid
        scalar(e, frsqrte, 0, 0x80000000L, 0, 0xff800000L, DZC);  // -0 -> -inf
        scalar(e, frsqrte, 0, 0x7f800000L, 0, 0, 0);              // +inf -> +0
        int frecpx = 0x5ea1f820;                                  // frecpx s0, s1
        scalar(e, frecpx, 0, 0x40400000L, 0, 0x3f800000L, 0);     // 3.0: exponent inverted, fraction dropped
        scalar(e, frecpx, 0, 0x80000000L, 0, 0xff000000L, 0);     // zero: the largest exponent but one
        scalar(e, frecpx, 0, 0x7f800000L, 0, 0, 0);               // infinity -> 0
        scalar(e, frecpx, 0, 0xff800005L, 0, 0xffc00005L, IOC);
        vector(e, 0x0ea1c820, 0, v(s2(0x7fffffffL, 0x80000000L), 0), v(0, 0), v(0, 0),     // urecpe v0.2s, v1.2s
                v(s2(0xffffffffL, 0xff800000L), 0), 0);
        vector(e, 0x2ea1c820, 0, v(s2(0x3fffffffL, 0x40000000L), 0), v(0, 0), v(0, 0),     // ursqrte v0.2s, v1.2s
                v(s2(0xffffffffL, 0xff800000L), 0), 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void newtonRaphsonSteps(String e) {
        int frecps = 0x5e22fc20, frsqrts = 0x5ea2fc20;            // frecps / frsqrts s0, s1, s2
        scalar(e, frecps, 0, 0x7f800000L, 0x00000000L, 0x40000000L, 0); // inf * 0 -> 2.0, no Invalid
        scalar(e, frecps, FZ, 0xff800000L, 0x00000001L, 0x40000000L, IDC); // the denormal is zero under FZ
        scalar(e, frecps, 0, 0x3f800000L, 0x3fc00000L, 0x3f000000L, 0); // 2 - 1 * 1.5
        scalar(e, frecps, 0, 0x7fc00001L, 0x3f800000L, 0xffc00001L, 0); // FPNeg(op1) flips a NaN's sign too
        scalar(e, frsqrts, 0, 0x00000000L, 0xff800000L, 0x3fc00000L, 0); // 0 * inf -> 1.5
        scalar(e, frsqrts, 0, 0x40000000L, 0x40400000L, 0xbfc00000L, 0); // (3 - 6) / 2
        scalar(e, frsqrts, 0, 0x3f800000L, 0x3f800000L, 0x3f800000L, 0); // (3 - 1) / 2
        // (3 - a*b) / 2 is rounded once: 1 + 2^-23 squared is 1 + 2^-22 + 2^-46, inexact
        scalar(e, frsqrts, 0, 0x3f800001L, 0x3f800001L, 0x3f7ffffeL, IXC);
        vector(e, 0x4ee2fc20, 0, v(0x7ff0000000000000L, 0x4000000000000000L),           // frsqrts v0.2d
                v(0x8000000000000000L, 0x4008000000000000L), v(0, 0),
                v(0x3ff8000000000000L, 0xbff8000000000000L), 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void nansAndMinMax(String e) {
        long qnan = 0x7fc00001L, snan = 0x7f800002L, one = 0x3f800000L;
        int fadd = 0x4e22d420;                                    // fadd v0.4s, v1.4s, v2.4s
        vector(e, fadd, 0, v(s2(one, qnan), s2(one, one)), v(s2(snan, snan), s2(one, 0xbf800000L)), v(0, 0),
                v(s2(0x7fc00002L, 0x7fc00002L), s2(0x40000000L, 0)), IOC); // SNaN before QNaN, quieted
        vector(e, fadd, DN, v(s2(one, qnan), 0), v(s2(one, one), 0), v(0, 0),
                v(s2(0x40000000L, 0x7fc00000L), 0), 0);            // DN: default NaN, quiet NaN raises nothing
        vector(e, 0x4e22c420, 0, v(s2(qnan, one), s2(snan, 0)), v(s2(one, qnan), s2(one, 0x80000000L)), v(0, 0), // fmaxnm
                v(s2(one, one), s2(0x7fc00002L, 0)), IOC);       // one quiet NaN loses; SNaN still wins; max(+0,-0) = +0
        vector(e, 0x4e22f420, 0, v(s2(qnan, one), 0), v(s2(one, qnan), 0), v(0, 0),     // fmax
                v(s2(qnan, qnan), 0), 0);
        vector(e, 0x4e62dc20, 0, v(0x7ff0000000000000L, 0x0000000000000000L),            // fmulx v0.2d
                v(0x8000000000000000L, 0xfff0000000000000L), v(0, 0),
                v(0xc000000000000000L, 0xc000000000000000L), 0);  // inf * 0 = 2 with the product's sign
        scalar(e, 0x7ea2d420, 0, 0xffc00000L, one, 0x7fc00000L, 0); // fabd: FPAbs clears a NaN's sign too
        scalar(e, 0x7ea2d420, 0, one, 0x40400000L, 0x40000000L, 0);
        vector(e, 0x6e22e420, 0, v(s2(one, qnan), 0), v(s2(one, one), 0), v(0, 0),     // fcmge: signaling compare
                v(s2(0xffffffffL, 0), -1L), IOC);                  // lanes 2, 3: 0 >= 0
        vector(e, 0x6ee0d820, 0, v(0x8000000000000000L, 0x0000000000000001L), v(0, 0), v(0, 0), // fcmle #0.0
                v(-1L, 0), 0);
        vector(e, 0x6ee0d820, FZ, v(0x3ff0000000000000L, 0x0000000000000001L), v(0, 0), v(0, 0),
                v(0, -1L), IDC);                                   // FZ: the denormal compares as zero
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void multiplyAddPairwiseAcross(String e) {
        long two = 0x40000000L, three = 0x40400000L, one = 0x3f800000L;
        vector(e, 0x4fa21820, 0, v(s2(two, two), s2(two, 0xc0000000L)), v(0, s2(three, 0)), // fmla v0.4s, v1.4s, v2.s[3]
                v(s2(one, one), s2(one, one)), v(s2(0x40e00000L, 0x40e00000L), s2(0x40e00000L, 0xc0a00000L)), 0);
        vector(e, 0x4ee2cc20, 0, v(0x7ff8000000000001L, 0x3ff0000000000000L),               // fmls v0.2d
                v(0x3ff0000000000000L, 0x4000000000000000L), v(0, 0x4008000000000000L),
                v(0xfff8000000000001L, 0x3ff0000000000000L), 0); // FPNeg(NaN) flips its sign; 3 - 1*2
        vector(e, 0x6e22d420, 0, v(s2(two, one), s2(0x7f7fffffL, 0x7f7fffffL)), v(s2(one, 0xbf800000L), s2(0, 0)), v(0, 0), // faddp 4s
                v(s2(0x7f800000L, three), s2(0, 0)), OFC | IXC);
        A64SnippetRunner r = run(e, 0x6eb0c820, 0, s2(0x7fc00000L, three), s2(one, 0xc0000000L), 0, 0, 0, 0); // fminnmv s0, v1.4s
        assertEquals(0xc0000000L, r.cpu.v0lo);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void conversions(String e) {
        scalar(e, 0x7e616820, 0, 0x3ff0000004000000L, 0, 0x3f800001L, IXC); // fcvtxn s0, d1: round to odd
        scalar(e, 0x7e616820, 0, 0x3ff0000000000000L, 0, 0x3f800000L, 0);   // exact: unchanged
        A64SnippetRunner r = run(e, 0x1e18e020, 0, 0x3fc00000L, 0, 0, 0, 0, 0); // fcvtzs w0, s1, #8 (1.5)
        assertEquals(384, r.cpu.x0);
        r = run(e, 0x1e18e020, 0, 0x501502f9L, 0, 0, 0, 0, 0);                  // 1e10 * 2^8 saturates
        assertEquals(0x7fffffffL, r.cpu.x0);
        assertEquals(IOC, r.cpu.fpsr);
        r = new A64SnippetRunner(e).code(0x1e02c020);                           // scvtf s0, w1, #16
        r.cpu.x1 = 0xffff_ffff_ffff_0000L;                                      // w1 = -65536
        r.runToEnd();
        assertEquals(0xbf800000L, r.cpu.v0lo);
        vector(e, 0x6f7cfc20, 0, v(0x3ff8000000000000L, 0xbff0000000000000L), v(0, 0), v(0, 0), // fcvtzu v0.2d, #4
                v(24, 0), IOC);                                    // 1.5 * 16; negative saturates to 0
        vector(e, 0x0e217820, FZ, v(0x7e00_0001_3c00_8001L, 0), v(0, 0), v(0, 0),       // fcvtl v0.4s, v1.4h
                v(s2(0x3f800000L, 0xb3800000L), s2(0x7fc00000L, 0x33800000L)), 0); // FZ16 ignored: no flush of halves
        vector(e, 0x0e216820, FZ, v(s2(0x33800000L, 0x3f800000L), s2(0x477ff000L, 0x7f800001L)), v(0, 0), v(0, -1L), // fcvtn v0.4h
                v(0x7c00_7e00_0001_3c00L, 0), IOC | OFC | IXC);    // 2^-24 stays a half denormal; 65520 overflows
        scalar(e, 0x1e23c020, FZ, 0x33800000L, 0, 0x0001L, 0);     // fcvt h0, s1: the same for scalar FCVT
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void alternativeHalfPrecision(String e) {
        long ahp = 1L << 26;
        int toHalf = 0x1e23c020, toSingle = 0x1ee24020;            // fcvt h0, s1; fcvt s0, h1
        scalar(e, toHalf, ahp, 0x4788b800L, 0, 0x7c46L, IXC);      // 70000: exponent 31 is normal (70016)
        scalar(e, toHalf, 0, 0x4788b800L, 0, 0x7c00L, OFC | IXC);  // IEEE half: overflow to infinity
        scalar(e, toHalf, ahp, 0xff800000L, 0, 0xffffL, IOC);      // -inf: the largest value, Invalid
        scalar(e, toHalf, ahp, 0x7fc00000L, 0, 0, IOC);            // NaN: +0, Invalid (also without SNaN)
        scalar(e, toHalf, ahp, 0x48800000L, 0, 0x7fffL, IOC);      // 2^18: too large, Invalid only
        scalar(e, toSingle, ahp, 0x7c00L, 0, 0x47800000L, 0);      // 0x7c00 is 65536, not infinity
        scalar(e, toSingle, ahp, 0xffffL, 0, 0xc7ffe000L, 0);      // -131008
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void unallocatedHalfPrecisionAndLaterExtensions(String e) {
        for (int insn : new int[] {0x6e21e820, 0x4e420c20}) {     // frint32x v0.4s (v8.5); fmla v0.8h (FP16)
            A64SnippetRunner r = new A64SnippetRunner(e).code(insn);
            EngineExit x = r.run();
            assertEquals(Signals.SIGILL, x.signal(), Integer.toHexString(insn));
        }
    }
}

package org.jtcg.x86.x87;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.jtcg.x86.x87.NativeX87Probe.Case;
import org.jtcg.x86.x87.NativeX87Probe.Result;
import org.junit.jupiter.api.Test;

/**
 * Bit-exact comparison of the soft x87 with the host FPU (results, FSW with flags, condition codes
 * and TOP, memory results and FCOMI EFLAGS) over random, edge-biased operands in all rounding and
 * precision modes. Skipped when the host is not x86-64 or gcc is missing.
 */
class X87NativeCrossCheckTest {
    /** Op codes of x87probe.c. */
    static final int FADD = 0, FSUB = 1, FSUBR = 2, FMUL = 3, FDIV = 4, FDIVR = 5, FSQRT = 6, FRNDINT = 7,
            FSCALE = 8, FPREM = 9, FPREM1 = 10, FCOM = 11, FUCOM = 12, FCOMI = 13, FUCOMI = 14, FXAM = 15,
            FTST = 16, FXTRACT = 17, FST32 = 18, FST64 = 19, FIST16 = 20, FIST32 = 21, FISTP64 = 22,
            FISTTP16 = 23, FISTTP32 = 24, FISTTP64 = 25, FLD32 = 26, FLD64 = 27, FILD16 = 28, FILD32 = 29,
            FILD64 = 30, FADD32 = 31, FADD64 = 32, FSUBR32 = 33, FDIV64 = 34, FCOM32 = 35, FCOM64 = 36,
            FLDPI = 37, FLDL2E = 38, FLDL2T = 39, FLDLG2 = 40, FLDLN2 = 41, FLD1 = 42, FIADD32 = 43,
            FICOM16 = 44, FCHS = 45, FABS = 46, FMUL32 = 47, FDIVR64 = 48;
    static final int FIRST_STACK_OP = 49;
    /** Transcendentals (checked by X87TranscendentalCrossCheckTest, which allows one-ulp differences). */
    static final int FSIN = 76, FCOS = 77, FSINCOS = 78, FPTAN = 79, FPATAN = 80, F2XM1 = 81, FYL2X = 82,
            FYL2XP1 = 83, FSINCOS_FULL = 84, FPTAN_FULL = 85, FSIN_EMPTY = 86, FPATAN_EMPTY = 87;
    static final int OP_COUNT = 88;

    static final String[] NAMES = {"fadd", "fsub", "fsubr", "fmul", "fdiv", "fdivr", "fsqrt", "frndint", "fscale",
        "fprem", "fprem1", "fcom", "fucom", "fcomi", "fucomi", "fxam", "ftst", "fxtract", "fst m32", "fst m64",
        "fist m16", "fist m32", "fistp m64", "fisttp m16", "fisttp m32", "fisttp m64", "fld m32", "fld m64",
        "fild m16", "fild m32", "fild m64", "fadd m32", "fadd m64", "fsubr m32", "fdiv m64", "fcom m32", "fcom m64",
        "fldpi", "fldl2e", "fldl2t", "fldlg2", "fldln2", "fld1", "fiadd m32", "ficom m16", "fchs", "fabs",
        "fmul m32", "fdivr m64", "fadd empty", "fsqrt empty", "fld1 full", "fst m32 empty", "fistp m32 empty",
        "fcom empty", "fcomi empty", "fxam empty", "fxch empty", "fchs empty", "fxch", "fprem empty", "fxtract full",
        "fld m32 full", "fld st empty", "fstp st1 empty", "faddp", "fsubrp", "fcompp", "fucomip", "fincstp",
        "fdecstp x2", "fscale empty", "fld st(2) empty", "fcmov false empty", "fcmov true", "fcmov true empty", "fsin", "fcos", "fsincos", "fptan", "fpatan", "f2xm1",
        "fyl2x", "fyl2xp1", "fsincos full", "fptan full", "fsin empty", "fpatan empty"};

    /** Runs one case on the soft x87 the same way x87probe.c runs it on hardware. */
    static Result emulate(Case c) {
        X87State s = new X87State();
        X87.fninit(s);
        X87.fldcw(s, c.fcw());
        X87.fldMem80(s, c.bSig(), c.bSe());
        X87.fldMem80(s, c.aSig(), c.aSe());
        X87.fnclex(s);
        long mout = 0;
        int efl = 0;
        long m = c.mem();
        switch (c.op()) {
            case FADD: X87.fadd(s, 0, 1, false); break;
            case FSUB: X87.fsub(s, 0, 1, false); break;
            case FSUBR: X87.fsubr(s, 0, 1, false); break;
            case FMUL: X87.fmul(s, 0, 1, false); break;
            case FDIV: X87.fdiv(s, 0, 1, false); break;
            case FDIVR: X87.fdivr(s, 0, 1, false); break;
            case FSQRT: X87.fsqrt(s); break;
            case FRNDINT: X87.frndint(s); break;
            case FSCALE: X87.fscale(s); break;
            case FPREM: X87.fprem(s); break;
            case FPREM1: X87.fprem1(s); break;
            case FCOM: X87.fcom(s, 1, 0); break;
            case FUCOM: X87.fucom(s, 1, 0); break;
            case FCOMI: efl = X87.fcomi(s, 1, false); break;
            case FUCOMI: efl = X87.fucomi(s, 1, false); break;
            case FXAM: X87.fxam(s); break;
            case FTST: X87.ftst(s); break;
            case FXTRACT: X87.fxtract(s); break;
            case FST32: mout = X87.fstMem32(s, false); break;
            case FST64: mout = X87.fstMem64(s, false); break;
            case FIST16: mout = X87.fistMem16(s, false); break;
            case FIST32: mout = X87.fistMem32(s, false); break;
            case FISTP64: mout = X87.fistMem64(s, true); break;
            case FISTTP16: mout = X87.fisttpMem16(s); break;
            case FISTTP32: mout = X87.fisttpMem32(s); break;
            case FISTTP64: mout = X87.fisttpMem64(s); break;
            case FLD32: X87.fldMem32(s, m & 0xffffffffL); break;
            case FLD64: X87.fldMem64(s, m); break;
            case FILD16: X87.fildMem16(s, m & 0xffff); break;
            case FILD32: X87.fildMem32(s, m & 0xffffffffL); break;
            case FILD64: X87.fildMem64(s, m); break;
            case FADD32: X87.faddMem32(s, m & 0xffffffffL); break;
            case FADD64: X87.faddMem64(s, m); break;
            case FSUBR32: X87.fsubrMem32(s, m & 0xffffffffL); break;
            case FDIV64: X87.fdivMem64(s, m); break;
            case FCOM32: X87.fcomMem32(s, m & 0xffffffffL, false); break;
            case FCOM64: X87.fcomMem64(s, m, false); break;
            case FLDPI: X87.fldpi(s); break;
            case FLDL2E: X87.fldl2e(s); break;
            case FLDL2T: X87.fldl2t(s); break;
            case FLDLG2: X87.fldlg2(s); break;
            case FLDLN2: X87.fldln2(s); break;
            case FLD1: X87.fld1(s); break;
            case FIADD32: X87.fiaddMem32(s, m & 0xffffffffL); break;
            case FICOM16: X87.ficomMem16(s, m & 0xffff, false); break;
            case FCHS: X87.fchs(s); break;
            case FABS: X87.fabs(s); break;
            case FMUL32: X87.fmulMem32(s, m & 0xffffffffL); break;
            case FDIVR64: X87.fdivrMem64(s, m); break;
            case 49: X87.ffree(s, 1, false); X87.fadd(s, 0, 1, false); break;
            case 50: X87.ffree(s, 0, false); X87.fsqrt(s); break;
            case 51: fill(s); X87.fld1(s); break;
            case 52: X87.ffree(s, 0, false); mout = X87.fstMem32(s, false); break;
            case 53: X87.ffree(s, 0, false); mout = X87.fistMem32(s, true); break;
            case 54: X87.ffree(s, 1, false); X87.fcom(s, 1, 0); break;
            case 55: X87.ffree(s, 1, false); efl = X87.fcomi(s, 1, false); break;
            case 56: X87.ffree(s, 0, false); X87.fxam(s); break;
            case 57: X87.ffree(s, 1, false); X87.fxch(s, 1); break;
            case 58: X87.ffree(s, 0, false); X87.fchs(s); break;
            case 59: X87.fxch(s, 1); break;
            case 60: X87.ffree(s, 1, false); X87.fprem(s); break;
            case 61: fill(s); X87.fxtract(s); break;
            case 62: fill(s); X87.fldMem32(s, m & 0xffffffffL); break;
            case 63: X87.ffree(s, 0, false); X87.fld(s, 0); break;
            case 64: X87.ffree(s, 0, false); X87.fst(s, 1, true); break;
            case 65: X87.fadd(s, 1, 0, true); break;
            case 66: X87.fsubr(s, 1, 0, true); break;
            case 67: X87.fcom(s, 1, 2); break;
            case 68: efl = X87.fucomi(s, 1, true); break;
            case 69: X87.fincstp(s); break;
            case 70: X87.fdecstp(s); X87.fdecstp(s); break;
            case 71: X87.ffree(s, 1, false); X87.fscale(s); break;
            case 72: X87.ffree(s, 0, false); X87.fldMem64(s, m); X87.fld(s, 2); break;
            case 73: X87.ffree(s, 1, false); X87.fcmov(s, 1, false); break;
            case 74: X87.fcmov(s, 1, true); break;
            case 75: X87.ffree(s, 1, false); X87.fcmov(s, 1, true); break;
            case FSIN: X87.fsin(s); break;
            case FCOS: X87.fcos(s); break;
            case FSINCOS: X87.fsincos(s); break;
            case FPTAN: X87.fptan(s); break;
            case FPATAN: X87.fpatan(s); break;
            case F2XM1: X87.f2xm1(s); break;
            case FYL2X: X87.fyl2x(s); break;
            case FYL2XP1: X87.fyl2xp1(s); break;
            case FSINCOS_FULL: fill(s); X87.fsincos(s); break;
            case FPTAN_FULL: fill(s); X87.fptan(s); break;
            case FSIN_EMPTY: X87.ffree(s, 0, false); X87.fsin(s); break;
            case FPATAN_EMPTY: X87.ffree(s, 1, false); X87.fpatan(s); break;
            default: throw new IllegalArgumentException("op " + c.op());
        }
        int fsw = (int) X87.fnstsw(s);
        long rSig = X87.fstMem80Sig(s);
        int rSe = (int) X87.fstMem80SignExp(s, true);
        long r2Sig = X87.fstMem80Sig(s);
        int r2Se = (int) X87.fstMem80SignExp(s, true);
        return new Result(rSig, rSe, fsw, r2Sig, r2Se, mout, efl);
    }

    private static void fill(X87State s) {
        for (int i = 0; i < 6; i++) {
            X87.fld(s, 0);
        }
    }

    // ------------------------------------------------------------ operand generation

    private final SplittableRandom rnd = new SplittableRandom(0x5eed_87L);

    private long randomSig() {
        switch (rnd.nextInt(8)) {
            case 0: return 0x8000000000000000L;
            case 1: return -1L;
            case 2: return 0x8000000000000000L | (1L << rnd.nextInt(63)); // few bits: ties
            case 3: { // tie or near-tie at the 24/53-bit rounding points
                int pos = rnd.nextBoolean() ? 39 : 10;
                long base = 0x8000000000000000L | (rnd.nextLong() & ~((2L << pos) - 1));
                return base | (1L << pos) | (rnd.nextInt(3) == 0 ? 1 : 0) | (rnd.nextInt(3) == 0 ? (1L << (pos + 1)) : 0);
            }
            case 4: return 0x8000000000000000L | (rnd.nextLong() & 0xffffffffffL << 24); // short significand
            default: return 0x8000000000000000L | rnd.nextLong();
        }
    }

    /** An 80-bit value as {sig, se}, biased to special and edge cases. */
    long[] randomF80(int nearExp) {
        long sign = rnd.nextInt(2) << 15;
        int k = rnd.nextInt(100);
        if (k < 4) return new long[] {0, sign};
        if (k < 6) return new long[] {0x8000000000000000L, sign | 0x7fff};
        if (k < 8) return new long[] {0xC000000000000000L | (rnd.nextLong() >>> 2), sign | 0x7fff};
        if (k < 10) return new long[] {0x8000000000000000L | (rnd.nextLong() >>> 2) | 1, sign | 0x7fff};
        if (k < 15) return new long[] {randomSig() >>> (1 + rnd.nextInt(63)), sign}; // denormal
        if (k < 16) return new long[] {randomSig(), sign}; // pseudo-denormal
        if (k < 17) return new long[] {randomSig() >>> 1, sign | (1 + rnd.nextInt(0x7ffe))}; // unnormal
        if (k < 22) return new long[] {randomSig(), sign | (1 + rnd.nextInt(80))}; // tiny normal
        if (k < 27) return new long[] {randomSig(), sign | (0x7ffe - rnd.nextInt(80))}; // huge
        if (k < 35) return new long[] {randomSig(), sign | (1 + rnd.nextInt(0x7ffe))};
        int e = Math.max(1, Math.min(0x7ffe, nearExp + rnd.nextInt(140) - 70));
        return new long[] {randomSig(), sign | e};
    }

    long randomFloatBits(int expBits, int fracBits) {
        long sign = (long) rnd.nextInt(2) << (expBits + fracBits);
        int expMax = (1 << expBits) - 1;
        long frac = rnd.nextLong() & ((1L << fracBits) - 1);
        int k = rnd.nextInt(20);
        long exp;
        if (k == 0) { exp = 0; frac = 0; }
        else if (k < 3) exp = 0;
        else if (k < 5) exp = expMax;
        else if (k < 7) { exp = expMax; frac = 0; }
        else exp = (expMax >> 1) + rnd.nextInt(60) - 30;
        return sign | (exp << fracBits) | frac;
    }

    int randomFcw() {
        int pc = new int[] {0, 2, 3, 3, 1}[rnd.nextInt(5)];
        return 0x7f | (pc << 8) | (rnd.nextInt(4) << 10);
    }

    Case randomCase(int op) {
        long[] a = randomF80(0x3fff);
        long[] b = rnd.nextInt(3) == 0 ? randomF80((int) a[1] & 0x7fff) : randomF80(0x3fff);
        if (rnd.nextInt(10) == 0) b = new long[] {a[0] ^ (rnd.nextLong() & 7), a[1] ^ (rnd.nextInt(2) << 15)};
        if ((op == FSCALE) && rnd.nextBoolean()) { // small scale factors
            Float80 f = new Float80(0, 64);
            f.fromInt(rnd.nextInt(40000) - 20000);
            b = new long[] {f.sig, f.se};
        }
        if (op == FPREM || op == FPREM1) { // exponent gaps around the 64-bit partial limit
            if (rnd.nextBoolean()) b = new long[] {randomSig(), ((int) a[1] & 0x7fff) - rnd.nextInt(140) | (rnd.nextInt(2) << 15)};
        }
        if (rnd.nextInt(4) == 0) { // results at the underflow boundary, where tininess detection matters
            long mostlyOnes = -1L ^ (rnd.nextLong() & rnd.nextLong() & ((1L << rnd.nextInt(64)) - 1));
            int sign = rnd.nextInt(2) << 15;
            if (op == FMUL || op == FDIV) {
                a = new long[] {mostlyOnes, sign | (0x3ffd + rnd.nextInt(3))};
                b = new long[] {0x8000000000000000L | rnd.nextInt(3), op == FMUL ? 1 : 0x7ffd};
            } else if (op == FST32) {
                a = new long[] {mostlyOnes, sign | (0x3fff - 127 + rnd.nextInt(3) - 1)};
            } else if (op == FST64) {
                a = new long[] {mostlyOnes, sign | (0x3fff - 1023 + rnd.nextInt(3) - 1)};
            }
        }
        long mem;
        switch (op) {
            case FLD32: case 62: case FADD32: case FSUBR32: case FCOM32: case FMUL32: mem = randomFloatBits(8, 23); break;
            case FLD64: case 72: case FADD64: case FDIV64: case FCOM64: case FDIVR64: mem = randomFloatBits(11, 52); break;
            case FILD16: case FICOM16: mem = rnd.nextLong() & 0xffff; break;
            case FILD32: case FIADD32: mem = rnd.nextLong() & 0xffffffffL; break;
            default: mem = rnd.nextInt(2) == 0 ? rnd.nextLong() : rnd.nextInt(100);
        }
        if (op >= FIST16 && op <= FISTTP64 && rnd.nextBoolean()) { // integers near the limits and halves
            int bits = op == FIST16 || op == FISTTP16 ? 16 : op == FIST32 || op == FISTTP32 ? 32 : 64;
            int e = 0x3fff + rnd.nextInt(bits + 1);
            a = new long[] {randomSig(), e | (rnd.nextInt(2) << 15)};
        }
        return new Case(op, randomFcw(), a[0], (int) a[1] & 0xffff, b[0], (int) b[1] & 0xffff, mem);
    }

    // ------------------------------------------------------------ the checks

    private void crossCheck(List<Case> cases, int maxReport) throws Exception {
        NativeX87Probe.require();
        List<Result> hw = NativeX87Probe.run(cases);
        int[] fails = new int[OP_COUNT];
        int[] total = new int[OP_COUNT];
        StringBuilder report = new StringBuilder();
        int reported = 0;
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            total[c.op()]++;
            Result want = hw.get(i);
            Result got = emulate(c);
            if (!want.equals(got)) {
                fails[c.op()]++;
                if (fails[c.op()] <= 4 && reported++ < maxReport) {
                    report.append(String.format("%s fcw=%04x a=%04x:%016x b=%04x:%016x mem=%x%n   hw  %s%n   emu %s%n",
                            NAMES[c.op()], c.fcw(), c.aSe(), c.aSig(), c.bSe(), c.bSig(), c.mem(), want, got));
                }
            }
        }
        StringBuilder summary = new StringBuilder();
        int failed = 0;
        for (int op = 0; op < OP_COUNT; op++) {
            if (fails[op] > 0) {
                summary.append(NAMES[op]).append(' ').append(fails[op]).append('/').append(total[op]).append("; ");
                failed += fails[op];
            }
        }
        System.out.println("x87 native cross-check: " + (cases.size() - failed) + "/" + cases.size() + " bit-exact");
        assertTrue(failed == 0, failed + " mismatches of " + cases.size() + ": " + summary + "\n" + report);
    }

    private List<Case> randomCases(int perOp, int... ops) {
        List<Case> cases = new ArrayList<>();
        for (int op : ops) {
            for (int i = 0; i < perOp; i++) {
                cases.add(randomCase(op));
            }
        }
        return cases;
    }

    @Test
    void arithmeticMatchesHardware() throws Exception {
        crossCheck(randomCases(6000, FADD, FSUB, FSUBR, FMUL, FDIV, FDIVR, FSQRT), 60);
    }

    @Test
    void memoryOperandArithmeticMatchesHardware() throws Exception {
        crossCheck(randomCases(2000, FADD32, FADD64, FSUBR32, FDIV64, FMUL32, FDIVR64, FIADD32), 60);
    }

    @Test
    void roundScaleRemainderExtractMatchHardware() throws Exception {
        crossCheck(randomCases(4000, FRNDINT, FSCALE, FPREM, FPREM1, FXTRACT), 60);
    }

    @Test
    void comparisonsAndClassesMatchHardware() throws Exception {
        crossCheck(randomCases(800, FCOM, FUCOM, FCOMI, FUCOMI, FXAM, FTST, FCOM32, FCOM64, FICOM16, FCHS, FABS), 60);
    }

    @Test
    void conversionsMatchHardware() throws Exception {
        crossCheck(randomCases(3000, FST32, FST64, FIST16, FIST32, FISTP64, FISTTP16, FISTTP32, FISTTP64,
                FLD32, FLD64, FILD16, FILD32, FILD64), 60);
    }

    @Test
    void constantsMatchHardwareInEveryRoundingMode() throws Exception {
        List<Case> cases = new ArrayList<>();
        for (int op = FLDPI; op <= FLD1; op++) {
            for (int rc = 0; rc < 4; rc++) {
                for (int pc : new int[] {0, 2, 3}) {
                    cases.add(new Case(op, 0x7f | (pc << 8) | (rc << 10), 0, 0, 0, 0, 0)); // a, b zero: stack has room
                }
            }
        }
        crossCheck(cases, 60);
    }

    @Test
    void stackFaultsAndStackOpsMatchHardware() throws Exception {
        int[] ops = new int[FSIN - FIRST_STACK_OP];
        for (int i = 0; i < ops.length; i++) {
            ops[i] = FIRST_STACK_OP + i;
        }
        crossCheck(randomCases(300, ops), 60);
    }
}

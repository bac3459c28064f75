package org.jtcg.x86.x87;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

/** Host-independent checks of the transcendental instructions' fixed points (the native test covers the rest). */
class X87TranscendentalTest {
    private static final long ONE = 0x8000000000000000L;

    private static X87State withStack(long sig0, int se0, long sig1, int se1) {
        X87State s = new X87State();
        X87.fninit(s);
        X87.fldMem80(s, sig1, se1);
        X87.fldMem80(s, sig0, se0);
        X87.fnclex(s);
        return s;
    }

    @Test
    void reductionConstantIsPiRoundedTo66Bits() {
        assertEquals(new BigInteger("3243F6A8885A308D3", 16), Transcendental.PI66);
        assertEquals(66, Transcendental.PI66.bitLength());
    }

    @Test
    void outOfRangeTrigSetsC2AndKeepsTheOperand() {
        X87State s = withStack(ONE, Float80.BIAS + 63, ONE, Float80.BIAS);
        X87.fsincos(s);
        assertEquals(X87Flags.C2, s.fswFlags & (X87Flags.C2 | X87Flags.EXCEPTIONS));
        assertEquals(6, s.top, "nothing pushed");
        assertEquals(Float80.BIAS + 63, X87.stSe(s, 0));
        s.fswFlags |= X87Flags.C2;
        s = withStack(ONE, Float80.BIAS, 0, 0);
        s.fswFlags |= X87Flags.C2;
        X87.fsin(s);
        assertEquals(0, s.fswFlags & X87Flags.C2, "in range: C2 cleared");
    }

    @Test
    void sinOfPiUsesTheHardwareReduction() {
        // fldpi rounds pi up to 0xC90FDAA22168C235; sin of it is (pi - that) under the 66-bit pi, ~ -1.4e-19
        X87State s = withStack(0xC90FDAA22168C235L, Float80.BIAS + 1, 0, 0);
        X87.fsin(s);
        BigInteger x = new BigInteger("C90FDAA22168C235", 16).shiftLeft(2); // x * 2^64
        BigInteger r = Transcendental.PI66.subtract(x); // (P - x) * 2^64, exact and tiny: sin(P - x) rounds to it
        assertEquals(0x8000, X87.stSe(s, 0) & 0x8000, "negative: x is above the reduction pi");
        int lz = 64 - r.abs().bitLength();
        assertEquals(r.abs().shiftLeft(lz).longValue(), X87.stSig(s, 0));
        assertEquals(Float80.BIAS - 1 - lz, X87.stSe(s, 0) & 0x7fff);
    }

    @Test
    void exactCasesAndSpecials() {
        X87State s = withStack(ONE, Float80.BIAS + 3, 0xC000000000000000L, Float80.BIAS + 1); // log2(8) * 3
        X87.fyl2x(s);
        assertEquals(ONE | (1L << 60), X87.stSig(s, 0));
        assertEquals(Float80.BIAS + 3, X87.stSe(s, 0));
        assertEquals(X87Flags.PE, s.fswFlags & X87Flags.EXCEPTIONS, "exact, yet the hardware reports PE");

        s = withStack(ONE, Float80.BIAS, 0, 0); // f2xm1(1)
        X87.f2xm1(s);
        assertEquals(Float80.BIAS, X87.stSe(s, 0));
        assertEquals(X87Flags.PE | X87Flags.C1, s.fswFlags & (X87Flags.EXCEPTIONS | X87Flags.C1));

        s = withStack(0, 0x8000, 0, 0); // atan2(+0, -0) = +pi, rounded up
        X87.fpatan(s);
        assertEquals(0xC90FDAA22168C235L, X87.stSig(s, 0));
        assertEquals(Float80.BIAS + 1, X87.stSe(s, 0));
        assertEquals(X87Flags.PE | X87Flags.C1, s.fswFlags & (X87Flags.EXCEPTIONS | X87Flags.C1));

        s = withStack(0, 0, ONE, Float80.BIAS); // log2(+0) * 1 = -inf with ZE
        X87.fyl2x(s);
        assertEquals(0xffff, X87.stSe(s, 0));
        assertEquals(X87Flags.ZE, s.fswFlags & X87Flags.EXCEPTIONS);
    }

    @Test
    void tangentJustAbovePiOverFourRoundsPerRc() {
        // x = pi/4 rounded up (0.C90FDAA22168C235): tan x = 1 + 0.23 ulp, so RN gives 1.0 (C1 clear), RU 1 + 2^-63
        long sig = 0xC90FDAA22168C235L;
        X87State s = withStack(sig, Float80.BIAS - 1, 0, 0);
        X87.fptan(s);
        assertEquals(ONE, X87.stSig(s, 0), "1.0 pushed");
        assertEquals(ONE, X87.stSig(s, 1));
        assertEquals(Float80.BIAS, X87.stSe(s, 1));
        assertEquals(X87Flags.PE, s.fswFlags & (X87Flags.EXCEPTIONS | X87Flags.C1));
        s = withStack(sig, Float80.BIAS - 1, 0, 0);
        X87.fldcw(s, 0x0b7f);
        X87.fptan(s);
        assertEquals(ONE | 1, X87.stSig(s, 1));
        assertEquals(X87Flags.PE | X87Flags.C1, s.fswFlags & (X87Flags.EXCEPTIONS | X87Flags.C1));
    }
}

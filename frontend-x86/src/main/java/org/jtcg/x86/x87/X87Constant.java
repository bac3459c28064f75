package org.jtcg.x86.x87;

/**
 * The constants of FLDPI, FLDL2E, FLDL2T, FLDLG2 and FLDLN2 to 128 significand bits, rounded to the
 * 64-bit register format under the current rounding control as the hardware does (no PE is raised).
 * The digits were computed with 300-bit arithmetic (mpmath).
 */
enum X87Constant {
    PI(0x4000, 0xc90fdaa22168c234L, 0xc4c6628b80dc1cd1L),
    L2E(0x3fff, 0xb8aa3b295c17f0bbL, 0xbe87fed0691d3e88L),
    L2T(0x4000, 0xd49a784bcd1b8afeL, 0x492bf6ff4dafdb4cL),
    LG2(0x3ffd, 0x9a209a84fbcff798L, 0x8f8959ac0b7c9178L),
    LN2(0x3ffe, 0xb17217f7d1cf79abL, 0xc9e3b39803f2f6afL);

    final int signExp;
    private final long hi;
    private final long lo;

    X87Constant(int signExp, long hi, long lo) {
        this.signExp = signExp;
        this.hi = hi;
        this.lo = lo;
    }

    /** The 64-bit significand under rounding control {@code rc} (all constants are positive). */
    long significand(int rc) {
        boolean up;
        switch (rc) {
            case Float80.RC_NEAREST: up = lo < 0; break; // tail >= half (never exactly half)
            case Float80.RC_UP: up = lo != 0; break;
            default: up = false;
        }
        return up ? hi + 1 : hi;
    }
}

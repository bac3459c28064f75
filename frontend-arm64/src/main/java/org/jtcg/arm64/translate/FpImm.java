package org.jtcg.arm64.translate;

/** The Arm ARM's VFPExpandImm: the 8-bit FP immediate of fmov to single or double bits. */
final class FpImm {
    private FpImm() {}

    static long single(int imm8) {
        long sign = (imm8 >> 7) & 1, b6 = (imm8 >> 6) & 1;
        long exp = ((b6 ^ 1) << 7) | (b6 != 0 ? 0x7cL : 0) | ((imm8 >> 4) & 3);
        return sign << 31 | exp << 23 | (long) (imm8 & 15) << 19;
    }

    static long dbl(int imm8) {
        long sign = (imm8 >> 7) & 1, b6 = (imm8 >> 6) & 1;
        long exp = ((b6 ^ 1) << 10) | (b6 != 0 ? 0x3fcL : 0) | ((imm8 >> 4) & 3);
        return sign << 63 | exp << 52 | (long) (imm8 & 15) << 48;
    }
}

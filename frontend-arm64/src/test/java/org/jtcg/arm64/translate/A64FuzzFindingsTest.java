package org.jtcg.arm64.translate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Regression tests for bugs `jtcg fuzz --arch aarch64 --engines qemu,interp,jit` found (docs/fuzz.md
 * "Findings"). Expected values are qemu-aarch64 7.2 (-cpu cortex-a57) results of the same
 * instructions, which follow the Arm ARM: without FEAT_AFP, FPNeg flips the sign of a NaN too.
 */
class A64FuzzFindingsTest {
    private static final int FNMUL_S0_S1_S2 = 0x1e228820, FMSUB_S0_S1_S2_S3 = 0x1f028c20, FNMADD_D0_D1_D2_D3 = 0x1f620c20;
    private static final int ADDP_V0_2D = 0x4ee2bc20;

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void fnmulNegatesANaNResult(String engine) {
        A64SnippetRunner r = new A64SnippetRunner(engine).code(FNMUL_S0_S1_S2);
        r.cpu.v1lo = 0x7fa00001L; // signaling NaN: quieted, then negated
        r.cpu.v2lo = 0x3f800000L;
        r.runToEnd();
        assertEquals(0xffe00001L, r.cpu.v0lo);
        r.cpu.v1lo = 0x3f800000L;
        r.cpu.v2lo = 0xffc00005L;
        r.runToEnd();
        assertEquals(0x7fc00005L, r.cpu.v0lo);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void fusedFormsNegateNaNOperands(String engine) {
        A64SnippetRunner r = new A64SnippetRunner(engine).code(FMSUB_S0_S1_S2_S3);
        r.cpu.v1lo = 0x7fc00007L;
        r.cpu.v2lo = 0x3f800000L;
        r.cpu.v3lo = 0x3f800000L;
        r.runToEnd();
        assertEquals(0xffc00007L, r.cpu.v0lo);
        A64SnippetRunner d = new A64SnippetRunner(engine).code(FNMADD_D0_D1_D2_D3);
        d.cpu.v1lo = 0x3ff0000000000000L;
        d.cpu.v2lo = 0x4000000000000000L;
        d.cpu.v3lo = 0x7ff8000000000009L;
        d.runToEnd();
        assertEquals(0xfff8000000000009L, d.cpu.v0lo);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void addpOfDoublewordLanes(String engine) {
        A64SnippetRunner r = new A64SnippetRunner(engine).code(ADDP_V0_2D);
        r.cpu.v1lo = 1;
        r.cpu.v1hi = 2;
        r.cpu.v2lo = 10;
        r.cpu.v2hi = 20;
        r.runToEnd();
        assertEquals(3, r.cpu.v0lo);
        assertEquals(30, r.cpu.v0hi);
    }
}

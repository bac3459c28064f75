package org.jtcg.s390x.translate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Regression tests for bugs `jtcg fuzz --arch s390x --engines qemu,interp,jit` found (docs/fuzz.md
 * "Findings"); expected values are qemu-s390x 7.2's for the same instructions.
 */
class S390xFuzzFindingsTest {
    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void multiplyAndAddPropagatesTheSecondOperandsNaNFirst(String engine) {
        SnippetRunner s = new SnippetRunner(engine).code("b31e 80e8" + "0aff"); // madbr %f8,%f14,%f8: f8 = f14 * f8 + f8
        s.cpu.f8 = 0x7ff804546f97f101L; // QNaN: addend and multiplier
        s.cpu.f14 = 0xffff6d8de1968f8bL; // QNaN
        s.runToSvc();
        assertEquals(0x7ff804546f97f101L, s.cpu.f8);
        SnippetRunner t = new SnippetRunner(engine).code("b31e 301c" + "0aff"); // madbr %f3,%f1,%f12: f3 = f1 * f12 + f3
        t.cpu.f1 = 0xfffea4de6aaa2153L; // QNaN
        t.cpu.f12 = 0x5838fcdc87f9eaf6L;
        t.cpu.f3 = 0xffffe8714e9a982bL; // QNaN addend
        t.cpu.fpc = 0xe80000;
        t.runToSvc();
        assertEquals(0xfffea4de6aaa2153L, t.cpu.f3);
    }
}

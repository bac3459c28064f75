package org.jtcg.s390x.translate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** ECAG describes no cache: topology summary 0, any per-level attribute -1 (qemu answers -1 to both). */
class CacheAttributesTest {
    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void noCacheIsDescribed(String engine) {
        SnippetRunner s = new SnippetRunner(engine).code(
                "eb100000004c"    // ecag %r1,%r0,0: topology summary
                + "eb200001004c"  // ecag %r2,%r0,1: level 1 (bits 60-62: 0), type 1 (instruction)... attribute 0
                + "eb300010004c"  // ecag %r3,%r0,16: attribute 1 (line size), level 1
                + "0aff");
        s.cpu.r1 = 5;
        s.cpu.r2 = 5;
        s.runToSvc();
        assertEquals(0, s.cpu.r1);
        assertEquals(0, s.cpu.r2, "attribute bits 56-59 are still 0: the summary");
        assertEquals(-1, s.cpu.r3);
    }
}

package org.jtcg.x86.translate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code pop m64} whose address uses rsp: the address is computed with rsp after the pop (SDM, POP). PCRE2's
 * JIT code (grep -P with a back-reference) moves its return address with {@code pop qword [rsp]}; with the
 * address taken before the increment the value landed one slot low and the later ret went astray.
 */
class PopToStackTest {
    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void popToRspUsesTheIncrementedRsp(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        long sp = r.cpu.rsp;
        // push 0x11; push 0x22; pop qword [rsp]
        r.code("6a 11 6a 22 8f 04 24").runToEnd();
        assertEquals(sp - 8, r.cpu.rsp);
        assertEquals(0x22, r.mem.load(sp - 8, 8, false), "the popped value overwrote the slot it now points to");
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void popToRspPlusDisplacementUsesTheIncrementedRsp(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        long sp = r.cpu.rsp;
        // push 0x11; push 0x22; push 0x33; pop qword [rsp+8]
        r.code("6a 11 6a 22 6a 33 8f 44 24 08").runToEnd();
        assertEquals(sp - 16, r.cpu.rsp);
        assertEquals(0x33, r.mem.load(sp - 8, 8, false));
        assertEquals(0x22, r.mem.load(sp - 16, 8, false));
    }
}

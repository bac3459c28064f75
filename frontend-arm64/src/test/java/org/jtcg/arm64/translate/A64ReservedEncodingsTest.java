package org.jtcg.arm64.translate;

import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Reserved encodings inside allocated patterns that the translator used to execute; objdump (and the Arm ARM)
 * call them undefined, and the random-words disassembler cross-check found them. Each must raise SIGILL
 * (ILL_ILLOPC) at its own pc, with nothing executed.
 */
class A64ReservedEncodingsTest {
    @ParameterizedTest
    @ValueSource(ints = {
        0x4ee56e41, // smin v1.2d: no 64-bit lanes for the max/min family
        0x6ee16691, // umax v17.2d
        0x5ee76f26, // smin d6 (scalar): no scalar form
        0x7ef06d94, // umin d20 (scalar)
        0x5eee1c9a, // the logical ops (and/orr/eor/bsl ...) have no scalar form
        0x7e701f7b,
        0x2e201b49, // AdvSIMD two-reg misc U=1 opcode 00001 (next to rev32, rev16)
        0xf885b8c8, // size=3 opc=2 in the unprivileged load/store space (no prefetch there)
    })
    void reservedEncodingRaisesSigill(int word) {
        for (String engine : new String[] {"interp", "jit"}) {
            A64SnippetRunner r = new A64SnippetRunner(engine).code(word);
            EngineExit x = r.run();
            assertEquals(Signals.SIGILL, x.signal(), engine + " " + Integer.toHexString(word));
            assertEquals(SigCodes.ILL_ILLOPC, x.siCode());
            assertEquals(A64SnippetRunner.CODE, r.cpu.pc);
        }
    }
}

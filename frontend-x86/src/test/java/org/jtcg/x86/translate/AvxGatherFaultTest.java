package org.jtcg.x86.translate;

import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.signal.Signals;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A gather that faults part-way: the elements before the faulting one are in the destination with
 * their mask elements cleared, the rest of the mask is still set, and re-executing after the fault
 * loads only what is left (the SDM's partial-completion rule; the native cross-check cannot fault).
 */
class AvxGatherFaultTest {
    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void aFaultingElementLeavesTheEarlierOnesDoneAndTheirMaskCleared(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        long end = SnippetRunner.DATA + 0x10000; // the first unmapped byte after the data mapping
        r.cpu.rax = end - 16;
        // dword indices: 0, 1, 4 (= end: faults), 2
        r.cpu.sse.set(1, 0x0000_0001_0000_0000L, 0x0000_0002_0000_0004L);
        r.cpu.sse.set(2, -1L, -1L);                          // mask: all four elements
        r.cpu.sse.set(0, 0x1111_1111_1111_1111L, 0x2222_2222_2222_2222L);
        r.cpu.sse.setUpper(0, 5, 6);
        r.mem.write(end - 16, new byte[] {1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0}, 0, 16);
        EngineExit e = r.code("c4 e2 69 90 04 88").run();   // vpgatherdd xmm0, [rax+xmm1*4], xmm2
        assertEquals(Signals.SIGSEGV, e.signal());
        assertEquals(0x0000_0002_0000_0001L, r.cpu.sse.lo(0)); // elements 0 and 1 loaded
        assertEquals(0x2222_2222_2222_2222L, r.cpu.sse.hi(0)); // 2 and 3 not yet
        assertEquals(0L, r.cpu.sse.lo(2));                      // mask of the done elements cleared
        assertEquals(-1L, r.cpu.sse.hi(2));                     // the faulting and later ones still set
        assertEquals(SnippetRunner.CODE, r.cpu.pc);             // restartable: the fault is at the gather

        // the "handler" fixes the index and re-executes: only elements 2 and 3 load, then the mask is zero
        r.cpu.sse.set(1, 0x0000_0001_0000_0000L, 0x0000_0002_0000_0003L);
        r.code("c4 e2 69 90 04 88").runToEnd();
        assertEquals(0x0000_0002_0000_0001L, r.cpu.sse.lo(0));
        assertEquals(0x0000_0003_0000_0004L, r.cpu.sse.hi(0));
        assertEquals(0L, r.cpu.sse.lo(2) | r.cpu.sse.hi(2) | r.cpu.sse.upperLo(2));
        assertEquals(0L, r.cpu.sse.upperLo(0) | r.cpu.sse.upperHi(0)); // VEX.128: bits 255:128 zeroed
    }
}

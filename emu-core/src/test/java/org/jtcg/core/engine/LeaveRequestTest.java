package org.jtcg.core.engine;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Engine#requestLeave} from another thread ends a run that would never end by itself (a guest
 * spin loop with no memory writes and no syscall), whether the loop runs as chained blocks or as one
 * compiled region: the guest-thread scheduler depends on it.
 */
class LeaveRequestTest {
    /** 0x100: inc r0; jmp 0x100 (forever). */
    private static RegionTest.Run spinning(RegionTest.Run r) {
        r.code(0x100, RegionTest.INC0, RegionTest.JMP, -3);
        r.cpu.pc = 0x100;
        return r;
    }

    private static EngineExit runThenAskToLeave(RegionTest.Run r) throws Exception {
        CompletableFuture<EngineExit> exit = CompletableFuture.supplyAsync(() -> r.engine.run(r.cpu));
        // let it spin long enough to tier up and form the region (registers live in locals meanwhile)
        Thread.sleep(500);
        r.engine.requestLeave();
        return exit.get(30, TimeUnit.SECONDS);
    }

    @Test
    void spinningRegionLeavesOnRequest() throws Exception {
        RegionTest.Run r = spinning(RegionTest.hot());
        EngineExit e = runThenAskToLeave(r);
        assertEquals(EngineExit.Kind.STEP_DONE, e.kind());
        assertTrue(r.engine.stats().regionsCompiled >= 1, r.engine.stats().toString());
        assertTrue(r.cpu.pc == 0x100 || r.cpu.pc == 0x101, String.format("left at 0x%x, not a block boundary", r.cpu.pc));
        // the request is consumed: the next run goes on spinning until asked again
        assertEquals(EngineExit.Kind.STEP_DONE, runThenAskToLeave(r).kind());
    }

    @Test
    void spinningBlocksLeaveOnRequestInTheInterpreter() throws Exception {
        RegionTest.Run r = spinning(RegionTest.reference());
        assertEquals(EngineExit.Kind.STEP_DONE, runThenAskToLeave(r).kind());
        assertEquals(0x100, r.cpu.pc);
    }
}

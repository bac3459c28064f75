package org.jtcg.core.engine;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code CpuState.requestExit()} from another thread gets a guest loop that never leaves on its own out of
 * the engine (an INTERRUPTED exit at a block start, lazy state folded), under the interpreter and inside
 * a jit region, both for a loop of pure register work and one that stores (the region's epoch-guarded
 * jumps); running again resumes the loop where it stopped.
 */
class ExitRequestTest {
    static final byte INC0 = 0x10, INC5 = 0x15, JMP = 0x40, ST_R3 = 0x63;

    /** 0x100: inc r0; jmp 0x100 — one block jumping to itself. */
    static void registerLoop(RegionTest.Run r) {
        r.code(0x100, INC0, JMP, -3);
        r.cpu.pc = 0x100;
    }

    /** 0x100: inc r0; st8 [r3] = r0; jmp 0x110 .. 0x110: inc r5; jmp 0x100 — two blocks, one storing. */
    static void storingLoop(RegionTest.Run r) {
        r.code(0x100, INC0, ST_R3, JMP, 0x0c);
        r.code(0x110, INC5, JMP, -0x13);
        r.cpu.r3 = 0x3000;
        r.cpu.pc = 0x100;
    }

    private static EngineExit runInterrupted(RegionTest.Run r) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            r.cpu.requestExit();
        });
        t.start();
        return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> r.engine.run(r.cpu),
                "the engine never left the loop after requestExit()");
    }

    private static void check(RegionTest.Run r, boolean expectRegion) {
        EngineExit e = runInterrupted(r);
        assertEquals(EngineExit.Kind.INTERRUPTED, e.kind());
        assertTrue(r.cpu.pc == 0x100 || r.cpu.pc == 0x110, "stopped at a block start: 0x" + Long.toHexString(r.cpu.pc));
        long first = r.cpu.r0;
        assertTrue(first > 0, "the loop ran");
        r.cpu.exitRequested = false;
        assertEquals(EngineExit.Kind.INTERRUPTED, runInterrupted(r).kind());
        assertTrue(r.cpu.r0 > first, "the second run resumed the loop");
        if (expectRegion) {
            assertTrue(r.engine.stats().regionsCompiled >= 1, r.engine.stats().toString());
        }
    }

    @Test
    void interpreterLeavesARegisterLoop() {
        RegionTest.Run r = RegionTest.reference();
        registerLoop(r);
        check(r, false);
    }

    @Test
    void jitRegionLeavesARegisterLoop() {
        RegionTest.Run r = RegionTest.hot();
        registerLoop(r);
        check(r, true);
    }

    @Test
    void jitRegionLeavesAStoringLoop() {
        RegionTest.Run r = RegionTest.hot();
        storingLoop(r);
        check(r, true);
        assertEquals(r.cpu.r0 & 0xff, r.mem.load(0x3000, 1, false), "the stores ran up to where the loop stopped");
    }
}

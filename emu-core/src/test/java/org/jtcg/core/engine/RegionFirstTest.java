package org.jtcg.core.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link TierCompiles#REGION_FIRST}: with the tier-up and region thresholds equal (the defaults), a block that
 * gets a region is not also tiered up on its own; a block that gets none still tiers up, one run later.
 */
class RegionFirstTest {
    private static final BlockEngine.Config SYNC = new BlockEngine.Config(true, 128, true, 10, 10, false);
    private static final BlockEngine.Config BACKGROUND = new BlockEngine.Config(true, 128, true, 10, 10, true);

    private static long[] referenceRegs(long count) {
        RegionTest.Run ref = RegionTest.reference();
        RegionTest.twoBlockLoop(ref, count);
        assertEquals(EngineExit.Kind.SYSCALL, ref.engine.run(ref.cpu).kind());
        return ref.regs();
    }

    @Test
    void aLoopBecomesARegionWithoutTierUps() {
        RegionTest.Run r = new RegionTest.Run("jit", SYNC);
        RegionTest.twoBlockLoop(r, 5000);
        assertEquals(EngineExit.Kind.SYSCALL, r.engine.run(r.cpu).kind());
        assertArrayEquals(referenceRegs(5000), r.regs());
        EngineStats s = r.engine.stats();
        assertEquals(1, s.regionsCompiled, s.toString());
        assertEquals(0, s.tierUps, "both blocks run inside the region only: " + s);
    }

    @Test
    void aLoopCompiledInTheBackgroundGetsNoTierUpsEither() {
        RegionTest.Run r = new RegionTest.Run("jit", BACKGROUND);
        RegionTest.twoBlockLoop(r, 50_000);
        assertEquals(EngineExit.Kind.SYSCALL, r.engine.run(r.cpu).kind());
        r.engine.awaitBackgroundCompiles();
        assertArrayEquals(referenceRegs(50_000), r.regs());
        EngineStats s = r.engine.stats();
        assertTrue(s.regionsCompiled >= 1, s.toString());
        assertEquals(0, s.tierUps, "the head and its member wait for the region: " + s);
    }

    @Test
    void aBlockWithoutARegionStillTiersUp() {
        RegionTest.Run r = new RegionTest.Run("jit", SYNC);
        r.code(0x100, RegionTest.INC0, RegionTest.SYSCALL); // one block, no successor: no loop, no path
        for (int i = 0; i < 30; i++) {
            r.cpu.pc = 0x100;
            assertEquals(EngineExit.Kind.SYSCALL, r.engine.run(r.cpu).kind());
        }
        assertEquals(30L, r.cpu.r0);
        EngineStats s = r.engine.stats();
        assertEquals(0, s.regionsCompiled, s.toString());
        assertEquals(1, s.tierUps, s.toString());
    }
}

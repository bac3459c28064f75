package org.jtcg.core.engine;

import org.junit.jupiter.api.Test;

import static org.jtcg.core.engine.RegionTest.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Region-to-region transitions (docs/performance.md "Round 8 — region transitions"): a loop of more blocks than
 * one region may hold runs as several regions that exit into each other; the dispatcher links such exits
 * ({@link Region#linkedNext}) and, with {@code -Djtcg.regionGrowth=true}, grows a region over its hot exit
 * ({@link RegionGrowth}). Either way the guest must end in the state the plain interpreter reaches.
 */
class RegionTransitionTest {
    static final int RING = 24; // more blocks than TierCompiles.REGION_MAX_BLOCKS

    /** RING blocks of "inc rX; jmp next" (3 bytes each) from 0x100, then "dec r1; jnz r1, 0x100; syscall". */
    static void ring(Run r, long count) {
        long pc = 0x100;
        for (int k = 0; k < RING; k++, pc += 3) {
            r.code(pc, k % 3 == 0 ? INC3 : k % 3 == 1 ? INC0 : INC5, JMP, 0);
        }
        r.code(pc, DEC1, JNZ, (int) (0x100 - (pc + 3)), SYSCALL);
        r.cpu.r1 = count;
        r.cpu.pc = 0x100;
    }

    private static Run runRing(Run r, long count) {
        ring(r, count);
        assertEquals(EngineExit.Kind.SYSCALL, r.engine.run(r.cpu).kind());
        return r;
    }

    @Test
    void regionsOfALongLoopEnterEachOtherThroughLinks() {
        Run ref = runRing(reference(), 3000), jit = runRing(hot(), 3000);
        assertArrayEquals(ref.regs(), jit.regs());
        EngineStats s = jit.engine.stats();
        assertTrue(s.regionsCompiled >= 2, s.toString());
        assertTrue(s.regionLinkJumps > s.regionEntries / 2, "most region exits went straight to the next region: " + s);
    }

    @Test
    void aLinkToARegionThatWasDroppedIsNotFollowed() {
        Run ref = runRing(reference(), 3000), jit = runRing(hot(), 3000);
        assertTrue(jit.engine.stats().regionLinkJumps > 0, jit.engine.stats().toString());
        // rewrite a block in the middle of the ring ("inc" becomes "r0 += r3"): its regions are dropped, and a
        // region still entered through an old link would compute the old sum
        long middle = 0x100 + 3 * (RING / 2);
        for (Run r : new Run[] {ref, jit}) {
            ring(r, 3000);
            r.code(middle, 0x33, JMP, 0);
            r.engine.invalidate(middle, 3);
            r.cpu.r0 = r.cpu.r3 = r.cpu.r5 = 0;
            assertEquals(EngineExit.Kind.SYSCALL, r.engine.run(r.cpu).kind());
        }
        assertArrayEquals(ref.regs(), jit.regs());
    }

    @Test
    void aHotExitGrowsTheRegionOverItsTarget() {
        Run plain = runRing(hot(), 3000);
        System.setProperty("jtcg.regionGrowth", "true");
        Run grown;
        try {
            grown = runRing(hot(), 3000);
        } finally {
            System.clearProperty("jtcg.regionGrowth");
        }
        Run ref = runRing(reference(), 3000);
        assertArrayEquals(ref.regs(), grown.regs());
        EngineStats g = grown.engine.stats(), p = plain.engine.stats();
        assertTrue(g.regionsGrown >= 1, g.toString());
        assertEquals(0, p.regionsGrown, p.toString());
        assertTrue(g.regionEntries < p.regionEntries / 2, "the grown region keeps the loop inside: " + g + " vs " + p);
    }
}

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
    /** More blocks than a region may hold ({@link TierCompiles#REGION_MAX_BLOCKS}), half of them on each of two pages. */
    static final int RING = 40;
    static final long START = 0x2000 - 3 * (RING / 2);

    /** RING blocks of "inc rX; jmp next" (3 bytes each) from START, then "dec r1; jnz r1, START; syscall". */
    static void ring(Run r, long count) {
        ring(r, count, RING);
    }

    /** The ring with {@code blocks} "inc" blocks. */
    static void ring(Run r, long count, int blocks) {
        long pc = START;
        for (int k = 0; k < blocks; k++, pc += 3) {
            r.code(pc, k % 3 == 0 ? INC3 : k % 3 == 1 ? INC0 : INC5, JMP, 0);
        }
        r.code(pc, DEC1, JNZ, (int) (START - (pc + 3)), SYSCALL);
        r.cpu.r1 = count;
        r.cpu.pc = START;
    }

    private static Run runRing(Run r, long count) {
        return runRing(r, count, RING);
    }

    private static Run runRing(Run r, long count, int blocks) {
        ring(r, count, blocks);
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
        // rewrite a block on the second page ("inc" becomes "r0 += r3"): the regions holding blocks of that page are
        // dropped, those of the first page stay, and one of them still entering a dropped region through its old
        // link would compute the old sum
        long middle = START + 3 * (RING * 3 / 4);
        for (Run r : new Run[] {ref, jit}) {
            r.code(middle, 0x33, JMP, 0); // (a store to a page holding code drops that page's blocks)
            r.engine.invalidate(middle, 3);
            r.cpu.r0 = r.cpu.r3 = r.cpu.r5 = 0;
            r.cpu.r1 = 3000;
            r.cpu.pc = START;
            assertEquals(EngineExit.Kind.SYSCALL, r.engine.run(r.cpu).kind());
        }
        assertArrayEquals(ref.regs(), jit.regs());
        assertTrue(jit.engine.stats().invalidatedBlocks < RING, "the first page's blocks stay: " + jit.engine.stats());
    }

    @Test
    void aHotExitGrowsTheRegionOverItsTarget() {
        int blocks = 24; // more than a region at its threshold holds, fewer than a grown one may hold
        Run plain = runRing(hot(), 3000, blocks);
        System.setProperty("jtcg.regionGrowth", "true");
        Run grown;
        try {
            grown = runRing(hot(), 3000, blocks);
        } finally {
            System.clearProperty("jtcg.regionGrowth");
        }
        Run ref = runRing(reference(), 3000, blocks);
        assertArrayEquals(ref.regs(), grown.regs());
        EngineStats g = grown.engine.stats(), p = plain.engine.stats();
        assertTrue(g.regionsGrown >= 1, g.toString());
        assertEquals(0, p.regionsGrown, p.toString());
        assertTrue(g.regionEntries < p.regionEntries / 2, "the grown region keeps the loop inside: " + g + " vs " + p);
    }
}

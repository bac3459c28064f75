package org.jtcg.core.engine;

import org.jtcg.core.jit.JitCompiler;
import org.jtcg.core.signal.Signals;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;
import java.util.function.Function;

import static org.jtcg.core.engine.RegionTest.DEC1;
import static org.jtcg.core.engine.RegionTest.INC0;
import static org.jtcg.core.engine.RegionTest.INC3;
import static org.jtcg.core.engine.RegionTest.INC5;
import static org.jtcg.core.engine.RegionTest.JNZ;
import static org.jtcg.core.engine.RegionTest.SYSCALL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regions entered at a member block other than their head ({@link RegionEntries.MemberEntry}): the guest comes into a
 * loop that already has a region at its middle, and the dispatcher enters that region there instead of running
 * the block on its own (and later compiling a second region of the same loop headed there). Each case runs
 * under the three ways the jit engine gets its code: the cold tier first with synchronous compiles, bytecode
 * from the start, and background compiles; the interpreter without regions is the reference.
 */
class MultiEntryRegionTest {
    static final byte LD_R2 = (byte) 0x82, JMP_R4 = 0x74, JMP_R6 = 0x76, JMP_R7 = 0x77;
    /** The loop's blocks, each on its own page: invalidating one page drops one member. */
    static final long HEAD = 0x100, MIDDLE = 0x1100, TEST = 0x2100, BACK = 0x2104;

    /**
     * The jit engine of a kind ("cold", "bytecode", "background") with the default entries: here the loop members
     * the guest came into by an indirect jump (MIDDLE, TEST).
     */
    static RegionTest.Run jit(String kind) {
        Function<EngineContext, BlockEngine> factory = switch (kind) {
            case "cold" -> ctx -> Engines.engine("jit", ctx, new BlockEngine.Config(true, 128, true, 3, 10));
            case "bytecode" -> ctx -> new BlockEngine("jit", ctx, new JitCompiler(),
                    new BlockEngine.Config(true, 128, true, 0, 10));
            case "background" -> ctx -> Engines.engine("jit", ctx, new BlockEngine.Config(true, 128, true, 3, 10, true));
            default -> throw new IllegalArgumentException(kind);
        };
        RegionTest.Run r = new RegionTest.Run(factory);
        r.engine.regionMemberEntryForTests(RegionEntries.MemberEntry.ALL);
        return r;
    }

    /**
     * HEAD: inc r0; jmp r6 .. MIDDLE: ld64 r2, [r3]; inc r5; jmp r7 .. TEST: dec r1; jnz r1, BACK; syscall ..
     * BACK: jmp r4 (= HEAD). Four blocks on three pages, joined by indirect jumps (regions predict them).
     */
    static void loop(RegionTest.Run r) {
        r.code(HEAD, INC0, JMP_R6);
        r.code(MIDDLE, LD_R2, INC5, JMP_R7);
        r.code(TEST, DEC1, JNZ, 1, SYSCALL, JMP_R4);
        r.cpu.r3 = 0x3000;
        r.cpu.r4 = HEAD;
        r.cpu.r6 = MIDDLE;
        r.cpu.r7 = TEST;
    }

    /** Runs from pc with r1 = count on both machines; the jit's compile queue is drained after the run. */
    static EngineExit[] runBoth(RegionTest.Run ref, RegionTest.Run jit, long pc, long count) {
        EngineExit[] exits = new EngineExit[2];
        RegionTest.Run[] runs = {ref, jit};
        for (int i = 0; i < 2; i++) {
            runs[i].cpu.pc = pc;
            runs[i].cpu.r1 = count;
            exits[i] = runs[i].engine.run(runs[i].cpu);
            runs[i].engine.awaitBackgroundCompiles();
        }
        assertEquals(exits[0].kind(), exits[1].kind());
        assertEquals(exits[0].signal(), exits[1].signal());
        assertArrayEquals(ref.regs(), jit.regs());
        return exits;
    }

    static TranslatedBlock block(RegionTest.Run r, long pc) {
        for (TranslatedBlock tb : r.engine.cacheForTests().blocks()) {
            if (tb.pc == pc && tb.valid) {
                return tb;
            }
        }
        return null;
    }

    /** Forms the loop's region at HEAD (the first block to get hot) and returns it. */
    static Region formRegion(RegionTest.Run ref, RegionTest.Run jit) {
        loop(ref);
        loop(jit);
        // HEAD reaches the region threshold (10) first; the other members' own tries are due later than this run
        // lasts, so with background compiles, too, the loop gets exactly one region, headed at HEAD
        runBoth(ref, jit, HEAD, 12);
        runBoth(ref, jit, HEAD, 388); // background: the region installed after the first run is entered now
        TranslatedBlock head = block(jit, HEAD);
        assertNotNull(head);
        assertNotNull(head.region, "the loop got a region at its head");
        assertEquals(4, head.region.members.length);
        return head.region;
    }

    @ParameterizedTest
    @ValueSource(strings = {"cold", "bytecode", "background"})
    void loopEnteredAtAMemberRunsInsideTheHeadsRegion(String kind) {
        RegionTest.Run ref = RegionTest.reference(), jit = jit(kind);
        Region region = formRegion(ref, jit);
        for (long pc : new long[] {MIDDLE, TEST}) {
            assertSame(region, block(jit, pc).regionEntry.region, "a loop member come into from outside is an entry");
        }
        assertNull(block(jit, BACK).regionEntry, "BACK, reached from inside the loop only, is no entry");
        EngineStats before = jit.engine.stats();
        runBoth(ref, jit, MIDDLE, 5000);
        EngineStats after = jit.engine.stats();
        assertEquals(1, after.regionMemberEntries - before.regionMemberEntries, after.toString());
        assertEquals(1, after.regionEntries - before.regionEntries, "the whole run in one region entry");
        assertEquals(before.blocksExecuted + 1, after.blocksExecuted, "only the syscall block after the loop ran on its own");
        assertEquals(before.regionsCompiled, after.regionsCompiled, "no second region of the same loop");
        assertEquals(5400L, jit.cpu.r5);
    }

    /** A region entered at a member faults there: state and pc as after the block alone. */
    @ParameterizedTest
    @ValueSource(strings = {"cold", "bytecode", "background"})
    void faultInARegionEnteredAtAMember(String kind) {
        RegionTest.Run ref = RegionTest.reference(), jit = jit(kind);
        formRegion(ref, jit);
        ref.cpu.r3 = jit.cpu.r3 = 0x10000; // outside guest memory
        assertTrue(block(jit, TEST).regionEntry.member > 0);
        long entries = jit.engine.stats().regionMemberEntries;
        EngineExit[] exits = runBoth(ref, jit, TEST, 30); // enters at TEST, runs BACK and HEAD, faults in MIDDLE
        assertEquals(EngineExit.Kind.SIGNAL, exits[1].kind());
        assertEquals(Signals.SIGSEGV, exits[1].signal());
        assertEquals(MIDDLE, jit.cpu.pc);
        assertEquals(entries + 1, jit.engine.stats().regionMemberEntries);
    }

    /** Invalidating any one member drops the region for every entry; the loop then runs the new code. */
    @ParameterizedTest
    @ValueSource(strings = {"cold", "bytecode", "background"})
    void invalidatingAnyMemberDropsTheRegionAtEveryEntry(String kind) {
        for (long dropped : new long[] {HEAD, MIDDLE, TEST}) {
            RegionTest.Run ref = RegionTest.reference(), jit = jit(kind);
            Region region = formRegion(ref, jit);
            TranslatedBlock[] members = region.members.clone();
            for (RegionTest.Run r : new RegionTest.Run[] {ref, jit}) {
                if (dropped == MIDDLE) {
                    r.code(MIDDLE + 1, INC3); // inc r5 becomes inc r3 (a host write, as by a syscall)
                } else {
                    r.code(dropped, r.mem.snapshot()[(int) dropped]); // the same byte: still a write to that page
                }
            }
            assertFalse(region.valid);
            for (TranslatedBlock m : members) {
                assertTrue(m.regionEntry == null || m.regionEntry.region != region, "no entry into the dropped region");
            }
            for (TranslatedBlock tb : jit.engine.cacheForTests().blocks()) {
                assertTrue(tb.regionEntry == null || tb.regionEntry.region.valid, "every entry leads to a valid region");
            }
            long r5 = jit.cpu.r5, r3 = jit.cpu.r3;
            runBoth(ref, jit, TEST, 50);
            runBoth(ref, jit, MIDDLE, 50);
            if (dropped == MIDDLE) {
                assertEquals(r5, jit.cpu.r5, "the old code of MIDDLE never ran again");
                assertEquals(r3 + 99, jit.cpu.r3);
            } else {
                assertEquals(r5 + 99, jit.cpu.r5);
            }
        }
    }

    /**
     * A hot path (no loop): 0x100: inc r0; jmp 0x110 .. 0x110: inc r5; jmp 0x120 .. 0x120: inc r3; jmp 0x130 ..
     * 0x130: syscall, run once per run from 0x100 until it becomes a path region. 0x110, with half the region
     * ahead of it, is an entry; 0x120 (one block ahead) and 0x130 (none) are not.
     */
    @ParameterizedTest
    @ValueSource(strings = {"cold", "background"})
    void pathRegionEnteredAtAMemberWithHalfTheRegionAhead(String kind) {
        RegionTest.Run ref = RegionTest.reference(), jit = jit(kind);
        for (RegionTest.Run r : new RegionTest.Run[] {ref, jit}) {
            r.code(0x100, INC0, RegionTest.JMP, 0x0d);
            r.code(0x110, INC5, RegionTest.JMP, 0x0d);
            r.code(0x120, INC3, RegionTest.JMP, 0x0d);
            r.code(0x130, SYSCALL);
        }
        for (int i = 0; i < 20; i++) {
            runBoth(ref, jit, 0x100, 0);
        }
        TranslatedBlock head = block(jit, 0x100);
        assertNotNull(head.region, "the hot path got a region");
        assertEquals(4, head.region.members.length);
        assertEquals(1, block(jit, 0x110).regionEntry.member);
        assertNull(block(jit, 0x120).regionEntry, "one block ahead: runs on its own");
        assertNull(block(jit, 0x130).regionEntry);
        long entries = jit.engine.stats().regionMemberEntries;
        runBoth(ref, jit, 0x110, 0);
        assertEquals(entries + 1, jit.engine.stats().regionMemberEntries);
        assertEquals(0x131L, jit.cpu.pc);
    }

    /** Off: the region is entered at its head only, and a member is dispatched on its own. */
    @ParameterizedTest
    @ValueSource(strings = {"cold"})
    void withoutMemberEntriesOnlyTheHeadEnters(String kind) {
        RegionTest.Run ref = RegionTest.reference(), jit = jit(kind);
        jit.engine.regionMemberEntryForTests(RegionEntries.MemberEntry.OFF);
        formRegion(ref, jit);
        assertNull(block(jit, MIDDLE).regionEntry);
        long blocks = jit.engine.stats().blocksExecuted;
        runBoth(ref, jit, MIDDLE, 5);
        assertEquals(0, jit.engine.stats().regionMemberEntries);
        assertTrue(jit.engine.stats().blocksExecuted > blocks, "MIDDLE ran on its own");
    }
}

package org.jtcg.kvm;

import org.jtcg.cpreg.RegArch;
import org.jtcg.cpreg.RegId;
import org.jtcg.cpreg.RegSize;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.jtcg.kvm.FakeTransport.CLOCK;
import static org.jtcg.kvm.FakeTransport.CORE;
import static org.jtcg.kvm.FakeTransport.EVENTS;
import static org.jtcg.kvm.FakeTransport.VEC;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generic register-set cache over a fake transport: no KVM, no architecture. */
class RegisterSetCacheTest {
    private FakeTransport t;
    private RegisterSetCache cache;
    private ToyCpu cpu;

    @BeforeEach
    void attached() {
        t = new FakeTransport();
        cache = new RegisterSetCache(t);
        cpu = new ToyCpu();
        cpu.pc = 0x100;
        cpu.a = 1;
        cpu.b = 2;
        cpu.v0 = 3;
        cpu.v1 = 4;
        cpu.clock = 5;
        cache.attach(cpu);
    }

    /** The first entry done, then KVM ran and changed CORE and VEC; nothing is read yet. */
    private void firstEntryThenExit() {
        cache.beforeRun(false);
        t.kvm[CORE] = new long[] {0x200, 10, 20};
        t.kvm[VEC] = new long[] {7, 8};
        t.kvm[CLOCK] = new long[] {6};
        cache.afterRun();
        cache.exitClassified();
        t.take();
    }

    @Test
    void attachPutsTheFullLevelInPutOrder() {
        assertEquals(List.of(SyncLevel.FULL), t.levels);
        assertTrue(cpu.syncHook() == cache);
        cache.beforeRun(false);
        assertEquals(List.of("prepare", "fill CORE full", "fill VEC full", "fill EVENTS full", "fill CLOCK full",
                "put VEC", "put CORE", "put EVENTS", "put CLOCK", "putsDone"), t.take());
        assertArrayEquals(new long[] {0x100, 1, 2}, t.kvm[CORE]);
        assertArrayEquals(new long[] {3, 4}, t.kvm[VEC]);
        assertArrayEquals(new long[] {5}, t.kvm[CLOCK]);
    }

    @Test
    void aSetIsFetchedOnTheFirstReadOfOneOfItsRegistersOnly() {
        firstEntryThenExit();
        assertEquals(10, cpu.getReg(ToyCpu.A));
        assertEquals(List.of("fetch CORE"), t.take());
        assertEquals(0x200, cpu.pc, "fetching the set with the PC sets cpu.pc");
        assertEquals(20, cpu.getReg(ToyCpu.B));
        assertEquals(List.of(), t.take(), "cached: no second fetch");
        assertArrayEquals(new long[] {7, 8}, cpu.readWords(ToyCpu.V));
        assertEquals(List.of("fetch VEC"), t.take());
    }

    @Test
    void nothingIsCachedAfterAnExit() {
        firstEntryThenExit();
        assertEquals(10, cpu.getReg(ToyCpu.A));
        t.take();
        cache.beforeRun(false);
        assertEquals(List.of("prepare", "putsDone"), t.take(), "nothing dirty: no puts");
        t.kvm[CORE] = new long[] {0x300, 11, 21};
        cache.afterRun();
        assertEquals(11, cpu.getReg(ToyCpu.A));
        assertEquals(List.of("afterRun", "fetch CORE"), t.take());
    }

    @Test
    void aStaleCpuPcStillWinsAtEntry() {
        firstEntryThenExit();
        cache.beforeRun(false);
        assertEquals(List.of("fetch CORE", "prepare", "fill CORE", "put CORE", "putsDone"), t.take());
        assertArrayEquals(new long[] {0x100, 10, 20}, t.kvm[CORE], "cpu.pc was never updated: execution resumes there");
    }

    @Test
    void theEntryFetchesThePcSetToCompareItWithCpuPc() {
        firstEntryThenExit();
        cpu.pc = 0x200; // what the exit handler left there (it reads the PC's set)
        cache.beforeRun(false);
        assertEquals(List.of("fetch CORE", "prepare", "putsDone"), t.take());
    }

    @Test
    void aWriteKeepsTheRestOfItsSetAndOnlyThatSetIsPut() {
        firstEntryThenExit();
        cpu.setReg(ToyCpu.B, 99);
        assertEquals(List.of("fetch CORE"), t.take(), "the rest of the set is fetched first");
        assertEquals(10, cpu.a);
        assertEquals(99, cpu.b);
        cache.beforeRun(false);
        assertEquals(List.of("prepare", "fill CORE", "put CORE", "putsDone"), t.take());
        assertArrayEquals(new long[] {0x200, 10, 99}, t.kvm[CORE]);
    }

    @Test
    void dirtySetsAreFilledInSetOrderAndPutInPutOrder() {
        firstEntryThenExit();
        cpu.writeWords(ToyCpu.V, new long[] {0x11, 0x22});
        cpu.setReg(ToyCpu.A, 5);
        t.take();
        cache.beforeRun(true);
        assertEquals(List.of("prepare stepping", "fill CORE", "fill VEC", "put VEC", "put CORE", "putsDone"), t.take());
        assertArrayEquals(new long[] {0x11, 0x22}, t.kvm[VEC]);
        cache.commitDeferredPuts();
        assertEquals(List.of("commit"), t.take());
    }

    @Test
    void theTransportMayFetchAndDirtyASetWhilePreparingTheEntry() {
        firstEntryThenExit();
        t.rewriteAtEntry = VEC;
        cpu.pc = 0x200;
        assertEquals(10, cpu.getReg(ToyCpu.A));
        t.take();
        cache.beforeRun(false);
        assertEquals(List.of("prepare", "fetch VEC", "fill VEC", "put VEC", "putsDone"), t.take());
        assertArrayEquals(new long[] {7, 8}, t.kvm[VEC]);
    }

    @Test
    void levelsAreCumulative() {
        firstEntryThenExit();
        cache.putLevel(SyncLevel.RUNTIME);
        cache.beforeRun(false);
        assertEquals(List.of("prepare", "fill CORE", "fill VEC", "put VEC", "put CORE", "putsDone"), t.take());
        cache.putLevel(SyncLevel.RESET);
        cache.beforeRun(false);
        assertEquals(List.of("prepare", "fill CORE", "fill VEC", "fill EVENTS", "put VEC", "put CORE", "put EVENTS",
                "putsDone"), t.take());
        cache.putLevel(SyncLevel.FULL);
        cache.beforeRun(false);
        assertEquals(List.of("prepare", "fill CORE full", "fill VEC full", "fill EVENTS full", "fill CLOCK full",
                "put VEC", "put CORE", "put EVENTS", "put CLOCK", "putsDone"), t.take());
        assertEquals(List.of(SyncLevel.FULL, SyncLevel.RUNTIME, SyncLevel.RESET, SyncLevel.FULL), t.levels);
        RegisterSetLayout l = FakeTransport.LAYOUT;
        assertEquals(0b0011, l.levelMask(SyncLevel.RUNTIME));
        assertEquals(0b0111, l.levelMask(SyncLevel.RESET));
        assertEquals(0b1111, l.levelMask(SyncLevel.FULL));
    }

    @Test
    void aLevelPutTakesTheJavaCopyAsCurrentWithoutFetching() {
        firstEntryThenExit();
        cache.putLevel(SyncLevel.RUNTIME);
        cache.beforeRun(false);
        assertArrayEquals(new long[] {0x100, 1, 2}, t.kvm[CORE], "the CpuState's values, not KVM's");
        assertTrue(t.log.stream().noneMatch(s -> s.startsWith("fetch")), t.log.toString());
    }

    @Test
    void fullSyncPutsEverySetButTheFullOnlyOneAndFetchesEveryViewableSet() {
        cache.setFullSync(true);
        assertTrue(t.fullSync);
        firstEntryThenExit();
        t.noUserView[CORE] = true;
        cache.afterRun();
        cache.exitClassified();
        assertEquals(List.of("afterRun", "fetch VEC", "fetch EVENTS", "fetch CLOCK"), t.take());
        t.noUserView[CORE] = false;
        cache.beforeRun(false);
        assertEquals(List.of("fetch CORE", "prepare", "fill CORE", "fill VEC", "fill EVENTS", "put VEC", "put CORE",
                "put EVENTS", "putsDone"), t.take(), "the clock is written by a FULL put only");
    }

    @Test
    void theShadowCompareCatchesADirectFieldWrite() {
        firstEntryThenExit();
        assertEquals(10, cpu.getReg(ToyCpu.A));
        assertArrayEquals(new long[] {7, 8}, cpu.readWords(ToyCpu.V));
        cpu.a = 1234; // arch code writing the public field, bypassing the hook
        t.take();
        cache.beforeRun(false);
        assertEquals(List.of("prepare", "fill CORE", "put CORE", "putsDone"), t.take(), "VEC is clean and unchanged");
        assertArrayEquals(new long[] {0x200, 1234, 20}, t.kvm[CORE]);
    }

    @Test
    void cpuPcWinsOverThePcRegisterAtEntry() {
        firstEntryThenExit();
        assertEquals(10, cpu.getReg(ToyCpu.A));
        cpu.pc = 0x999;
        t.take();
        cache.beforeRun(false);
        assertEquals(List.of("prepare", "fill CORE", "put CORE", "putsDone"), t.take());
        assertArrayEquals(new long[] {0x999, 10, 20}, t.kvm[CORE]);
    }

    @Test
    void preLoadKeepsLoadedValuesFromBeingOverwrittenByAFetch() {
        firstEntryThenExit();
        cache.preLoad();
        cpu.setReg(ToyCpu.A, 77);
        cache.putLevel(SyncLevel.FULL);
        cache.beforeRun(false);
        assertTrue(t.log.stream().noneMatch(s -> s.startsWith("fetch")), t.log.toString());
        assertArrayEquals(new long[] {0x100, 77, 2}, t.kvm[CORE]);
    }

    @Test
    void detachFetchesEverySetAndRemovesTheHook() {
        firstEntryThenExit();
        cache.detach();
        assertEquals(List.of("fetch CORE", "fetch VEC", "fetch EVENTS", "fetch CLOCK"), t.take());
        assertNull(cpu.syncHook());
        assertEquals(6, cpu.clock);
        assertEquals(0x200, cpu.pc);
        cpu.setReg(ToyCpu.A, 3);
        assertEquals(List.of(), t.take(), "no hook any more");
        assertThrows(IllegalStateException.class, () -> cache.beforeRun(false));
    }

    @Test
    void attachRefusesACpuStateWithoutARequiredRegister() {
        long missing = RegId.make(RegArch.X86, RegSize.U64, 0x7e00ff);
        RegisterSetLayout l = new RegisterSetLayout(List.of(
                new RegisterSetSpec("CORE", new long[] {ToyCpu.PC, ToyCpu.A, ToyCpu.B}, SyncLevel.RUNTIME, true, true),
                new RegisterSetSpec("EXTRA", new long[] {missing}, SyncLevel.RUNTIME, true, false)),
                new int[] {0, 1}, ToyCpu.PC);
        RegisterSetCache c = new RegisterSetCache(new FakeTransport(l));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.attach(new ToyCpu()));
        assertTrue(e.getMessage().contains("ToyCpu lacks register") && e.getMessage().contains("KVM engine needs"),
                e.getMessage());
    }

    @Test
    void aFullOnlySetTheCpuStateLacksIsNeverPut() {
        RegisterSetLayout l = new RegisterSetLayout(List.of(
                new RegisterSetSpec("CORE", new long[] {ToyCpu.PC, ToyCpu.A, ToyCpu.B}, SyncLevel.RUNTIME, true, true),
                new RegisterSetSpec("TSC", new long[] {RegId.make(RegArch.X86, RegSize.U64, 0x7e00fe)}, SyncLevel.FULL,
                        false, false)),
                new int[] {0, 1}, ToyCpu.PC);
        FakeTransport ft = new FakeTransport(l);
        RegisterSetCache c = new RegisterSetCache(ft);
        c.attach(new ToyCpu());
        c.beforeRun(false);
        assertEquals(List.of("prepare", "fill CORE full", "put CORE", "putsDone"), ft.take());
    }

    @Test
    void layoutRejectsAnIdInTwoSetsABadPutOrderAndAMissingPc() {
        RegisterSetSpec core = new RegisterSetSpec("CORE", new long[] {ToyCpu.PC, ToyCpu.A}, SyncLevel.RUNTIME, true, true);
        RegisterSetSpec again = new RegisterSetSpec("AGAIN", new long[] {ToyCpu.A}, SyncLevel.RUNTIME, false, false);
        assertThrows(IllegalArgumentException.class, () -> new RegisterSetLayout(List.of(core, again), new int[] {0, 1},
                ToyCpu.PC));
        RegisterSetSpec vec = new RegisterSetSpec("VEC", new long[] {ToyCpu.V}, SyncLevel.RUNTIME, false, false);
        assertThrows(IllegalArgumentException.class, () -> new RegisterSetLayout(List.of(core, vec), new int[] {0, 0},
                ToyCpu.PC));
        assertThrows(IllegalArgumentException.class, () -> new RegisterSetLayout(List.of(core, vec), new int[] {0},
                ToyCpu.PC));
        assertThrows(IllegalArgumentException.class, () -> new RegisterSetLayout(List.of(vec), new int[] {0}, ToyCpu.PC));
        RegisterSetLayout ok = new RegisterSetLayout(List.of(core, vec), new int[] {1, 0}, ToyCpu.PC);
        assertEquals(0, ok.pcWord());
        assertEquals(2, ok.wordCount(1));
        assertEquals(-1, ok.setOf(ToyCpu.CLOCK));
    }

    // ------------------------------------------------------------------ verification mode

    @Test
    void verificationPassesWhenTheLazyCopyMatchesTheIoctlFetch() {
        SyncVerifier v = new SyncVerifier(t);
        firstEntryThenExit();
        v.check(cpu);
        assertEquals(1, v.checks());
        assertEquals(List.of("fetch CORE", "fetch VEC", "ioctl fetch [0, 1]"), t.take(),
                "the lazy path first (verified sets only), then the ioctl fetch");
    }

    @Test
    void verificationNamesEveryDifferingRegister() {
        SyncVerifier v = new SyncVerifier(t);
        firstEntryThenExit();
        t.ioctlTruth[VEC] = new long[] {7, 9};
        t.ioctlTruth[CORE] = new long[] {0x200, 10, 21};
        t.rawMismatch.add("kvm_run sync field: sync area 0x1 vs ioctl 0x2");
        SyncMismatchException e = assertThrows(SyncMismatchException.class, () -> v.check(cpu));
        String m = e.getMessage();
        assertTrue(m.startsWith("register sync mismatch after exit 1 (TOY): "), m);
        assertTrue(m.contains("lazy 0x14 vs KVM 0x15"), m);
        assertTrue(m.contains("lazy 0x80000000000000007 vs KVM 0x90000000000000007"), m);
        assertTrue(m.endsWith("; kvm_run sync field: sync area 0x1 vs ioctl 0x2"), m);
    }

    @Test
    void verificationSkipsAStopWithoutUserView() {
        SyncVerifier v = new SyncVerifier(t);
        firstEntryThenExit();
        t.noUserView[CORE] = true;
        t.ioctlTruth[CORE] = new long[] {1, 2, 3};
        v.check(cpu);
        assertEquals(0, v.checks());
        assertEquals(List.of(), t.take());
    }
}

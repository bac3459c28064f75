package org.jtcg.core.cpu;

import org.jtcg.cpreg.RegArch;
import org.jtcg.cpreg.RegId;
import org.jtcg.cpreg.RegSize;
import org.jtcg.cpreg.RegisterList;
import org.jtcg.cpreg.RegisterMergeException;
import org.jtcg.cpreg.RegisterTable;
import org.junit.jupiter.api.Test;

import java.lang.invoke.MethodHandles;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuStateTest {
    static final long R0 = RegId.make(RegArch.X86, RegSize.U64, 0x7f0000);
    static final long FLAGS32 = RegId.make(RegArch.X86, RegSize.U32, 0x7f0001);
    static final long WIDE = RegId.make(RegArch.X86, RegSize.U128, 0x7f0002);
    static final long SYS = RegId.make(RegArch.X86, RegSize.U256, 0x7f0003);

    public static final class TestState extends CpuState {
        static final CpuLayout LAYOUT = CpuLayout.of(MethodHandles.lookup(), TestState.class, List.of(
                CpuLayout.spec("r0", R0),
                CpuLayout.spec("flags", FLAGS32),
                CpuLayout.spec("wideHi", WIDE, 1),
                CpuLayout.spec("wideLo", WIDE, 0),
                CpuLayout.spec("lazy", 0)));
        public long r0, flags, wideLo, wideHi, lazy;
        int folds;
        private final RegisterTable sys = new RegisterTable(SYS);

        @Override public CpuLayout layout() { return LAYOUT; }
        @Override public RegisterTable sysregs() { return sys; }
        @Override public void foldLazyState() { folds++; }
    }

    @Test
    void readsAndWritesHotRegistersByIdWithWordOrderAndMasking() {
        TestState s = new TestState();
        s.setReg(R0, -2);
        assertEquals(-2, s.r0);
        s.setReg(FLAGS32, 0x1_2345_6789L);
        assertEquals(0x2345_6789L, s.flags, "a U32 register keeps only 32 bits");
        s.writeWords(WIDE, new long[] {11, 22});
        assertEquals(11, s.wideLo);
        assertEquals(22, s.wideHi);
        assertArrayEquals(new long[] {11, 22}, s.readWords(WIDE));
        assertTrue(s.folds > 0, "lazy state is folded before canonical access");
    }

    @Test
    void idsUnionHotAndSysregsSortedAndSkipInternalFields() {
        TestState s = new TestState();
        long[] expected = {R0, FLAGS32, WIDE, SYS};
        java.util.Arrays.sort(expected);
        assertArrayEquals(expected, s.ids());
    }

    @Test
    void snapshotRoundTripThroughRegisterList() {
        TestState a = new TestState();
        a.r0 = 5; a.flags = 7; a.wideLo = 1; a.wideHi = 2; a.lazy = 99;
        a.sysregs().setWords(SYS, new long[] {1, 2, 3, 4});
        RegisterList list = RegisterList.capture(a);
        TestState b = new TestState();
        list.loadInto(b);
        assertEquals(RegisterList.capture(a), RegisterList.capture(b));
        assertEquals(0, b.lazy, "engine-internal fields are not part of the canonical state");
    }

    @Test
    void unknownIdsAreClearErrors() {
        TestState s = new TestState();
        long other = RegId.make(RegArch.X86, RegSize.U64, 0x123456);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.getReg(other));
        assertTrue(e.getMessage().contains("not part of this CPU state"), e.getMessage());
        RegisterList foreign = RegisterList.builder().put(other, 1).build();
        assertThrows(RegisterMergeException.class, () -> foreign.loadInto(s));
    }

    @Test
    void layoutRejectsInconsistentWideRegisters() {
        assertThrows(IllegalArgumentException.class, () -> CpuLayout.of(MethodHandles.lookup(), TestState.class,
                List.of(CpuLayout.spec("wideLo", WIDE, 0))), "missing high word");
        assertThrows(IllegalArgumentException.class, () -> CpuLayout.of(MethodHandles.lookup(), TestState.class,
                List.of(CpuLayout.spec("nope", R0))), "missing field");
    }
}

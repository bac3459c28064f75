package org.jtcg.kvm.arm64;

import org.jtcg.arm64.Arm64Cpu;
import org.jtcg.cpreg.Arm64Registers;
import org.jtcg.cpreg.RegId;
import org.jtcg.cpreg.RegisterList;
import org.jtcg.kvm.MapOneRegs;
import org.jtcg.kvm.RegisterSetCache;
import org.jtcg.kvm.SyncLevel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The arm64 transport under the generic register cache, with a map standing in for ONE_REG: what an arm64
 * host's KVM would be given and what the CPU state gets back, without a host.
 */
class Arm64RegisterTransportTest {
    private final MapOneRegs kvm = new MapOneRegs();
    private final Arm64El1Image el1 = new Arm64El1Image(0xffff_ffff_fe00_0000L, 0x4000_0000L, 0x4100_0000L, 0xffff_ffff_fe01_0000L);
    private final Arm64RegisterTransport transport = new Arm64RegisterTransport(kvm, el1.values());
    private final RegisterSetCache cache = new RegisterSetCache(transport);
    private final Arm64Cpu cpu = new Arm64Cpu();

    @BeforeEach
    void state() {
        cpu.x0 = 0x1111;
        cpu.x30 = 0x3030;
        cpu.sp = 0x7fff_f000L;
        cpu.pc = 0x40_1000L;
        cpu.n = 1;
        cpu.c = 1;
        cpu.v5lo = 0x0102_0304_0506_0708L;
        cpu.v5hi = 0x1112_1314_1516_1718L;
        cpu.fpcr = 0x0300_0000L;
        cpu.fpsr = 0x10;
        cpu.tpidrEl0 = 0xabc0;
    }

    /** The first entry after attach, then an exit: the KVM side is left as {@code kvm}. */
    private void firstEntryAndExit() {
        cache.attach(cpu);
        cache.beforeRun(false);
        cache.afterRun();
        kvm.sets.clear();
    }

    @Test
    void theFirstEntryPutsTheUserStateAsOneRegValues() {
        cache.attach(cpu);
        cache.beforeRun(false);
        assertEquals(0x1111, kvm.word(Arm64Registers.x(0)));
        assertEquals(0x3030, kvm.word(Arm64Registers.x(30)));
        assertEquals(0x7fff_f000L, kvm.word(Arm64Registers.SP));
        assertEquals(0x40_1000L, kvm.word(Arm64Registers.PC));
        assertEquals(Arm64Cpu.PSTATE_N | Arm64Cpu.PSTATE_C | Arm64KvmUapi.PSR_MODE_EL0T, kvm.word(Arm64Registers.PSTATE),
                "NZCV with mode EL0t");
        assertArrayEquals(new long[] {0x0102_0304_0506_0708L, 0x1112_1314_1516_1718L}, kvm.values.get(Arm64Registers.v(5)),
                "U128: word 0 = low 64 bits");
        assertEquals(0x0300_0000L, kvm.word(Arm64Registers.FPCR));
        assertEquals(0xabc0, kvm.word(Arm64Registers.TPIDR_EL0));
        assertEquals(0, kvm.word(Arm64Registers.TPIDRRO_EL0), "the CPU state lacks tpidrro_el0: Linux's 0");
        el1.values().forEach((id, v) -> assertEquals(v, kvm.word(id), RegId.hex(id)));
        for (long id : Arm64RegisterSets.TIMER_IDS) {
            assertFalse(kvm.values.containsKey(id), "the FULL-only timer is not put for a CPU state without it");
        }
        // EL1 first (its translation regime), then CORE: the put order of the layout
        assertTrue(kvm.sets.indexOf(Arm64Registers.sysreg(3, 0, 1, 0, 0)) < kvm.sets.indexOf(Arm64Registers.x(0)));
    }

    @Test
    void aFetchFoldsPstateToNzcv() {
        firstEntryAndExit();
        kvm.values.put(Arm64Registers.PSTATE, new long[] {Arm64Cpu.PSTATE_Z | Arm64Cpu.PSTATE_V | 0x3c5});
        kvm.values.put(Arm64Registers.x(7), new long[] {77});
        assertEquals(77, cpu.getReg(Arm64Registers.x(7)));
        assertEquals(Arm64Cpu.PSTATE_Z | Arm64Cpu.PSTATE_V, cpu.getReg(Arm64Registers.PSTATE));
        assertEquals(List.of(0L, 1L, 0L, 1L), List.of(cpu.n, cpu.z, cpu.c, cpu.v));
    }

    @Test
    void inAVectorStubTheUserViewComesFromElrSpsrAndTheSavedX0() {
        firstEntryAndExit();
        kvm.values.put(Arm64Registers.ELR_EL1, new long[] {0x40_2004L});
        kvm.values.put(Arm64RegisterTransport.SPSR_EL1, new long[] {Arm64Cpu.PSTATE_Z | Arm64Cpu.PSTATE_C});
        kvm.values.put(Arm64RegisterTransport.TPIDR_EL1, new long[] {0x5555});
        kvm.values.put(Arm64Registers.x(0), new long[] {0xdead}); // the stub's doorbell value
        kvm.values.put(Arm64Registers.PC, new long[] {0xffff_0400L}); // inside the stub
        kvm.values.put(Arm64Registers.PSTATE, new long[] {Arm64KvmUapi.PSR_MODE_EL1H | Arm64KvmUapi.PSR_DAIF});
        transport.setStop(Arm64RegisterTransport.Stop.VECTOR);
        assertEquals(0x5555, cpu.getReg(Arm64Registers.x(0)));
        assertEquals(0x40_2004L, cpu.pc);
        assertEquals(List.of(0L, 1L, 1L, 0L), List.of(cpu.n, cpu.z, cpu.c, cpu.v));
        // A syscall result written by id goes in directly (the direct path leaves the stub).
        cpu.setReg(Arm64Registers.x(0), 42);
        cache.beforeRun(false);
        assertEquals(42, kvm.word(Arm64Registers.x(0)));
        assertEquals(0x40_2004L, kvm.word(Arm64Registers.PC));
        assertEquals(Arm64Cpu.PSTATE_Z | Arm64Cpu.PSTATE_C, kvm.word(Arm64Registers.PSTATE), "EL0t again");
        assertEquals(Arm64RegisterTransport.Stop.USER, transport.stop());
    }

    @Test
    void onlyDirtySetsArePutAndADirectFieldWriteIsCaught() {
        firstEntryAndExit();
        cache.beforeRun(false);
        assertEquals(List.of(), kvm.sets, "nothing read, nothing written: no ONE_REG at all");
        cpu.getReg(Arm64Registers.FPSR); // FPSIMD cached
        cpu.v3lo = 9; // a direct field write, as an ABI might do
        cache.beforeRun(false);
        Set<Long> written = new HashSet<>(kvm.sets);
        assertEquals(Arrays.stream(Arm64RegisterSets.FPSIMD_IDS).boxed().collect(java.util.stream.Collectors.toSet()), written);
    }

    @Test
    void aResetLevelPutRewritesTheEl1ImageButNotTheTimer() {
        firstEntryAndExit();
        cache.putLevel(SyncLevel.RESET);
        cache.beforeRun(false);
        assertTrue(kvm.sets.containsAll(el1.values().keySet()));
        assertTrue(kvm.sets.contains(Arm64Registers.PC));
        for (long id : Arm64RegisterSets.TIMER_IDS) {
            assertFalse(kvm.sets.contains(id));
        }
    }

    /** A snapshot of a TCG CPU state lands on exactly the user-mode ONE_REG list and comes back unchanged. */
    @Test
    void aTcgSnapshotRoundTripsThroughTheOneRegValues() {
        RegisterList snapshot = RegisterList.capture(cpu);
        Arm64Cpu other = new Arm64Cpu();
        cache.attach(other);
        cache.preLoad();
        snapshot.loadInto(other);
        cache.putLevel(SyncLevel.FULL);
        cache.beforeRun(false);
        cache.afterRun();
        Set<Long> userList = new HashSet<>();
        for (long id : Arm64RegisterSets.userModeRegList()) {
            userList.add(id);
        }
        for (long id : snapshot.ids()) {
            assertTrue(userList.contains(id), "snapshot id outside the user-mode list: " + RegId.hex(id));
        }
        assertEquals(snapshot.ids().length, snapshot.size());
        assertEquals(List.of(), snapshot.diff(RegisterList.capture(other)));
    }

    @Test
    void levelsAreRuntimeUserRegistersResetEl1FullTimer() {
        var l = Arm64RegisterSets.layout();
        int user = 1 << Arm64RegisterSets.CORE | 1 << Arm64RegisterSets.FPSIMD | 1 << Arm64RegisterSets.TLS;
        assertEquals(user, l.levelMask(SyncLevel.RUNTIME));
        assertEquals(user | 1 << Arm64RegisterSets.EL1, l.levelMask(SyncLevel.RESET));
        assertEquals(l.allMask(), l.levelMask(SyncLevel.FULL));
        assertArrayEquals(new int[] {Arm64RegisterSets.EL1, Arm64RegisterSets.CORE, Arm64RegisterSets.FPSIMD,
            Arm64RegisterSets.TLS, Arm64RegisterSets.TIMER}, l.putOrder());
        assertEquals(Arm64RegisterSets.CORE, l.pcSet());
    }

    @Test
    void userModeListIsCoreThenTimerThenSysregsAndEveryIdHasASet() {
        long[] list = Arm64RegisterSets.userModeRegList();
        assertEquals(34 + 34 + 3 + 2, list.length);
        assertEquals(Arm64Registers.x(0), list[0]);
        assertEquals(Arm64Registers.FPCR, list[67]);
        assertEquals(Arm64Registers.TIMER_CTL, list[68]);
        assertEquals(Arm64Registers.TPIDR_EL0, list[71]);
        for (long id : list) {
            assertTrue(Arm64RegisterSets.layout().setOf(id) >= 0, RegId.hex(id));
        }
    }

    /** The vCPU glue refuses a host whose KVM_GET_REG_LIST lacks a register the plug-in moves. */
    @Test
    void aHostRegListWithoutTpidrroIsReported() {
        long[] user = Arm64RegisterSets.userModeRegList();
        long[] host = java.util.stream.LongStream.concat(java.util.stream.LongStream.of(user),
                java.util.stream.LongStream.of(Arm64Registers.SP_EL1, Arm64Registers.MIDR_EL1)).toArray();
        assertEquals(List.of(), Arm64RegisterSets.missingFrom(host, user));
        long[] lacking = Arrays.stream(host).filter(id -> id != Arm64Registers.TPIDRRO_EL0).toArray();
        assertEquals(List.of(Arm64Registers.TPIDRRO_EL0), Arm64RegisterSets.missingFrom(lacking, user));
    }

    /** cpreg's core ids and this plug-in's kvm_regs layout (probed against the headers) say the same offsets. */
    @Test
    void coreIdsAreKvmRegsOffsetsOverFour() {
        var r = Arm64KvmUapi.KVM_REGS;
        for (int n = 0; n < 31; n++) {
            assertEquals((r.offset("regs.regs") + 8 * n) / 4, RegId.low(Arm64Registers.x(n)) & 0xffff);
        }
        for (int n = 0; n < 32; n++) {
            assertEquals((r.offset("fp_regs.vregs") + 16 * n) / 4, RegId.low(Arm64Registers.v(n)) & 0xffff);
        }
        assertEquals(r.offset("regs.pstate") / 4, RegId.low(Arm64Registers.PSTATE) & 0xffff);
        assertEquals(r.offset("fp_regs.fpsr") / 4, RegId.low(Arm64Registers.FPSR) & 0xffff);
        assertEquals(r.offset("fp_regs.fpcr") / 4, RegId.low(Arm64Registers.FPCR) & 0xffff);
        assertEquals(r.offset("elr_el1") / 4, RegId.low(Arm64Registers.ELR_EL1) & 0xffff);
    }
}

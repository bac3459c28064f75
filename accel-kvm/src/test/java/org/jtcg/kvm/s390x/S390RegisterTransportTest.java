package org.jtcg.kvm.s390x;

import org.jtcg.cpreg.RegisterList;
import org.jtcg.cpreg.S390Registers;
import org.jtcg.kvm.MapOneRegs;
import org.jtcg.kvm.RegisterSetCache;
import org.jtcg.kvm.RegisterTransport;
import org.jtcg.kvm.SyncLevel;
import org.jtcg.kvm.sys.StructLayout;
import org.jtcg.s390x.S390xCpu;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The s390 transport under the generic register cache, with a heap buffer standing in for the kvm_run page
 * (big-endian, as on an s390 host) and a map for ONE_REG: the image an s390 host's KVM would take from a
 * jtcg CPU state, and back.
 */
class S390RegisterTransportTest {
    private static final StructLayout R = S390KvmUapi.KVM_RUN;
    private static final long VECTOR_HOST = S390KvmUapi.SYNC_PREFIX | S390KvmUapi.SYNC_GPRS | S390KvmUapi.SYNC_ACRS
            | S390KvmUapi.SYNC_CRS | S390KvmUapi.SYNC_ARCH0 | S390KvmUapi.SYNC_PFAULT | S390KvmUapi.SYNC_VRS;

    private final ByteBuffer run = ByteBuffer.allocate(R.size()).order(ByteOrder.BIG_ENDIAN);
    private final MapOneRegs oneReg = new MapOneRegs();
    private final FakeStructIoctls ioctls = new FakeStructIoctls();
    private final S390RegisterTransport transport = new S390RegisterTransport(run, oneReg, ioctls);
    private final RegisterSetCache cache = new RegisterSetCache(transport);
    private final S390xCpu cpu = new S390xCpu();

    /** KVM_GET_REGS/SREGS/FPU answers, filled from the image unless a test says otherwise. */
    private final class FakeStructIoctls implements S390StructIoctls {
        long gpr5Override = -1;

        @Override
        public ByteBuffer getRegs() {
            ByteBuffer b = ByteBuffer.allocate(S390KvmUapi.KVM_REGS.size());
            for (int n = 0; n < 16; n++) {
                b.putLong(8 * n, n == 5 && gpr5Override >= 0 ? gpr5Override : run.getLong(R.offset("s.regs.gprs") + 8 * n));
            }
            return b;
        }

        @Override
        public ByteBuffer getSregs() {
            ByteBuffer b = ByteBuffer.allocate(S390KvmUapi.KVM_SREGS.size());
            b.put(0, run, R.offset("s.regs.acrs"), 64);
            b.put(S390KvmUapi.KVM_SREGS.offset("crs"), run, R.offset("s.regs.crs"), 128);
            return b;
        }

        @Override
        public ByteBuffer getFpu() {
            ByteBuffer b = ByteBuffer.allocate(S390KvmUapi.KVM_FPU.size());
            b.putInt(0, run.getInt(R.offset("s.regs.fpc")));
            for (int n = 0; n < 16; n++) {
                b.putLong(S390KvmUapi.KVM_FPU.offset("fprs") + 8 * n, run.getLong(R.offset("s.regs.vrs") + 16 * n));
            }
            return b;
        }
    }

    @BeforeEach
    void state() {
        run.putLong(R.offset("kvm_valid_regs"), VECTOR_HOST);
        cpu.r2 = 0x2222;
        cpu.r15 = 0x3ff_ffff_f000L;
        cpu.pc = 0x100_0000L;
        cpu.setCc(2);
        cpu.a0 = 0x3ff;
        cpu.a1 = 0xf7f0_0000L;
        cpu.f1 = 0x4000_0000_0000_0000L; // 2.0 in v1's leftmost doubleword
        cpu.v1l = 0x55;
        cpu.fpc = 0x0800_0000L;
        cpu.setReg(S390Registers.cr(0), 0x14);
        cpu.setReg(S390Registers.TODPR, 0x1234);
    }

    private long syncLong(String field, int index) {
        return run.getLong(R.offset(field) + 8 * index);
    }

    @Test
    void theFirstEntryWritesThePswAndTheSyncRegistersBigEndian() {
        cache.attach(cpu);
        cache.beforeRun(false);
        assertEquals(S390xCpu.INITIAL_PSW_MASK | 2L << S390xCpu.PSW_CC_SHIFT, run.getLong(R.offset("psw_mask")),
                "the lazy CC folded into the PSW mask");
        assertEquals(0x100_0000L, run.getLong(R.offset("psw_addr")));
        assertEquals(0x2222, syncLong("s.regs.gprs", 2));
        assertEquals(0x3ff_ffff_f000L, syncLong("s.regs.gprs", 15));
        assertEquals(0x3ff, run.getInt(R.offset("s.regs.acrs")));
        assertEquals(0xf7f0_0000, run.getInt(R.offset("s.regs.acrs") + 4));
        assertEquals(0x4000_0000_0000_0000L, syncLong("s.regs.vrs", 2), "vrs[1][0] is the leftmost doubleword (f1)");
        assertEquals(0x55, syncLong("s.regs.vrs", 3));
        assertEquals(0x0800_0000, run.getInt(R.offset("s.regs.fpc")));
        assertEquals(0x14, syncLong("s.regs.crs", 0));
        assertEquals(0x1234, run.getLong(R.offset("s.regs.todpr")), "ARCH0 goes in with a FULL put: the CPU state has todpr");
        assertEquals(S390KvmUapi.SYNC_GPRS | S390KvmUapi.SYNC_ACRS | S390KvmUapi.SYNC_VRS | S390KvmUapi.SYNC_PREFIX
                | S390KvmUapi.SYNC_CRS | S390KvmUapi.SYNC_ARCH0, run.getLong(R.offset("kvm_dirty_regs")),
                "one bit per written set; PFAULT not (the CPU state has none of its registers)");
        assertEquals(List.of(), oneReg.sets, "EPOCH (ONE_REG) is not put for a CPU state without epochdiff");
    }

    @Test
    void anExitImageReadsBackWithTheCcFromThePswMask() {
        cache.attach(cpu);
        cache.beforeRun(false);
        cache.afterRun();
        run.putLong(R.offset("psw_mask"), S390xCpu.INITIAL_PSW_MASK | 1L << S390xCpu.PSW_CC_SHIFT);
        run.putLong(R.offset("psw_addr"), 0x100_0002L);
        run.putLong(R.offset("s.regs.gprs") + 8 * 2, -38);
        run.putLong(R.offset("s.regs.vrs") + 16 * 3 + 8, 0x77);
        assertEquals(0x100_0002L, cpu.getReg(S390Registers.PSW_ADDR)); // by id: the PSW set is fetched
        assertEquals(0x100_0002L, cpu.pc);
        assertEquals(1, cpu.cc(), "the fetched mask's CC became the lazy state");
        assertEquals(-38, cpu.getReg(S390Registers.gpr(2)));
        assertArrayEquals(new long[] {0x77, 0}, cpu.readWords(S390Registers.vr(3)));
        // a clean entry writes nothing and clears the dirty bits
        cache.beforeRun(false);
        assertEquals(0, run.getLong(R.offset("kvm_dirty_regs")));
    }

    @Test
    void aWriteDirtiesOnlyItsSetsBit() {
        cache.attach(cpu);
        cache.beforeRun(false);
        cache.afterRun();
        cpu.setReg(S390Registers.gpr(2), 0); // syscall result
        cache.beforeRun(false);
        assertEquals(S390KvmUapi.SYNC_GPRS, run.getLong(R.offset("kvm_dirty_regs")));
        assertEquals(0, syncLong("s.regs.gprs", 2));
    }

    @Test
    void withoutTheVectorFacilityTheFprsCarryTheLeftHalves() {
        run.putLong(R.offset("kvm_valid_regs"), VECTOR_HOST & ~S390KvmUapi.SYNC_VRS | S390KvmUapi.SYNC_FPRS);
        cache.attach(cpu);
        cache.beforeRun(false);
        assertEquals(0x4000_0000_0000_0000L, syncLong("s.regs.fprs", 1));
        assertTrue((run.getLong(R.offset("kvm_dirty_regs")) & S390KvmUapi.SYNC_FPRS) != 0);
        assertEquals(0, run.getLong(R.offset("kvm_dirty_regs")) & S390KvmUapi.SYNC_VRS);
        cache.afterRun();
        run.putLong(R.offset("s.regs.fprs") + 8 * 4, 0x3ff0_0000_0000_0000L);
        assertArrayEquals(new long[] {0, 0x3ff0_0000_0000_0000L}, cpu.readWords(S390Registers.vr(4)),
                "no right half on a machine without vector registers");
    }

    @Test
    void aFullPutOfAStateWithTheEpochDifferenceUsesOneReg() {
        cache.attach(cpu);
        cache.beforeRun(false);
        cache.afterRun();
        oneReg.values.put(S390Registers.EPOCHDIFF, new long[] {99});
        long[] epoch = transport.fetch(S390RegisterSets.EPOCH);
        assertArrayEquals(new long[] {99}, epoch);
    }

    /** A TCG s390x snapshot maps 1:1 onto the kvm_run image and comes back unchanged. */
    @Test
    void aTcgSnapshotRoundTripsThroughTheImage() {
        RegisterList snapshot = RegisterList.capture(cpu);
        S390xCpu other = new S390xCpu();
        cache.attach(other);
        cache.preLoad();
        snapshot.loadInto(other);
        cache.putLevel(SyncLevel.FULL);
        cache.beforeRun(false);
        cache.afterRun();
        for (long id : snapshot.ids()) {
            assertTrue(cache.layout().setOf(id) >= 0, "snapshot register without a KVM home: " + Long.toHexString(id));
        }
        assertEquals(List.of(), snapshot.diff(RegisterList.capture(other)));
        assertEquals(2, other.cc());
    }

    @Test
    void verificationComparesTheSyncAreaWithTheStructIoctls() {
        cache.attach(cpu);
        cache.beforeRun(false);
        cache.afterRun();
        int[] sets = {S390RegisterSets.GPRS, S390RegisterSets.ACRS, S390RegisterSets.CRS, S390RegisterSets.VRS};
        RegisterTransport.Verification v = transport.fetchByIoctl(sets);
        assertEquals(List.of(), v.rawMismatch());
        assertEquals(0x2222, v.canonical()[0][2]);
        ioctls.gpr5Override = 5;
        v = transport.fetchByIoctl(sets);
        assertEquals(List.of("GPRS word 5: kvm_run 0x0, ioctl 0x5"), v.rawMismatch());
    }

    @Test
    void levelsAreRuntimePswAndUserRegistersResetPrefixAndCrsFullTimersAndEpoch() {
        var l = S390RegisterSets.layout();
        int runtime = 1 << S390RegisterSets.PSW | 1 << S390RegisterSets.GPRS | 1 << S390RegisterSets.ACRS
                | 1 << S390RegisterSets.VRS;
        assertEquals(runtime, l.levelMask(SyncLevel.RUNTIME));
        assertEquals(runtime | 1 << S390RegisterSets.PREFIX | 1 << S390RegisterSets.CRS, l.levelMask(SyncLevel.RESET));
        assertEquals(l.allMask(), l.levelMask(SyncLevel.FULL));
        assertEquals(S390RegisterSets.PSW, l.pcSet());
        assertEquals(1, l.pcWord(), "psw_addr is the second word of the PSW set");
    }

    @Test
    void theGlueNamesTheSyncSetsAHostDoesNotOffer() {
        assertEquals(List.of(), S390RegisterSets.missingSyncSets(VECTOR_HOST));
        assertEquals(List.of(), S390RegisterSets.missingSyncSets(VECTOR_HOST & ~S390KvmUapi.SYNC_VRS | S390KvmUapi.SYNC_FPRS));
        assertEquals(List.of("VRS", "PFAULT"),
                S390RegisterSets.missingSyncSets(VECTOR_HOST & ~(S390KvmUapi.SYNC_VRS | S390KvmUapi.SYNC_PFAULT)));
    }

    @Test
    void everyProjectIdOfTheCpuStateHasASyncField() {
        for (long id : cpu.ids()) {
            assertTrue(cache.layout().setOf(id) >= 0, Long.toHexString(id));
        }
        assertEquals(92, S390RegisterSets.allFields().size());
    }
}

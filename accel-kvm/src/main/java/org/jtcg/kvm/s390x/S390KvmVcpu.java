package org.jtcg.kvm.s390x;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.engine.EngineExit;
import org.jtcg.cpreg.S390Registers;
import org.jtcg.kvm.KvmEngineException;
import org.jtcg.kvm.KvmOptions;
import org.jtcg.kvm.RegisterSetCache;
import org.jtcg.kvm.TargetVcpu;
import org.jtcg.kvm.sys.HostMemory;
import org.jtcg.kvm.sys.Kvm;
import org.jtcg.kvm.sys.KvmVcpu;
import org.jtcg.kvm.sys.KvmVm;
import org.jtcg.kvm.sys.OneRegAccess;
import org.jtcg.kvm.sys.StructLayout;
import org.jtcg.s390x.S390xCpu;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

/**
 * The s390 plug-in's half of one engine, written against the UAPI and kept thin. <b>Unexecuted</b> (no s390
 * KVM host was available), and incomplete on purpose: the DAT tables that map the guest's virtual addresses
 * (CR1's ASCE) are not built, so {@link S390KvmTarget#hostUnsupportedReason} refuses every host
 * (docs/kvm.md lists what a real run still needs).
 *
 * <p>Set-up: memory slot 0 is the engine's region (lowcore with the SVC/program new PSWs, two DIAGNOSE
 * stubs; the prefix points at it); KVM_S390_INITIAL_RESET; {@code kvm_valid_regs} must offer every sync set
 * (else one line naming the missing ones); the registers move through kvm_run ({@link S390RegisterTransport}).
 *
 * <p>Exits: an SVC or program interruption in the guest loads the new PSW, the stub's DIAGNOSE intercepts
 * (KVM_EXIT_S390_SIEIC, icptcode 4, ipa 0x83xx). The glue copies the old PSW the CPU stored into
 * kvm_run's PSW — so the user PSW is what the cache fetches and what the next KVM_RUN resumes — and returns
 * a system call (the SVC code goes to {@link S390xCpu#svcCode}, as under TCG) or the signal of the
 * program-interruption code ({@link S390ProgramInterrupts}).
 */
public final class S390KvmVcpu implements TargetVcpu {
    /** Guest-real base of the engine's region (slot 0): above any RAM chunk a user-mode guest gets. */
    public static final long REGION_BASE = 0x7f00_0000_0000L;

    private final ByteBuffer regionMem = ByteBuffer.allocateDirect(S390Lowcore.REGION_SIZE);
    private final S390Lowcore lowcore = new S390Lowcore(regionMem, REGION_BASE);
    private ByteBuffer run;
    private RegisterSetCache cache;
    private S390RegisterTransport transport;
    private long intercepts;

    @Override
    public void vmCreated(Kvm kvm, KvmVm vm) {
        lowcore.install();
        vm.setUserMemoryRegion(0, 0, REGION_BASE, S390Lowcore.REGION_SIZE, HostMemory.address(regionMem));
    }

    @Override
    public RegisterSetCache vcpuCreated(Kvm kvm, KvmVcpu vcpu, KvmOptions options) {
        vcpu.archIoctl("KVM_S390_INITIAL_RESET", S390KvmUapi.S390_INITIAL_RESET, 0);
        this.run = vcpu.kvmRun().duplicate().order(ByteOrder.BIG_ENDIAN);
        List<String> missing = S390RegisterSets.missingSyncSets(run.getLong(S390KvmUapi.KVM_RUN.offset("kvm_valid_regs")));
        if (!missing.isEmpty()) {
            throw new KvmEngineException("this host's KVM does not share the sync registers " + String.join(", ", missing)
                    + " in kvm_run, which the s390x plug-in moves there");
        }
        this.transport = new S390RegisterTransport(run, OneRegAccess.of(vcpu), structIoctls(vcpu));
        this.cache = new RegisterSetCache(transport);
        return cache;
    }

    /** The struct ioctls, each into its own buffer. */
    private static S390StructIoctls structIoctls(KvmVcpu vcpu) {
        return new S390StructIoctls() {
            private final Memory regs = new Memory(S390KvmUapi.KVM_REGS.size());
            private final Memory sregs = new Memory(S390KvmUapi.KVM_SREGS.size());
            private final Memory fpu = new Memory(S390KvmUapi.KVM_FPU.size());

            private ByteBuffer get(String name, long request, Memory m, StructLayout l) {
                vcpu.archIoctl(name, request, Pointer.nativeValue(m));
                return m.getByteBuffer(0, l.size()).order(ByteOrder.BIG_ENDIAN);
            }

            @Override
            public ByteBuffer getRegs() {
                return get("KVM_GET_REGS", S390KvmUapi.GET_REGS, regs, S390KvmUapi.KVM_REGS);
            }

            @Override
            public ByteBuffer getSregs() {
                return get("KVM_GET_SREGS", S390KvmUapi.GET_SREGS, sregs, S390KvmUapi.KVM_SREGS);
            }

            @Override
            public ByteBuffer getFpu() {
                return get("KVM_GET_FPU", S390KvmUapi.GET_FPU, fpu, S390KvmUapi.KVM_FPU);
            }
        };
    }

    @Override
    public void beforeFreeRun() {
    }

    @Override
    public EngineExit beforeStep(CpuState cpu) {
        return null;
    }

    @Override
    public boolean stepIncomplete(EngineExit exit, CpuState cpu) {
        return false;
    }

    @Override
    public boolean canStepNow() {
        return true;
    }

    @Override
    public void beforeEntry() {
    }

    @Override
    public EngineExit classifyExit(int reason, boolean stepping) {
        if (reason != S390KvmUapi.EXIT_S390_SIEIC) {
            throw KvmEngineException.at("unexpected s390 KVM exit reason " + reason, position());
        }
        StructLayout r = S390KvmUapi.KVM_RUN;
        int icpt = run.get(r.offset("s390_sieic.icptcode")) & 0xff;
        int ipa = run.getShort(r.offset("s390_sieic.ipa")) & 0xffff;
        int stub = lowcore.stubAt(run.getLong(r.offset("psw_addr")));
        if (icpt != S390Lowcore.ICPT_INSTRUCTION || ipa >>> 8 != 0x83 || stub < 0) {
            throw KvmEngineException.at(String.format("unexpected s390 intercept: icptcode 0x%x, ipa 0x%04x", icpt, ipa),
                    position());
        }
        intercepts++;
        long[] old = lowcore.oldPsw(stub == S390Lowcore.SVC_STUB ? S390Lowcore.SVC_OLD_PSW : S390Lowcore.PGM_OLD_PSW);
        run.putLong(r.offset("psw_mask"), old[0]);
        run.putLong(r.offset("psw_addr"), old[1]);
        if (stub == S390Lowcore.SVC_STUB) {
            ((S390xCpu) cache.cpu()).svcCode = lowcore.svcCode();
            return EngineExit.syscall();
        }
        long fpc = cache.cpu().getReg(S390Registers.FPC);
        S390ProgramInterrupts.Mapping m = S390ProgramInterrupts.forCode(lowcore.programCode(), fpc);
        return EngineExit.signal(m.signal(), m.siCode(), m.faultAddress() ? lowcore.failingAddress() : 0, m.name());
    }

    @Override
    public String position() {
        return run == null ? "vCPU not created" : "vCPU " + transport.stopState();
    }

    @Override
    public void addStats(Map<String, Object> stats) {
        stats.put("kvm_s390_intercepts", intercepts);
    }

    @Override
    public void closed() {
    }
}

package org.jtcg.kvm.arm64;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.memory.PagedMemory;
import org.jtcg.core.signal.SigCodes;
import org.jtcg.cpreg.Arm64Registers;
import org.jtcg.cpreg.RegisterNames;
import org.jtcg.kvm.KvmEngineException;
import org.jtcg.kvm.KvmOptions;
import org.jtcg.kvm.RegisterSetCache;
import org.jtcg.kvm.TargetVcpu;
import org.jtcg.kvm.sys.Kvm;
import org.jtcg.kvm.sys.KvmException;
import org.jtcg.kvm.sys.KvmVcpu;
import org.jtcg.kvm.sys.KvmVm;
import org.jtcg.kvm.sys.OneRegAccess;

import java.util.List;
import java.util.Map;

/**
 * The arm64 plug-in's half of one engine: vCPU initialisation, the register transport and exit
 * classification, written against the UAPI and kept thin. <b>Unexecuted</b> (no arm64 KVM host was
 * available), and incomplete on purpose: the EL1 vector stubs and the stage-1 page tables a user-mode
 * guest needs are not built, so {@link Arm64KvmTarget#hostUnsupportedReason} refuses every host (docs/kvm.md
 * lists what a real run still needs).
 *
 * <p>Set-up: KVM_ARM_PREFERRED_TARGET on the VM gives the {@code kvm_vcpu_init} for this host's CPU;
 * KVM_ARM_VCPU_INIT with it (plus PSCI 0.2) resets the vCPU; KVM_GET_REG_LIST must offer every id of the
 * user-mode list (else one line naming the first missing register); registers then move with ONE_REG.
 *
 * <p>Exits: the EL1 vector stub for "synchronous exception from EL0" (VBAR_EL1 + 0x400) saves x0 in
 * TPIDR_EL1 and rings the doorbell (an HVC forwarded to user space, KVM_EXIT_HYPERCALL); the glue reads
 * ESR_EL1 (and FAR_EL1) with ONE_REG and maps the exception class ({@link Arm64ExceptionClasses}): SVC is
 * the system call (ELR_EL1 already points past it), the rest become signals.
 */
public final class Arm64KvmVcpu implements TargetVcpu {
    private final PagedMemory memory;
    private final Arm64El1Image el1;
    private final Memory init = new Memory(Arm64KvmUapi.KVM_VCPU_INIT.size());
    private OneRegAccess regs;
    private Arm64RegisterTransport transport;

    public Arm64KvmVcpu(PagedMemory memory, Arm64El1Image el1) {
        this.memory = memory;
        this.el1 = el1;
    }

    @Override
    public void vmCreated(Kvm kvm, KvmVm vm) {
        init.clear();
        vm.archIoctl("KVM_ARM_PREFERRED_TARGET", Arm64KvmUapi.ARM_PREFERRED_TARGET, Pointer.nativeValue(init));
        int features = Arm64KvmUapi.KVM_VCPU_INIT.offset("features");
        init.setInt(features, init.getInt(features) | 1 << Arm64KvmUapi.VCPU_PSCI_0_2);
    }

    @Override
    public RegisterSetCache vcpuCreated(Kvm kvm, KvmVcpu vcpu, KvmOptions options) {
        vcpu.archIoctl("KVM_ARM_VCPU_INIT", Arm64KvmUapi.ARM_VCPU_INIT, Pointer.nativeValue(init));
        List<Long> missing = Arm64RegisterSets.missingFrom(hostRegList(vcpu), Arm64RegisterSets.userModeRegList());
        if (!missing.isEmpty()) {
            throw new KvmEngineException("this host's KVM does not offer register " + RegisterNames.describe(missing.get(0))
                    + (missing.size() > 1 ? " (and " + (missing.size() - 1) + " more)" : "") + ", which the arm64 plug-in moves");
        }
        this.regs = OneRegAccess.of(vcpu);
        this.transport = new Arm64RegisterTransport(regs, el1.values());
        return new RegisterSetCache(transport);
    }

    /** KVM_GET_REG_LIST: asked with n = 0 first, which fails with E2BIG and stores the count needed. */
    private static long[] hostRegList(KvmVcpu vcpu) {
        int base = Arm64KvmUapi.KVM_REG_LIST.offset("reg");
        Memory list = new Memory(Arm64KvmUapi.KVM_REG_LIST.size());
        list.clear();
        try {
            vcpu.archIoctl("KVM_GET_REG_LIST", Arm64KvmUapi.GET_REG_LIST, Pointer.nativeValue(list));
        } catch (KvmException e) {
            if (e.errno() != Arm64KvmUapi.E2BIG) {
                throw e;
            }
        }
        long n = list.getLong(Arm64KvmUapi.KVM_REG_LIST.offset("n"));
        Memory full = new Memory(base + 8 * Math.max(1, n));
        full.setLong(Arm64KvmUapi.KVM_REG_LIST.offset("n"), n);
        vcpu.archIoctl("KVM_GET_REG_LIST", Arm64KvmUapi.GET_REG_LIST, Pointer.nativeValue(full));
        long[] ids = new long[(int) full.getLong(Arm64KvmUapi.KVM_REG_LIST.offset("n"))];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = full.getLong(base + 8L * i);
        }
        return ids;
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
        return transport.stop() == Arm64RegisterTransport.Stop.USER;
    }

    @Override
    public void beforeEntry() {
    }

    @Override
    public EngineExit classifyExit(int reason, boolean stepping) {
        if (reason != Arm64KvmUapi.EXIT_HYPERCALL) {
            throw KvmEngineException.at("unexpected arm64 KVM exit reason " + reason, position());
        }
        transport.setStop(Arm64RegisterTransport.Stop.VECTOR);
        long esr = regs.get(Arm64RegisterTransport.ESR_EL1)[0];
        Arm64ExceptionClasses.Mapping m = Arm64ExceptionClasses.forEsr(esr);
        if (m.isSyscall()) {
            return EngineExit.syscall();
        }
        long addr = m.faultAddress() ? regs.get(Arm64RegisterTransport.FAR_EL1)[0] : 0;
        int code = m.siCode();
        if (code == SigCodes.SEGV_MAPERR && memory.protectionAt(addr) >= 0) {
            code = SigCodes.SEGV_ACCERR;
        }
        return EngineExit.signal(m.signal(), code, addr, m.name());
    }

    @Override
    public String position() {
        if (regs == null) {
            return "vCPU not created";
        }
        return String.format("vCPU pc 0x%x, elr_el1 0x%x (%s)", regs.get(Arm64Registers.PC)[0],
                regs.get(Arm64Registers.ELR_EL1)[0], transport.stopState());
    }

    @Override
    public void addStats(Map<String, Object> stats) {
        stats.put("kvm_arm64_stop", transport == null ? "none" : transport.stopState());
    }

    @Override
    public void closed() {
    }
}

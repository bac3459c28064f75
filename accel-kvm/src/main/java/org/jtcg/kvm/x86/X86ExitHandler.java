package org.jtcg.kvm.x86;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.memory.PagedMemory;
import org.jtcg.cpreg.X86Registers;
import org.jtcg.kvm.KvmEngineException;
import org.jtcg.kvm.RegisterSetCache;
import org.jtcg.kvm.sys.KvmIoctls;
import org.jtcg.kvm.sys.KvmStructs;
import org.jtcg.kvm.sys.KvmVcpu;

import java.nio.ByteBuffer;

/**
 * Turns the x86 exits into engine exits: the OUT of the syscall stub, the OUT of an exception stub
 * (a CPU exception in user mode → a Linux signal with si_code and address, {@link ExceptionSignals}),
 * the #PF at LSTAR that is a SYSCALL on PVM ({@link SyscallMode#LSTAR_FAULT}), and single-step
 * debug exits. Records how the vCPU stopped ({@link X86RegisterTransport#setStop}) so the register
 * view matches, and caches REGS, which the syscall layer reads next (free from the sync area).
 */
final class X86ExitHandler {
    private static final int REGS = RegSet.REGS.ordinal();

    private final KvmVcpu vcpu;
    private final X86RegisterTransport sync;
    private final RegisterSetCache cache;
    private final SupervisorImage image;
    private final ByteBuffer privateMem;
    private final PagedMemory memory;
    private final SyscallMode syscallMode;

    X86ExitHandler(KvmVcpu vcpu, X86RegisterTransport sync, RegisterSetCache cache, SupervisorImage image,
                   ByteBuffer privateMem, PagedMemory memory, SyscallMode syscallMode) {
        this.vcpu = vcpu;
        this.sync = sync;
        this.cache = cache;
        this.image = image;
        this.privateMem = privateMem;
        this.memory = memory;
        this.syscallMode = syscallMode;
    }

    /**
     * Interprets an exit; null means "nothing for the caller, run again". {@code stepping}: the vCPU
     * single-stepped; {@code userTf}: the trap flag the user program itself had set (0 or 0x100).
     */
    EngineExit classify(int reason, boolean stepping, long userTf) {
        ByteBuffer run = vcpu.kvmRun();
        switch (reason) {
            case KvmIoctls.EXIT_IO -> {
                int port = run.getShort(KvmStructs.KVM_RUN.offset("io.port")) & 0xffff;
                if (port == VmLayout.PORT_SYSCALL && sync.rawRip() == image.syscallEntryVa()) {
                    sync.setStop(X86RegisterTransport.Stop.SYSCALL, false);
                    cache.ensureCached(REGS); // the syscall layer reads GPRs: free from the sync area
                    return EngineExit.syscall();
                }
                int vector = port - VmLayout.PORT_EXCEPTION_BASE;
                if (vector >= 0 && vector < VmLayout.IDT_VECTORS) {
                    return exception(vector, stepping, userTf);
                }
                throw failure("unexpected port I/O exit, port 0x" + Integer.toHexString(port));
            }
            case KvmIoctls.EXIT_DEBUG -> {
                int cs = Segments.selector(sync.rawSregs(), "cs");
                if ((cs & 3) == 3) {
                    sync.setStop(X86RegisterTransport.Stop.USER, false);
                    cache.ensureCached(REGS);
                    return EngineExit.stepDone();
                }
                if (sync.rawRip() == image.syscallEntryVa()) {
                    clearSteppingTf(userTf);
                    sync.setStop(X86RegisterTransport.Stop.SYSCALL, true);
                    cache.ensureCached(REGS);
                    return EngineExit.syscall();
                }
                long rip = sync.rawRip();
                if (rip >= image.exceptionEntryVa(ExceptionSignals.VEC_DB)
                        && rip < image.exceptionEntryVa(ExceptionSignals.VEC_DB + 1)) {
                    return steppedIntoDebugStub(userTf);
                }
                sync.setStop(X86RegisterTransport.Stop.KERNEL, false);
                return null;
            }
            case KvmIoctls.EXIT_HLT -> throw failure("vCPU halted in the engine's ring-0 code");
            default -> throw failure("unexpected KVM exit reason " + reason);
        }
    }

    /** A stepped SYSCALL: R11 holds the trap flag KVM set for stepping; the user did not (unless {@code userTf}). */
    private void clearSteppingTf(long userTf) {
        ByteBuffer regs = sync.rawRegs();
        int r11 = KvmStructs.KVM_REGS.offset("r11");
        regs.putLong(r11, (regs.getLong(r11) & ~0x100L) | userTf);
    }

    /**
     * PVM delivers the single-step #DB to the guest's IDT as well: the user instruction completed and
     * the user state is in the #DB frame. Drop the trap flag KVM set for stepping from the saved RFLAGS.
     */
    private EngineExit steppedIntoDebugStub(long userTf) {
        int rflagsAt = VmLayout.KSTACK_TOP - 24;
        privateMem.putLong(rflagsAt, (privateMem.getLong(rflagsAt) & ~0x100L) | userTf);
        sync.setStop(X86RegisterTransport.Stop.EXCEPTION, true);
        cache.ensureCached(REGS);
        return EngineExit.stepDone();
    }

    private long frameRip() {
        return privateMem.getLong(VmLayout.KSTACK_TOP - 40);
    }

    private EngineExit exception(int vector, boolean stepping, long userTf) {
        long expectedRsp = image.kernelStackTopVa() - 48;
        ExceptionSignals.Mapping m = ExceptionSignals.forVector(vector);
        if (sync.rawRsp() != expectedRsp) {
            throw failure(String.format("CPU exception %s in the engine's ring-0 code (rsp 0x%x, cr2 0x%x)", m.name(),
                    sync.rawRsp(), sync.cr2()));
        }
        long errorCode = privateMem.getLong(VmLayout.KSTACK_TOP - 48);
        if (vector == ExceptionSignals.VEC_PF && syscallMode == SyscallMode.LSTAR_FAULT
                && frameRip() == image.syscallEntryVa() && sync.cr2() == image.syscallEntryVa() && (errorCode & 16) != 0) {
            if (stepping) {
                clearSteppingTf(userTf); // R11 = the user RFLAGS, incl. the trap flag KVM set for stepping
            }
            sync.setStop(X86RegisterTransport.Stop.SYSCALL_TRAP, true);
            cache.ensureCached(REGS);
            return EngineExit.syscall();
        }
        if (vector == ExceptionSignals.VEC_DB && stepping) {
            return steppedIntoDebugStub(userTf);
        }
        sync.setStop(X86RegisterTransport.Stop.EXCEPTION, true);
        cache.ensureCached(REGS);
        CpuState cpu = cache.cpu();
        long cs = cpu.getReg(X86Registers.seg(X86Registers.CS, 0));
        if ((cs & 3) != 3) {
            throw failure(String.format("CPU exception %s in the engine's ring-0 code at 0x%x (cr2 0x%x)", m.name(),
                    cpu.pc, sync.cr2()));
        }
        if (vector == ExceptionSignals.VEC_PF) {
            long addr = sync.cr2();
            int code = memory.protectionAt(addr) < 0 ? SigCodes.SEGV_MAPERR : SigCodes.SEGV_ACCERR;
            String access = (errorCode & 16) != 0 ? "instruction fetch" : (errorCode & 2) != 0 ? "write" : "read";
            return EngineExit.signal(m.signal(), code, addr, String.format("%s, %s of 0x%x (error code 0x%x)", m.name(),
                    access, addr, errorCode));
        }
        String detail = StubCode.hasErrorCode(vector) && errorCode != 0
                ? String.format("%s (error code 0x%x)", m.name(), errorCode) : m.name();
        return EngineExit.signal(m.signal(), m.siCode(), 0, detail);
    }

    /** Where the vCPU is, for failure messages. */
    String position() {
        return String.format("vCPU rip 0x%x, rsp 0x%x", sync.rawRip(), sync.rawRsp());
    }

    private KvmEngineException failure(String what) {
        return KvmEngineException.at(what, position());
    }
}

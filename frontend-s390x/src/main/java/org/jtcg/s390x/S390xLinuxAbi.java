package org.jtcg.s390x;

import org.jtcg.core.linux.CloneArgOrder;
import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.linux.AddressSpaceLayout;
import org.jtcg.core.linux.LinuxAbi;
import org.jtcg.core.linux.OpenFlags;
import org.jtcg.core.linux.SignalFrameLayout;
import org.jtcg.core.linux.StatLayout;
import org.jtcg.core.linux.StatfsLayout;
import org.jtcg.core.linux.SyscallTable;
import org.jtcg.core.signal.Signals;
import org.jtcg.cpreg.S390Registers;

/**
 * The s390x Linux user-mode ABI: the syscall number is the SVC's I field, or r1 when that is 0
 * (numbers above 255); arguments r2-r7; result r2. Data layouts come from {@link S390xLinuxLayout}.
 * Registers go through the by-id accessors except the SVC code, which has no architectural id
 * (Linux reads it from the interruption code; here {@link S390xCpu#svcCode}).
 */
public final class S390xLinuxAbi implements LinuxAbi {
    @Override public SyscallTable syscalls() { return S390xLinuxLayout.SYSCALLS; }

    @Override
    public long syscallNumber(CpuState cpu) {
        long code = ((S390xCpu) cpu).svcCode;
        return code != 0 ? code : cpu.getReg(S390Registers.gpr(1));
    }

    @Override
    public long syscallArg(CpuState cpu, int index) {
        if (index < 0 || index > 5) {
            throw new IllegalArgumentException("s390x syscalls have 6 arguments, asked for #" + index);
        }
        return cpu.getReg(S390Registers.gpr(2 + index));
    }

    @Override
    public void setSyscallResult(CpuState cpu, long result) {
        cpu.setReg(S390Registers.gpr(2), result);
    }

    @Override
    public void initRegisters(CpuState cpu, long entryPc, long stackPointer) {
        for (int i = 0; i < 16; i++) {
            cpu.setReg(S390Registers.gpr(i), 0); // r14 = 0: no return address; r2-r6 unused for a static program
        }
        cpu.setReg(S390Registers.gpr(15), stackPointer);
        cpu.setReg(S390Registers.PSW_MASK, S390xCpu.INITIAL_PSW_MASK);
        cpu.setReg(S390Registers.PSW_ADDR, entryPc);
        cpu.setReg(S390Registers.FPC, 0);
        for (int i = 0; i < 16; i++) {
            cpu.setReg(S390Registers.acr(i), 0);
        }
    }

    @Override public boolean bigEndian() { return S390xLinuxLayout.BIG_ENDIAN; }
    @Override public String unameMachine() { return S390xLinuxLayout.MACHINE; }
    /** AT_PLATFORM names the machine generation (Linux: "z900" ... "z16"); jtcg implements a z196-like subset. */
    @Override public String platform() { return "z196"; }
    @Override public long hwcap() { return S390xFacilities.HWCAP; }
    @Override public String cpuinfo(int cpus) {
        return S390xCpuInfo.text(S390xFacilities.HWCAP, S390xFacilities.FACILITY_BITS, cpus);
    }
    @Override public StatLayout statLayout() { return S390xLinuxLayout.STAT; }
    @Override public StatfsLayout statfsLayout() { return S390xLinuxLayout.STATFS; }
    @Override public OpenFlags openFlags() { return S390xLinuxLayout.OPEN_FLAGS; }
    @Override public AddressSpaceLayout addressSpace() { return S390xLinuxLayout.ADDRESS_SPACE; }

    /** s390x has CONFIG_CLONE_BACKWARDS2: the stack comes first. */
    @Override public CloneArgOrder cloneArgOrder() { return CloneArgOrder.BACKWARDS2; }

    /** clone: r15 and the thread pointer in access registers a0 (high half) and a1 (low half). */
    @Override
    public boolean setThreadStart(CpuState cpu, long stack, boolean setTls, long tls) {
        if (stack != 0) cpu.setReg(S390Registers.gpr(15), stack);
        if (setTls) {
            cpu.setReg(S390Registers.acr(0), tls >>> 32);
            cpu.setReg(S390Registers.acr(1), tls & 0xffff_ffffL);
        }
        return true;
    }

    @Override public SignalFrameLayout signalFrame() { return S390xSignalFrame.LAYOUT; }

    /** The translation-exception identification names the page only: a SIGSEGV's si_addr is page-aligned. */
    @Override
    public long faultAddress(int signo, long address) {
        return signo == Signals.SIGSEGV ? address & ~0xfffL : address;
    }

    /**
     * SA_RESTART: Linux rewinds the PSW address by the SVC's length (2 bytes) and puts orig_gpr2 (the
     * first argument, which the result overwrote) back into r2; the number is still in the SVC's I field
     * or r1. (An SVC run by EXECUTE would need the EXECUTE's length; compilers do not emit that.)
     */
    @Override
    public boolean restartSyscall(CpuState cpu, long nr, long[] args) {
        cpu.setReg(S390Registers.gpr(2), args[0]);
        cpu.setReg(S390Registers.PSW_ADDR, cpu.getReg(S390Registers.PSW_ADDR) - 2);
        return true;
    }
}

package org.jtcg.arm64;

import org.jtcg.core.linux.CloneArgOrder;
import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.linux.AddressSpaceLayout;
import org.jtcg.core.linux.LinuxAbi;
import org.jtcg.core.linux.OpenFlags;
import org.jtcg.core.linux.SignalFrameLayout;
import org.jtcg.core.linux.StatLayout;
import org.jtcg.core.linux.StatfsLayout;
import org.jtcg.core.linux.SyscallTable;
import org.jtcg.cpreg.Arm64Registers;

/**
 * The arm64 Linux user-mode ABI, register half: syscall number in x8, arguments in x0-x5, result
 * in x0; at entry every general register is 0, sp points at argc (16-byte aligned by the shared
 * initial-stack builder), PSTATE and FPCR are 0. The data half (syscall numbers, struct layouts,
 * open flags, address space) is {@link Arm64LinuxLayout}. arm64 has no arch_prctl: libc sets the
 * thread pointer itself with {@code msr tpidr_el0}. Registers are accessed by id, not by field, so
 * an engine that keeps them elsewhere (KVM) sees the accesses.
 */
public final class Arm64LinuxAbi implements LinuxAbi {
    /** {@code HWCAP_FP} and {@code HWCAP_ASIMD} (arch/arm64/include/uapi/asm/hwcap.h). */
    public static final long HWCAP_FP = 1L << 0, HWCAP_ASIMD = 1L << 1;
    /** What the translator implements: FP and AdvSIMD, nothing optional (no atomics, crc32, crypto, SVE). */
    public static final long HWCAP = HWCAP_FP | HWCAP_ASIMD;

    private static final long X8 = Arm64Registers.x(8);
    private static final long X0 = Arm64Registers.x(0);

    @Override public SyscallTable syscalls() { return Arm64LinuxLayout.SYSCALLS; }

    @Override
    public long syscallNumber(CpuState cpu) {
        return cpu.getReg(X8);
    }

    @Override
    public long syscallArg(CpuState cpu, int index) {
        if (index < 0 || index > 5) {
            throw new IllegalArgumentException("arm64 syscalls have 6 arguments (x0-x5), asked for #" + index);
        }
        return cpu.getReg(Arm64Registers.x(index));
    }

    @Override
    public void setSyscallResult(CpuState cpu, long result) {
        cpu.setReg(X0, result);
    }

    @Override
    public void initRegisters(CpuState cpu, long entryPc, long stackPointer) {
        for (int i = 0; i < 31; i++) {
            cpu.setReg(Arm64Registers.x(i), 0); // x0 = 0: no rtld_fini for a static program
        }
        cpu.setReg(Arm64Registers.SP, stackPointer);
        cpu.setReg(Arm64Registers.PC, entryPc);
        cpu.setReg(Arm64Registers.PSTATE, 0);
        cpu.setReg(Arm64Registers.FPCR, 0);
        cpu.setReg(Arm64Registers.FPSR, 0);
    }

    @Override public boolean bigEndian() { return Arm64LinuxLayout.BIG_ENDIAN; }
    @Override public String unameMachine() { return Arm64LinuxLayout.MACHINE; }
    /** Linux's arm64 ELF_PLATFORM is "aarch64". */
    @Override public String platform() { return "aarch64"; }
    @Override public long hwcap() { return HWCAP; }
    @Override public String cpuinfo(int cpus) { return Arm64CpuInfo.text(HWCAP, cpus); }
    @Override public StatLayout statLayout() { return Arm64LinuxLayout.STAT; }
    @Override public StatfsLayout statfsLayout() { return Arm64LinuxLayout.STATFS; }
    @Override public OpenFlags openFlags() { return Arm64LinuxLayout.OPEN_FLAGS; }
    @Override public AddressSpaceLayout addressSpace() { return Arm64LinuxLayout.ADDRESS_SPACE; }

    /** arm64 has CONFIG_CLONE_BACKWARDS: tls before child_tid. */
    @Override public CloneArgOrder cloneArgOrder() { return CloneArgOrder.BACKWARDS; }

    /** clone: sp and TPIDR_EL0 (the thread pointer). */
    @Override
    public boolean setThreadStart(CpuState cpu, long stack, boolean setTls, long tls) {
        if (stack != 0) cpu.setReg(Arm64Registers.SP, stack);
        if (setTls) cpu.setReg(Arm64Registers.TPIDR_EL0, tls);
        return true;
    }

    @Override public SignalFrameLayout signalFrame() { return Arm64SignalFrame.LAYOUT; }

    /**
     * SA_RESTART: Linux rewinds the PC over the 4-byte svc and puts orig_x0 (the first argument, which
     * the result overwrote) back into x0; x8 still holds the number.
     */
    @Override
    public boolean restartSyscall(CpuState cpu, long nr, long[] args) {
        cpu.setReg(X0, args[0]);
        cpu.setReg(Arm64Registers.PC, cpu.getReg(Arm64Registers.PC) - 4);
        return true;
    }
}

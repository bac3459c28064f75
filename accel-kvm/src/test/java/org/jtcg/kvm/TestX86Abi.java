package org.jtcg.kvm;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.linux.AddressSpaceLayout;
import org.jtcg.core.linux.LinuxAbi;
import org.jtcg.core.linux.LinuxProcess;
import org.jtcg.core.linux.StatLayout;
import org.jtcg.core.linux.SyscallTable;
import org.jtcg.core.memory.GuestFault;
import org.jtcg.cpreg.X86Registers;
import org.jtcg.x86.X86LinuxAbi;
import org.jtcg.x86.X86UserRegisters;
import org.jtcg.x86.cpuid.CpuidModel;

/**
 * Test-only x86-64 Linux ABI working purely by register id: number in rax; arguments rdi, rsi,
 * rdx, r10, r8, r9; result in rax; arch_prctl for the FS/GS base.
 */
public final class TestX86Abi implements LinuxAbi {
    private static final SyscallTable TABLE = SyscallTable.load(X86UserRegisters.class, "syscalls.tsv");
    private static final long[] ARGS = {X86Registers.gpr(7), X86Registers.gpr(6), X86Registers.gpr(2),
        X86Registers.gpr(10), X86Registers.gpr(8), X86Registers.gpr(9)};
    private static final long RAX = X86Registers.gpr(0), RSP = X86Registers.gpr(4), RDX = X86Registers.gpr(2);
    static final int ARCH_SET_GS = 0x1001, ARCH_SET_FS = 0x1002, ARCH_GET_FS = 0x1003, ARCH_GET_GS = 0x1004;
    private static final int EINVAL = 22, EFAULT = 14;

    @Override public SyscallTable syscalls() { return TABLE; }
    @Override public long syscallNumber(CpuState cpu) { return cpu.getReg(RAX); }
    @Override public long syscallArg(CpuState cpu, int index) { return cpu.getReg(ARGS[index]); }
    @Override public void setSyscallResult(CpuState cpu, long result) { cpu.setReg(RAX, result); }

    @Override
    public void initRegisters(CpuState cpu, long entryPc, long stackPointer) {
        cpu.setReg(X86Registers.RIP, entryPc);
        cpu.pc = entryPc;
        cpu.setReg(RSP, stackPointer);
        cpu.setReg(RDX, 0);
    }

    @Override public boolean bigEndian() { return false; }
    @Override public AddressSpaceLayout addressSpace() { return X86LinuxAbi.ADDRESS_SPACE; }
    @Override public String unameMachine() { return "x86_64"; }
    @Override public String platform() { return "x86_64"; }
    @Override public long hwcap() { return CpuidModel.active().hwcap(); }
    @Override public StatLayout statLayout() { return StatLayout.X86_64; }

    @Override
    public long archSyscall(String name, long[] args, CpuState cpu, LinuxProcess process) {
        if (!name.equals("arch_prctl")) {
            return NOT_HANDLED;
        }
        switch ((int) args[0]) {
            case ARCH_SET_FS -> cpu.setReg(X86UserRegisters.FS_BASE, args[1]);
            case ARCH_SET_GS -> cpu.setReg(X86UserRegisters.GS_BASE, args[1]);
            case ARCH_GET_FS, ARCH_GET_GS -> {
                long v = cpu.getReg((int) args[0] == ARCH_GET_FS ? X86UserRegisters.FS_BASE : X86UserRegisters.GS_BASE);
                try {
                    process.memory().store(args[1], 8, v, false);
                } catch (GuestFault f) {
                    return -EFAULT;
                }
            }
            default -> {
                return -EINVAL;
            }
        }
        return 0;
    }
}

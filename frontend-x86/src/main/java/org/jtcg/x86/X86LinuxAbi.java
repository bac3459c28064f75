package org.jtcg.x86;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.linux.AddressSpaceLayout;
import org.jtcg.core.linux.Errno;
import org.jtcg.core.linux.LinuxAbi;
import org.jtcg.core.linux.LinuxProcess;
import org.jtcg.core.linux.SignalFrameLayout;
import org.jtcg.core.linux.StatLayout;
import org.jtcg.core.linux.StatfsLayout;
import org.jtcg.core.linux.SyscallTable;
import org.jtcg.core.memory.GuestFault;
import org.jtcg.cpreg.X86Registers;
import org.jtcg.x86.cpuid.CpuidModel;

/**
 * The x86-64 Linux user-mode ABI: syscall number in rax, arguments in rdi rsi rdx r10 r8 r9,
 * result in rax; arch_prctl for the FS/GS bases. Registers are read and written through the by-id
 * accessors (not the fields), because the KVM engine keeps registers lazily and hooks that path.
 */
public final class X86LinuxAbi implements LinuxAbi {
    private static final SyscallTable TABLE = SyscallTable.load(X86LinuxAbi.class, "syscalls.tsv");
    /** rdi, rsi, rdx, r10, r8, r9 (hardware numbers). */
    private static final int[] ARG_REGS = {7, 6, 2, 10, 8, 9};
    private static final long RAX = X86Registers.gpr(0);

    /** arch_prctl codes (asm/prctl.h). */
    public static final int ARCH_SET_GS = 0x1001, ARCH_SET_FS = 0x1002, ARCH_GET_FS = 0x1003, ARCH_GET_GS = 0x1004;
    /** Linux's TASK_SIZE_MAX for 4-level paging: bases at or above it are refused with EPERM. */
    private static final long TASK_SIZE_MAX = 0x7fff_ffff_f000L;

    /**
     * The x86-64 process layout: 47-bit user space (TASK_SIZE 1 << 47, 4-level paging), ET_DYN base
     * 0x555555554000 (Linux's ELF_ET_DYN_BASE, 2/3 of the map window, page-aligned); jtcg's own choices
     * keep the 8 MiB stack just under 0x7ffff0000000, mmap below 0x7f0000000000 and the interpreter at
     * 0x7fe000000000, between the two.
     */
    public static final AddressSpaceLayout ADDRESS_SPACE = new AddressSpaceLayout(1L << 47, 0x7fff_f000_0000L,
            AddressSpaceLayout.DEFAULT_STACK_SIZE, 0x7f00_0000_0000L, 0x5555_5555_4000L, 0x7fe0_0000_0000L);

    @Override public SyscallTable syscalls() { return TABLE; }

    @Override
    public long syscallNumber(CpuState cpu) {
        return cpu.getReg(RAX);
    }

    @Override
    public long syscallArg(CpuState cpu, int index) {
        if (index < 0 || index >= ARG_REGS.length) {
            throw new IllegalArgumentException("x86-64 syscalls have 6 arguments, asked for #" + index);
        }
        return cpu.getReg(X86Registers.gpr(ARG_REGS[index]));
    }

    @Override
    public void setSyscallResult(CpuState cpu, long result) {
        cpu.setReg(RAX, result);
    }

    @Override
    public void initRegisters(CpuState cpu, long entryPc, long stackPointer) {
        for (int i = 0; i < 16; i++) {
            cpu.setReg(X86Registers.gpr(i), 0); // rdx = 0: no rtld_fini for a static program
        }
        cpu.setReg(X86Registers.gpr(4), stackPointer);
        cpu.setReg(X86Registers.RIP, entryPc);
        cpu.setReg(X86Registers.RFLAGS, 0x202);
        cpu.setReg(X86Registers.seg(X86Registers.CS, X86Registers.SEG_SELECTOR), 0x33);
        cpu.setReg(X86Registers.seg(X86Registers.SS, X86Registers.SEG_SELECTOR), 0x2b);
        for (int s : new int[] {X86Registers.ES, X86Registers.DS, X86Registers.FS, X86Registers.GS}) {
            cpu.setReg(X86Registers.seg(s, X86Registers.SEG_SELECTOR), 0);
        }
    }

    @Override public boolean bigEndian() { return false; }
    @Override public String unameMachine() { return "x86_64"; }
    @Override public String platform() { return "x86_64"; }
    @Override public long hwcap() { return CpuidModel.active().hwcap(); }
    @Override public long hwcap2() { return CpuidModel.active().hwcap2(); }
    @Override public String cpuinfo(int cpus) { return org.jtcg.x86.cpuid.X86CpuInfo.text(CpuidModel.active(), cpus); }
    @Override public StatLayout statLayout() { return StatLayout.X86_64; }
    /** uapi/linux/eventpoll.h: EPOLL_PACKED on x86-64, so struct epoll_event is 12 bytes. */
    @Override public int epollEventSize() { return 12; }
    @Override public StatfsLayout statfsLayout() { return StatfsLayout.GENERIC_64; }
    @Override public AddressSpaceLayout addressSpace() { return ADDRESS_SPACE; }
    @Override public SignalFrameLayout signalFrame() { return X86SignalFrame.LAYOUT; }

    /** The syscall instruction (0f 05) is 2 bytes; rax gets the number back (Linux: ax = orig_ax, ip -= 2). */
    @Override
    public boolean restartSyscall(CpuState cpu, long nr, long[] args) {
        cpu.setReg(RAX, nr);
        cpu.setReg(X86Registers.RIP, cpu.getReg(X86Registers.RIP) - 2);
        return true;
    }

    @Override
    public long archSyscall(String name, long[] args, CpuState cpu, LinuxProcess process) {
        if (!name.equals("arch_prctl")) {
            return NOT_HANDLED;
        }
        int code = (int) args[0];
        long addr = args[1];
        switch (code) {
            case ARCH_SET_FS, ARCH_SET_GS -> {
                if (Long.compareUnsigned(addr, TASK_SIZE_MAX) >= 0) {
                    return -Errno.EPERM;
                }
                cpu.setReg(code == ARCH_SET_FS ? X86UserRegisters.FS_BASE : X86UserRegisters.GS_BASE, addr);
                return 0;
            }
            case ARCH_GET_FS, ARCH_GET_GS -> {
                long base = cpu.getReg(code == ARCH_GET_FS ? X86UserRegisters.FS_BASE : X86UserRegisters.GS_BASE);
                try {
                    process.memory().store(addr, 8, base, false);
                } catch (GuestFault f) {
                    return -Errno.EFAULT;
                }
                return 0;
            }
            default -> {
                return -Errno.EINVAL;
            }
        }
    }

    /** clone: rsp and the FS base (x86-64's thread pointer). */
    @Override
    public boolean setThreadStart(CpuState cpu, long stack, boolean setTls, long tls) {
        if (stack != 0) cpu.setReg(X86Registers.gpr(4), stack);
        if (setTls) cpu.setReg(X86UserRegisters.FS_BASE, tls);
        return true;
    }
}

package org.jtcg.cli.toy;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.linux.AddressSpaceLayout;
import org.jtcg.core.linux.LinuxAbi;
import org.jtcg.core.linux.StatLayout;
import org.jtcg.core.linux.SyscallTable;

/** Linux ABI of the toy64 test arch (x86-64 syscall numbers from a test resource). */
public class ToyAbi implements LinuxAbi {
    private static final SyscallTable TABLE = SyscallTable.load(ToyAbi.class, "syscalls.tsv");

    @Override public SyscallTable syscalls() { return TABLE; }
    @Override public long syscallNumber(CpuState cpu) { return ((ToyCpu) cpu).r0; }

    @Override
    public long syscallArg(CpuState cpu, int index) {
        ToyCpu c = (ToyCpu) cpu;
        return switch (index) {
            case 0 -> c.r1;
            case 1 -> c.r2;
            case 2 -> c.r3;
            case 3 -> c.r4;
            case 4 -> c.r5;
            case 5 -> c.r6;
            default -> throw new IllegalArgumentException("syscall argument " + index);
        };
    }

    @Override public void setSyscallResult(CpuState cpu, long result) { ((ToyCpu) cpu).r0 = result; }

    @Override
    public void initRegisters(CpuState cpu, long entryPc, long stackPointer) {
        cpu.pc = entryPc;
        ((ToyCpu) cpu).r7 = stackPointer;
    }

    @Override public boolean bigEndian() { return false; }
    @Override public String unameMachine() { return "toy64"; }
    @Override public String platform() { return "toy64"; }
    @Override public StatLayout statLayout() { return StatLayout.X86_64; }

    /** A 1 TiB toy space shaped like no real arch, so the loader and memory are seen to take it from the ABI. */
    @Override public AddressSpaceLayout addressSpace() { return LAYOUT; }

    public static final AddressSpaceLayout LAYOUT = AddressSpaceLayout.linuxTopDown(1L << 40, 1L << 40, 0xaa_aaaa_a000L);
}

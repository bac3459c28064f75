package org.jtcg.core.snapshot;

import org.jtcg.core.arch.GuestArch;
import org.jtcg.core.cpu.CpuLayout;
import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.ir.Translator;
import org.jtcg.core.linux.AddressSpaceLayout;
import org.jtcg.core.linux.LinuxAbi;
import org.jtcg.core.linux.StatLayout;
import org.jtcg.core.linux.SyscallTable;
import org.jtcg.cpreg.RegArch;
import org.jtcg.cpreg.RegId;
import org.jtcg.cpreg.RegSize;
import org.jtcg.cpreg.RegisterTable;

import java.lang.invoke.MethodHandles;
import java.util.List;

/** Test arch for snapshots: four hot registers, the pc, a U128 register in two fields, and one sysreg. */
final class SnapArch implements GuestArch {
    static final long R0 = RegId.make(RegArch.X86, RegSize.U64, 0x7d0000);
    static final long PC = RegId.make(RegArch.X86, RegSize.U64, 0x7d0010);
    static final long V0 = RegId.make(RegArch.X86, RegSize.U128, 0x7d0020);
    static final long SYS = RegId.make(RegArch.X86, RegSize.U32, 0x7d0030);

    /** CPU of the test arch. */
    static final class Cpu extends CpuState {
        public long r0, r1, r2, r3, v0lo, v0hi;
        private final RegisterTable sys = new RegisterTable(SYS);
        static final CpuLayout LAYOUT = CpuLayout.of(MethodHandles.lookup(), Cpu.class, List.of(
                CpuLayout.spec("r0", R0), CpuLayout.spec("r1", R0 + 1), CpuLayout.spec("r2", R0 + 2),
                CpuLayout.spec("r3", R0 + 3), CpuLayout.spec("pc", PC),
                CpuLayout.spec("v0lo", V0, 0), CpuLayout.spec("v0hi", V0, 1)));

        @Override public CpuLayout layout() { return LAYOUT; }
        @Override public RegisterTable sysregs() { return sys; }
    }

    static final class Abi implements LinuxAbi {
        private static final SyscallTable TABLE = SyscallTable.parse("0 read\n", "snaptest");
        @Override public SyscallTable syscalls() { return TABLE; }
        @Override public long syscallNumber(CpuState cpu) { return ((Cpu) cpu).r0; }
        @Override public long syscallArg(CpuState cpu, int index) { return ((Cpu) cpu).r1; }
        @Override public void setSyscallResult(CpuState cpu, long result) { ((Cpu) cpu).r0 = result; }
        @Override public void initRegisters(CpuState cpu, long entryPc, long stackPointer) { cpu.pc = entryPc; }
        @Override public boolean bigEndian() { return false; }
        @Override public String unameMachine() { return "snap"; }
        @Override public String platform() { return "snap"; }
        @Override public StatLayout statLayout() { return StatLayout.X86_64; }
        @Override public AddressSpaceLayout addressSpace() {
            return AddressSpaceLayout.linuxTopDown(1L << 47, 1L << 47, 0x5555_5555_4000L);
        }
    }

    private final Abi abi = new Abi();

    @Override public String name() { return "snaptest"; }
    @Override public int elfMachine() { return -2; }
    @Override public CpuState newCpu() { return new Cpu(); }
    @Override public Translator translator() { return null; }
    @Override public LinuxAbi linuxAbi() { return abi; }
}

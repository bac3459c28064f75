package org.jtcg.x86;

import org.jtcg.core.arch.GuestArch;
import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.ir.Translator;
import org.jtcg.core.linux.LinuxAbi;
import org.jtcg.x86.translate.X86Translator;

/** The x86-64 frontend (ELF EM_X86_64), registered as a {@link GuestArch} service. */
public final class X86Arch implements GuestArch {
    public static final int EM_X86_64 = 62;

    private final Translator translator = new X86Translator();
    private final LinuxAbi abi = new X86LinuxAbi();

    @Override public String name() { return "x86_64"; }
    @Override public int elfMachine() { return EM_X86_64; }
    @Override public CpuState newCpu() { return new X86Cpu(); }
    @Override public Translator translator() { return translator; }
    @Override public LinuxAbi linuxAbi() { return abi; }
}

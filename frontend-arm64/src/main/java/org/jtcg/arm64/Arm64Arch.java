package org.jtcg.arm64;

import org.jtcg.arm64.translate.A64Translator;
import org.jtcg.core.arch.GuestArch;
import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.ir.Translator;
import org.jtcg.core.linux.LinuxAbi;

/** The AArch64 frontend (ELF EM_AARCH64), registered as a {@link GuestArch} service. */
public final class Arm64Arch implements GuestArch {
    public static final int EM_AARCH64 = 183;

    private final Translator translator = new A64Translator();
    private final LinuxAbi abi = new Arm64LinuxAbi();

    @Override public String name() { return "aarch64"; }
    @Override public int elfMachine() { return EM_AARCH64; }
    @Override public CpuState newCpu() { return new Arm64Cpu(); }
    @Override public Translator translator() { return translator; }
    @Override public LinuxAbi linuxAbi() { return abi; }
}

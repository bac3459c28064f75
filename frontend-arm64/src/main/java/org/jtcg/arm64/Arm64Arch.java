package org.jtcg.arm64;

import org.jtcg.arm64.translate.A64Translator;
import org.jtcg.core.arch.GuestArch;
import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.ir.Translator;
import org.jtcg.core.linux.LinuxAbi;

/** The AArch64 frontend (ELF EM_AARCH64), registered as a {@link GuestArch} service. */
public final class Arm64Arch implements GuestArch {
    public static final int EM_AARCH64 = 183;

    /**
     * Made on first use: ElfLoader and snapshots find an arch by instantiating the registered arches in turn,
     * and building a translator's decode tables costs a cold JVM ~0.1 s and ~100-400 class loads.
     */
    private Translator translator;
    /** Made on first use too: its syscall table is parsed when it is built. */
    private LinuxAbi abi;

    @Override public String name() { return "aarch64"; }
    @Override public int elfMachine() { return EM_AARCH64; }
    @Override public CpuState newCpu() { return new Arm64Cpu(); }
    @Override
    public synchronized Translator translator() {
        if (translator == null) {
            translator = new A64Translator();
        }
        return translator;
    }
    @Override
    public synchronized LinuxAbi linuxAbi() {
        if (abi == null) {
            abi = new Arm64LinuxAbi();
        }
        return abi;
    }
}

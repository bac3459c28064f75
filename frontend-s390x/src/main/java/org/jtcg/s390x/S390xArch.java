package org.jtcg.s390x;

import org.jtcg.core.arch.GuestArch;
import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.ir.Translator;
import org.jtcg.core.linux.LinuxAbi;
import org.jtcg.s390x.translate.S390xTranslator;

/** The s390x frontend (ELF EM_S390, 64-bit), registered as a {@link GuestArch} service. */
public final class S390xArch implements GuestArch {
    public static final int EM_S390 = 22;

    /**
     * Made on first use: ElfLoader and snapshots find an arch by instantiating the registered arches in turn,
     * and building a translator's decode tables costs a cold JVM ~0.1 s and ~100-400 class loads.
     */
    private Translator translator;
    /** Made on first use too: its syscall table is parsed when it is built. */
    private LinuxAbi abi;

    @Override public String name() { return "s390x"; }
    @Override public int elfMachine() { return EM_S390; }
    @Override public CpuState newCpu() { return new S390xCpu(); }
    @Override
    public synchronized Translator translator() {
        if (translator == null) {
            translator = new S390xTranslator();
        }
        return translator;
    }
    @Override
    public synchronized LinuxAbi linuxAbi() {
        if (abi == null) {
            abi = new S390xLinuxAbi();
        }
        return abi;
    }
}

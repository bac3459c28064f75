package org.jtcg.x86;

import org.jtcg.core.arch.GuestArch;
import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.ir.Translator;
import org.jtcg.core.linux.LinuxAbi;
import org.jtcg.x86.cpuid.CpuLevel;
import org.jtcg.x86.cpuid.CpuidModel;
import org.jtcg.x86.translate.X86Translator;

import java.util.ArrayList;
import java.util.List;

/** The x86-64 frontend (ELF EM_X86_64), registered as a {@link GuestArch} service. */
public final class X86Arch implements GuestArch {
    public static final int EM_X86_64 = 62;

    /**
     * Made on first use: ElfLoader and snapshots find an arch by instantiating the registered arches in turn,
     * and building a translator's decode tables costs a cold JVM ~0.1 s and ~100-400 class loads.
     */
    private Translator translator;
    /** Made on first use too: its syscall table is parsed when it is built. */
    private LinuxAbi abi;

    @Override public String name() { return "x86_64"; }
    @Override public int elfMachine() { return EM_X86_64; }
    @Override public CpuState newCpu() { return new X86Cpu(); }
    @Override
    public synchronized Translator translator() {
        if (translator == null) {
            translator = new X86Translator();
        }
        return translator;
    }
    @Override
    public synchronized LinuxAbi linuxAbi() {
        if (abi == null) {
            abi = new X86LinuxAbi();
        }
        return abi;
    }

    /** The psABI levels x86-64-v1..v3, available or not (selecting an unavailable one names what is missing). */
    @Override
    public List<String> cpuModels() {
        List<String> out = new ArrayList<>();
        for (CpuLevel l : CpuLevel.values()) {
            out.add(l.levelName);
        }
        return out;
    }

    @Override
    public void selectCpuModel(String name) {
        CpuidModel.select(CpuLevel.select(name));
    }
}

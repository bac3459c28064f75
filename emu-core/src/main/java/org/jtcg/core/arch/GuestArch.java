package org.jtcg.core.arch;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.ir.Translator;
import org.jtcg.core.linux.LinuxAbi;

import java.util.ServiceLoader;

/**
 * What a frontend provides, found with {@link ServiceLoader}
 * (META-INF/services/org.jtcg.core.arch.GuestArch). The core never names an arch.
 */
public interface GuestArch {
    /** Linux-style name: "x86_64", "aarch64", "s390x". */
    String name();

    /** ELF e_machine this arch runs (EM_X86_64 = 62, EM_AARCH64 = 183, EM_S390 = 22). */
    int elfMachine();

    /** A fresh CPU state in its architectural reset state. */
    CpuState newCpu();

    /** Guest code to IR. */
    Translator translator();

    /**
     * Linux user-mode ABI: syscall numbers and registers, auxv, initial registers, and the arch's
     * data byte order ({@link LinuxAbi#bigEndian()}, declared only there: the translator emits its
     * own byte order on each memory access, and everything else that needs it is Linux-level).
     */
    LinuxAbi linuxAbi();

    /** All arches on the class path. */
    static Iterable<GuestArch> all() {
        return ServiceLoader.load(GuestArch.class);
    }

    /** The arch for an ELF machine number, or null. */
    static GuestArch forElfMachine(int machine) {
        for (GuestArch a : all()) {
            if (a.elfMachine() == machine) {
                return a;
            }
        }
        return null;
    }
}

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

    /** The CPU models ({@code jtcg run --cpu}) this arch offers, lowest first; empty when it has no choice. */
    default java.util.List<String> cpuModels() {
        return java.util.List.of();
    }

    /**
     * Makes {@code name} the CPU model the guests of this JVM see (feature registers such as x86 CPUID,
     * the auxv hwcaps); call before loading the guest. Throws IllegalArgumentException with a
     * user-facing message for a name the arch does not know or cannot offer yet.
     */
    default void selectCpuModel(String name) {
        throw new IllegalArgumentException(name() + " has no selectable CPU models (asked for '" + name + "')");
    }

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

package org.jtcg.core.linux;

import org.jtcg.core.arch.GuestArch;
import org.jtcg.core.engine.Engine;
import org.jtcg.core.memory.GuestMemory;

/**
 * What the process model needs from its embedder (jtcg run) to create processes: the guest arch, an
 * engine of the run's kind for a new address space (fork), and an ELF loader configured like the first
 * one (execve: sysroot for interpreters).
 */
public interface ProcessLauncher {
    GuestArch arch();

    /** A new engine (its own translation cache) for a forked child's address space. */
    Engine newEngine(GuestMemory memory);

    /** A loader into {@code memory} with the run's settings. */
    ElfLoader loader(GuestMemory memory);
}

package org.jtcg.core.snapshot;

import org.jtcg.core.arch.GuestArch;
import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.linux.LinuxProcess;
import org.jtcg.core.memory.PagedMemory;

/**
 * A guest rebuilt from a snapshot, ready for {@code new CpuLoop(engine, cpu, process).run()}
 * (engines must be created with this memory).
 *
 * @param arch    the guest arch found by the snapshot's arch name
 * @param memory  a fresh address space with the saved mappings and contents
 * @param cpu     a fresh CPU state of the arch with the saved registers, attached to memory
 * @param process a fresh process with the saved process state
 */
public record RestoredGuest(GuestArch arch, PagedMemory memory, CpuState cpu, LinuxProcess process) {
}

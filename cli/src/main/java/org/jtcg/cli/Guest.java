package org.jtcg.cli;

import org.jtcg.core.arch.GuestArch;
import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.linux.LinuxProcess;
import org.jtcg.core.memory.PagedMemory;

/** A guest ready to run: its arch, address space, CPU state and process (loaded from an ELF or a snapshot). */
record Guest(GuestArch arch, PagedMemory memory, CpuState cpu, LinuxProcess process) {
}

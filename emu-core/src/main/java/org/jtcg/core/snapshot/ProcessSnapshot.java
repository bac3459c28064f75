package org.jtcg.core.snapshot;

import org.jtcg.core.arch.GuestArch;
import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.linux.LinuxAbi;
import org.jtcg.core.linux.LinuxProcess;
import org.jtcg.core.memory.GuestMemory;
import org.jtcg.core.memory.PagedMemory;
import org.jtcg.cpreg.RegArch;
import org.jtcg.cpreg.RegId;
import org.jtcg.cpreg.RegisterList;
import org.jtcg.cpreg.RegisterMergeException;
import org.jtcg.cpreg.Snapshot;
import org.jtcg.cpreg.SnapshotFile;
import org.jtcg.cpreg.SnapshotFormatException;

import java.util.List;
import java.util.function.Function;

/**
 * Whole-process snapshots: a cpreg {@link Snapshot} whose REGS section is
 * {@link RegisterList#capture} of the CPU, plus a MEMORY_MAP section ({@link MemoryImage}) and a
 * PROCESS section ({@link ProcessState}), both flagged {@link SnapshotFile#FLAG_REQUIRED}.
 *
 * <p>Capture happens between engine runs (after a syscall, or between steps), when the engine
 * has folded its lazy state into the CPU state. An engine that keeps registers elsewhere (KVM)
 * must have synced them into the {@link CpuState} (its sync hook does so on by-id reads).
 */
public final class ProcessSnapshot {
    /** Creates the process a restore fills in (stdio streams, random source...). */
    @FunctionalInterface
    public interface ProcessFactory {
        LinuxProcess create(GuestMemory memory, LinuxAbi abi);
    }

    private ProcessSnapshot() {
    }

    /**
     * Captures a running (not exited) guest.
     *
     * @throws SnapshotException if some state cannot be saved (an open pipe, a CPU state whose pc is not a register)
     */
    public static Snapshot capture(GuestArch arch, CpuState cpu, LinuxProcess process) {
        if (process.exited()) {
            throw new SnapshotException("cannot snapshot a process that has ended");
        }
        if (!(process.memory() instanceof PagedMemory memory)) {
            throw new SnapshotException("cannot snapshot guest memory of type " + process.memory().getClass().getSimpleName());
        }
        if (cpu.layout().byName("pc") == null || cpu.layout().byName("pc").regId() == 0) {
            throw new SnapshotException("the " + arch.name() + " CPU state does not expose its pc as a register, so it cannot be saved");
        }
        RegisterList regs = RegisterList.capture(cpu);
        RegArch regArch = regs.size() == 0 ? null : RegId.arch(regs.id(0));
        if (regArch == null) {
            throw new SnapshotException("the " + arch.name() + " CPU state has no registers");
        }
        byte[] proc = ProcessCapture.capture(arch.name(), process).encode();
        byte[] mem = MemoryImage.encode(memory);
        return new Snapshot(regArch, regs, List.of(
                new Snapshot.Section(SnapshotFile.SECTION_PROCESS, SnapshotFile.FLAG_REQUIRED, proc),
                new Snapshot.Section(SnapshotFile.SECTION_MEMORY_MAP, SnapshotFile.FLAG_REQUIRED, mem)));
    }

    /** The snapshot's PROCESS section, or null if it has none (a bare register list). */
    public static ProcessState processState(Snapshot s) throws SnapshotFormatException {
        byte[] p = section(s, SnapshotFile.SECTION_PROCESS);
        return p == null ? null : ProcessState.decode(p);
    }

    /** The snapshot's MEMORY_MAP summary, or null if it has none. */
    public static MemoryImage.Summary memorySummary(Snapshot s) throws SnapshotFormatException {
        byte[] p = section(s, SnapshotFile.SECTION_MEMORY_MAP);
        return p == null ? null : MemoryImage.summary(p);
    }

    /** Restores with the arches on the class path and processes on the host's stdio. */
    public static RestoredGuest restore(Snapshot s) throws SnapshotFormatException {
        return restore(s, ProcessSnapshot::archByName, LinuxProcess::new);
    }

    /**
     * Rebuilds a guest.
     *
     * @param archs     finds a {@link GuestArch} by name (null if unknown)
     * @param processes creates the process to fill in
     * @throws SnapshotFormatException if the snapshot is not a process snapshot, is corrupt, or
     *                                 does not fit the arch (unknown register, unknown arch)
     * @throws SnapshotException       if the environment cannot take it (a saved file is gone)
     */
    public static RestoredGuest restore(Snapshot s, Function<String, GuestArch> archs, ProcessFactory processes)
            throws SnapshotFormatException {
        ProcessState st = processState(s);
        byte[] mem = section(s, SnapshotFile.SECTION_MEMORY_MAP);
        if (st == null || mem == null) {
            throw new SnapshotFormatException("not a process snapshot (a register list only: it has no "
                    + (st == null ? "process" : "memory map") + " section)");
        }
        GuestArch arch = archs.apply(st.archName());
        if (arch == null) {
            throw new SnapshotFormatException("snapshot is of a '" + st.archName() + "' guest, which this jtcg does not include");
        }
        PagedMemory memory = MemoryImage.decode(mem);
        CpuState cpu = arch.newCpu();
        try {
            s.registers().loadInto(cpu);
        } catch (RegisterMergeException e) {
            throw new SnapshotFormatException("snapshot registers do not fit the " + arch.name() + " CPU: " + e.getMessage());
        }
        cpu.attachMemory(memory);
        LinuxProcess process = processes.create(memory, arch.linuxAbi());
        ProcessCapture.apply(st, process);
        return new RestoredGuest(arch, memory, cpu, process);
    }

    /** The arch with this {@link GuestArch#name()} among those on the class path, or null. */
    public static GuestArch archByName(String name) {
        for (GuestArch a : GuestArch.all()) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }

    private static byte[] section(Snapshot s, int type) throws SnapshotFormatException {
        byte[] found = null;
        for (Snapshot.Section sec : s.sections()) {
            if (sec.type() == type) {
                if (found != null) {
                    throw new SnapshotFormatException("snapshot corrupted: section type " + type + " appears twice");
                }
                found = sec.payload();
            }
        }
        return found;
    }
}

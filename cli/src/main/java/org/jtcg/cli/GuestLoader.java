package org.jtcg.cli;

import org.jtcg.core.arch.GuestArch;
import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.linux.ElfFile;
import org.jtcg.core.linux.ElfLoadException;
import org.jtcg.core.linux.ElfLoader;
import org.jtcg.core.linux.LinuxAbi;
import org.jtcg.core.linux.LinuxProcess;
import org.jtcg.core.memory.PagedMemory;
import org.jtcg.core.snapshot.ProcessSnapshot;
import org.jtcg.core.snapshot.RestoredGuest;
import org.jtcg.core.snapshot.SnapshotException;
import org.jtcg.cpreg.Snapshot;
import org.jtcg.cpreg.SnapshotFile;
import org.jtcg.cpreg.SnapshotFormatException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds {@link Guest}s for the commands: from an ELF (fresh process, initial stack) or from a
 * snapshot file. Input errors become {@link CliError}s: 127 for a missing file, 126 for one
 * that cannot be used (not a loadable ELF, not an intact process snapshot).
 */
final class GuestLoader {
    private GuestLoader() {
    }

    /** Environment variable giving the guest library prefix when {@code -L/--sysroot} is not given. */
    static final String LD_PREFIX_ENV = "JTCG_LD_PREFIX";

    /** Loads an ELF into a fresh process made by {@code processes}, with the arch's default CPU model. */
    static Guest load(String elfPath, List<String> guestArgs, String sysroot, ProcessSnapshot.ProcessFactory processes) {
        return load(elfPath, guestArgs, sysroot, null, processes);
    }

    /**
     * Loads an ELF into a fresh process made by {@code processes}. {@code cpuModel} ({@code --cpu}, null for the
     * default) is selected before the initial stack is built, so the auxv hwcaps match it. A null {@code sysroot}
     * falls back to the environment variable {@value #LD_PREFIX_ENV} (like qemu-user's QEMU_LD_PREFIX).
     */
    static Guest load(String elfPath, List<String> guestArgs, String sysroot, String cpuModel,
                      ProcessSnapshot.ProcessFactory processes) {
        return load(elfPath, guestArgs, sysroot, cpuModel, processes, arch -> { });
    }

    /** Same; {@code whenArchKnown} is told the guest's arch (with its --cpu model selected) before loading starts. */
    static Guest load(String elfPath, List<String> guestArgs, String sysroot, String cpuModel,
                      ProcessSnapshot.ProcessFactory processes, Consumer<GuestArch> whenArchKnown) {
        if (sysroot == null && System.getenv(LD_PREFIX_ENV) != null && !System.getenv(LD_PREFIX_ENV).isEmpty()) {
            sysroot = System.getenv(LD_PREFIX_ENV);
        }
        try {
            ElfFile elf = ElfFile.read(Path.of(elfPath));
            GuestArch arch = ElfLoader.archFor(elf);
            if (cpuModel != null) {
                try {
                    arch.selectCpuModel(cpuModel);
                } catch (IllegalArgumentException e) {
                    throw new CliError(ExitCodes.USAGE, "--cpu: " + e.getMessage());
                }
            }
            whenArchKnown.accept(arch); // after --cpu: the model may shape the translator
            LinuxAbi abi = arch.linuxAbi();
            PagedMemory memory = new PagedMemory(abi.addressSpace().memoryConfig());
            LinuxProcess process = processes.create(memory, abi);
            CpuState cpu = arch.newCpu();
            List<String> argv = new ArrayList<>();
            argv.add(elfPath);
            argv.addAll(guestArgs);
            List<String> envp = CallerEnvironment.entries();
            ElfLoader loader = ElfLoader.forArch(memory, arch);
            if (sysroot != null) {
                loader = loader.sysroot(Path.of(sysroot));
            }
            process.start(cpu, loader, elf, argv, envp);
            return new Guest(arch, memory, cpu, process);
        } catch (ElfLoadException e) {
            throw new CliError(e.exitCode(), e.getMessage());
        }
    }

    /** Reads a snapshot file: 127 if missing, 126 if unreadable or damaged. */
    static Snapshot readSnapshot(String file) {
        Path p = Path.of(file);
        if (!Files.exists(p)) {
            throw new CliError(ExitCodes.NOT_FOUND, file + ": no such file");
        }
        try {
            return SnapshotFile.read(p);
        } catch (SnapshotFormatException e) {
            throw new CliError(ExitCodes.NOT_EXECUTABLE, file + ": " + e.getMessage());
        } catch (NoSuchFileException e) {
            throw new CliError(ExitCodes.NOT_FOUND, file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new CliError(ExitCodes.NOT_EXECUTABLE, file + ": permission denied");
        } catch (IOException e) {
            throw new CliError(ExitCodes.NOT_EXECUTABLE, file + ": cannot read: " + e.getMessage());
        }
    }

    /** Rebuilds the guest saved in a snapshot file. */
    static Guest resume(String file, ProcessSnapshot.ProcessFactory processes) {
        Snapshot s = readSnapshot(file);
        try {
            RestoredGuest g = ProcessSnapshot.restore(s, ProcessSnapshot::archByName, processes);
            return new Guest(g.arch(), g.memory(), g.cpu(), g.process());
        } catch (SnapshotFormatException | SnapshotException e) {
            throw new CliError(ExitCodes.NOT_EXECUTABLE, file + ": " + e.getMessage());
        }
    }

    /** Captures and writes a snapshot; a guest that cannot be saved or an unwritable file ends jtcg with status 2. */
    static void writeSnapshot(Guest g, String file, String when) {
        Snapshot s;
        try {
            s = ProcessSnapshot.capture(g.arch(), g.cpu(), g.process());
        } catch (SnapshotException e) {
            throw new CliError(ExitCodes.USAGE, "cannot snapshot " + when + ": " + e.getMessage());
        }
        try {
            SnapshotFile.write(s, Path.of(file));
        } catch (IOException e) {
            throw new CliError(ExitCodes.USAGE, "cannot write snapshot " + file + ": " + e.getMessage());
        }
    }
}

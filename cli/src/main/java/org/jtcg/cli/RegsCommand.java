package org.jtcg.cli;

import org.jtcg.core.arch.GuestArch;
import org.jtcg.core.snapshot.MemoryImage;
import org.jtcg.core.snapshot.ProcessSnapshot;
import org.jtcg.core.snapshot.ProcessState;
import org.jtcg.cpreg.RegArch;
import org.jtcg.cpreg.RegId;
import org.jtcg.cpreg.RegisterAccess;
import org.jtcg.cpreg.RegisterCatalogue;
import org.jtcg.cpreg.RegisterDiff;
import org.jtcg.cpreg.RegisterList;
import org.jtcg.cpreg.RegisterMergeException;
import org.jtcg.cpreg.RegisterNames;
import org.jtcg.cpreg.RegisterTable;
import org.jtcg.cpreg.Snapshot;
import org.jtcg.cpreg.SnapshotFile;
import org.jtcg.cpreg.SnapshotFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code jtcg regs}: inspect and convert snapshots and register lists. */
@Command(name = "regs", mixinStandardHelpOptions = true,
        description = {"Inspect and convert snapshots and register lists.",
                "Exit status: 0; 1 when 'regs diff' finds differences; 2 for usage errors; "
                        + "126 for a file that is not an intact snapshot or register text, 127 for a missing file."},
        subcommands = {RegsCommand.Show.class, RegsCommand.Diff.class, RegsCommand.Export.class, RegsCommand.Import.class})
final class RegsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (show, diff, export, import)");
    }

    /** {@code regs show FILE}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print a snapshot: format version, arch, every register as 'name = value', memory map and process summary.")
    static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "A snapshot (from run --snapshot-at, diff, or regs import).")
        String file;

        @Override
        public Integer call() {
            Snapshot s = GuestLoader.readSnapshot(file);
            PrintStream out = System.out;
            out.println("file: " + file);
            out.println("format version: " + formatVersion(file));
            out.println("register arch: " + s.arch().prefix());
            ProcessState ps = decode(() -> ProcessSnapshot.processState(s));
            if (ps != null) {
                out.println("guest arch: " + ps.archName());
            }
            out.println("registers (" + s.registers().size() + "):");
            RegisterText.lines(s.registers()).forEach(l -> out.println("  " + l));
            MemoryImage.Summary mem = decode(() -> ProcessSnapshot.memorySummary(s));
            if (mem != null) {
                long bytes = mem.regions().stream().mapToLong(MemoryImage.Region::length).sum();
                out.printf("memory: %d regions, %d KiB mapped, %d pages stored (%d bytes compressed)%s%n",
                        mem.regions().size(), bytes / 1024, mem.storedPages(), mem.compressedBytes(),
                        mem.brkStart() < 0 ? "" : String.format(", brk 0x%x..0x%x", mem.brkStart(), mem.brkCurrent()));
                for (MemoryImage.Region r : mem.regions()) {
                    out.printf("  0x%016x-0x%016x %s %8d KiB%n", r.va(), r.va() + r.length(), r.protString(), r.length() / 1024);
                }
            }
            if (ps != null) {
                out.printf("process: exe %s, cwd %s, %d syscalls, umask %03o, %d non-default signal actions%n",
                        ps.exePath(), ps.cwd(), ps.syscallCount(), ps.umask(), ps.signals().actions().size());
                for (ProcessState.Fd f : ps.fds()) {
                    out.println("  fd " + f.fd() + ": " + switch (f.kind()) {
                        case STDIO -> "stdio " + f.stdio();
                        case FILE -> "file " + f.path() + " offset " + f.offset() + String.format(" flags 0%o", f.statusFlags());
                        case DIRECTORY -> "directory " + f.path() + " position " + f.offset();
                    } + (f.closeOnExec() ? " (cloexec)" : ""));
                }
            }
            for (Snapshot.Section sec : s.sections()) {
                if (sec.type() != SnapshotFile.SECTION_MEMORY_MAP && sec.type() != SnapshotFile.SECTION_PROCESS) {
                    out.println("other section: type " + sec.type() + ", " + sec.payload().length + " bytes");
                }
            }
            return 0;
        }

        private String formatVersion(String f) {
            try {
                byte[] head = new byte[10];
                try (var in = Files.newInputStream(Path.of(f))) {
                    if (in.readNBytes(head, 0, 10) < 10) {
                        return "?";
                    }
                }
                return Integer.toString((head[8] & 0xff) | (head[9] & 0xff) << 8);
            } catch (IOException e) {
                return "?";
            }
        }
    }

    /** {@code regs diff A B}. */
    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "Print the registers that differ between two snapshots ('name: A != B'); exit 1 if any differ, 0 if none.")
    static final class Diff implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "A", description = "First snapshot.")
        String a;

        @Parameters(index = "1", paramLabel = "B", description = "Second snapshot.")
        String b;

        @Override
        public Integer call() {
            Snapshot sa = GuestLoader.readSnapshot(a);
            Snapshot sb = GuestLoader.readSnapshot(b);
            if (sa.arch() != sb.arch()) {
                System.out.println("register arch differs: " + sa.arch().prefix() + " != " + sb.arch().prefix());
            }
            List<RegisterDiff> diffs = sa.registers().diff(sb.registers());
            for (RegisterDiff d : diffs) {
                System.out.println(d.name() + ": " + (d.a() == null ? "<absent>" : RegisterText.value(d.a()))
                        + " != " + (d.b() == null ? "<absent>" : RegisterText.value(d.b())));
            }
            if (diffs.isEmpty() && sa.arch() == sb.arch()) {
                System.out.println("registers identical (" + sa.registers().size() + ")");
                return 0;
            }
            return 1;
        }
    }

    /** {@code regs export FILE --format text|json}. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Print a snapshot's registers as 'name = value' lines (text, what 'regs import' reads) or one JSON object.")
    static final class Export implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "A snapshot.")
        String file;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
        String format;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (!format.equals("text") && !format.equals("json")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown --format '" + format + "' (text or json)");
            }
            Snapshot s = GuestLoader.readSnapshot(file);
            if (format.equals("text")) {
                System.out.println("# jtcg registers, arch " + s.arch().prefix());
                RegisterText.lines(s.registers()).forEach(System.out::println);
                return 0;
            }
            List<Object> regs = new ArrayList<>();
            RegisterList l = s.registers();
            for (int i = 0; i < l.size(); i++) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("name", RegisterNames.name(l.id(i)));
                r.put("id", RegId.hex(l.id(i)));
                r.put("value", RegisterText.value(l.words(i)));
                regs.add(r);
            }
            StatsJson json = new StatsJson().put("arch", s.arch().prefix());
            ProcessState ps = decode(() -> ProcessSnapshot.processState(s));
            if (ps != null) {
                json.put("guest_arch", ps.archName());
            }
            System.out.println(json.put("registers", regs));
            return 0;
        }
    }

    /** {@code regs import TEXTFILE --arch ARCH -o FILE}. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Read 'name = value' lines and write a register-list snapshot.",
                    "The lines are merged into ARCH's registers by the register-list rules: a register ARCH does not have "
                            + "is an error, registers not in the file keep their reset value (0 for a cpreg arch), "
                            + "and a value the register does not keep (read-only bits) is an error."})
    static final class Import implements Callable<Integer> {
        @Parameters(paramLabel = "TEXTFILE", description = "Register text, e.g. from 'regs export'.")
        String textFile;

        @Option(names = "--arch", required = true, paramLabel = "ARCH",
                description = "A guest arch (x86_64, aarch64, s390x...: its CPU's registers) or a register arch "
                        + "(x86, arm64, s390: every register in the id catalogue).")
        String arch;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The snapshot to write.")
        String output;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            RegisterAccess target = target();
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(textFile), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new CliError(ExitCodes.NOT_FOUND, textFile + ": no such file");
            } catch (IOException e) {
                throw new CliError(ExitCodes.NOT_EXECUTABLE, textFile + ": cannot read: " + e.getMessage());
            }
            RegisterList in;
            try {
                in = RegisterText.parse(lines);
                in.loadInto(target);
            } catch (RegisterMergeException e) {
                throw new CliError(ExitCodes.NOT_EXECUTABLE, textFile + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new CliError(ExitCodes.NOT_EXECUTABLE, textFile + ": " + e.getMessage());
            }
            RegisterList all = RegisterList.capture(target);
            RegArch regArch = all.size() > 0 ? RegId.arch(all.id(0)) : RegArch.fromPrefix(arch);
            try {
                SnapshotFile.write(new Snapshot(regArch, all), Path.of(output));
            } catch (IOException e) {
                throw new CliError(ExitCodes.USAGE, "cannot write " + output + ": " + e.getMessage());
            }
            System.err.println("jtcg: wrote " + all.size() + " registers (" + in.size() + " from " + textFile + ") to " + output);
            return 0;
        }

        private RegisterAccess target() {
            GuestArch g = ProcessSnapshot.archByName(arch);
            if (g != null) {
                return g.newCpu();
            }
            RegArch r = RegArch.fromPrefix(arch);
            if (r != null) {
                List<Long> ids = new ArrayList<>();
                RegisterCatalogue.of(r).entries().forEach(e -> ids.add(e.id()));
                return new RegisterTable(ids);
            }
            List<String> names = new ArrayList<>();
            GuestArch.all().forEach(a -> names.add(a.name()));
            for (RegArch a : RegArch.values()) {
                names.add(a.prefix());
            }
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown --arch '" + arch + "' (known: "
                    + String.join(", ", names) + ")");
        }
    }

    private interface Decoder<T> {
        T get() throws SnapshotFormatException;
    }

    /** Decodes a section for display; a damaged section is the usual 126 error. */
    private static <T> T decode(Decoder<T> d) {
        try {
            return d.get();
        } catch (SnapshotFormatException e) {
            throw new CliError(ExitCodes.NOT_EXECUTABLE, e.getMessage());
        }
    }
}

package org.jtcg.cli;

import org.jtcg.core.arch.GuestArch;
import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.engine.Engine;
import org.jtcg.core.engine.EngineContext;
import org.jtcg.core.engine.EngineProvider;
import org.jtcg.core.linux.CpuLoop;
import org.jtcg.core.linux.ElfFile;
import org.jtcg.core.linux.ElfLoadException;
import org.jtcg.core.linux.ElfLoader;
import org.jtcg.core.linux.LinuxAbi;
import org.jtcg.core.linux.LinuxProcess;
import org.jtcg.core.memory.MemoryConfig;
import org.jtcg.core.memory.PagedMemory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** Loads and runs one guest for {@code jtcg run}: ELF → process → engine(s) → CPU loop → exit status. */
final class GuestSession {
    private final RunOptions options;
    private final Map<String, Engine> engines = new LinkedHashMap<>();
    private EngineContext context;

    private GuestSession(RunOptions options) {
        this.options = options;
    }

    static int run(RunOptions options) {
        GuestSession s = new GuestSession(options);
        try {
            return s.runGuest();
        } finally {
            s.engines.values().forEach(Engine::close);
        }
    }

    private int runGuest() {
        if (options.snapshotAt() != null) {
            throw new CliError(ExitCodes.USAGE, "--snapshot-at is not available yet in this version of jtcg");
        }
        // Engine names are usage errors, reported before the ELF is even opened.
        for (HandoffPlan.Step st : options.handoff().steps()) {
            providerByName(st.engine());
        }
        providerByName(options.engine());
        ElfFile elf;
        GuestArch arch;
        try {
            elf = ElfFile.read(Path.of(options.elf()));
            arch = ElfLoader.archFor(elf);
        } catch (ElfLoadException e) {
            throw new CliError(e.exitCode(), e.getMessage());
        }
        LinuxAbi abi = arch.linuxAbi();
        PagedMemory memory = new PagedMemory(MemoryConfig.forMaxAddress(abi.addressSpaceLimit() - 1)
                .withMmapBase(abi.mmapBase()));
        Set<String> flags = new LinkedHashSet<>(options.trace());
        if (options.verifySync()) {
            flags.add("verify-sync"); // the kvm engine's verification mode (see docs/kvm.md)
        }
        context = new EngineContext(arch, memory, System.err, flags);

        // Check every engine the run will need before the guest starts, so a bad name or a
        // missing /dev/kvm is a usage error, not a failure half-way through the guest.
        List<HandoffPlan.Step> steps = options.handoff().steps();
        String first = options.engine();
        for (HandoffPlan.Step st : steps) {
            provider(st.engine());
            if (st.afterSyscalls() == 0) {
                first = st.engine(); // "ENGINE@0": the guest starts on it
            }
        }
        provider(first);
        if (options.verifySync() && !first.equals("kvm") && steps.stream().noneMatch(st -> st.engine().equals("kvm"))) {
            throw new CliError(ExitCodes.USAGE, "--verify-sync checks the kvm engine's register sync; use it with --engine kvm or a kvm handoff");
        }

        LinuxProcess process = new LinuxProcess(memory, abi);
        if (options.strace()) {
            process.setStrace(System.err);
        }
        CpuState cpu = arch.newCpu();
        List<String> argv = new ArrayList<>();
        argv.add(options.elf());
        argv.addAll(options.guestArgs());
        List<String> envp = new ArrayList<>();
        System.getenv().forEach((k, v) -> envp.add(k + "=" + v));
        try {
            ElfLoader loader = ElfLoader.forArch(memory, arch);
            if (options.sysroot() != null) {
                loader = loader.sysroot(Path.of(options.sysroot()));
            }
            process.start(cpu, loader, elf, argv, envp);
        } catch (ElfLoadException e) {
            throw new CliError(e.exitCode(), e.getMessage());
        }

        CpuLoop loop = new CpuLoop(engine(first), cpu, process);
        List<String> used = new ArrayList<>(List.of(first));
        if (!steps.isEmpty()) {
            loop.setSyscallListener((l, count) -> {
                for (HandoffPlan.Step st : steps) {
                    if (st.afterSyscalls() == count && st.afterSyscalls() > 0) {
                        Engine next = engine(st.engine());
                        if (next != l.engine()) {
                            l.engine().leave(l.cpu(), next);
                            l.setEngine(next);
                            used.add(st.engine());
                        }
                    }
                }
            });
        }
        long t0 = System.nanoTime();
        int status = loop.run();
        long wallNanos = System.nanoTime() - t0;
        System.out.flush();
        if (options.stats()) {
            Map<String, Object> perEngine = new LinkedHashMap<>();
            engines.forEach((name, e) -> perEngine.put(name, e.statsMap()));
            System.err.println(new StatsJson()
                    .put("engine", loop.engine().name())
                    .put("engines_used", String.join(",", used))
                    .put("arch", arch.name())
                    .put("exit_status", status)
                    .put("syscalls", process.syscallCount())
                    .put("guest_wall_ms", wallNanos / 1_000_000)
                    .put("ram_bytes", memory.ramBytesInUse())
                    .put("engine_stats", perEngine));
        }
        return status;
    }

    private static EngineProvider providerByName(String name) {
        EngineProvider p = EngineProvider.byName(name);
        if (p == null) {
            TreeSet<String> known = new TreeSet<>();
            ServiceLoader.load(EngineProvider.class).forEach(x -> known.add(x.name()));
            throw new CliError(ExitCodes.USAGE, "unknown engine '" + name + "' (available in this build: "
                    + String.join(", ", known) + ")");
        }
        return p;
    }

    private EngineProvider provider(String name) {
        EngineProvider p = providerByName(name);
        String why = p.unavailableReason(context);
        if (why != null) {
            throw new CliError(ExitCodes.USAGE, "engine '" + name + "' cannot run here: " + why);
        }
        return p;
    }

    private Engine engine(String name) {
        return engines.computeIfAbsent(name, n -> provider(n).create(context));
    }
}

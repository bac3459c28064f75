package org.jtcg.cli;

import org.jtcg.core.engine.CompileClock;
import org.jtcg.core.engine.Engine;
import org.jtcg.core.engine.EngineContext;
import org.jtcg.core.engine.EngineProvider;
import org.jtcg.core.linux.CpuLoop;
import org.jtcg.core.linux.LinuxProcess;
import org.jtcg.core.linux.ElfLoader;
import org.jtcg.core.linux.ProcessLauncher;
import org.jtcg.core.arch.GuestArch;
import org.jtcg.core.memory.GuestMemory;
import org.jtcg.kvm.KvmEngineProvider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * Runs one guest for {@code jtcg run}: ELF or snapshot → process → engine(s) → CPU loop → exit
 * status, with engine handoffs and the optional snapshot after the Nth syscall.
 */
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
        // Engine names are usage errors, reported before the ELF is even opened.
        for (HandoffPlan.Step st : options.handoff().steps()) {
            providerByName(st.engine());
        }
        EngineProvider firstEngine = providerByName(options.engine());
        if (options.stats()) {
            CompileClock.enable(); // compile_cpu_ms; off otherwise (its clock's set-up costs every run ~5 ms)
        }
        Guest guest = options.resume() != null
                ? GuestLoader.resume(options.resume(), LinuxProcess::new)
                : GuestLoader.load(options.elf(), options.guestArgs(), options.sysroot(), options.cpu(), LinuxProcess::new,
                        arch -> EnginePrefetch.start(firstEngine, arch));
        Set<String> flags = new LinkedHashSet<>(options.trace());
        if (options.verifySync()) {
            flags.add("verify-sync"); // the kvm engine's verification mode (see docs/kvm.md)
        }
        context = new EngineContext(guest.arch(), guest.memory(), System.err, flags);

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

        LinuxProcess process = guest.process();
        Long snapshotAt = options.snapshotAt();
        refuseTcgAfterKvmStart(guest.arch().name(), first, steps, process.syscallCount());
        // A snapshot cannot record that its guest's libc saw the host CPU (see docs/kvm.md): say it here.
        String hostCpuidNote = snapshotAt != null && first.equals("kvm") && process.syscallCount() == 0
                ? KvmEngineProvider.tcgHandoffLimitation(guest.arch().name()) : null;
        if (options.strace()) {
            process.setStrace(System.err);
        }
        boolean[] written = {false};
        if (snapshotAt != null && snapshotAt == process.syscallCount()) {
            GuestLoader.writeSnapshot(guest, options.snapshotOut(), "after syscall " + snapshotAt);
            written[0] = true;
        }

        installLauncher(guest, process, first, flags);
        CpuLoop loop = new CpuLoop(engine(first), guest.cpu(), process);
        List<String> used = new ArrayList<>(List.of(first));
        if (!steps.isEmpty() || (snapshotAt != null && !written[0])) {
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
                if (snapshotAt != null && count == snapshotAt && !written[0]) {
                    // Between engine runs the CPU state is canonical (lazy state folded, KVM state
                    // fetched through the sync hook on read), so any engine can be snapshotted here.
                    GuestLoader.writeSnapshot(guest, options.snapshotOut(), "after syscall " + count);
                    written[0] = true;
                    if (hostCpuidNote != null) {
                        System.err.println("jtcg: note: " + options.snapshotOut() + " holds a guest that started under kvm, and "
                                + hostCpuidNote + ": resume it with --engine kvm only (a TCG engine may meet host-CPU code)");
                    }
                }
            });
        }
        long t0 = System.nanoTime();
        int status = loop.run();
        process.table().endAll();  // the first process ended: its remaining children end with jtcg
        long wallNanos = System.nanoTime() - t0;
        System.out.flush();
        if (snapshotAt != null && !written[0]) {
            System.err.println("jtcg: note: the guest ended after " + process.syscallCount()
                    + " syscalls without reaching syscall " + snapshotAt + "; no snapshot written to " + options.snapshotOut());
        }
        if (options.stats()) {
            Map<String, Object> perEngine = new LinkedHashMap<>();
            engines.forEach((name, e) -> perEngine.put(name, e.statsMap()));
            System.err.println(new StatsJson()
                    .put("engine", loop.engine().name())
                    .put("engines_used", String.join(",", used))
                    .put("arch", guest.arch().name())
                    .put("exit_status", status)
                    .put("syscalls", process.syscallCount())
                    .put("unsupported_syscalls", process.dispatcher().unsupportedCalls())
                    .put("guest_wall_ms", wallNanos / 1_000_000)
                    .put("ram_bytes", guest.memory().ramBytesInUse())
                    .putAll(kvmSummary())
                    .put("engine_stats", perEngine));
        }
        return status;
    }

    /**
     * Lets the guest fork and exec: a child process gets a new engine of the kind the guest started on (its
     * own translation cache over its own address space), execve a loader with the run's sysroot.
     */
    private void installLauncher(Guest guest, LinuxProcess process, String engineName, Set<String> flags) {
        EngineProvider provider = provider(engineName);
        process.table().setLauncher(new ProcessLauncher() {
            @Override
            public GuestArch arch() {
                return guest.arch();
            }

            @Override
            public Engine newEngine(GuestMemory memory) {
                return provider.create(new EngineContext(guest.arch(), memory, System.err, flags));
            }

            @Override
            public ElfLoader loader(GuestMemory memory) {
                ElfLoader l = ElfLoader.forArch(memory, guest.arch());
                return options.sysroot() != null ? l.sysroot(java.nio.file.Path.of(options.sysroot())) : l;
            }
        });
    }

    /**
     * A guest that starts under kvm where the architecture's KVM plug-in says it cannot be handed to a
     * TCG engine later (x86 on a KVM that cannot control CPUID, PVM: glibc initialises with the host
     * CPU's features, its IFUNCs pick e.g. AVX2 code, and would die of SIGILL after the switch). Refuse
     * such a plan up front with the way out: static glibc resolves its IFUNCs before its first syscall,
     * so starting on a TCG engine and switching to kvm at syscall 1 or later is safe. (A snapshot cannot
     * record where its guest started: see docs/kvm.md.)
     */
    private static void refuseTcgAfterKvmStart(String arch, String first, List<HandoffPlan.Step> steps,
                                               long syscallsSoFar) {
        if (!first.equals("kvm") || syscallsSoFar != 0) {
            return;
        }
        HandoffPlan.Step tcg = steps.stream()
                .filter(st -> st.afterSyscalls() > 0 && !st.engine().equals("kvm")).findFirst().orElse(null);
        if (tcg == null) {
            return;
        }
        String why = KvmEngineProvider.tcgHandoffLimitation(arch);
        if (why != null) {
            throw new CliError(ExitCodes.USAGE, "the guest would start under kvm and switch to " + tcg.engine()
                    + " after syscall " + tcg.afterSyscalls() + ", but " + why + ": glibc would pick host-CPU code (e.g. AVX2) "
                    + tcg.engine() + " cannot run. Start on a TCG engine and hand off to kvm from syscall 1 on, e.g. "
                    + "--engine jit --handoff kvm@1," + tcg.engine() + "@" + Math.max(2, tcg.afterSyscalls()));
        }
    }

    /** The kvm engine's headline counters, repeated at the top level of --stats when kvm ran (docs/kvm.md). */
    private Map<String, Object> kvmSummary() {
        Map<String, Object> top = new LinkedHashMap<>();
        Engine kvm = engines.get("kvm");
        if (kvm != null) {
            Map<String, Object> all = kvm.statsMap();
            for (String key : List.of("kvm_exits", "kvm_ioctls", "sync_gets", "sync_puts")) {
                if (all.containsKey(key)) {
                    top.put(key, all.get(key));
                }
            }
        }
        return top;
    }

    static EngineProvider providerByName(String name) {
        EngineProvider p = EngineProvider.byName(name);
        if (p == null) {
            TreeSet<String> known = new TreeSet<>();
            ServiceLoader.load(EngineProvider.class).forEach(x -> known.add(x.name()));
            throw new CliError(ExitCodes.USAGE, "unknown engine '" + name + "' (available in this build: "
                    + String.join(", ", known) + ")");
        }
        return p;
    }

    /** The provider, checked to be able to run with this context (usage error otherwise). */
    static EngineProvider availableProvider(String name, EngineContext context) {
        EngineProvider p = providerByName(name);
        String why = p.unavailableReason(context);
        if (why != null) {
            throw new CliError(ExitCodes.USAGE, "engine '" + name + "' cannot run here: " + why);
        }
        return p;
    }

    private EngineProvider provider(String name) {
        return availableProvider(name, context);
    }

    private Engine engine(String name) {
        return engines.computeIfAbsent(name, n -> provider(n).create(context));
    }
}

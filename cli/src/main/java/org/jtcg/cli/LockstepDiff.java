package org.jtcg.cli;

import org.jtcg.core.engine.Engine;
import org.jtcg.core.engine.EngineContext;
import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.engine.EngineProvider;
import org.jtcg.core.ir.IrBlock;
import org.jtcg.core.ir.TranslationRequest;
import org.jtcg.core.ir.Translator;
import org.jtcg.core.linux.LinuxProcess;
import org.jtcg.core.snapshot.ProcessSnapshot;
import org.jtcg.core.snapshot.RestoredGuest;
import org.jtcg.core.snapshot.SnapshotException;
import org.jtcg.cpreg.RegisterDiff;
import org.jtcg.cpreg.RegisterList;
import org.jtcg.cpreg.RegisterMaskTable;
import org.jtcg.cpreg.RegisterNames;
import org.jtcg.cpreg.Snapshot;
import org.jtcg.cpreg.SnapshotFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code jtcg diff}: one guest run twice in lockstep, on engine A and engine B, each with its own
 * memory, CPU state and process. After every step both register lists are compared (minus the
 * {@link RegisterMaskTable}); at syscalls also all memory and, after the syscall, the registers
 * again. The first divergence is reported with a reproducer snapshot of A's state before the
 * diverging step.
 *
 * <p>Side effects happen once, in A: A's syscalls are recorded ({@link SyscallRecorder}) and B,
 * after checking that it makes the same call, takes A's result and memory writes instead of
 * running syscalls that touch the host, and runs those that only change its own emulated state
 * ({@link SyscallReplayer}, {@link SyscallReplayPolicy}). A's stdout/stderr are jtcg's, B's are
 * discarded (B never writes them anyway); both get the same AT_RANDOM seed.
 *
 * <p>Reproducers: A is checkpointed (an in-memory {@link ProcessSnapshot}) at the start and after
 * every syscall; on a divergence at the k-th step since the checkpoint, the checkpoint is restored
 * on a fresh engine of A's kind and k-1 steps are replayed, then saved. Cost: one capture of all
 * guest memory per syscall (fine for small guests; this is a debugging tool).
 */
final class LockstepDiff {
    /** Options of one diff run. */
    record Options(String engineA, String engineB, StepMode mode, String elf, List<String> guestArgs, String resume,
                   List<String> userMaskLines, String userMaskSource, Path reproducer,
                   long progressSteps) {}

    private static final long PROGRESS_NANOS = 5_000_000_000L;
    private static final int SHOWN_INSNS = 8;

    /** One of the two runs. */
    private static final class Side {
        final String label;
        final EngineProvider provider;
        final Guest guest;
        final Engine engine;

        Side(String label, EngineProvider provider, Guest guest, Engine engine) {
            this.label = label;
            this.provider = provider;
            this.guest = guest;
            this.engine = engine;
        }
    }

    private final Options o;
    private final PrintStream err;
    private Side a, b;
    private SyscallRecorder recorder;
    private SyscallReplayer replayer;
    private SyscallReplayPolicy replayPolicy;
    private RegisterMaskTable masks;
    private Snapshot checkpoint;
    private String noCheckpointReason;
    private long stepsSinceCheckpoint;
    private long masked;
    private final long[] recentPcs = new long[4];

    LockstepDiff(Options options, PrintStream err) {
        this.o = options;
        this.err = err;
    }

    int run() {
        EngineProvider pa = GuestSession.providerByName(o.engineA());
        EngineProvider pb = GuestSession.providerByName(o.engineB());
        long seed = new SecureRandom().nextLong();
        Guest ga = guest(System.in, System.out, System.err, seed, null);
        Guest gb = guest(InputStream.nullInputStream(), OutputStream.nullOutputStream(), OutputStream.nullOutputStream(), seed,
                new PrintStream(OutputStream.nullOutputStream()));
        a = side("A", o.engineA(), pa, ga);
        b = side("B", o.engineB(), pb, gb);
        recorder = new SyscallRecorder(ga.process());
        replayPolicy = SyscallReplayPolicy.load();
        replayer = new SyscallReplayer(gb.process(), replayPolicy);
        try {
            masks = RegisterMaskTable.load(ga.arch().name());
            if (o.userMaskLines() != null) {
                masks = masks.plus(RegisterMaskTable.parse(o.userMaskLines(), o.userMaskSource()));
            }
        } catch (IllegalArgumentException e) {
            throw new CliError(ExitCodes.NOT_EXECUTABLE, e.getMessage());
        }
        try {
            return lockstep();
        } finally {
            a.engine.close();
            b.engine.close();
        }
    }

    private Guest guest(InputStream in, OutputStream out, OutputStream errOut, long seed, PrintStream warn) {
        ProcessSnapshot.ProcessFactory f = (memory, abi) -> {
            LinuxProcess p = new LinuxProcess(memory, abi, in, out, errOut);
            p.setRandom(new Random(seed));
            if (warn != null) {
                p.setWarn(warn);
            }
            return p;
        };
        return o.resume() != null ? GuestLoader.resume(o.resume(), f) : GuestLoader.load(o.elf(), o.guestArgs(), null, f);
    }

    private Side side(String label, String name, EngineProvider p, Guest g) {
        EngineContext ctx = new EngineContext(g.arch(), g.memory(), null, Set.of());
        GuestSession.availableProvider(name, ctx);
        Engine e = p.create(ctx);
        String why = o.mode().unsupportedReason(e);
        if (why != null) {
            e.close();
            throw new CliError(ExitCodes.USAGE, why);
        }
        return new Side(label + " (" + name + ")", p, g, e);
    }

    private int lockstep() {
        takeCheckpoint();
        long step = 0;
        long nextProgress = System.nanoTime() + PROGRESS_NANOS;
        while (true) {
            long pcBefore = a.guest.cpu().pc;
            recentPcs[(int) (step % recentPcs.length)] = pcBefore;
            step++;
            stepsSinceCheckpoint++;
            EngineExit ea = o.mode().step(a.engine, a.guest.cpu());
            EngineExit eb = o.mode().step(b.engine, b.guest.cpu());
            if (ea.kind() != eb.kind() || ea.signal() != eb.signal()) {
                return diverged(step, pcBefore, "A stopped with " + describe(ea) + ", B with " + describe(eb), List.of());
            }
            List<RegisterDiff> d = compareRegisters(pcBefore);
            if (!d.isEmpty()) {
                return diverged(step, pcBefore, "registers differ after the step", d);
            }
            switch (ea.kind()) {
                case STEP_DONE -> { }
                case SYSCALL -> {
                    String mem = MemoryComparison.firstDifference(a.guest.memory(), b.guest.memory());
                    if (mem != null) {
                        return diverged(step, pcBefore, mem + " (compared at the syscall)", List.of());
                    }
                    LinuxProcess qa = a.guest.process(), qb = b.guest.process();
                    qa.syscall(a.guest.cpu());
                    String call = replayer.expect(recorder.last(), b.guest.cpu());
                    if (call != null) {
                        return diverged(step, pcBefore, "syscall " + qa.syscallCount() + " differs: " + call, List.of());
                    }
                    qb.syscall(b.guest.cpu());
                    if (qa.exited() || qb.exited()) {
                        return ended(step, pcBefore);
                    }
                    d = compareRegisters(pcBefore);
                    if (!d.isEmpty()) {
                        return diverged(step, pcBefore, "registers differ after syscall " + qa.syscallCount()
                                + " (" + recorder.last().name() + ", " + replayActionText(recorder.last()) + ")", d);
                    }
                    takeCheckpoint();
                }
                case SIGNAL -> {
                    String mem = MemoryComparison.firstDifference(a.guest.memory(), b.guest.memory());
                    if (mem != null) {
                        return diverged(step, pcBefore, mem + " (compared at the signal)", List.of());
                    }
                    String where = String.format("at pc 0x%x", a.guest.cpu().pc) + (ea.detail() == null ? "" : ": " + ea.detail());
                    a.guest.process().kill(ea.signal(), where);
                    b.guest.process().kill(eb.signal(), where);
                    return ended(step, pcBefore);
                }
                case HALT -> {
                    err.printf("jtcg diff: engines %s and %s agree: both halted after %d steps%n", o.engineA(), o.engineB(), step);
                    return 0;
                }
            }
            if ((o.progressSteps() > 0 && step % o.progressSteps() == 0) || (step & 0xffff) == 0 && System.nanoTime() > nextProgress) {
                err.printf("jtcg diff: %,d steps, %d syscalls, pc 0x%x%n", step, a.guest.process().syscallCount(), a.guest.cpu().pc);
                nextProgress = System.nanoTime() + PROGRESS_NANOS;
            }
        }
    }

    private int ended(long step, long pcBefore) {
        LinuxProcess qa = a.guest.process(), qb = b.guest.process();
        if (qa.exited() != qb.exited() || qa.exitStatus() != qb.exitStatus()) {
            return diverged(step, pcBefore, "exit differs: A " + exitText(qa) + ", B " + exitText(qb), List.of());
        }
        err.printf("jtcg diff: engines %s and %s agree: %d %s steps, %d syscalls (%d replayed in B), guest exit status %d%s%n",
                o.engineA(), o.engineB(), step, o.mode().label(), qa.syscallCount(), replayer.replayed(), qa.exitStatus(),
                masked == 0 ? "" : " (" + masked + " masked register differences)");
        return 0;
    }

    private String replayActionText(SyscallRecord r) {
        return switch (replayPolicy.action(r.name())) {
            case REPLAY -> "replayed from A: registers other than the result differ";
            case EXECUTE -> "run by both: the syscall layer gave different results";
            case MAP -> "mapped by both";
        };
    }

    private static String exitText(LinuxProcess p) {
        return p.exited() ? "exited with status " + p.exitStatus() : "still running";
    }

    private static String describe(EngineExit e) {
        return switch (e.kind()) {
            case SIGNAL -> "signal " + e.signal();
            default -> e.kind().name().toLowerCase(Locale.ROOT);
        };
    }

    /** Register differences that no mask covers; masked bits are copied from A to B so they do not linger. */
    private List<RegisterDiff> compareRegisters(long pcBefore) {
        RegisterList la = RegisterList.capture(a.guest.cpu());
        RegisterList lb = RegisterList.capture(b.guest.cpu());
        List<RegisterDiff> raw = la.diff(lb);
        if (raw.isEmpty()) {
            return raw;
        }
        List<Set<String>> computed = new ArrayList<>(1); // disassembled at most once, and only if an entry asks
        Supplier<Set<String>> stepMnemonics = () -> {
            if (computed.isEmpty()) {
                computed.add(mnemonicsOfStep(pcBefore));
            }
            return computed.get(0);
        };
        List<RegisterDiff> left = new ArrayList<>();
        for (RegisterDiff d : raw) {
            long[] ignore = d.a() == null || d.b() == null ? null : masks.ignoredBits(d.id(), stepMnemonics);
            if (ignore == null || !equalOutside(d.a(), d.b(), ignore)) {
                left.add(d);
                continue;
            }
            masked++;
            long[] merged = new long[ignore.length];
            for (int w = 0; w < merged.length; w++) {
                merged[w] = (d.b()[w] & ~ignore[w]) | (d.a()[w] & ignore[w]);
            }
            b.guest.cpu().writeWords(d.id(), merged);
        }
        return left;
    }

    private static boolean equalOutside(long[] x, long[] y, long[] ignore) {
        for (int w = 0; w < x.length; w++) {
            if (((x[w] ^ y[w]) & ~ignore[w]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Mnemonics (first word of the disassembly) of the instructions the step executed; empty in syscall mode. */
    private Set<String> mnemonicsOfStep(long pc) {
        Set<String> out = new LinkedHashSet<>();
        if (o.mode() == StepMode.SYSCALL) {
            return out;
        }
        for (long ipc : instructionsAt(pc)) {
            String text = disassemble(ipc);
            if (text != null && !text.isBlank()) {
                out.add(text.trim().split("\\s+")[0].toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** PCs of the instructions of the block (or instruction) a step at pc runs, from A's memory. */
    private long[] instructionsAt(long pc) {
        int max = o.mode() == StepMode.INSN ? 1 : Integer.getInteger("jtcg.maxInsns", 128);
        try {
            Translator t = a.guest.arch().translator();
            IrBlock ir = t.translate(new TranslationRequest(pc, a.guest.memory(), a.guest.cpu().layout(), max));
            return ir.insnPcs();
        } catch (RuntimeException e) { // GuestFault or a translator bug: the report shows the bare PC
            return new long[] {pc};
        }
    }

    private String disassemble(long pc) {
        try {
            return a.guest.arch().translator().disassemble(a.guest.memory(), pc);
        } catch (RuntimeException e) { // GuestFault or a translator bug: the report shows the bare PC
            return null;
        }
    }

    private void takeCheckpoint() {
        stepsSinceCheckpoint = 0;
        if (noCheckpointReason != null) {
            return;
        }
        try {
            checkpoint = ProcessSnapshot.capture(a.guest.arch(), a.guest.cpu(), a.guest.process());
        } catch (SnapshotException e) {
            checkpoint = null;
            noCheckpointReason = e.getMessage();
        }
    }

    private int diverged(long step, long pcBefore, String what, List<RegisterDiff> diffs) {
        err.printf("jtcg diff: divergence at step %d (%s steps, after %d syscalls): %s%n", step, o.mode().label(),
                a.guest.process().syscallCount(), what);
        err.printf("  the step started at guest pc 0x%x", pcBefore);
        if (o.mode() == StepMode.SYSCALL) {
            err.printf(" and ran to the next syscall; rerun the reproducer with --step block or insn to find the instruction%n");
        } else {
            err.printf("; its instructions:%n");
            long[] pcs = instructionsAt(pcBefore);
            for (int i = Math.max(0, pcs.length - SHOWN_INSNS); i < pcs.length; i++) {
                String text = disassemble(pcs[i]);
                err.printf("    0x%x: %s%n", pcs[i], text == null ? "(no disassembler for this arch)" : text);
            }
            StringBuilder before = new StringBuilder();
            for (long k = Math.max(1, step - recentPcs.length + 1); k < step; k++) {
                before.append(String.format(" 0x%x", recentPcs[(int) ((k - 1) % recentPcs.length)]));
            }
            if (before.length() > 0) {
                err.println("  previous steps started at:" + before);
            }
        }
        if (!diffs.isEmpty()) {
            err.printf("  registers (%s vs %s):%n", a.label, b.label);
            for (RegisterDiff d : diffs) {
                err.printf("    %s: %s != %s%n", RegisterNames.name(d.id()),
                        d.a() == null ? "<absent>" : RegisterText.value(d.a()),
                        d.b() == null ? "<absent>" : RegisterText.value(d.b()));
            }
        }
        err.println("  " + writeReproducer());
        return 1;
    }

    /** Saves A's state before the diverging step; returns the line to print. */
    private String writeReproducer() {
        if (checkpoint == null) {
            return "no reproducer: " + noCheckpointReason;
        }
        try {
            RestoredGuest g = ProcessSnapshot.restore(checkpoint, n -> a.guest.arch(), (memory, abi) -> new LinuxProcess(
                    memory, abi, InputStream.nullInputStream(), OutputStream.nullOutputStream(), OutputStream.nullOutputStream()));
            try (Engine e = a.provider.create(new EngineContext(g.arch(), g.memory(), null, Set.of()))) {
                for (long i = 1; i < stepsSinceCheckpoint; i++) {
                    EngineExit x = o.mode().step(e, g.cpu());
                    if (x.kind() != EngineExit.Kind.STEP_DONE) {
                        return "no reproducer: replaying the checkpoint stopped early (" + describe(x) + " at step " + i + ")";
                    }
                }
            }
            Snapshot s = ProcessSnapshot.capture(g.arch(), g.cpu(), g.process());
            Path file = o.reproducer().toAbsolutePath();
            SnapshotFile.write(s, file);
            return "reproducer (A's state before the step): " + file + "\n  replay: jtcg run --resume " + file
                    + " --engine " + o.engineB() + "   or: jtcg diff --engines " + o.engineA() + "," + o.engineB()
                    + " --step insn --resume " + file;
        } catch (SnapshotException | IOException e) { // incl. SnapshotFormatException
            return "no reproducer: " + e.getMessage();
        }
    }
}

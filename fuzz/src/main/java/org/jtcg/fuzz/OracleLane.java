package org.jtcg.fuzz;

import org.jtcg.core.engine.EngineExit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An oracle lane: each sequence becomes a tiny static ELF ({@link OracleProgram}) that is run as a
 * process, either under {@code qemu-ARCH-static} with the architecture's baseline CPU model (lane
 * {@value #QEMU}: architectures without a host CPU get the same fuzzing) or directly on the host
 * CPU when it is of the same architecture (lane {@value #NATIVE}). A process that ends normally
 * has written the scratch and register blocks to stdout: that is the state at the terminator. A
 * process killed by a signal (a fault inside the sequence: status 128 + signal number) reports
 * only the signal; its pc and state are unknown ({@link Outcome#UNKNOWN_PC}).
 */
public final class OracleLane implements Lane {
    public static final String QEMU = "qemu", NATIVE = "native";
    private static final long TIMEOUT_SECONDS = 20;
    private static final int SIGNAL_STATUS_BASE = 128;

    private final String name;
    private final ArchFuzzer fuzzer;
    private final OracleCode code;
    private final List<String> command;
    private final Path dir;
    private final Map<Long, long[]> unreliable;
    private long runs;

    private OracleLane(String name, ArchFuzzer fuzzer, OracleCode code, List<String> command) {
        this.name = name;
        this.unreliable = name.equals(QEMU) ? Map.copyOf(code.qemuUnreliableBits()) : Map.of();
        this.fuzzer = fuzzer;
        this.code = code;
        this.command = List.copyOf(command);
        try {
            this.dir = Files.createTempDirectory("jtcg-fuzz-" + name);
        } catch (IOException e) {
            throw new IllegalArgumentException("engine '" + name + "' cannot run here: no temporary directory: " + e.getMessage());
        }
    }

    /** True if {@code name} is an oracle lane. */
    public static boolean isOracle(String name) {
        return name.equals(QEMU) || name.equals(NATIVE);
    }

    /**
     * Opens oracle lane {@code name} for {@code fuzzer}'s architecture.
     *
     * @throws IllegalArgumentException "engine 'qemu' cannot run here: ..." (one line)
     */
    public static OracleLane open(String name, ArchFuzzer fuzzer) {
        String arch = fuzzer.target().arch();
        OracleCode oc = fuzzer.oracleCode();
        if (oc == null) {
            throw new IllegalArgumentException("engine '" + name + "' cannot run here: " + arch + " has no oracle code");
        }
        List<String> cmd = new ArrayList<>();
        if (name.equals(QEMU)) {
            String exe = "qemu-" + oc.qemuArch() + "-static";
            Path found = onPath(exe);
            if (found == null) {
                throw new IllegalArgumentException("engine 'qemu' cannot run here: " + exe + " not found on PATH");
            }
            cmd.add(found.toString());
            cmd.addAll(oc.qemuCpu());
        } else {
            String host = System.getProperty("os.arch");
            if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux") || oc.nativeHostArch() == null
                    || !oc.nativeHostArch().equals(host)) {
                throw new IllegalArgumentException("engine 'native' cannot run here: the host (" + host + ") is not " + arch);
            }
        }
        return new OracleLane(name, fuzzer, oc, cmd);
    }

    /** True if {@code exe} is an executable in a PATH directory (tests use it to skip). */
    public static boolean onPathForTests(String exe) {
        return onPath(exe) != null;
    }

    /** The executable {@code exe} in a PATH directory, or null. */
    static Path onPath(String exe) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String d : path.split(File.pathSeparator)) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, exe);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Outcome run(FuzzState init, Program program) {
        return runAll(List.of(init), List.of(program)).get(0);
    }

    /**
     * One process for all sequences. After a fatal signal in sequence k the records before it are
     * kept, k gets the signal, and the rest run in a new process.
     */
    @Override
    public List<Outcome> runAll(List<FuzzState> inits, List<Program> programs) {
        List<Outcome> out = new ArrayList<>();
        while (out.size() < programs.size()) {
            int from = out.size();
            out.addAll(runProcess(inits.subList(from, inits.size()), programs.subList(from, programs.size())));
        }
        return out;
    }

    /** Outcomes of a prefix of the sequences (at least one): all of them unless one was killed by a signal. */
    private List<Outcome> runProcess(List<FuzzState> inits, List<Program> programs) {
        long t0 = System.nanoTime();
        FuzzLayout l = fuzzer.layout();
        int n = programs.size();
        // two files in turn: never rewrite a file the previous process may still be executing (ETXTBSY)
        Path elf = dir.resolve("seq" + (runs++ % 2) + ".elf");
        Path err = dir.resolve("stderr");
        List<Outcome> result = new ArrayList<>();
        try {
            Files.write(elf, OracleProgram.image(fuzzer, code, inits, programs));
            elf.toFile().setExecutable(true);
            List<String> cmd = new ArrayList<>(command);
            cmd.add(elf.toString());
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectError(err.toFile()).start();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readAllBytes();
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return failAll(n, name + " did not finish within " + TIMEOUT_SECONDS + " s", t0);
            }
            int status = p.exitValue();
            int record = l.scratchSize() + code.blockSize();
            int complete = Math.min(n, out.length / record);
            long nanos = (System.nanoTime() - t0) / n;
            for (int k = 0; k < complete; k++) {
                byte[] scratch = Arrays.copyOfRange(out, k * record, k * record + l.scratchSize());
                byte[] block = Arrays.copyOfRange(out, k * record + l.scratchSize(), (k + 1) * record);
                Program prog = programs.get(k);
                EngineExit end = EngineExit.signal(l.terminatorSignal(), 0, prog.end(), null);
                result.add(new Outcome(end, prog.end(), code.parseBlock(block), true, scratch, null, nanos, unreliable));
            }
            if (status == 0 && complete == n && out.length == n * record) {
                return result;
            }
            if (status > SIGNAL_STATUS_BASE && status < SIGNAL_STATUS_BASE + 65 && out.length == complete * record && complete < n) {
                EngineExit killed = EngineExit.signal(status - SIGNAL_STATUS_BASE, 0, 0, null);
                result.add(new Outcome(killed, Outcome.UNKNOWN_PC, org.jtcg.cpreg.RegisterList.empty(), true, null, null, nanos, unreliable));
                return result;
            }
            String msg = Files.readString(err, StandardCharsets.UTF_8).strip().lines().findFirst().orElse("");
            return failAll(n, String.format("%s exited with status %d after writing %d of %d bytes%s", name, status, out.length,
                    n * record, msg.isEmpty() ? "" : ": " + msg), t0);
        } catch (IOException e) {
            return failAll(n, name + ": " + e.getMessage(), t0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failAll(n, name + ": interrupted", t0);
        }
    }

    private static List<Outcome> failAll(int n, String why, long t0) {
        List<Outcome> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Outcome.failed(why, (System.nanoTime() - t0) / n));
        }
        return out;
    }

    @Override
    public void close() {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}

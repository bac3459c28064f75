package org.jtcg.kvm;

import org.jtcg.core.linux.CpuLoop;
import org.jtcg.core.linux.ElfFile;
import org.jtcg.core.linux.ElfLoader;
import org.jtcg.core.linux.LinuxProcess;
import org.jtcg.core.memory.PagedMemory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Builds the testsuites' C guests with {@code gcc -static -O2} (once per JVM) and runs them natively or under KVM. */
final class GuestPrograms {
    private GuestPrograms() {}

    private static final Map<String, Path> BUILT = new HashMap<>();
    private static Path dir;

    /** The static binary of testsuites/guest/src/NAME.c, or a skipped test when gcc/static libc is missing. */
    static synchronized Path build(String name) throws IOException, InterruptedException {
        Path exe = BUILT.get(name);
        if (exe != null) {
            return exe;
        }
        Path src = Path.of("..", "testsuites", "guest", "src", name + ".c").toAbsolutePath().normalize();
        assumeTrue(Files.exists(src), "skipped: guest source " + src + " not found");
        if (dir == null) {
            dir = Files.createTempDirectory("jtcg-kvm-guests");
        }
        exe = dir.resolve(name);
        Process p;
        try {
            p = new ProcessBuilder("gcc", "-static", "-O2", "-o", exe.toString(), src.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "skipped: gcc not available (" + e.getMessage() + ")");
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean ok = p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        assumeTrue(ok || !out.contains("cannot find -lc"), "skipped: no static glibc to link " + name + ": " + out);
        assertTrue(ok, "gcc failed for " + name + ":\n" + out);
        BUILT.put(name, exe);
        return exe;
    }

    /** Output and status of a native run. */
    record Native(int status, String stdout, long nanos) {}

    static Native runNative(Path exe, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(exe.toString()));
        cmd.addAll(List.of(args));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = p.waitFor();
        return new Native(status, out, System.nanoTime() - t0);
    }

    /** A guest loaded and ready to run under a KVM engine. */
    static final class Guest implements AutoCloseable {
        final PagedMemory memory = new PagedMemory();
        final TestX86Cpu cpu = new TestX86Cpu();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final LinuxProcess process;
        final KvmEngine engine;
        final CpuLoop loop;

        Guest(Path exe, KvmOptions options, String... args) throws Exception {
            TestX86Abi abi = new TestX86Abi();
            process = new LinuxProcess(memory, abi, null, out, err);
            process.setWarn(new PrintStream(err, true));
            List<String> argv = new ArrayList<>(List.of(exe.toString()));
            argv.addAll(List.of(args));
            process.start(cpu, new ElfLoader(memory, abi, 62, "x86_64"), ElfFile.read(exe), argv, List.of("LANG=C"));
            engine = new KvmEngine(KvmTestSupport.context(memory), options);
            loop = new CpuLoop(engine, cpu, process);
        }

        int run() {
            return loop.run();
        }

        String stdout() {
            return out.toString(StandardCharsets.UTF_8);
        }

        String stderr() {
            return err.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            engine.close();
        }
    }
}

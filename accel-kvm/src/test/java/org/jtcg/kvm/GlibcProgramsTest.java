package org.jtcg.kvm;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Real static glibc programs under the KVM engine, compared with running them natively. */
@ExtendWith(KvmRequired.class)
class GlibcProgramsTest {
    private static void compare(String name, KvmOptions options, String... args) throws Exception {
        Path exe = GuestPrograms.build(name);
        GuestPrograms.Native nat = GuestPrograms.runNative(exe, args);
        assertFalse(nat.stdout().isEmpty(), name + " printed nothing natively");
        try (GuestPrograms.Guest g = new GuestPrograms.Guest(exe, options, args)) {
            long t0 = System.nanoTime();
            int status = g.run();
            long t = System.nanoTime() - t0;
            assertEquals(nat.stdout(), g.stdout(), name + " stdout; guest stderr: " + g.stderr());
            assertEquals(nat.status(), status, name + " exit status; guest stderr: " + g.stderr());
            System.out.printf("%s: kvm run %.1f ms (native process incl. fork/exec %.1f ms), %s%n", name, t / 1e6,
                    nat.nanos() / 1e6, g.engine.stats());
        }
    }

    @Test
    void hello() throws Exception {
        compare("hello", KvmOptions.defaults());
    }

    @Test
    void helloWithVerification() throws Exception {
        compare("hello", KvmOptions.defaults().withVerifySync(true));
    }

    @Test
    void intwork() throws Exception {
        compare("intwork", KvmOptions.defaults());
    }

    @Test
    void intworkWithVerification() throws Exception {
        compare("intwork", KvmOptions.defaults().withVerifySync(true), "50000");
    }

    @Test
    void intworkFullSync() throws Exception {
        compare("intwork", KvmOptions.defaults().withFullSync(true), "50000");
    }
}

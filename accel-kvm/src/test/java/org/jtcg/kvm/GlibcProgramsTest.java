package org.jtcg.kvm;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Real static glibc programs under the KVM engine, compared with running them natively. */
class GlibcProgramsTest {
    @BeforeAll
    static void kvm() {
        KvmTestSupport.assumeKvm();
    }

    private static void compare(String name, KvmOptions options, String... args) throws Exception {
        Path exe = GuestPrograms.build(name);
        GuestPrograms.Native nat = GuestPrograms.runNative(exe, args);
        assertFalse(nat.stdout().isEmpty(), name + " printed nothing natively");
        try (GuestPrograms.Guest g = new GuestPrograms.Guest(exe, options, args)) {
            int status = g.run();
            assertEquals(nat.stdout(), g.stdout(), name + " stdout; guest stderr: " + g.stderr());
            assertEquals(nat.status(), status, name + " exit status; guest stderr: " + g.stderr());
            System.out.println(name + " under kvm: " + g.stdout().strip().replace('\n', '|') + " " + g.engine.stats());
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

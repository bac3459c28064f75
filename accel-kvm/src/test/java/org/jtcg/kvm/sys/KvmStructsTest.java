package org.jtcg.kvm.sys;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Compiles a C probe against the host's {@code <linux/kvm.h>} and checks every struct size, field
 * offset/size and ioctl number of the Java tables against it.
 */
class KvmStructsTest {
    private static List<String[]> probe;
    /** Why the probe cannot run here (null: it ran). Checked per test: a skip in @BeforeAll leaves no report entry. */
    private static String unavailable;

    @BeforeAll
    static void runProbe() throws Exception {
        probe = new ArrayList<>();
        try {
            for (String line : compileAndRun()) {
                probe.add(line.trim().split(" "));
            }
        } catch (org.opentest4j.TestAbortedException e) {
            unavailable = e.getMessage();
        }
    }

    @org.junit.jupiter.api.BeforeEach
    void needsTheProbe() {
        assumeTrue(unavailable == null, unavailable);
    }

    /** Compiles and runs the probe, or skips the test class with the reason. */
    static List<String> compileAndRun() throws IOException, InterruptedException {
        assumeTrue(Files.exists(Path.of("/usr/include/linux/kvm.h")),
                "skipped: /usr/include/linux/kvm.h not installed (need the Linux UAPI headers to check KVM struct layouts)");
        Path dir = Files.createTempDirectory("jtcg-kvm-probe");
        Path src = dir.resolve("probe.c");
        try (InputStream in = KvmStructsTest.class.getResourceAsStream("kvm_layout_probe.c")) {
            assertNotNull(in, "probe source resource missing");
            Files.write(src, in.readAllBytes());
        }
        Path exe = dir.resolve("probe");
        Process cc;
        try {
            cc = new ProcessBuilder("gcc", "-o", exe.toString(), src.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "skipped: gcc not available to compile the KVM layout probe (" + e.getMessage() + ")");
            throw e;
        }
        String ccOut = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(cc.waitFor(60, TimeUnit.SECONDS) && cc.exitValue() == 0, "probe did not compile:\n" + ccOut);
        Process p = new ProcessBuilder(exe.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        return out.lines().toList();
    }

    @Test
    void structSizesMatchHeaders() {
        Map<String, StructLayout> all = KvmStructs.all();
        int checked = 0;
        for (String[] l : probe) {
            if (l[0].equals("struct")) {
                StructLayout s = all.get(l[1]);
                assertNotNull(s, "no Java layout for struct " + l[1]);
                assertEquals(Integer.parseInt(l[2]), s.size(), "sizeof(struct " + l[1] + ")");
                checked++;
            }
        }
        assertEquals(all.size(), checked, "every Java layout is checked against the headers");
    }

    @Test
    void fieldOffsetsMatchHeaders() {
        Map<String, StructLayout> all = KvmStructs.all();
        int checked = 0;
        for (String[] l : probe) {
            if (l[0].equals("field")) {
                String struct = l[1].substring(0, l[1].indexOf('.'));
                String field = l[1].substring(l[1].indexOf('.') + 1);
                StructLayout.Field f = all.get(struct).field(field);
                assertEquals(Integer.parseInt(l[2]), f.offset(), "offsetof(" + l[1] + ")");
                assertEquals(Integer.parseInt(l[3]), f.size(), "sizeof(" + l[1] + ")");
                checked++;
            }
        }
        assertTrue(checked > 100, "probe printed only " + checked + " fields");
    }

    @Test
    void ioctlNumbersMatchHeaders() {
        Map<String, Long> all = KvmIoctls.all();
        int checked = 0;
        for (String[] l : probe) {
            if (l[0].equals("ioctl")) {
                Long mine = all.get(l[1]);
                assertNotNull(mine, "no Java number for " + l[1]);
                assertEquals(Long.parseLong(l[2]), mine, l[1]);
                checked++;
            }
        }
        assertEquals(all.size(), checked);
    }

    @Test
    void ioctlEncodingFollowsAsmGeneric() {
        // _IOR('x', 1, 4): dir READ (2) << 30 | 4 << 16 | 'x' << 8 | 1
        assertEquals(0x80047801L, Ioctl.ior('x', 1, 4));
        assertEquals(0x4004_7801L, Ioctl.iow('x', 1, 4));
        assertEquals(0xC004_7801L, Ioctl.iowr('x', 1, 4));
        assertEquals(0x7801L, Ioctl.io('x', 1));
    }
}

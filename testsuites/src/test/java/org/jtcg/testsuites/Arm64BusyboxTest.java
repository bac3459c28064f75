package org.jtcg.testsuites;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Differential test of Debian's static busybox for arm64: every applet case of {@link CrossBusybox#cases()}
 * runs under {@code qemu-aarch64-static -cpu cortex-a57} and under {@code jtcg run --engine jit}, a subset
 * under {@code interp}; stdout, stderr and exit status must be identical. The binary comes from
 * {@code JTCG_BUSYBOX_AARCH64} or .ci/run's cache; without it or qemu every test reports skipped with the reason.
 */
class Arm64BusyboxTest {
    static final CrossBusybox BUSYBOX = new CrossBusybox("aarch64", "JTCG_BUSYBOX_AARCH64", "busybox-static-arm64",
            List.of("qemu-aarch64-static", "-cpu", "cortex-a57"), Map.of());

    /** Applets that also run under interp: shell, awk, sorting, hashing, compression, dc, integer maths. */
    static final Set<String> INTERP_SUBSET = Set.of("sh", "awk", "sort", "sha256sum", "bzip2", "dc", "factor");

    @TempDir
    static Path tmp;

    @TestFactory
    List<DynamicTest> appletsMatchQemu() {
        return BUSYBOX.appletsMatchQemu(CrossBusybox.cases(), INTERP_SUBSET, tmp);
    }
}

package org.jtcg.testsuites;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Differential test of Debian's static busybox for s390x: every applet case of {@link CrossBusybox#cases()}
 * runs under {@code qemu-s390x-static -cpu qemu,vx=off,vxeh=off,vxeh2=off} and under {@code jtcg run --engine jit}, a subset
 * under {@code interp}; stdout, stderr and exit status must be identical. The binary comes from
 * {@code JTCG_BUSYBOX_S390X} or .ci/run's cache; without it or qemu every test reports skipped with the reason.
 */
class S390xBusyboxTest {
    static final CrossBusybox BUSYBOX = new CrossBusybox("s390x", "JTCG_BUSYBOX_S390X", "busybox-static-s390x",
            List.of("qemu-s390x-static", "-cpu", "qemu,vx=off,vxeh=off,vxeh2=off"), Map.of());

    /** Applets that also run under interp: shell, awk, sorting, hashing, compression, dc, integer maths. */
    static final Set<String> INTERP_SUBSET = Set.of("sh", "awk", "sort", "sha256sum", "bzip2", "dc", "factor");

    @TempDir
    static Path tmp;

    @TestFactory
    List<DynamicTest> appletsMatchQemu() {
        return BUSYBOX.appletsMatchQemu(CrossBusybox.cases(), INTERP_SUBSET, tmp);
    }
}

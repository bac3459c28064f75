package org.jtcg.x86.sse;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this host's rcpps/rsqrtps bits are the ones {@link ApproxReciprocal} reproduces (the AMD EPYC of family 0x1a, Zen 5, they were measured on): the native
 * cross-checks compare the approximations only there (an Intel CPU gives other low bits, both within the SDM's
 * error bound).
 */
public final class ApproxHost {
    private ApproxHost() {}

    /**
     * True on an AuthenticAMD host of family 0x1a (Zen 5), where the table was measured; other AMD families were not
     * available to check and may differ.
     */
    public static boolean reproducible() {
        try {
            String info = Files.readString(Path.of("/proc/cpuinfo"));
            return info.contains("AuthenticAMD") && info.contains("cpu family\t: 26");
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }
}

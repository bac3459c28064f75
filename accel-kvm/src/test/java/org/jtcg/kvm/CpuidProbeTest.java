package org.jtcg.kvm;

import org.jtcg.kvm.x86.CpuidProbe;
import org.jtcg.kvm.x86.SyscallMode;
import org.jtcg.x86.cpuid.CpuidModel;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CPUID probe: the brand string the guest saw is jtcg's model or the host's, and the provider's answer follows it. */
class CpuidProbeTest {
    @Test
    void probeSeesTheModelOrTheHostVendor() throws Exception {
        KvmTestSupport.assumeKvm();
        CpuidProbe.Result r = CpuidProbe.run();
        String hostModel = hostModelName();
        // The guest saw jtcg's brand string or the host's (cpuinfo's "model name" is the brand, trimmed).
        assertTrue(r.guestBrand().equals(CpuidModel.BRAND_PREFIX) || hostModel.startsWith(r.guestBrand().trim()),
                "guest saw '" + r.guestBrand() + "', host is '" + hostModel + "'");
        assertEquals(r.guestBrand().equals(CpuidModel.BRAND_PREFIX), r.controlled());
        String limitation = KvmEngineProvider.tcgHandoffLimitation("x86_64");
        if (r.controlled()) {
            assertNull(limitation);
        } else {
            assertTrue(limitation.contains(r.guestBrand().trim()) && limitation.contains("cannot control CPUID"), limitation);
        }
        assertTrue(r == CpuidProbe.run(), "the probe runs once per JVM");
    }

    @Test
    void pvmWithoutCpuidFaultingCannotControlCpuid() throws Exception {
        KvmTestSupport.assumeKvm();
        org.junit.jupiter.api.Assumptions.assumeTrue(SyscallMode.forHost() == SyscallMode.LSTAR_FAULT,
                "skipped: not a PVM host");
        org.junit.jupiter.api.Assumptions.assumeFalse(hostFlags().contains("cpuid_fault"),
                "skipped: this PVM host has CPUID faulting");
        assertFalse(CpuidProbe.run().controlled());
    }

    private static List<String> cpuinfo() throws Exception {
        return Files.readAllLines(Path.of("/proc/cpuinfo"));
    }

    private static String hostModelName() throws Exception {
        return cpuinfo().stream().filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                .findFirst().orElse("?");
    }

    private static List<String> hostFlags() throws Exception {
        return cpuinfo().stream().filter(l -> l.startsWith("flags")).findFirst()
                .map(l -> List.of(l.substring(l.indexOf(':') + 1).trim().split("\\s+"))).orElse(List.of());
    }
}

package org.jtcg.arm64;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /proc/cpuinfo on arm64 names exactly the AT_HWCAP bits and a Cortex-A57's MIDR fields, once per CPU. */
class Arm64CpuInfoTest {
    @Test
    void featuresAreTheHwcapBits() {
        String text = new Arm64LinuxAbi().cpuinfo(2);
        assertEquals(2, text.lines().filter(l -> l.startsWith("Features\t: fp asimd")).count(), text);
        assertTrue(text.lines().filter(l -> l.startsWith("Features")).allMatch(l -> l.equals("Features\t: fp asimd")),
                "only the advertised HWCAP_FP and HWCAP_ASIMD");
        assertTrue(text.contains("CPU implementer\t: 0x41\nCPU architecture: 8\nCPU variant\t: 0x1\nCPU part\t: 0xd07\n"), text);
        assertTrue(text.startsWith("processor\t: 0\n") && text.contains("processor\t: 1\n"), text);
    }

    @Test
    void everyHwcapBitHasLinuxsName() {
        assertEquals("sha2", Arm64CpuInfo.HWCAP_NAMES.get(6));
        assertEquals("cpuid", Arm64CpuInfo.HWCAP_NAMES.get(11));
        assertEquals("Features\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics",
                Arm64CpuInfo.text(0x1ff, 1).lines().filter(l -> l.startsWith("Features")).findFirst().orElseThrow());
    }
}

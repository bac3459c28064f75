package org.jtcg.x86.cpuid;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /proc/cpuinfo's x86 text states exactly the advertised model (the guest test procinfo checks it against CPUID). */
class X86CpuInfoTest {
    @Test
    void flagsAreTheAdvertisedBitsUnderLinuxNamesInLinuxOrder() {
        CpuidModel v2 = CpuidModel.forLevel(CpuLevel.V2);
        List<String> flags = X86CpuInfo.flags(v2);
        assertTrue(flags.containsAll(List.of("fpu", "sse2", "pni", "ssse3", "sse4_1", "sse4_2", "popcnt", "cx16", "lahf_lm", "lm")), flags.toString());
        assertFalse(flags.contains("sse3"), "Linux calls SSE3 pni");
        assertFalse(flags.contains("avx") || flags.contains("movbe"), "v3 extensions are not advertised at v2");
        assertEquals(v2.advertised().size(), flags.size(), "one name per advertised bit");
        assertEquals("fpu", flags.get(0), "leaf 1 EDX comes first, by bit");
        assertTrue(flags.indexOf("lm") < flags.indexOf("pni"), "Linux's word 1 (0x80000001 EDX) precedes word 4 (leaf 1 ECX)");
    }

    @Test
    void oneEntryPerCpuWithTheLevelsIdentity() {
        CpuidModel v1 = CpuidModel.forLevel(CpuLevel.V1);
        String text = X86CpuInfo.text(v1, 3);
        assertEquals(3, text.lines().filter(l -> l.startsWith("processor\t: ")).count());
        assertTrue(text.contains("cpu family\t: 15\nmodel\t\t: 4\nmodel name\t: " + v1.brand() + "\nstepping\t: 1\n"), text);
        assertFalse(text.contains(" pni"), "no SSE3 at v1");
        assertTrue(text.endsWith("\n\n"), "entries end with an empty line, as Linux's");
    }
}

package org.jtcg.x86.cpuid;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CPUID answers of each level, decoded the way glibc's cpu_features and cache probe read them. */
class CpuidModelTest {
    private static String text(int... words) {
        ByteBuffer b = ByteBuffer.allocate(words.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int w : words) {
            b.putInt(w);
        }
        return new String(b.array(), StandardCharsets.US_ASCII).replace("\0", "");
    }

    @Test
    void vendorIsOneGlibcKnowsAndTheMaximaCoverTheAnsweredLeaves() {
        CpuidModel.Answer a = CpuidModel.forLevel(CpuLevel.V1).query(0, 0);
        assertEquals("GenuineIntel", text(a.ebx(), a.edx(), a.ecx()));
        assertEquals(0xd, a.eax());
        assertEquals(0x8000_0008, CpuidModel.forLevel(CpuLevel.V1).query(0x8000_0000, 0).eax());
    }

    @Test
    void v1AdvertisesTheBaselineAndNothingOfV2() {
        CpuidModel m = CpuidModel.forLevel(CpuLevel.V1);
        CpuidModel.Answer l1 = m.query(1, 0);
        // CMOV CX8 FPU FXSR MMX SSE SSE2 (glibc's baseline ISA level), plus TSC and CLFLUSH
        int baseline = 1 | 1 << 8 | 1 << 15 | 1 << 23 | 1 << 24 | 1 << 25 | 1 << 26;
        assertEquals(baseline | 1 << 4 | 1 << 19, l1.edx());
        assertEquals(1 << 31, l1.ecx(), "only the hypervisor bit: no SSE3, CX16, POPCNT, MOVBE...");
        CpuidModel.Answer e1 = m.query(0x8000_0001, 0);
        assertEquals(1 << 11 | 1 << 20 | 1 << 27 | 1 << 29, e1.edx(), "SYSCALL NX RDTSCP LM");
        assertEquals(1 << 8, e1.ecx(), "PREFETCHW only (LAHF_LM is v2, LZCNT v3)");
        assertEquals(0, m.query(7, 0).ebx());
        assertEquals(m.hwcap(), l1.edx() & 0xffff_ffffL, "AT_HWCAP is leaf 1 EDX");
    }

    @Test
    void familyModelSteppingAreTheLevelsGeneration() {
        int v1 = CpuidModel.forLevel(CpuLevel.V1).query(1, 0).eax();
        assertEquals(0xf, (v1 >> 8) & 0xf);
        assertEquals(4, (v1 >> 4) & 0xf);
        int v2 = CpuidModel.forLevel(CpuLevel.V2).query(1, 0).eax();
        assertEquals(6, (v2 >> 8) & 0xf);
        assertEquals(0x1a, ((v2 >> 12) & 0xf0) | ((v2 >> 4) & 0xf), "display model = extended model << 4 | model");
        int v3 = CpuidModel.forLevel(CpuLevel.V3).query(1, 0).eax();
        assertEquals(0x3c, ((v3 >> 12) & 0xf0) | ((v3 >> 4) & 0xf));
    }

    @Test
    void higherLevelsAddTheirBits() {
        CpuidModel v2 = CpuidModel.forLevel(CpuLevel.V2);
        int ecx = v2.query(1, 0).ecx();
        for (int bit : new int[] {0, 9, 13, 19, 20, 23}) {
            assertTrue((ecx & 1 << bit) != 0, "v2 leaf 1 ECX bit " + bit);
        }
        assertEquals(1, v2.query(0x8000_0001, 0).ecx() & 1, "LAHF_LM");
        CpuidModel v3 = CpuidModel.forLevel(CpuLevel.V3);
        assertEquals(1 << 3 | 1 << 5 | 1 << 8, v3.query(7, 0).ebx(), "BMI1 AVX2 BMI2");
        int ecx3 = v3.query(1, 0).ecx();
        for (int bit : new int[] {12, 22, 26, 27, 28, 29}) {
            assertTrue((ecx3 & 1 << bit) != 0, "v3 leaf 1 ECX bit " + bit);
        }
    }

    @Test
    void xsaveLeafDescribesWhatIsAdvertised() {
        assertEquals(new CpuidModel.Answer(0, 0, 0, 0), CpuidModel.forLevel(CpuLevel.V1).query(0xd, 0));
        CpuidModel v3 = CpuidModel.forLevel(CpuLevel.V3);
        assertEquals(new CpuidModel.Answer(7, 832, 832, 0), v3.query(0xd, 0));
        assertEquals(new CpuidModel.Answer(256, 576, 0, 0), v3.query(0xd, 2));
    }

    /** What glibc's handle_intel computes for a leaf-4 cache: ways x partitions x line size x sets. */
    private static long leaf4Size(CpuidModel.Answer a) {
        return (long) ((a.ebx() >>> 22) + 1) * (((a.ebx() >> 12) & 0x3ff) + 1) * ((a.ebx() & 0xfff) + 1) * (a.ecx() + 1L);
    }

    @Test
    void cacheLeavesGiveSaneSizes() {
        CpuidModel m = CpuidModel.forLevel(CpuLevel.V1);
        assertEquals(0xff, (m.query(2, 0).eax() >> 8) & 0xff, "leaf 2 points to leaf 4");
        assertEquals(1, m.query(2, 0).eax() & 0xff);
        long[] want = {32 << 10, 32 << 10, 256 << 10, 8 << 20};
        int[] levels = {1, 1, 2, 3};
        for (int i = 0; i < want.length; i++) {
            CpuidModel.Answer a = m.query(4, i);
            assertEquals(levels[i], (a.eax() >> 5) & 7);
            assertEquals(want[i], leaf4Size(a), "cache " + i);
        }
        assertEquals(0, m.query(4, 4).eax() & 0x1f, "a null entry ends the list");
        assertEquals(256, m.query(0x8000_0006, 0).ecx() >>> 16);
        assertEquals(64, m.query(0x8000_0006, 0).ecx() & 0xff);
    }

    @Test
    void brandStringStartsWithTheProbePrefixAndNamesTheLevel() {
        for (CpuLevel l : CpuLevel.values()) {
            CpuidModel m = CpuidModel.forLevel(l);
            StringBuilder s = new StringBuilder();
            for (int leaf = 0x8000_0002; leaf <= 0x8000_0004; leaf++) {
                CpuidModel.Answer a = m.query(leaf, 0);
                s.append(text(a.eax(), a.ebx(), a.ecx(), a.edx()));
            }
            assertEquals(m.brand(), s.toString());
            assertTrue(s.length() <= 47);
            assertTrue(s.toString().startsWith(CpuidModel.BRAND_PREFIX + " " + l.levelName), s.toString());
        }
        assertEquals(16, CpuidModel.BRAND_PREFIX.length(), "the KVM probe compares exactly leaf 0x80000002");
    }

    @Test
    void kvmEntriesAreTheQueriesWithSubleavesWhereTheyMatter() {
        CpuidModel m = CpuidModel.forLevel(CpuLevel.V2);
        Set<String> keys = new HashSet<>();
        for (CpuidModel.Entry e : m.entries()) {
            assertTrue(keys.add(e.leaf() + "/" + e.subleaf()));
            assertEquals(m.query(e.leaf(), e.subleaf()), e.answer());
            assertEquals(e.leaf() == 4 || e.leaf() == 7 || e.leaf() == 0xb || e.leaf() == 0xd, e.indexed(),
                    Integer.toHexString(e.leaf()));
        }
        assertTrue(keys.contains("4/3") && keys.contains("4/4") && keys.contains(0x8000_0008 + "/0"));
        assertTrue(m.entries().size() <= 64, "KvmVcpu.MAX_CPUID");
    }

    @Test
    void levelsAreSelectableOnlyWhenImplemented() {
        assertTrue(CpuLevel.V1.selectable());
        assertEquals(CpuLevel.V1, CpuLevel.select("x86-64-v1"));
        assertEquals(CpuLevel.V1, CpuLevel.select("v1"));
        CpuLevel best = CpuLevel.highestSelectable();
        for (CpuLevel l : CpuLevel.values()) {
            assertEquals(l.ordinal() <= best.ordinal(), l.selectable(), l.levelName);
        }
        if (!CpuLevel.V3.selectable()) {
            // v3 needs AVX/AVX2/XSAVE (issue 15) and BMI1/BMI2/FMA/F16C (issue 15): the message names exactly what is missing
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CpuLevel.select("x86-64-v3"));
            assertTrue(e.getMessage().contains("x86-64-v3"), e.getMessage());
            for (X86Extension x : CpuLevel.V3.missing()) {
                assertTrue(e.getMessage().contains(x.displayName()), e.getMessage());
            }
            assertFalse(e.getMessage().contains("movbe") || e.getMessage().contains("avx2"),
                    "implemented extensions are not named missing: " + e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> CpuidModel.select(CpuLevel.V3));
        }
        IllegalArgumentException u = assertThrows(IllegalArgumentException.class, () -> CpuLevel.select("pentium"));
        assertTrue(u.getMessage().contains("x86-64-v1, x86-64-v2, x86-64-v3"), u.getMessage());
    }

    @Test
    void theActiveModelIsTheHighestSelectableLevelUnlessSelected() {
        assertEquals(CpuLevel.highestSelectable(), CpuidModel.active().level());
        CpuidModel.select(CpuLevel.V1);
        try {
            assertEquals(CpuLevel.V1, CpuidModel.active().level());
        } finally {
            CpuidModel.select(CpuLevel.highestSelectable());
        }
    }
}

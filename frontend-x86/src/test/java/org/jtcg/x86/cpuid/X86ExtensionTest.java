package org.jtcg.x86.cpuid;

import org.jtcg.x86.decoder.Mnemonic;
import org.jtcg.x86.translate.X86Translator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The extension table against the translator: an extension marked implemented really translates its instructions. */
class X86ExtensionTest {
    @Test
    void implementedExtensionsTranslateEveryListedInstruction() {
        Set<String> supported = new HashSet<>();
        for (Mnemonic m : X86Translator.supportedOps()) {
            supported.add(m.mnemonic());
        }
        supported.add("cmovcc"); // the decoder's one CMOVCC covers the 16 cmovcc forms
        for (Mnemonic m : X86Translator.supportedVexOps()) {
            // VEX forms of SSE instructions share the SSE mnemonic; AVX-only ones are named with their v
            supported.add(m.name().startsWith("V") ? m.mnemonic() : "v" + m.mnemonic());
        }
        List<String> wrong = new ArrayList<>();
        for (X86Extension e : X86Extension.values()) {
            if (!e.implemented) {
                continue;
            }
            for (String m : e.mnemonics) {
                if (!supported.contains(m)) {
                    wrong.add(e + ": " + m);
                }
            }
        }
        assertEquals(List.of(), wrong, "extensions marked implemented whose instructions do not translate");
    }

    @Test
    void eachFeatureBitHasOneRow() {
        Set<String> seen = new HashSet<>();
        for (X86Extension e : X86Extension.values()) {
            assertTrue(seen.add(e.field + "/" + e.bit), "two rows for " + e.field + " bit " + e.bit);
            assertTrue(e.bit >= 0 && e.bit < 32);
            for (String m : e.mnemonics) {
                assertEquals(m.toLowerCase(Locale.ROOT), m);
            }
        }
    }

    @Test
    void everyLevelExtensionBelongsToExactlyOneLevel() {
        for (CpuLevel a : CpuLevel.values()) {
            for (CpuLevel b : CpuLevel.values()) {
                if (a != b) {
                    Set<X86Extension> both = a.added();
                    both.retainAll(b.added());
                    assertEquals(Set.of(), both, a + " and " + b);
                }
            }
        }
    }
}

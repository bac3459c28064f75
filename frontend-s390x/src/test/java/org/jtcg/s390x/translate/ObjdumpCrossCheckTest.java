package org.jtcg.s390x.translate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The disassembler against binutils on real compiled code: a static glibc program with libm (all of the
 * library code that gets linked in) is disassembled by objdump; every instruction our table decodes must
 * print exactly as objdump prints it (symbols stripped), and every instruction objdump names with a
 * mnemonic we implement must be decoded by our table.
 */
class ObjdumpCrossCheckTest {
    @TempDir
    Path tmp;

    @Test
    void staticGlibcProgramDisassemblesLikeObjdump() throws Exception {
        Path src = CrossTools.writeTemp(tmp, "p.c", "#include <stdio.h>\n#include <string.h>\n#include <stdlib.h>\n"
                + "#include <math.h>\n"
                + "int main(int c, char **v) { char b[64]; snprintf(b, sizeof b, \"%d %s %f\", c, v[0],"
                + " sin(c) + exp(c) + pow(c, 0.5) + (double) llround(c * 1.5) + fma(c, c, c) + floor(c / 3.0) + sinf(c));"
                + " qsort(v, c, sizeof *v, (int (*)(const void *, const void *)) strcmp); puts(b); return strlen(b) & 3; }\n");
        Path exe = CrossTools.compileStatic(src, tmp, "p");
        List<CrossTools.Line> lines = CrossTools.objdump(exe);
        int decoded = 0, agree = 0;
        List<String> mismatches = new ArrayList<>();
        Map<String, Integer> notDecoded = new TreeMap<>();
        for (CrossTools.Line l : lines) {
            int len = l.bytes().length;
            if (len != 2 && len != 4 && len != 6 || S390xTable.length(((l.bytes()[0] & 0xff) << 8) | (l.bytes()[1] & 0xff)) != len) {
                continue; // data objdump shows as .long/.short
            }
            long insn = S390xTranslator.leftAligned(l.bytes(), len);
            String ours = S390xDisassembler.format(insn, len, l.address());
            String mnemonic = l.text().split(" ")[0];
            if (ours.startsWith("(bad)")) {
                notDecoded.merge(mnemonic, 1, Integer::sum);
                continue;
            }
            decoded++;
            if (ours.equals(l.text())) {
                agree++;
            } else if (mismatches.size() < 40) {
                mismatches.add(Long.toHexString(l.address()) + ": objdump '" + l.text() + "' ours '" + ours + "'");
            }
        }
        System.out.printf("objdump cross-check: %d instructions, %d decoded, %d agree; not in table: %s%n",
                lines.size(), decoded, agree, notDecoded);
        assertTrue(decoded > 50_000, "too few instructions decoded: " + decoded);
        assertEquals(decoded, agree, "disassembly differs from objdump:\n" + String.join("\n", mismatches));
        // an instruction whose objdump mnemonic is one of ours but that our table does not decode = a table error
        List<String> missed = new ArrayList<>();
        for (String m : notDecoded.keySet()) {
            if (implementedMnemonics().contains(m)) {
                missed.add(m + " x" + notDecoded.get(m));
            }
        }
        assertEquals(List.of(), missed, "objdump mnemonics we implement but did not decode");
    }

    private static java.util.Set<String> implementedMnemonics() {
        java.util.Set<String> s = new java.util.HashSet<>();
        S390xTable.TABLE.patterns().forEach(p -> s.add(p.name().toLowerCase(java.util.Locale.ROOT)));
        return s;
    }
}

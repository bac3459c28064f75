package org.jtcg.s390x.translate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The disassembly of the extended-BFP and FPC rows against {@code s390x-linux-gnu-objdump}: a program
 * with long double arithmetic (what gcc emits for it) and an asm block with every extended / FPC
 * instruction of the table, the -A conversions with zero and non-zero M3 and M4 (objdump switches
 * between "cdfbr" and "cdfbra" on them). Every line our table decodes must print identically, and
 * each of these mnemonics must occur. Skips without the cross tools, like {@link ObjdumpCrossCheckTest}.
 */
class BfpObjdumpCrossCheckTest {
    @TempDir
    Path tmp;

    private static final String[] ASM = {
        "lxdbr %f0,%f2", "lxebr %f1,%f2", "mxdbr %f4,%f6", "lpxbr %f0,%f4", "lnxbr %f1,%f5", "ltxbr %f8,%f12",
        "lcxbr %f9,%f13", "ldxbr %f0,%f4", "ldxbra %f1,5,%f4,0", "ldxbra %f5,0,%f4,4", "lexbr %f12,%f8", "lexbra %f13,7,%f8,4",
        "ledbra %f1,1,%f3,0", "fixbr %f0,0,%f4", "fixbr %f0,6,%f4", "fixbra %f0,5,%f4,4", "axbr %f0,%f4", "sxbr %f1,%f5",
        "mxbr %f8,%f12", "dxbr %f9,%f13", "sqxbr %f0,%f1", "lxr %f4,%f8", "cxlfbr %f0,0,%r3,0", "cxlfbr %f0,5,%r3,4",
        "cxfbr %f1,%r4", "cxfbra %f1,4,%r4,0", "cfxbr %r1,5,%f4", "cfxbra %r1,5,%f4,4", "clfxbr %r2,0,%f4,0",
        "cxlgbr %f8,6,%r9,0", "cxgbr %f12,%r15", "cxgbra %f12,0,%r15,4", "cgxbr %r1,0,%f4", "cgxbra %r1,7,%f4,4",
        "clgxbr %r1,5,%f4,4", "cdfbra %f0,5,%r3,4", "cdgbra %f0,0,%r3,4", "cefbra %f0,6,%r3,0", "cegbra %f2,1,%r3,0",
        "lxdb %f0,8(%r2,%r3)", "lxeb %f1,16(%r2)", "mxdb %f4,0(%r5)", "srnm 3(%r2)", "srnm 1", "srnmb 7(%r2)",
        "srnmb 2", "stfpc 8(%r15)", "lfpc 160(%r15)"};

    @Test
    void extendedBfpAndFpcRowsDisassembleLikeObjdump() throws Exception {
        StringBuilder asm = new StringBuilder();
        for (String a : ASM) {
            asm.append("\"").append(a).append("\\n\"\n");
        }
        Path src = CrossTools.writeTemp(tmp, "q.c", "#include <stdio.h>\n#include <math.h>\n"
                + "void block(void) { __asm__ volatile(\n" + asm + "); }\n"
                + "int main(int c, char **v) { long double x = c, y = x / 3 + sqrtl(x) - rintl(x * 1.5L);"
                + " long l = (long) y; unsigned u = (unsigned) y; double d = (double) y; float f = (float) y;"
                + " if (c > 5) block(); printf(\"%Lf %ld %u %f %f\\n\", y * x, l, u, d, f); return (int) (y < x); }\n");
        Path exe = CrossTools.compileStatic(src, tmp, "q");
        List<String> mismatches = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (CrossTools.Line l : CrossTools.objdump(exe)) {
            int len = l.bytes().length;
            if (len != 2 && len != 4 && len != 6 || S390xTable.length(((l.bytes()[0] & 0xff) << 8) | (l.bytes()[1] & 0xff)) != len) {
                continue;
            }
            String ours = S390xDisassembler.format(S390xTranslator.leftAligned(l.bytes(), len), len, l.address());
            if (ours.startsWith("(bad)")) {
                continue;
            }
            seen.add(l.text().split(" ")[0]);
            if (!ours.equals(l.text())) {
                mismatches.add(Long.toHexString(l.address()) + ": objdump '" + l.text() + "' ours '" + ours + "'");
            }
        }
        assertEquals(List.of(), mismatches.subList(0, Math.min(40, mismatches.size())));
        List<String> missing = new ArrayList<>();
        for (String a : ASM) {
            String m = a.split(" ")[0];
            if (!seen.contains(m)) {
                missing.add(m);
            }
        }
        assertEquals(List.of(), missing, "asm-block mnemonics objdump printed that our table did not decode");
    }
}

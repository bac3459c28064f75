package org.jtcg.s390x.translate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The oracle for {@code general-cases.tsv}: every case becomes a function of a static s390x program (the
 * code as inline-asm bytes between loading r0-r12 from an array and storing them back, the CC read with
 * IPM), run under qemu-s390x; what it prints must equal each case's expected values, except for the cases
 * marked "qemu differs" (a qemu bug, explained in the table). Skips without the cross compiler or qemu.
 */
class GeneralCasesQemuTest {
    static final String QEMU = "qemu-s390x-static";

    @TempDir
    Path tmp;

    @Test
    void qemuAgreesWithTheExpectedValues() throws Exception {
        List<GeneralCase> cases = GeneralCase.load();
        Path src = CrossTools.writeTemp(tmp, "cases.c", program(cases));
        Path exe = tmp.resolve("cases");
        CrossTools.run(List.of(CrossTools.GCC, "-static", "-O2", "-fno-pie", "-no-pie", "-fomit-frame-pointer", "-o",
                exe.toString(), src.toString()));
        String out = CrossTools.run(List.of(QEMU, "-cpu", "qemu,vx=off,vxeh=off,vxeh2=off", exe.toString()));
        String[] lines = out.split("\n");
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            GeneralCase c = cases.get(i);
            String want = c.name() + ": " + c.expected();
            String got = i < lines.length ? lines[i] : "(missing)";
            if (c.qemuDiffers() != null) {
                System.out.println("not compared with qemu: " + c.name() + " (" + c.qemuDiffers() + "): qemu " + got);
                continue;
            }
            if (!want.equals(got)) {
                wrong.add("want " + want + "\n got " + got);
            }
        }
        assertEquals(List.of(), wrong, "qemu-s390x disagrees with general-cases.tsv");
    }

    /** The C program: one function per case, main prints each case's outputs in the canonical form. */
    static String program(List<GeneralCase> cases) {
        StringBuilder sb = new StringBuilder("""
                #include <stdio.h>
                #include <stdint.h>
                #include <string.h>
                static unsigned char data[4096] __attribute__((aligned(4096)));
                static uint64_t regs[17];
                static void reg(const char *k, uint64_t v) {
                    uint64_t d = (uint64_t) data;
                    if (v - d < sizeof data) printf(" %s=D+%llx", k, (unsigned long long) (v - d));
                    else printf(" %s=0x%llx", k, (unsigned long long) v);
                }
                static void mem(const char *k, int off, int len) {
                    printf(" %s=", k);
                    for (int i = 0; i < len; i++) printf("%02x", data[off + i]);
                }
                """);
        for (int i = 0; i < cases.size(); i++) {
            GeneralCase c = cases.get(i);
            byte[] code = HexFormat.of().parseHex(c.code());
            StringBuilder bytes = new StringBuilder();
            for (byte b : code) {
                bytes.append(bytes.length() == 0 ? "" : ",").append(String.format("0x%02x", b & 0xff));
            }
            sb.append("static __attribute__((noinline)) void run").append(i).append("(void) {\n")
                    .append("    register uint64_t *p asm(\"r13\") = regs;\n")
                    .append("    asm volatile(\"lmg %%r0,%%r12,0(%%r13)\\n\\t.byte ").append(bytes)
                    .append("\\n\\tipm %%r14\\n\\tstmg %%r0,%%r12,0(%%r13)\\n\\tstg %%r14,128(%%r13)\"\n")
                    .append("        : : \"a\"(p) : \"r0\",\"r1\",\"r2\",\"r3\",\"r4\",\"r5\",\"r6\",\"r7\",\"r8\",\"r9\",")
                    .append("\"r10\",\"r11\",\"r12\",\"r14\",\"cc\",\"memory\");\n}\n");
        }
        sb.append("int main(void) {\n");
        for (int i = 0; i < cases.size(); i++) {
            GeneralCase c = cases.get(i);
            sb.append("    memset(data, 0, sizeof data); memset(regs, 0, sizeof regs);\n");
            for (Map.Entry<String, String> in : c.in().entrySet()) {
                String k = in.getKey(), v = in.getValue();
                if (k.startsWith("r")) {
                    String value = v.startsWith("D+") ? "(uint64_t) data + 0x" + v.substring(2) : v + "ULL";
                    sb.append("    regs[").append(k.substring(1)).append("] = ").append(value).append(";\n");
                } else {
                    byte[] b = GeneralCase.bytes(v);
                    for (int j = 0; j < b.length; j++) {
                        sb.append(String.format("    data[0x%s + %d] = 0x%02x;%n", k.substring(1), j, b[j] & 0xff));
                    }
                }
            }
            sb.append("    run").append(i).append("();\n    printf(\"").append(c.name()).append(":\");\n");
            for (Map.Entry<String, String> o : c.out().entrySet()) {
                String k = o.getKey();
                if (k.equals("cc")) {
                    sb.append("    printf(\" cc=%d\", (int) (regs[16] >> 28) & 3);\n");
                } else if (k.startsWith("r")) {
                    sb.append("    reg(\"").append(k).append("\", regs[").append(k.substring(1)).append("]);\n");
                } else {
                    sb.append("    mem(\"").append(k).append("\", 0x").append(k.substring(1)).append(", ")
                            .append(o.getValue().length() / 2).append(");\n");
                }
            }
            sb.append("    printf(\"\\n\");\n");
        }
        sb.append("    return 0;\n}\n");
        return sb.toString();
    }
}

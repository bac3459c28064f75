package org.jtcg.x86.fuzz;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * GNU objdump agrees with the fuzzer's encodings: the same instruction boundaries and the intended
 * mnemonic for every instruction of many generated sequences. Skipped when objdump is missing.
 */
class ObjdumpAgreementTest {
    private static final java.util.regex.Pattern LINE = java.util.regex.Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f ]+)\\t(.*)$");
    /** Words objdump prints before the mnemonic for prefixes that change nothing here. */
    private static final Set<String> PREFIX_WORDS = Set.of("rex", "data16", "addr32", "ds", "cs", "es", "ss");

    @Test
    void objdumpSeesTheSameInstructions(@TempDir Path dir) throws Exception {
        assumeTrue(available(), "skipped: objdump (GNU binutils) not found on PATH");
        SequenceGenerator gen = new SequenceGenerator(PatternTable.builtIn(), MaskTable.load(), 50);
        List<FuzzInsn> insns = new ArrayList<>();
        List<Long> pcs = new ArrayList<>();
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 100; i++) { // 5000 instructions plus guards
            for (FuzzInsn insn : gen.generate(2024, i).instructions()) {
                pcs.add((long) all.size());
                insns.add(insn);
                all.writeBytes(insn.encode(X86FuzzLayout.CODE + all.size()));
            }
        }
        Path bin = dir.resolve("seq.bin");
        Files.write(bin, all.toByteArray());
        Process p = new ProcessBuilder("objdump", "-D", "-b", "binary", "-m", "i386:x86-64", "-M", "intel", "-w",
                "--adjust-vma=0x" + Long.toHexString(X86FuzzLayout.CODE), bin.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        List<long[]> starts = new ArrayList<>();
        List<String> mnemonics = new ArrayList<>();
        for (String l : out.split("\n")) {
            Matcher m = LINE.matcher(l);
            if (m.matches()) {
                starts.add(new long[] {Long.parseLong(m.group(1), 16) - X86FuzzLayout.CODE});
                mnemonics.add(mnemonic(m.group(3)));
            }
        }
        assertEquals(insns.size(), starts.size(), "instruction count");
        for (int i = 0; i < insns.size(); i++) {
            FuzzInsn insn = insns.get(i);
            String hex = HexFormat.of().formatHex(insn.encode(X86FuzzLayout.CODE + pcs.get(i)));
            assertEquals(pcs.get(i), starts.get(i)[0], "boundary of " + hex + " " + insn);
            assertEquals(insn.mnemonic(), mnemonics.get(i), hex + " " + insn);
        }
    }

    private static String mnemonic(String text) {
        for (String w : text.trim().split("\\s+")) {
            if (!PREFIX_WORDS.contains(w) && !w.startsWith("rex.")) {
                // objdump names cmpps/cmppd/cmpss/cmpsd by predicate (cmpnltpd, vcmpnge_uqps); the decoder by opcode
                return w.replaceFirst("^(v?)cmp(eq|lt|le|unord|neq|nlt|nle|ord|eq_uq|nge|ngt|false|neq_oq|ge|gt|true|eq_os|lt_oq"
                        + "|le_oq|unord_s|neq_us|nlt_uq|nle_uq|ord_s|eq_us|nge_uq|ngt_uq|false_os|neq_os|ge_oq|gt_oq|true_us)"
                        + "(ps|pd|ss|sd)$", "$1cmp$3");
            }
        }
        return "";
    }

    private static boolean available() {
        try {
            Process p = new ProcessBuilder("objdump", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}

package org.jtcg.arm64.translate;

import org.jtcg.arm64.Arm64Cpu;
import org.jtcg.core.decode.Decoder;
import org.jtcg.core.ir.IrBlock;
import org.jtcg.core.ir.IrBuilder;
import org.jtcg.core.ir.Op;
import org.jtcg.core.ir.Opcode;
import org.jtcg.core.signal.Signals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One pass of {@code aarch64-linux-gnu-objdump -d -j .text} over a binary, compared word by word with
 * {@link A64Disassembler}. A word is <em>implemented</em> when the decoder allocates it and its handler
 * translates it without the undefined-instruction SIGILL; every implemented word must print exactly as
 * objdump prints it (tabs as spaces, objdump's {@code <symbol>} and {@code //} comments dropped). The
 * objdump output is streamed (busybox's .text is ~360,000 words), and the translate check is cached per
 * distinct word.
 */
final class A64ObjdumpCrossCheck {
    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f]{8}) \\t([^\\t]+)(?:\\t(.*))?$");
    private static final int SHOWN = 40;
    private static final Pattern COMMENT = Pattern.compile("\\s*//.*$");
    private static final Pattern SPACES = Pattern.compile(" +");
    private static final Pattern SYMBOL = Pattern.compile(" <[^>]*>$");
    /** An instruction whose last operand is a pc-relative address. */
    private static final Pattern PC_RELATIVE = Pattern.compile("^(?:b|bl|b\\.\\w+|cbn?z|tbn?z|adrp?|ldr|ldrsw|prfm)\\s(?:.*[ ,])?0x[0-9a-f]+$");

    /** The counts of one binary, and the first few offending words of each kind. */
    record Report(String what, int total, int implemented, int formatted, int mismatches, int unformattedImplemented,
                  List<String> firstMismatches, List<String> firstUnformattedImplemented,
                  Map<String, Integer> unimplementedByMnemonic, Map<String, Integer> unformattedByPattern) {
        String summary() {
            return String.format("A64 disassembler vs objdump (%s): %d .text words, %d implemented, %d formatted, "
                    + "%d mismatches, %d implemented but unformatted", what, total, implemented, formatted, mismatches,
                    unformattedImplemented);
        }
    }

    private final Map<Integer, Boolean> implementedCache = new HashMap<>();

    /** Normalises one objdump instruction text to the disassembler's spacing. */
    static String normalise(String objdumpText) {
        String s = COMMENT.matcher(objdumpText).replaceFirst("");
        Matcher symbol = SYMBOL.matcher(s);
        if (symbol.find()) {
            s = s.substring(0, symbol.start());
        } else if (PC_RELATIVE.matcher(s).find()) { // a stripped binary: "0x4003a8" where symbols give "4003a8 <f+0x10>"
            s = s.substring(0, s.lastIndexOf("0x")) + s.substring(s.lastIndexOf("0x") + 2);
        }
        return SPACES.matcher(s.replace('\t', ' ').trim()).replaceAll(" ");
    }

    Report check(Path bin, String what) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("aarch64-linux-gnu-objdump", "-d", "-j", ".text", bin.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int total = 0, implemented = 0, formatted = 0, wrong = 0, unformattedImpl = 0;
        List<String> mismatches = new ArrayList<>(), unformatted = new ArrayList<>();
        Map<String, Integer> unimplemented = new TreeMap<>(), unformattedByPattern = new TreeMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                Matcher m = LINE.matcher(line);
                if (!m.matches()) {
                    continue;
                }
                total++;
                long pc = Long.parseLong(m.group(1), 16);
                int word = (int) Long.parseLong(m.group(2), 16);
                String want = normalise(m.group(3) + (m.group(4) != null ? " " + m.group(4) : ""));
                if (!implemented(word)) {
                    unimplemented.merge(want.split(" ")[0], 1, Integer::sum);
                    continue;
                }
                implemented++;
                if (!A64Disassembler.formats(word)) {
                    unformattedImpl++;
                    unformattedByPattern.merge(A64Disassembler.format(word, pc).split(" ")[0], 1, Integer::sum);
                    if (unformatted.size() < SHOWN) {
                        unformatted.add(String.format("%x: %08x objdump '%s' jtcg '%s'", pc, word, want, A64Disassembler.format(word, pc)));
                    }
                    continue;
                }
                formatted++;
                String got = A64Disassembler.format(word, pc);
                if (!want.equals(got) && wrong++ < SHOWN) {
                    mismatches.add(String.format("%x: %08x objdump '%s' jtcg '%s'", pc, word, want, got));
                }
            }
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("objdump did not finish on " + bin);
        }
        return new Report(what, total, implemented, formatted, wrong, unformattedImpl, mismatches, unformatted, unimplemented, unformattedByPattern);
    }

    /** Decoded and translated without the undefined-instruction SIGILL (a translation-time decision). */
    boolean implemented(int word) {
        return implementedCache.computeIfAbsent(word, A64ObjdumpCrossCheck::translates);
    }

    private static boolean translates(int word) {
        long[] args = A64Table.TABLE.newArgumentArray();
        int id = A64Table.DECODER.decode(word & 0xffff_ffffL, args);
        if (id == Decoder.UNALLOCATED) {
            return false;
        }
        long pc = 0x400000;
        IrBuilder b = new IrBuilder(Arm64Cpu.cpuLayout(), pc);
        A64Ctx c = new A64Ctx(b);
        c.pc = pc;
        c.insn = word;
        b.insnStart(pc);
        A64Translator.HANDLERS.get(id).emit(c, args);
        if (!c.ended()) {
            b.gotoDirect(pc + 4);
        }
        IrBlock block = b.finish(pc + 4);
        for (Op op : block.ops()) {
            if (op.opc == Opcode.EXIT_SIGNAL && op.aux1 == Signals.SIGILL) {
                return false;
            }
        }
        return true;
    }
}

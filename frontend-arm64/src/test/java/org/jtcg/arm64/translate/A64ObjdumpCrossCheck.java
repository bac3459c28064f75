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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One pass of {@code aarch64-linux-gnu-objdump} over a file, compared word by word with {@link A64Disassembler}.
 * A word is <em>implemented</em> when the decoder allocates it and its handler translates it without the
 * undefined-instruction SIGILL; every implemented word must print exactly as objdump prints it (tabs as
 * spaces, objdump's {@code <symbol>} and {@code //} comments dropped, a stripped binary's {@code 0x} before
 * a branch target dropped). Words objdump calls undefined but we execute are accepted only when
 * {@code tolerated} says so (the CONSTRAINED UNPREDICTABLE forms a caller lists). The objdump output is
 * streamed (busybox's .text is ~360,000 words); the translate check is cached per distinct word.
 */
final class A64ObjdumpCrossCheck {
    private static final Pattern COMMENT = Pattern.compile("\\s*//.*$");
    private static final Pattern SPACES = Pattern.compile(" +");
    private static final Pattern SYMBOL = Pattern.compile(" <[^>]*>$");
    /** An instruction whose last operand is a pc-relative address. */
    private static final Pattern PC_RELATIVE = Pattern.compile("^(?:b|bl|b\\.\\w+|cbn?z|tbn?z|adrp?|ldr|ldrsw|prfm)\\s(?:.*[ ,])?0x[0-9a-f]+$");
    private static final int SHOWN = 25;

    /** The counts of one objdump run, and the first few offending words of each kind. */
    record Report(String what, int total, int implemented, int formatted, int mismatches, int unformattedImplemented,
                  int toleratedUndefined, List<String> firstMismatches, List<String> firstUnformattedImplemented,
                  Map<String, Integer> unimplementedByMnemonic) {
        String summary() {
            return String.format("A64 disassembler vs objdump (%s): %d words, %d implemented, %d formatted and compared, "
                            + "%d mismatches, %d implemented but unformatted, %d objdump-undefined forms we execute (tolerated)",
                    what, total, implemented, formatted, mismatches, unformattedImplemented, toleratedUndefined);
        }

        /** The most frequent objdump mnemonics of the words we do not implement. */
        String unimplementedTop(int n) {
            return unimplementedByMnemonic.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(n)
                    .map(e -> e.getKey() + " " + e.getValue()).toList().toString();
        }
    }

    private final Map<Integer, Boolean> implementedCache = new HashMap<>();

    /** Normalises one objdump instruction text to the disassembler's spacing. */
    static String normalise(String objdumpText) {
        String s = objdumpText.replace('\t', ' ');
        if (s.contains("//")) {
            s = COMMENT.matcher(s).replaceFirst("");
        }
        if (s.endsWith(">")) {
            Matcher symbol = SYMBOL.matcher(s);
            if (symbol.find()) {
                s = s.substring(0, symbol.start());
            }
        } else if (s.contains("0x") && PC_RELATIVE.matcher(s).find()) { // stripped: "0x4003a8" where symbols give "4003a8 <f+0x10>"
            int at = s.lastIndexOf("0x");
            s = s.substring(0, at) + s.substring(at + 2);
        }
        s = s.trim();
        return s.contains("  ") ? SPACES.matcher(s).replaceAll(" ") : s;
    }

    /**
     * The address, word and instruction text of one objdump instruction line
     * ({@code "  400340:\tf0000e60 \tadrp\tx0, 0x5cf000"}), or null for any other line.
     */
    private static String[] instructionLine(String line) {
        int colon = line.indexOf(":\t");
        if (colon < 0 || line.length() < colon + 13 || line.charAt(colon + 10) != ' ' || line.charAt(colon + 11) != '\t') {
            return null;
        }
        String address = line.substring(0, colon).trim(), word = line.substring(colon + 2, colon + 10);
        if (address.isEmpty() || !isHex(address) || !isHex(word)) {
            return null;
        }
        return new String[] {address, word, line.substring(colon + 12)};
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Runs objdump (its arguments after the program name) and compares every instruction line. */
    Report check(String what, List<String> objdumpArgs, IntPredicate tolerated) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("aarch64-linux-gnu-objdump");
        cmd.addAll(objdumpArgs);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int total = 0, implemented = 0, formatted = 0, wrong = 0, unformattedImpl = 0, toleratedUndefined = 0;
        List<String> mismatches = new ArrayList<>(), unformatted = new ArrayList<>();
        Map<String, Integer> unimplemented = new TreeMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                String[] m = instructionLine(line);
                if (m == null) {
                    continue;
                }
                total++;
                long pc = Long.parseLong(m[0], 16);
                int word = (int) Long.parseLong(m[1], 16);
                if (!implemented(word)) {
                    String want = normalise(m[2]);
                    unimplemented.merge(want.split(" ")[0], 1, Integer::sum);
                    continue;
                }
                implemented++;
                String want = normalise(m[2]);
                if (want.startsWith(".inst") && tolerated.test(word)) {
                    toleratedUndefined++;
                    continue;
                }
                String got = A64Disassembler.objdumpSyntax(word, pc);
                if (got == null) {
                    if (unformattedImpl++ < SHOWN) {
                        unformatted.add(String.format("%x: %08x objdump '%s' jtcg '%s'", pc, word, want, A64Disassembler.format(word, pc)));
                    }
                    continue;
                }
                formatted++;
                if (!want.equals(got) && wrong++ < SHOWN) {
                    mismatches.add(String.format("%x: %08x objdump '%s' jtcg '%s'", pc, word, want, got));
                }
            }
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("objdump did not finish: " + cmd);
        }
        return new Report(what, total, implemented, formatted, wrong, unformattedImpl, toleratedUndefined, mismatches,
                unformatted, unimplemented);
    }

    /**
     * The CONSTRAINED UNPREDICTABLE forms objdump calls undefined and we execute in one of the ways the Arm ARM
     * allows: LDAR/STLR with their should-be-one Rs/Rt2 fields not all ones (executed as if they were), and
     * LDP/LDPSW/STP overlaps (a load pair into one register, or write-back into a transfer register).
     */
    static boolean constrainedUnpredictable(int word) {
        long[] a = A64Table.TABLE.newArgumentArray();
        int id = A64Table.DECODER.decode(word & 0xffff_ffffL, a);
        if (id == Decoder.UNALLOCATED) {
            return false;
        }
        String name = A64Table.DECODER.pattern(id).name();
        if (name.equals("LDAR") || name.equals("STLR")) {
            return (word >>> 16 & 0x1f) != 0x1f || (word >>> 10 & 0x1f) != 0x1f;
        }
        if (name.equals("LS_pair")) {
            long rt = a[A64Table.RD], rt2 = a[A64Table.RT2], rn = a[A64Table.RN];
            boolean writeBack = a[A64Table.PAIRMODE] == 1 || a[A64Table.PAIRMODE] == 3;
            return a[A64Table.L] != 0 && rt == rt2 || writeBack && rn != 31 && (rn == rt || rn == rt2);
        }
        return false;
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

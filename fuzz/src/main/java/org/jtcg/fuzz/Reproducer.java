package org.jtcg.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained text file for one divergence: the architecture, the lanes, the instructions
 * (address, bytes, state undefined after each, disassembly as a comment), the initial registers
 * (lines the {@link ArchFuzzer} writes and reads) and the non-zero scratch lines.
 * {@code jtcg fuzz --replay FILE} runs it again. Format (docs/fuzz.md):
 * <pre>
 * jtcg-fuzz-reproducer 1
 * arch x86_64
 * engines interp,jit
 * seed 42
 * case 17
 * insn 0x400000 4801d8 - add rax, rbx
 * gpr 0 0x1234                                  (register lines: per architecture)
 * scratch 0x40 00112233...                      (32 bytes per line; absent lines are zero)
 * # comment lines: the divergence report
 * </pre>
 *
 * @param arch    architecture name
 * @param engines lane names, reference first
 * @param seed    the run's seed
 * @param index   the case number in the run
 * @param init    initial state
 * @param program the instructions
 * @param notes   comment lines written at the end (the divergence), not read back
 */
public record Reproducer(String arch, List<String> engines, long seed, long index, FuzzState init, Program program, List<String> notes) {
    private static final String MAGIC = "jtcg-fuzz-reproducer";
    private static final int VERSION = 1;
    private static final int SCRATCH_LINE = 32;

    public Reproducer {
        engines = List.copyOf(engines);
        notes = List.copyOf(notes);
    }

    /** The file's text. */
    public String format(ArchFuzzer fuzzer) {
        StringBuilder b = new StringBuilder();
        b.append("# jtcg fuzz reproducer; replay: jtcg fuzz --replay FILE [--engines A,B]  (docs/fuzz.md)\n");
        b.append(MAGIC).append(' ').append(VERSION).append('\n');
        b.append("arch ").append(arch).append('\n');
        b.append("engines ").append(String.join(",", engines)).append('\n');
        b.append("seed ").append(seed).append('\n');
        b.append("case ").append(index).append('\n');
        b.append("# insn ADDRESS BYTES STATE-UNDEFINED-AFTER DISASSEMBLY\n");
        long[] pcs = program.pcs();
        int[] undef = program.undefinedAfter();
        for (int i = 0; i < pcs.length; i++) {
            b.append(String.format("insn 0x%x %s %s %s%n", pcs[i], HexFormat.of().formatHex(program.bytes(i)),
                    fuzzer.formatUndefined(undef[i]), program.disassemble(i)));
        }
        fuzzer.formatRegisters(init).forEach(l -> b.append(l).append('\n'));
        byte[] s = init.scratch();
        for (int off = 0; off < s.length; off += SCRATCH_LINE) {
            byte[] line = Arrays.copyOfRange(s, off, Math.min(s.length, off + SCRATCH_LINE));
            if (!Arrays.equals(line, new byte[line.length])) {
                b.append(String.format("scratch 0x%x %s%n", off, HexFormat.of().formatHex(line)));
            }
        }
        for (String n : notes) {
            b.append("# ").append(n).append('\n');
        }
        return b.toString();
    }

    /** Writes the file. */
    public void write(Path file, ArchFuzzer fuzzer) throws IOException {
        Files.writeString(file, format(fuzzer), StandardCharsets.UTF_8);
    }

    /** The architecture an {@code arch} line names, or {@code fallback} if there is none. */
    public static String archOf(List<String> lines, String fallback) {
        for (String l : lines) {
            String[] f = l.trim().split("\\s+");
            if (f.length == 2 && f[0].equals("arch")) {
                return f[1];
            }
        }
        return fallback;
    }

    /**
     * Reads a reproducer of {@code fuzzer}'s architecture.
     *
     * @throws IllegalArgumentException naming the line for malformed content
     */
    public static Reproducer parse(List<String> lines, ArchFuzzer fuzzer) {
        FuzzLayout layout = fuzzer.layout();
        String arch = fuzzer.target().arch();
        List<String> engines = List.of();
        long seed = 0, index = 0;
        byte[] scratch = new byte[layout.scratchSize()];
        java.io.ByteArrayOutputStream code = new java.io.ByteArrayOutputStream();
        List<Long> pcs = new ArrayList<>();
        List<Integer> undef = new ArrayList<>();
        List<String[]> registerLines = new ArrayList<>();
        boolean magic = false;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            try {
                switch (f[0]) {
                    case MAGIC -> {
                        if (Integer.parseInt(f[1]) != VERSION) {
                            throw new IllegalArgumentException("version " + f[1] + " (this jtcg reads " + VERSION + ")");
                        }
                        magic = true;
                    }
                    case "arch" -> {
                        if (!f[1].equals(arch)) {
                            throw new IllegalArgumentException("arch " + f[1] + " (expected " + arch + ")");
                        }
                    }
                    case "engines" -> engines = List.of(f[1].split(","));
                    case "seed" -> seed = Long.parseLong(f[1]);
                    case "case" -> index = Long.parseLong(f[1]);
                    case "insn" -> {
                        long pc = Long.decode(f[1]);
                        if (pc != layout.code() + code.size()) {
                            throw new IllegalArgumentException(String.format("instruction at 0x%x, expected 0x%x", pc,
                                    layout.code() + code.size()));
                        }
                        pcs.add(pc);
                        code.writeBytes(HexFormat.of().parseHex(f[2]));
                        undef.add(fuzzer.parseUndefined(f[3]));
                    }
                    case "scratch" -> {
                        int off = Integer.decode(f[1]);
                        byte[] b = HexFormat.of().parseHex(f[2]);
                        System.arraycopy(b, 0, scratch, off, b.length);
                    }
                    default -> {
                        if (!fuzzer.readsLine(f[0])) {
                            throw new IllegalArgumentException("unknown line '" + f[0] + "'");
                        }
                        fuzzer.parseState(List.<String[]>of(f), scratch); // read alone first, so an error names its line
                        registerLines.add(f);
                    }
                }
            } catch (RuntimeException e) { // NumberFormat, index out of range, bad hex
                throw new IllegalArgumentException("line " + (n + 1) + ": " + message(e), e);
            }
        }
        if (!magic) {
            throw new IllegalArgumentException("not a jtcg fuzz reproducer (no '" + MAGIC + "' line)");
        }
        FuzzState init = fuzzer.parseState(registerLines, scratch);
        Program p = fuzzer.program(code.toByteArray(), pcs.stream().mapToLong(Long::longValue).toArray(),
                undef.stream().mapToInt(Integer::intValue).toArray());
        return new Reproducer(arch, engines, seed, index, init, p, List.of());
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** Reads a file ({@link #parse}); I/O errors propagate. */
    public static Reproducer read(Path file, ArchFuzzer fuzzer) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), fuzzer);
    }

    /** The file name used for case {@code index} of {@code seed}. */
    public static String fileName(long seed, long index, String a, String b) {
        return String.format(Locale.ROOT, "fuzz-%s-%s-seed%d-case%d.repro", a, b, seed, index);
    }
}

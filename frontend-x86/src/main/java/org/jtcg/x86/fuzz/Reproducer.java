package org.jtcg.x86.fuzz;

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
 * A self-contained text file for one divergence: the engines, the instructions (address, bytes,
 * flags undefined after each, disassembly as a comment), the initial registers and the non-zero
 * scratch lines. {@code jtcg fuzz --replay FILE} runs it again. Format (docs/fuzz.md):
 * <pre>
 * jtcg-fuzz-reproducer 1
 * engines interp,jit
 * seed 42
 * case 17
 * insn 0x400000 4801d8 - add rax, rbx
 * gpr 0 0x1234
 * rflags 0x247
 * xmm 3 0x3ff0000000000000_0000000000000001      (high word first)
 * mxcsr 0x1f80
 * scratch 0x40 00112233...                      (32 bytes per line; absent lines are zero)
 * # comment lines: the divergence report
 * </pre>
 *
 * @param engines engine names, reference first
 * @param seed    the run's seed
 * @param index   the case number in the run
 * @param init    initial state
 * @param program the instructions
 * @param notes   comment lines written at the end (the divergence), not read back
 */
public record Reproducer(List<String> engines, long seed, long index, InitialState init, Program program, List<String> notes) {
    private static final String MAGIC = "jtcg-fuzz-reproducer";
    private static final int VERSION = 1;
    private static final int SCRATCH_LINE = 32;

    public Reproducer {
        engines = List.copyOf(engines);
        notes = List.copyOf(notes);
    }

    /** The file's text. */
    public String format() {
        StringBuilder b = new StringBuilder();
        b.append("# jtcg fuzz reproducer; replay: jtcg fuzz --replay FILE [--engines A,B]  (docs/fuzz.md)\n");
        b.append(MAGIC).append(' ').append(VERSION).append('\n');
        b.append("arch x86_64\n");
        b.append("engines ").append(String.join(",", engines)).append('\n');
        b.append("seed ").append(seed).append('\n');
        b.append("case ").append(index).append('\n');
        b.append("# insn ADDRESS BYTES FLAGS-UNDEFINED-AFTER DISASSEMBLY\n");
        byte[] code = program.code();
        long[] pcs = program.pcs();
        int[] undef = program.undefinedAfter();
        for (int i = 0; i < pcs.length; i++) {
            int from = (int) (pcs[i] - FuzzLayout.CODE);
            int to = i + 1 < pcs.length ? (int) (pcs[i + 1] - FuzzLayout.CODE) : code.length;
            b.append(String.format("insn 0x%x %s %s %s%n", pcs[i], HexFormat.of().formatHex(code, from, to),
                    FlagBits.format(undef[i]), program.disassemble(i)));
        }
        long[] g = init.gprs();
        for (int i = 0; i < 16; i++) {
            b.append(String.format("gpr %d 0x%x%n", i, g[i]));
        }
        b.append(String.format("rflags 0x%x%n", init.rflags()));
        long[] x = init.xmm();
        for (int i = 0; i < 16; i++) {
            b.append(String.format("xmm %d 0x%016x_%016x%n", i, x[2 * i + 1], x[2 * i]));
        }
        b.append(String.format("mxcsr 0x%x%n", init.mxcsr()));
        byte[] s = init.scratch();
        for (int off = 0; off < s.length; off += SCRATCH_LINE) {
            byte[] line = Arrays.copyOfRange(s, off, off + SCRATCH_LINE);
            if (!Arrays.equals(line, new byte[SCRATCH_LINE])) {
                b.append(String.format("scratch 0x%x %s%n", off, HexFormat.of().formatHex(line)));
            }
        }
        for (String n : notes) {
            b.append("# ").append(n).append('\n');
        }
        return b.toString();
    }

    /** Writes the file. */
    public void write(Path file) throws IOException {
        Files.writeString(file, format(), StandardCharsets.UTF_8);
    }

    /**
     * Reads a reproducer.
     *
     * @throws IllegalArgumentException naming the line for malformed content
     */
    public static Reproducer parse(List<String> lines) {
        List<String> engines = List.of();
        long seed = 0, index = 0;
        long[] g = new long[16];
        long rflags = 0x202;
        long[] x = new long[32];
        int mxcsr = 0x1f80;
        byte[] scratch = new byte[FuzzLayout.SCRATCH_SIZE];
        java.io.ByteArrayOutputStream code = new java.io.ByteArrayOutputStream();
        List<Long> pcs = new ArrayList<>();
        List<Integer> undef = new ArrayList<>();
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
                        if (!f[1].equals("x86_64")) {
                            throw new IllegalArgumentException("arch " + f[1] + " (only x86_64)");
                        }
                    }
                    case "engines" -> engines = List.of(f[1].split(","));
                    case "seed" -> seed = Long.parseLong(f[1]);
                    case "case" -> index = Long.parseLong(f[1]);
                    case "insn" -> {
                        long pc = Long.decode(f[1]);
                        if (pc != FuzzLayout.CODE + code.size()) {
                            throw new IllegalArgumentException(String.format("instruction at 0x%x, expected 0x%x", pc,
                                    FuzzLayout.CODE + code.size()));
                        }
                        pcs.add(pc);
                        code.writeBytes(HexFormat.of().parseHex(f[2]));
                        undef.add(f[3].equals("-") ? 0 : FlagBits.parse(f[3]));
                    }
                    case "gpr" -> g[Integer.parseInt(f[1])] = Long.parseUnsignedLong(f[2].substring(2), 16);
                    case "rflags" -> rflags = Long.parseUnsignedLong(f[1].substring(2), 16);
                    case "xmm" -> {
                        int i = Integer.parseInt(f[1]);
                        String[] w = f[2].substring(2).split("_");
                        x[2 * i + 1] = Long.parseUnsignedLong(w[0], 16);
                        x[2 * i] = Long.parseUnsignedLong(w[1], 16);
                    }
                    case "mxcsr" -> mxcsr = Integer.parseUnsignedInt(f[1].substring(2), 16);
                    case "scratch" -> {
                        int off = Integer.decode(f[1]);
                        byte[] b = HexFormat.of().parseHex(f[2]);
                        System.arraycopy(b, 0, scratch, off, b.length);
                    }
                    default -> throw new IllegalArgumentException("unknown line '" + f[0] + "'");
                }
            } catch (RuntimeException e) { // NumberFormat, index out of range, bad hex
                throw new IllegalArgumentException("line " + (n + 1) + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
            }
        }
        if (!magic) {
            throw new IllegalArgumentException("not a jtcg fuzz reproducer (no '" + MAGIC + "' line)");
        }
        return new Reproducer(engines, seed, index, new InitialState(g, rflags, x, mxcsr, scratch),
                new Program(code.toByteArray(), pcs.stream().mapToLong(Long::longValue).toArray(),
                        undef.stream().mapToInt(Integer::intValue).toArray()), List.of());
    }

    /** Reads a file ({@link #parse}); I/O errors propagate. */
    public static Reproducer read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** The file name used for case {@code index} of {@code seed}. */
    public static String fileName(long seed, long index, String a, String b) {
        return String.format(Locale.ROOT, "fuzz-%s-%s-seed%d-case%d.repro", a, b, seed, index);
    }
}

package org.jtcg.x86.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The x86-64 instruction forms the fuzzer draws from, loaded from the data file
 * {@code org/jtcg/x86/fuzz/x86_64.patterns} (format in its header and in docs/fuzz.md).
 * Rows with {@code +cc} are expanded into 16 patterns, one per condition.
 */
public final class PatternTable {
    /** Resource holding the built-in table. */
    public static final String RESOURCE = "x86_64.patterns";
    private static final Set<String> GROUPS = Set.of("int", "sseint", "ssefp", "ext", "popcnt", "sse3", "ssse3", "sse41", "sse42",
            "bmi", "fma", "f16c", "avx", "avx2", "approx");

    private final List<Pattern> patterns;

    private PatternTable(List<Pattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /** The built-in table. */
    public static PatternTable builtIn() {
        try (InputStream in = PatternTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All group names a table may use. */
    public static Set<String> groupNames() {
        return new TreeSet<>(GROUPS);
    }

    public List<Pattern> patterns() {
        return patterns;
    }

    /** The patterns of the given groups. */
    public PatternTable only(Collection<String> groups) {
        for (String g : groups) {
            if (!GROUPS.contains(g)) {
                throw new IllegalArgumentException("unknown instruction group '" + g + "' (groups: " + groupNames() + ")");
            }
        }
        return new PatternTable(patterns.stream().filter(p -> groups.contains(p.group())).toList());
    }

    /** The patterns whose mnemonic is not in {@code mnemonics}. */
    public PatternTable without(Collection<String> mnemonics) {
        return new PatternTable(patterns.stream().filter(p -> Arrays.stream(p.name().split("/"))
                .noneMatch(mnemonics::contains)).toList());
    }

    /**
     * Parses table lines.
     *
     * @throws IllegalArgumentException naming the line for any malformed row
     */
    public static PatternTable parse(List<String> lines) {
        List<Pattern> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String text = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (text.isEmpty()) {
                continue;
            }
            try {
                parseRow(text, i + 1, out);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(RESOURCE + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new PatternTable(out);
    }

    private static void parseRow(String text, int line, List<Pattern> out) {
        String[] f = text.split("\\|", -1);
        if (f.length != 5) {
            throw new IllegalArgumentException("expected 'name | encoding | operands | sizes | attributes'");
        }
        String name = f[0].trim();
        // encoding
        String[] enc = f[1].trim().split("\\s+");
        int k = 0;
        int prefix = 0;
        if (enc[k].matches("66|F2|F3") && enc.length > 1 && enc[k + 1].equals("0F")) {
            prefix = Integer.parseInt(enc[k++], 16);
        }
        List<Byte> op = new ArrayList<>();
        boolean plusR = false, plusCc = false;
        int modrm = Pattern.NO_MODRM;
        for (; k < enc.length; k++) {
            String t = enc[k];
            if (t.equals("/r")) {
                modrm = Pattern.MODRM_REG;
            } else if (t.matches("/[0-7]")) {
                modrm = t.charAt(1) - '0';
            } else if (t.matches("[0-9A-F]{2}(\\+r|\\+cc)?")) {
                if (modrm != Pattern.NO_MODRM) {
                    throw new IllegalArgumentException("opcode byte after the ModRM part in '" + f[1].trim() + "'");
                }
                op.add((byte) Integer.parseInt(t.substring(0, 2), 16));
                plusR |= t.endsWith("+r");
                plusCc |= t.endsWith("+cc");
            } else {
                throw new IllegalArgumentException("bad encoding token '" + t + "'");
            }
        }
        if (op.isEmpty() || op.size() > 3) {
            throw new IllegalArgumentException("encoding needs 1 to 3 opcode bytes");
        }
        byte[] opcode = new byte[op.size()];
        for (int j = 0; j < opcode.length; j++) {
            opcode[j] = op.get(j);
        }
        // operands
        List<OperandForm> ops = new ArrayList<>();
        String o = f[2].trim();
        if (!o.isEmpty()) {
            for (String c : o.split(",")) {
                ops.add(OperandForm.parse(c.trim()));
            }
        }
        boolean needsModrm = ops.stream().anyMatch(x -> x.usesModrmRm() || x.kind() == OperandForm.Kind.G
                || x.kind() == OperandForm.Kind.V);
        if (needsModrm != (modrm != Pattern.NO_MODRM)) {
            throw new IllegalArgumentException(needsModrm ? "operands need a ModRM byte: add /r or /digit" : "/r or /digit without a ModRM operand");
        }
        if (plusR != ops.stream().anyMatch(x -> x.kind() == OperandForm.Kind.Z)) {
            throw new IllegalArgumentException("+r and a Z operand go together");
        }
        // sizes
        String s = f[3].trim();
        int[] sizes = s.equals("-") ? new int[0] : Arrays.stream(s.split(",")).mapToInt(x -> Integer.parseInt(x.trim())).toArray();
        for (int z : sizes) {
            if (z != 16 && z != 32 && z != 64) {
                throw new IllegalArgumentException("size " + z + " (use 16, 32, 64)");
            }
        }
        boolean sized = ops.stream().anyMatch(x -> x.sizeCode().matches("v|y|z")) || name.contains("/");
        if (sized == (sizes.length == 0)) {
            throw new IllegalArgumentException(sized ? "v/y/z operands need sizes" : "sizes given but no v/y/z operand");
        }
        // attributes
        String group = "int";
        int reads = 0, writes = 0, undef = 0;
        boolean shift = false, ro = false, rw2 = false, a16 = false, w1 = false, readsCc = false, vex = false;
        long immLo = 1, immHi = 0;
        String guard = null;
        for (String a : f[4].trim().split("\\s+")) {
            if (a.isEmpty()) {
                continue;
            }
            int eq = a.indexOf('=');
            String key = eq < 0 ? a : a.substring(0, eq);
            String val = eq < 0 ? null : a.substring(eq + 1);
            switch (key) {
                case "g" -> {
                    if (!GROUPS.contains(val)) {
                        throw new IllegalArgumentException("unknown group '" + val + "'");
                    }
                    group = val;
                }
                case "r" -> {
                    if ("cc".equals(val)) {
                        readsCc = true;
                    } else {
                        reads = FlagBits.parse(val);
                    }
                }
                case "w" -> writes = FlagBits.parse(val);
                case "u" -> undef = FlagBits.parse(val);
                case "shift" -> shift = true;
                case "ro" -> ro = true;
                case "rw2" -> rw2 = true;
                case "a16" -> a16 = true;
                case "W1" -> w1 = true;
                case "vex" -> vex = true;
                case "guard" -> {
                    if (!"divu".equals(val) && !"divs".equals(val)) {
                        throw new IllegalArgumentException("unknown guard '" + val + "' (divu, divs)");
                    }
                    guard = val;
                }
                case "imm" -> {
                    String[] r = val == null ? new String[0] : val.split("\\.\\.");
                    if (r.length != 2) {
                        throw new IllegalArgumentException("imm=LO..HI expected");
                    }
                    immLo = Long.decode(r[0]);
                    immHi = Long.decode(r[1]);
                    if (immLo > immHi) {
                        throw new IllegalArgumentException("empty immediate range " + val);
                    }
                }
                default -> throw new IllegalArgumentException("unknown attribute '" + a + "'");
            }
        }
        if (readsCc != plusCc) {
            throw new IllegalArgumentException("+cc rows read their condition: r=cc");
        }
        if (plusCc) {
            for (int cc = 0; cc < 16; cc++) {
                byte[] oc = opcode.clone();
                oc[oc.length - 1] += (byte) cc;
                out.add(new Pattern(name + FlagBits.CONDITIONS[cc], prefix, oc, false, modrm, ops, sizes, group,
                        FlagBits.readByCondition(cc), writes, undef, shift, ro, rw2, immLo, immHi, a16, guard, w1, line, vex));
            }
        } else {
            out.add(new Pattern(name, prefix, opcode, plusR, modrm, ops, sizes, group, reads, writes, undef, shift, ro,
                    rw2, immLo, immHi, a16, guard, w1, line, vex));
        }
    }
}

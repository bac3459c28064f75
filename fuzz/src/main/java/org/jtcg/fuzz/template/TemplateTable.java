package org.jtcg.fuzz.template;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A fixed-format pattern table: instruction forms as data, one per line,
 * {@code name | group | template[; template...] | constraints}:
 * <pre>
 * add_imm64  | int | 1 0 0 100010 0 i:12 n:5 d:5          |
 * ldr_x_uimm | mem | 11 111 0 01 01 i:12 B:5 d:5           | i=0..255
 * ldp_x      | mem | 10 101 0 010 1 i:7 e:5 B:5 d:5        | distinct=de
 * </pre>
 * A template lists the instruction's bits from the most significant: runs of {@code 0}/{@code 1}
 * are fixed bits, {@code L:W} is a field of {@code W} bits named by letter {@code L}. Constraints
 * are {@code L=V,...} (values, {@code LO..HI} ranges or {@code LO..HI/STEP}, decimal or {@code 0x} hex,
 * negative values for signed fields) and {@code distinct=LETTERS}. {@code #} starts a comment.
 */
public final class TemplateTable {
    private final List<InsnTemplate> rows;

    private TemplateTable(List<InsnTemplate> rows) {
        this.rows = List.copyOf(rows);
    }

    public List<InsnTemplate> rows() {
        return rows;
    }

    /** Group names in table order. */
    public List<String> groups() {
        Set<String> g = new LinkedHashSet<>();
        rows.forEach(r -> g.add(r.group()));
        return List.copyOf(g);
    }

    /** Row names in table order. */
    public List<String> names() {
        return rows.stream().map(InsnTemplate::name).toList();
    }

    /**
     * The rows of these groups.
     *
     * @throws IllegalArgumentException for a group the table does not have
     */
    public TemplateTable only(List<String> groups) {
        for (String g : groups) {
            if (!groups().contains(g)) {
                throw new IllegalArgumentException("unknown group '" + g + "' (groups: " + String.join(", ", groups()) + ")");
            }
        }
        return new TemplateTable(rows.stream().filter(r -> groups.contains(r.group())).toList());
    }

    /**
     * The table without the rows named ({@code NAME*}: the rows whose name starts with NAME).
     *
     * @throws IllegalArgumentException for a name that matches no row of the whole table
     */
    public TemplateTable without(List<String> names) {
        for (String n : names) {
            if (rows.stream().noneMatch(r -> matches(r, n))) {
                throw new IllegalArgumentException("--exclude " + n + ": no such instruction form");
            }
        }
        return new TemplateTable(rows.stream().filter(r -> names.stream().noneMatch(n -> matches(r, n))).toList());
    }

    private static boolean matches(InsnTemplate r, String name) {
        return name.endsWith("*") ? r.name().startsWith(name.substring(0, name.length() - 1)) : r.name().equals(name);
    }

    /**
     * Reads a table resource and checks it against the architecture (lengths, constraints that
     * leave a letter no value).
     *
     * @throws IllegalStateException naming the resource and line for a bad row
     */
    public static TemplateTable load(Class<?> anchor, String resource, TemplateArch arch) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("pattern table " + resource + " missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource, arch);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses table text.
     *
     * @throws IllegalStateException "SOURCE:LINE: message" for a bad row
     */
    public static TemplateTable parse(String text, String source, TemplateArch arch) {
        List<InsnTemplate> rows = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            if (line.isBlank()) {
                continue;
            }
            try {
                InsnTemplate t = row(line, i + 1, arch);
                if (!names.add(t.name())) {
                    throw new IllegalArgumentException("duplicate row name " + t.name());
                }
                rows.add(t);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(source + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new TemplateTable(rows);
    }

    private static InsnTemplate row(String line, int lineNo, TemplateArch arch) {
        String[] cols = line.split("\\|", -1);
        if (cols.length != 4) {
            throw new IllegalArgumentException("expected 'name | group | template | constraints'");
        }
        String name = cols[0].strip(), group = cols[1].strip();
        if (name.isEmpty() || group.isEmpty()) {
            throw new IllegalArgumentException("empty name or group");
        }
        List<InsnTemplate.Word> words = new ArrayList<>();
        for (String t : cols[2].split(";")) {
            InsnTemplate.Word w = word(t);
            if (!arch.validWidth(w.width())) {
                throw new IllegalArgumentException("template of " + w.width() + " bits: not an instruction length");
            }
            words.add(w);
        }
        Map<Character, int[]> constraints = new HashMap<>();
        String distinct = "";
        for (String c : cols[3].strip().split("\\s+")) {
            if (c.isEmpty()) {
                continue;
            }
            int eq = c.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("constraint '" + c + "' is not L=VALUES or distinct=LETTERS");
            }
            String key = c.substring(0, eq), spec = c.substring(eq + 1);
            if (key.equals("distinct")) {
                distinct = spec;
            } else if (key.length() == 1) {
                constraints.put(key.charAt(0), values(spec));
            } else {
                throw new IllegalArgumentException("constraint '" + c + "': the key is one field letter or 'distinct'");
            }
        }
        InsnTemplate t = new InsnTemplate(name, group, words, constraints, distinct, lineNo);
        Map<Character, Integer> letters = t.letters();
        for (char l : constraints.keySet()) {
            if (!letters.containsKey(l)) {
                throw new IllegalArgumentException("constraint on letter " + l + " which no field has");
            }
        }
        for (char l : distinct.toCharArray()) {
            if (!letters.containsKey(l)) {
                throw new IllegalArgumentException("distinct names letter " + l + " which no field has");
            }
        }
        for (var e : letters.entrySet()) {
            int[] v = TemplateGenerator.choices(t, e.getKey(), arch);
            if (v != null && v.length == 0) {
                throw new IllegalArgumentException("letter " + e.getKey() + " has no allowed value");
            }
        }
        return t;
    }

    private static InsnTemplate.Word word(String template) {
        List<long[]> parts = new ArrayList<>(); // {letter or -1, width, fixed bits}
        int width = 0;
        for (String tok : template.strip().split("\\s+")) {
            if (tok.isEmpty()) {
                continue;
            }
            if (tok.matches("[01]+")) {
                if (tok.length() > 48) {
                    throw new IllegalArgumentException("run of " + tok.length() + " fixed bits");
                }
                parts.add(new long[] {-1, tok.length(), Long.parseLong(tok, 2)});
                width += tok.length();
            } else if (tok.matches("[A-Za-z]:\\d+")) {
                int w = Integer.parseInt(tok.substring(2));
                if (w < 1 || w > 32) {
                    throw new IllegalArgumentException("field " + tok + ": width 1..32");
                }
                parts.add(new long[] {tok.charAt(0), w, 0});
                width += w;
            } else {
                throw new IllegalArgumentException("template token '" + tok + "' is neither bits nor L:WIDTH");
            }
        }
        if (width == 0 || width > 63) {
            throw new IllegalArgumentException("template of " + width + " bits");
        }
        long fixed = 0;
        List<InsnTemplate.Field> fields = new ArrayList<>();
        int pos = width;
        for (long[] p : parts) {
            pos -= (int) p[1];
            if (p[0] < 0) {
                fixed |= p[2] << pos;
            } else {
                fields.add(new InsnTemplate.Field((char) p[0], pos, (int) p[1]));
            }
        }
        return new InsnTemplate.Word(fixed, width, fields);
    }

    /** {@code 1,3..7,0x10,-4..4,0..64/8} as the list of values. */
    static int[] values(String spec) {
        IntStream.Builder b = IntStream.builder();
        for (String part : spec.split(",")) {
            int dots = part.indexOf("..");
            try {
                if (dots < 0) {
                    b.add(number(part));
                } else {
                    String rest = part.substring(dots + 2);
                    int slash = rest.indexOf('/');
                    int step = slash < 0 ? 1 : number(rest.substring(slash + 1));
                    int lo = number(part.substring(0, dots)), hi = number(slash < 0 ? rest : rest.substring(0, slash));
                    if (hi < lo || step < 1 || (hi - lo) / step > 1 << 20) {
                        throw new IllegalArgumentException("bad range " + part);
                    }
                    for (int v = lo; v <= hi; v += step) {
                        b.add(v);
                    }
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad value '" + part + "'");
            }
        }
        return b.build().distinct().toArray();
    }

    private static int number(String s) {
        boolean neg = s.startsWith("-");
        String t = neg ? s.substring(1) : s;
        int v = t.startsWith("0x") ? Integer.parseInt(t.substring(2), 16) : Integer.parseInt(t);
        return neg ? -v : v;
    }
}

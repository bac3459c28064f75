package org.jtcg.s390x.translate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of {@code general-cases.tsv}: machine code, inputs and expected outputs (registers r0-r12 as
 * 64-bit values or D+offset into a 4 KiB data area, data bytes, the CC). {@link #describe} writes the
 * outputs in one canonical form, so the same comparison serves jtcg and the qemu oracle.
 */
record GeneralCase(String name, String code, Map<String, String> in, Map<String, String> out, String qemuDiffers) {
    static final int DATA_SIZE = 4096;

    static List<GeneralCase> load() throws IOException {
        List<GeneralCase> cases = new ArrayList<>();
        try (InputStream s = GeneralCase.class.getResourceAsStream("general-cases.tsv")) {
            String text = new String(s.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 4 && !(f.length == 5 && f[4].startsWith("qemu differs: "))) {
                    throw new IllegalArgumentException("general-cases.tsv: want 4 tab-separated columns"
                            + " (and optionally \"qemu differs: why\"): " + line);
                }
                cases.add(new GeneralCase(f[0], f[1], parse(f[2]), parse(f[3]), f.length == 5 ? f[4] : null));
            }
        }
        return cases;
    }

    private static Map<String, String> parse(String items) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String item : items.trim().split(" +")) {
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            m.put(item.substring(0, eq), item.substring(eq + 1));
        }
        return m;
    }

    /** A register value: absolute, or relative to the data area at {@code data}. */
    static long value(String v, long data) {
        if (v.startsWith("D+")) {
            return data + Long.parseLong(v.substring(2), 16);
        }
        return Long.parseUnsignedLong(v.startsWith("0x") ? v.substring(2) : v, v.startsWith("0x") ? 16 : 10);
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /** The expected outputs in canonical form. */
    String expected() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> o : out.entrySet()) {
            String k = o.getKey(), v = o.getValue();
            if (k.startsWith("r")) {
                v = canonical(value(v, 0x1000_0000_0000L), 0x1000_0000_0000L);
            } else if (k.startsWith("@")) {
                v = v.toLowerCase();
            }
            sb.append(k).append('=').append(v).append(' ');
        }
        return sb.toString().trim();
    }

    /** The outputs as observed: register values, CC and memory, in the same keys as {@link #out}. */
    String describe(long[] regs, long cc, byte[] dataBytes, long data) {
        StringBuilder sb = new StringBuilder();
        for (String k : out.keySet()) {
            String v;
            if (k.equals("cc")) {
                v = Long.toString(cc);
            } else if (k.startsWith("r")) {
                v = canonical(regs[Integer.parseInt(k.substring(1))], data);
            } else {
                int off = Integer.parseInt(k.substring(1), 16);
                int len = out.get(k).length() / 2;
                v = HexFormat.of().formatHex(dataBytes, off, off + len);
            }
            sb.append(k).append('=').append(v).append(' ');
        }
        return sb.toString().trim();
    }

    private static String canonical(long v, long data) {
        if (v - data >= 0 && v - data < DATA_SIZE) {
            return "D+" + Long.toHexString(v - data);
        }
        return "0x" + Long.toHexString(v);
    }
}

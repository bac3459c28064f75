package org.jtcg.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The environment the caller gave jtcg, in the caller's order and with every entry (including {@code _}),
 * as the guest's envp. {@code System.getenv()} is a hash map (order lost), and the bash launcher itself
 * re-orders what it exports and replaces {@code _} and SHLVL, so the entries come from, in this order:
 * <ol>
 * <li>the system property {@value #PROPERTY}: the launcher's own initial environment block
 * ({@code /proc/$$/environ}, i.e. exactly what the caller passed to {@code jtcg}), base64-encoded;</li>
 * <li>{@code /proc/self/environ}: the block the JVM was started with (java run directly);</li>
 * <li>{@code System.getenv()} when neither can be read.</li>
 * </ol>
 */
final class CallerEnvironment {
    static final String PROPERTY = "jtcg.environ";

    private CallerEnvironment() {}

    /** The guest's envp entries ("NAME=value"), in order. */
    static List<String> entries() {
        String given = System.getProperty(PROPERTY);
        if (given != null && !given.isEmpty()) {
            try {
                return split(Base64.getDecoder().decode(given.trim()));
            } catch (IllegalArgumentException e) {
                // not what the launcher writes: fall through to the JVM's own block
            }
        }
        try {
            return split(Files.readAllBytes(Path.of("/proc/self/environ")));
        } catch (IOException | RuntimeException e) {
            List<String> out = new ArrayList<>();
            for (Map.Entry<String, String> v : System.getenv().entrySet()) out.add(v.getKey() + "=" + v.getValue());
            return out;
        }
    }

    /** NUL-separated entries (as in /proc/PID/environ); empty pieces are dropped. */
    static List<String> split(byte[] block) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= block.length; i++) {
            if (i == block.length || block[i] == 0) {
                if (i > start) out.add(new String(block, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return out;
    }
}

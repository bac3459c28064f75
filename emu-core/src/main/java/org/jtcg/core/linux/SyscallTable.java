package org.jtcg.core.linux;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * One arch's syscall numbers: number to kernel name and back. Loaded from a frontend's
 * {@code syscalls.tsv} resource: lines of {@code <number> <name>} (whitespace-separated),
 * blank lines and {@code #} comments ignored. Numbers and names must each be unique.
 */
public final class SyscallTable {
    /** Highest syscall number accepted in a table (Linux numbers are well below this). */
    public static final int MAX_NUMBER = 4095;

    private final String[] names;
    private final Map<String, Integer> numbers;

    private SyscallTable(String[] names, Map<String, Integer> numbers) {
        this.names = names;
        this.numbers = Collections.unmodifiableMap(numbers);
    }

    /** Loads {@code resource} relative to {@code anchor} (e.g. {@code load(X86Abi.class, "syscalls.tsv")}). */
    public static SyscallTable load(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("syscall table resource '" + resource + "' not found next to " + anchor.getName());
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), anchor.getName() + ":" + resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read syscall table " + resource, e);
        }
    }

    /** Parses table text; {@code source} names it in error messages. */
    public static SyscallTable parse(String text, String source) {
        String[] names = new String[0];
        Map<String, Integer> numbers = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new java.io.StringReader(text))) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                int hash = line.indexOf('#');
                String s = (hash >= 0 ? line.substring(0, hash) : line).trim();
                if (s.isEmpty()) {
                    continue;
                }
                String[] parts = org.jtcg.core.decode.Words.of(s);
                if (parts.length != 2) {
                    throw new IllegalStateException(source + ":" + lineNo + ": expected '<number> <name>', got '" + line + "'");
                }
                int nr;
                try {
                    nr = Integer.parseInt(parts[0]);
                } catch (NumberFormatException e) {
                    throw new IllegalStateException(source + ":" + lineNo + ": bad syscall number '" + parts[0] + "'");
                }
                if (nr < 0 || nr > MAX_NUMBER) {
                    throw new IllegalStateException(source + ":" + lineNo + ": syscall number " + nr + " out of range");
                }
                if (nr >= names.length) {
                    names = Arrays.copyOf(names, Math.max(nr + 1, names.length * 2));
                }
                if (names[nr] != null) {
                    throw new IllegalStateException(source + ":" + lineNo + ": duplicate syscall number " + nr);
                }
                if (numbers.putIfAbsent(parts[1], nr) != null) {
                    throw new IllegalStateException(source + ":" + lineNo + ": duplicate syscall name " + parts[1]);
                }
                names[nr] = parts[1];
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SyscallTable(names, numbers);
    }

    /** The kernel name of syscall {@code number}, or null if this arch has none. */
    public String name(long number) {
        return number >= 0 && number < names.length ? names[(int) number] : null;
    }

    /** The number of syscall {@code name}, or -1 if this arch has none. */
    public int number(String name) {
        Integer n = numbers.get(name);
        return n == null ? -1 : n;
    }

    /** One more than the highest number in the table. */
    public int size() {
        return names.length;
    }

    /** All names by number (unmodifiable view). */
    public Map<String, Integer> byName() {
        return numbers;
    }
}

package org.jtcg.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code jtcg diff}'s run B does at a syscall run A has already made: replay A's result,
 * execute its own, or (mmap) map like A. Per syscall name, from the data table
 * {@code diff-syscalls.tsv} next to this class ({@code <name> <action> <reason...>} lines).
 * Names the table does not list are replayed: B then never repeats an effect on the host.
 */
final class SyscallReplayPolicy {
    /** What B does. */
    enum Action {
        /** B gets A's result and A's memory writes; the syscall does not run in B. */
        REPLAY,
        /** B runs the syscall itself (it changes only B's own emulated state). */
        EXECUTE,
        /** mmap: an anonymous mapping is executed; a file mapping is rebuilt from A's address and bytes. */
        MAP
    }

    static final String RESOURCE = "diff-syscalls.tsv";

    private final Map<String, Action> actions;

    private SyscallReplayPolicy(Map<String, Action> actions) {
        this.actions = Collections.unmodifiableMap(actions);
    }

    /** The built-in table. */
    static SyscallReplayPolicy load() {
        try (InputStream in = SyscallReplayPolicy.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing next to " + SyscallReplayPolicy.class.getName());
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses table text; {@code source} names it in error messages. */
    static SyscallReplayPolicy parse(String text, String source) {
        Map<String, Action> actions = new HashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int hash = lines[i].indexOf('#');
            String s = (hash >= 0 ? lines[i].substring(0, hash) : lines[i]).trim();
            if (s.isEmpty()) {
                continue;
            }
            String[] f = s.split("\\s+", 3);
            String where = source + ":" + (i + 1) + ": ";
            if (f.length < 3) {
                throw new IllegalArgumentException(where + "expected '<syscall> <replay|execute|map> <reason>', got '" + s + "'");
            }
            Action a;
            try {
                a = Action.valueOf(f[1].toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + "unknown action '" + f[1] + "' (replay, execute or map)");
            }
            if (actions.putIfAbsent(f[0], a) != null) {
                throw new IllegalArgumentException(where + "syscall " + f[0] + " listed twice");
            }
        }
        return new SyscallReplayPolicy(actions);
    }

    /** The action for syscall {@code name} (null: a number without a name on this arch); unlisted names replay. */
    Action action(String name) {
        Action a = name == null ? null : actions.get(name);
        return a == null ? Action.REPLAY : a;
    }

    /** True when the table names {@code name} explicitly. */
    boolean lists(String name) {
        return actions.containsKey(name);
    }

    /** The listed names and their actions. */
    Map<String, Action> entries() {
        return actions;
    }
}

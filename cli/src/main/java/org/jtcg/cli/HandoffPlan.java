package org.jtcg.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The parsed {@code --handoff ENGINE@N[,ENGINE@N...]} option: switch to ENGINE after the
 * Nth syscall. Steps are sorted by N and N must be strictly increasing.
 */
public record HandoffPlan(List<Step> steps) {
    public record Step(String engine, long afterSyscalls) {}

    public static final HandoffPlan NONE = new HandoffPlan(List.of());

    /** Parses the option text; throws IllegalArgumentException with a user-facing message. */
    public static HandoffPlan parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<Step> steps = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            int at = part.indexOf('@');
            if (at <= 0 || at == part.length() - 1) {
                throw new IllegalArgumentException("bad --handoff step '" + part + "': expected ENGINE@N, e.g. kvm@20");
            }
            String engine = part.substring(0, at).trim();
            long n;
            try {
                n = Long.parseLong(part.substring(at + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad --handoff step '" + part + "': N must be a whole number of syscalls");
            }
            if (n < 0) {
                throw new IllegalArgumentException("bad --handoff step '" + part + "': N must not be negative");
            }
            if (!steps.isEmpty() && steps.get(steps.size() - 1).afterSyscalls() >= n) {
                throw new IllegalArgumentException("bad --handoff: syscall counts must increase (" + text + ")");
            }
            steps.add(new Step(engine, n));
        }
        return new HandoffPlan(Collections.unmodifiableList(steps));
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }
}

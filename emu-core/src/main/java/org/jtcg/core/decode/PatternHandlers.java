package org.jtcg.core.decode;

import java.util.ArrayList;
import java.util.List;

/**
 * One handler per pattern of a table, looked up by the id the {@link Decoder} returns: how a
 * frontend goes from a decoded pattern to its translate method without a switch over names.
 * Binding is by pattern name and checked once at start-up: an unknown name or a pattern bound
 * twice is an error, and {@link Builder#build()} refuses a table with patterns nobody handles.
 * Immutable once built.
 *
 * @param <H> the handler type, e.g. a functional interface {@code (ctx, args) -> boolean}
 */
public final class PatternHandlers<H> {
    private final Object[] handlers;

    private PatternHandlers(Object[] handlers) {
        this.handlers = handlers;
    }

    public static <H> Builder<H> builder(DecodeTable table) {
        return new Builder<>(table);
    }

    /** The handler of pattern {@code id}, or null if it was left out with {@link Builder#buildAllowingMissing()}. */
    @SuppressWarnings("unchecked")
    public H get(int id) {
        return (H) handlers[id];
    }

    /** Collects the bindings; not thread-safe. */
    public static final class Builder<H> {
        private final DecodeTable table;
        private final Object[] handlers;

        private Builder(DecodeTable table) {
            this.table = table;
            this.handlers = new Object[table.patterns().size()];
        }

        /** Binds {@code handler} to the pattern called {@code patternName}. */
        public Builder<H> on(String patternName, H handler) {
            int id = table.pattern(patternName).id();
            if (handler == null) {
                throw new IllegalArgumentException(table.name() + ": null handler for " + patternName);
            }
            if (handlers[id] != null) {
                throw new IllegalArgumentException(table.name() + ": pattern " + patternName + " is bound twice");
            }
            handlers[id] = handler;
            return this;
        }

        /** Patterns that have no handler yet, in table order. */
        public List<String> unbound() {
            List<String> names = new ArrayList<>();
            for (EncodingPattern pattern : table.patterns()) {
                if (handlers[pattern.id()] == null) {
                    names.add(pattern.name());
                }
            }
            return names;
        }

        /** The handlers; every pattern of the table must have one. */
        public PatternHandlers<H> build() {
            List<String> missing = unbound();
            if (!missing.isEmpty()) {
                throw new IllegalStateException(table.name() + ": no handler for " + missing);
            }
            return new PatternHandlers<>(handlers.clone());
        }

        /** The handlers, allowing patterns without one (the frontend treats those as unallocated). */
        public PatternHandlers<H> buildAllowingMissing() {
            return new PatternHandlers<>(handlers.clone());
        }
    }
}

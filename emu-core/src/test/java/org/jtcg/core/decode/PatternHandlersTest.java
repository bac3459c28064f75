package org.jtcg.core.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.function.LongBinaryOperator;
import org.junit.jupiter.api.Test;

/** From a decoded id to a handler, as a frontend does it: a tiny evaluator for three toy instructions. */
class PatternHandlersTest {
    private static final DecodeTable TABLE = DecodeTable.parse("mini.decode", String.join("\n",
            "width 8",
            "field a 3..2",
            "field b 1..0",
            "format ab a b",
            "ADD 0000 .... ab",
            "SUB 0001 .... ab",
            "MUL 0010 .... ab"));

    @Test
    void dispatchesTheDecodedPatternToItsHandler() {
        PatternHandlers<LongBinaryOperator> handlers = PatternHandlers.<LongBinaryOperator>builder(TABLE)
                .on("ADD", Long::sum).on("SUB", (x, y) -> x - y).on("MUL", (x, y) -> x * y).build();
        Decoder decoder = TABLE.decoder(Set.of());
        long[] args = TABLE.newArgumentArray();
        int a = TABLE.slot("a");
        int b = TABLE.slot("b");
        int id = decoder.decode(0b0001_11_01, args);
        assertEquals(2, handlers.get(id).applyAsLong(args[a], args[b]));
        id = decoder.decode(0b0010_11_10, args);
        assertEquals(6, handlers.get(id).applyAsLong(args[a], args[b]));
    }

    @Test
    void bindingMistakesAreCaughtAtStartUp() {
        PatternHandlers.Builder<Runnable> builder = PatternHandlers.<Runnable>builder(TABLE).on("ADD", () -> { });
        assertThrows(IllegalArgumentException.class, () -> builder.on("ADD", () -> { }));
        assertThrows(IllegalArgumentException.class, () -> builder.on("DIV", () -> { }));
        assertEquals(List.of("SUB", "MUL"), builder.unbound());
        IllegalStateException missing = assertThrows(IllegalStateException.class, builder::build);
        assertTrue(missing.getMessage().contains("no handler for [SUB, MUL]"), missing.getMessage());
        assertNull(builder.buildAllowingMissing().get(TABLE.pattern("MUL").id()));
    }
}

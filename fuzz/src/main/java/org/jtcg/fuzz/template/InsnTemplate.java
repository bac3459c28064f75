package org.jtcg.fuzz.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of a fixed-format pattern table ({@link TemplateTable}): one or more instruction words
 * (an item, e.g. a guard followed by the instruction, or EXECUTE with its target) whose bits are
 * either fixed or belong to a field named by a letter. Every field with the same letter in the row
 * gets the same value, so an item's instructions can share a register. What a letter means (a
 * written register, a read one, the scratch base...) is the architecture's ({@link TemplateArch#allowed});
 * the row can narrow it with constraints.
 *
 * @param name        the row's name (also what {@code --exclude} matches)
 * @param group       instruction group ({@code --groups})
 * @param words       the instruction words in execution order
 * @param constraints per letter the values the row allows (intersected with the architecture's)
 * @param distinct    letters whose values must differ from each other (e.g. ldp's two destinations)
 * @param line        line number in the table, for messages
 */
public record InsnTemplate(String name, String group, List<Word> words, Map<Character, int[]> constraints, String distinct,
                           int line) {
    public InsnTemplate {
        words = List.copyOf(words);
        constraints = Map.copyOf(constraints);
    }

    /**
     * A field: {@code width} bits starting at bit {@code lsb} of its word.
     *
     * @param letter the value's name within the row
     * @param lsb    lowest bit
     * @param width  bits
     */
    public record Field(char letter, int lsb, int width) {}

    /**
     * One instruction of the row.
     *
     * @param fixed  the fixed bits
     * @param width  the instruction's length in bits
     * @param fields the variable fields
     */
    public record Word(long fixed, int width, List<Field> fields) {
        public Word {
            fields = List.copyOf(fields);
        }

        /** The instruction with the fields filled from {@code values} (each masked to its field width). */
        public long encode(Map<Character, Integer> values) {
            long w = fixed;
            for (Field f : fields) {
                long v = values.get(f.letter()) & ((1L << f.width()) - 1);
                w |= v << f.lsb();
            }
            return w;
        }
    }

    /** The letters of the row in order of first appearance, with their widest field. */
    public Map<Character, Integer> letters() {
        Map<Character, Integer> out = new LinkedHashMap<>();
        for (Word w : words) {
            for (Field f : w.fields()) {
                out.merge(f.letter(), f.width(), Math::max);
            }
        }
        return out;
    }

    /** Widths of the words. */
    public List<Integer> widths() {
        List<Integer> out = new ArrayList<>();
        words.forEach(w -> out.add(w.width()));
        return out;
    }
}

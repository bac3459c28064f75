package org.jtcg.core.decode;

import java.util.List;

/**
 * The compiled form of a {@link DecodeTable} for one feature set: a decision tree that yields
 * the first pattern (in table order) matching an instruction, and fills its arguments into a
 * caller-owned {@code long[]} without allocating. Immutable and thread-safe; each thread (or
 * translator) keeps its own argument array from {@link DecodeTable#newArgumentArray()}.
 *
 * <pre>{@code
 *   int id = decoder.decode(insn, args);          // insn in the low width() bits
 *   if (id == Decoder.UNALLOCATED) ...            // no pattern matches
 *   long rd = args[RD];                           // RD = table.slot("rd"), looked up once
 * }</pre>
 */
public final class Decoder {
    /** Returned when no allocated pattern matches. */
    public static final int UNALLOCATED = -1;

    private final DecodeTable table;
    private final List<EncodingPattern> allocated;
    /** The tree ({@link FlatTree} layout) and, by pattern id, what its leaves check and fill. */
    private final int[] tree;
    private final long[] masks;
    private final long[] values;
    private final EncodingPattern[] patterns;
    private final TreeShape shape;

    Decoder(DecodeTable table, List<EncodingPattern> allocated) {
        this.table = table;
        this.allocated = List.copyOf(allocated);
        FlatTree flat = new FlatTree(new DecisionTreeBuilder(table.width()).build(this.allocated));
        this.tree = flat.words;
        this.shape = flat.shape;
        this.patterns = table.patterns().toArray(new EncodingPattern[0]);
        this.masks = new long[patterns.length];
        this.values = new long[patterns.length];
        for (EncodingPattern pattern : patterns) {
            masks[pattern.id()] = pattern.mask();
            values[pattern.id()] = pattern.value();
        }
    }

    /**
     * Decodes {@code insn} (the instruction in the low {@link DecodeTable#width()} bits; a shorter
     * instruction of a table with {@code lengths} is left-aligned, padded with any bits below).
     * Returns the id of the matching pattern and writes its arguments into their slots of
     * {@code arguments}; slots the pattern does not name keep their old values. Returns
     * {@link #UNALLOCATED} (and writes nothing) if no pattern matches.
     */
    public int decode(long insn, long[] arguments) {
        int id = match(insn);
        if (id != UNALLOCATED) {
            patterns[id].fillArguments(insn, arguments);
        }
        return id;
    }

    /** The id of the pattern matching {@code insn}, or {@link #UNALLOCATED}; no arguments. */
    public int match(long insn) {
        int[] words = tree;
        int offset = 0;
        int head = words[0];
        while (head >= 0) {
            offset = words[offset + 1 + ((int) (insn >>> (head & 63)) & (head >>> 8))];
            head = words[offset];
        }
        int end = offset + ~head;
        for (int i = offset + 1; i <= end; i++) {
            int id = words[i];
            if ((insn & masks[id]) == values[id]) {
                return id;
            }
        }
        return UNALLOCATED;
    }

    public DecodeTable table() {
        return table;
    }

    /** The pattern with id {@code id} (ids are table order, whatever the feature set). */
    public EncodingPattern pattern(int id) {
        return table.patterns().get(id);
    }

    /** The patterns this decoder can return, in table order. */
    public List<EncodingPattern> allocatedPatterns() {
        return allocated;
    }

    /** Shape of the tree, for tests and tuning: distinct nodes, depth, largest leaf. */
    public TreeShape shape() {
        return shape;
    }

    /** Distinct nodes, distinct leaves, inner nodes on the longest path, most candidates in one leaf. */
    public record TreeShape(int nodes, int leaves, int depth, int largestLeaf) {
    }
}

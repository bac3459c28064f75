package org.jtcg.core.decode;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

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
    private final TreeNode root;

    Decoder(DecodeTable table, List<EncodingPattern> allocated) {
        this.table = table;
        this.allocated = List.copyOf(allocated);
        this.root = new DecisionTreeBuilder(table.width()).build(this.allocated);
    }

    /**
     * Decodes {@code insn} (the instruction in the low {@link DecodeTable#width()} bits; a shorter
     * instruction of a table with {@code lengths} is left-aligned, padded with any bits below).
     * Returns the id of the matching pattern and writes its arguments into their slots of
     * {@code arguments}; slots the pattern does not name keep their old values. Returns
     * {@link #UNALLOCATED} (and writes nothing) if no pattern matches.
     */
    public int decode(long insn, long[] arguments) {
        TreeNode node = find(insn);
        long[] masks = node.masks;
        long[] values = node.values;
        for (int i = 0; i < masks.length; i++) {
            if ((insn & masks[i]) == values[i]) {
                EncodingPattern pattern = node.candidates[i];
                pattern.fillArguments(insn, arguments);
                return pattern.id();
            }
        }
        return UNALLOCATED;
    }

    /** The id of the pattern matching {@code insn}, or {@link #UNALLOCATED}; no arguments. */
    public int match(long insn) {
        TreeNode node = find(insn);
        long[] masks = node.masks;
        long[] values = node.values;
        for (int i = 0; i < masks.length; i++) {
            if ((insn & masks[i]) == values[i]) {
                return node.candidates[i].id();
            }
        }
        return UNALLOCATED;
    }

    private TreeNode find(long insn) {
        TreeNode node = root;
        while (node.children != null) {
            node = node.children[node.childIndex(insn)];
        }
        return node;
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
        Set<TreeNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<TreeNode> work = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        work.push(root);
        depths.push(0);
        int maxDepth = 0;
        int largestLeaf = 0;
        int leaves = 0;
        while (!work.isEmpty()) {
            TreeNode node = work.pop();
            int depth = depths.pop();
            maxDepth = Math.max(maxDepth, depth);
            if (!seen.add(node)) {
                continue;
            }
            if (node.isLeaf()) {
                leaves++;
                largestLeaf = Math.max(largestLeaf, node.candidates.length);
            } else {
                for (TreeNode child : node.children) {
                    work.push(child);
                    depths.push(depth + 1);
                }
            }
        }
        return new TreeShape(seen.size(), leaves, maxDepth, largestLeaf);
    }

    /** Distinct nodes, distinct leaves, inner nodes on the longest path, most candidates in one leaf. */
    public record TreeShape(int nodes, int leaves, int depth, int largestLeaf) {
    }
}

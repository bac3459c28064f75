package org.jtcg.core.decode;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A built decision tree laid out in one {@code int[]}, so a decode walks a single compact array
 * instead of chasing node objects. Shared subtrees stay shared (one offset).
 *
 * <pre>
 *   inner node at o:  words[o] = shift | windowMask &lt;&lt; 8   (>= 0)
 *                     words[o + 1 + index] = offset of the child for window value index
 *   leaf at o:        words[o] = ~count                       (&lt; 0; ~0 for no candidate)
 *                     words[o + 1 .. o + count] = candidate pattern ids in table order
 * </pre>
 */
final class FlatTree {
    final int[] words;
    final Decoder.TreeShape shape;

    private final Map<TreeNode, Integer> offsets = new IdentityHashMap<>();
    private final Map<TreeNode, Integer> heights = new IdentityHashMap<>();
    private int size;
    private int leaves;
    private int largestLeaf;

    FlatTree(TreeNode root) {
        assign(root);
        words = new int[size];
        for (Map.Entry<TreeNode, Integer> entry : offsets.entrySet()) {
            write(entry.getKey(), entry.getValue());
        }
        shape = new Decoder.TreeShape(offsets.size(), leaves, height(root), largestLeaf);
    }

    /** Gives every distinct node an offset, parents before children. */
    private void assign(TreeNode node) {
        if (offsets.containsKey(node)) {
            return;
        }
        offsets.put(node, size);
        if (node.isLeaf()) {
            size += 1 + node.candidates.length;
            leaves++;
            largestLeaf = Math.max(largestLeaf, node.candidates.length);
        } else {
            size += 1 + node.children.length;
            for (TreeNode child : node.children) {
                assign(child);
            }
        }
    }

    private void write(TreeNode node, int offset) {
        if (node.isLeaf()) {
            words[offset] = ~node.candidates.length;
            for (int i = 0; i < node.candidates.length; i++) {
                words[offset + 1 + i] = node.candidates[i].id();
            }
        } else {
            words[offset] = node.shift | node.windowMask << 8;
            for (int i = 0; i < node.children.length; i++) {
                words[offset + 1 + i] = offsets.get(node.children[i]);
            }
        }
    }

    /** Inner nodes on the longest path from {@code node} to a leaf. */
    private int height(TreeNode node) {
        if (node.isLeaf()) {
            return 0;
        }
        Integer known = heights.get(node);
        if (known == null) {
            int highest = 0;
            for (TreeNode child : node.children) {
                highest = Math.max(highest, height(child));
            }
            known = highest + 1;
            heights.put(node, known);
        }
        return known;
    }
}

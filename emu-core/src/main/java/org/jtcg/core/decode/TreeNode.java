package org.jtcg.core.decode;

import java.util.List;

/**
 * A node of a compiled decision tree. An inner node takes one window of contiguous instruction
 * bits as the index of its child; a leaf holds the patterns still possible, in table order, and
 * the first whose fixed bits match wins. The builder's form; {@link FlatTree} is what decodes.
 */
final class TreeNode {
    /** Inner node: the lowest bit of the window and the window's mask after shifting; 0 for a leaf. */
    final int shift;
    final int windowMask;
    /** Inner node: children by window value; null for a leaf. */
    final TreeNode[] children;
    /** Leaf: the candidates in table order. */
    final EncodingPattern[] candidates;

    private TreeNode(int shift, int windowBits, TreeNode[] children, EncodingPattern[] candidates) {
        this.shift = shift;
        this.windowMask = (1 << windowBits) - 1;
        this.children = children;
        this.candidates = candidates;
    }

    static TreeNode leaf(List<EncodingPattern> candidates) {
        return new TreeNode(0, 0, null, candidates.toArray(new EncodingPattern[0]));
    }

    /** An inner node indexing on bits {@code lowestBit .. lowestBit + bits - 1}; the builder sets the children. */
    static TreeNode inner(int lowestBit, int bits) {
        return new TreeNode(lowestBit, bits, new TreeNode[1 << bits], new EncodingPattern[0]);
    }

    boolean isLeaf() {
        return children == null;
    }

    /** The window's bits at their instruction positions. */
    long window() {
        return (long) windowMask << shift;
    }

}

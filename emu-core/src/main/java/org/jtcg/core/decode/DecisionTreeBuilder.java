package org.jtcg.core.decode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the decision tree for a list of patterns in table order. At each node it indexes on a
 * window of contiguous bits holding the bits that split the remaining candidates best: first
 * bits every candidate fixes (each candidate goes to exactly one child), otherwise bits most
 * candidates fix (a candidate with a don't-care there goes to every child). A child keeps the
 * candidates consistent with its window value, in table order, so the leaf's first match equals
 * the first match of a linear scan over the whole table. Identical subtrees (same candidates,
 * same tested bits) are shared.
 */
final class DecisionTreeBuilder {
    /** At most 2^8 children per node when every candidate fixes the splitting bits. */
    private static final int MAX_WINDOW = 8;
    /** Fewer when some candidates do not fix them, because those are copied into every child. */
    private static final int MAX_PARTIAL_WINDOW = 4;

    private final long widthMask;
    private final Map<List<Object>, TreeNode> built = new HashMap<>();

    DecisionTreeBuilder(int width) {
        this.widthMask = width == 64 ? -1L : (1L << width) - 1;
    }

    TreeNode build(List<EncodingPattern> candidates) {
        return build(candidates, 0);
    }

    private TreeNode build(List<EncodingPattern> candidates, long tested) {
        List<Object> key = new ArrayList<>(candidates.size() + 1);
        key.add(candidates.size() <= 1 ? 0L : tested);   // a leaf of one pattern does not depend on what was tested
        key.addAll(candidates);
        TreeNode node = built.get(key);
        if (node == null) {
            node = split(candidates, tested);
            built.put(key, node);
        }
        return node;
    }

    private TreeNode split(List<EncodingPattern> candidates, long tested) {
        if (candidates.size() <= 1) {
            return TreeNode.leaf(candidates);
        }
        TreeNode node = chooseWindow(candidates, tested);
        if (node == null) {
            return TreeNode.leaf(candidates);
        }
        List<List<EncodingPattern>> childCandidates = distribute(candidates, node);
        int largest = 0;
        for (List<EncodingPattern> child : childCandidates) {
            largest = Math.max(largest, child.size());
        }
        if (largest == candidates.size()) {
            return TreeNode.leaf(candidates);   // the split would only copy candidates around
        }
        long testedBelow = tested | node.window();
        for (int index = 0; index < node.children.length; index++) {
            node.children[index] = build(childCandidates.get(index), testedBelow);
        }
        return node;
    }

    /**
     * The candidates of each child, in table order: a candidate goes to every window value that
     * agrees with the bits it fixes inside the window (all subsets of its don't-care bits there).
     */
    private static List<List<EncodingPattern>> distribute(List<EncodingPattern> candidates, TreeNode node) {
        List<List<EncodingPattern>> children = new ArrayList<>(node.children.length);
        for (int index = 0; index < node.children.length; index++) {
            children.add(new ArrayList<>());
        }
        for (EncodingPattern pattern : candidates) {
            int fixed = (int) (pattern.mask() >>> node.shift) & node.windowMask;
            int value = (int) (pattern.value() >>> node.shift) & fixed;
            int free = node.windowMask & ~fixed;
            int subset = 0;
            do {
                children.get(value | subset).add(pattern);
                subset = (subset - free) & free;
            } while (subset != 0);
        }
        return children;
    }

    /** An inner node (children unset) for the window to test next, or null if no bit separates the candidates. */
    private TreeNode chooseWindow(List<EncodingPattern> candidates, long tested) {
        long common = widthMask & ~tested;
        for (EncodingPattern pattern : candidates) {
            common &= pattern.mask();
        }
        long splitting = best(candidates, common, MAX_WINDOW);
        int maxWindow = MAX_WINDOW;
        if (splitting == 0) {
            splitting = best(candidates, widthMask & ~tested, MAX_PARTIAL_WINDOW);
            maxWindow = MAX_PARTIAL_WINDOW;
        }
        if (splitting == 0) {
            return null;
        }
        // the window of at most maxWindow bits holding the most splitting bits; ties go to the highest
        int bestLow = 0;
        int bestCount = -1;
        for (int low = 63; low >= 0; low--) {
            long span = maxWindow + low >= 64 ? -1L << low : ((1L << maxWindow) - 1) << low;
            int count = Long.bitCount(splitting & span);
            if (count > bestCount) {
                bestCount = count;
                bestLow = low;
            }
        }
        long inWindow = splitting & (maxWindow + bestLow >= 64 ? -1L << bestLow : ((1L << maxWindow) - 1) << bestLow);
        int low = Long.numberOfTrailingZeros(inWindow);
        int high = 63 - Long.numberOfLeadingZeros(inWindow);
        return TreeNode.inner(low, high - low + 1);
    }

    /**
     * Up to {@code limit} bits of {@code allowed} where some candidate fixes a 0 and another a 1,
     * preferring bits that split the candidates evenly and that few leave don't-care.
     */
    private static long best(List<EncodingPattern> candidates, long allowed, int limit) {
        long[] scores = new long[64];
        for (int bit = 0; bit < 64; bit++) {
            long b = 1L << bit;
            if ((allowed & b) == 0) {
                continue;
            }
            int zeros = 0;
            int ones = 0;
            for (EncodingPattern pattern : candidates) {
                if ((pattern.mask() & b) != 0) {
                    if ((pattern.value() & b) != 0) {
                        ones++;
                    } else {
                        zeros++;
                    }
                }
            }
            int dontCares = candidates.size() - zeros - ones;
            if (zeros > 0 && ones > 0) {
                // even split first, then fewer copies, then the higher bit (opcode bits sit high)
                scores[bit] = ((long) Math.min(zeros, ones) << 40) - ((long) dontCares << 8) + bit + (1L << 30);
            }
        }
        long chosen = 0;
        for (int n = 0; n < limit; n++) {
            int bestBit = -1;
            for (int bit = 0; bit < 64; bit++) {
                if (scores[bit] > 0 && (bestBit < 0 || scores[bit] > scores[bestBit])) {
                    bestBit = bit;
                }
            }
            if (bestBit < 0) {
                break;
            }
            chosen |= 1L << bestBit;
            scores[bestBit] = 0;
        }
        return chosen;
    }
}

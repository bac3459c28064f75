package org.jtcg.fuzz;

import java.util.List;

/**
 * One generated test case: an initial state and a sequence of items, an item being one generated
 * instruction with the guard instructions placed before it (delta debugging drops whole items).
 * Implementations keep instructions in an abstract form so that a smaller case can be re-encoded.
 */
public interface FuzzCase {
    /** The run's seed. */
    long seed();

    /** The case number; {@code (seed, index)} regenerates it. */
    long index();

    FuzzState init();

    int itemCount();

    /** Instructions in all items. */
    int instructionCount();

    /** The case with only the items at these indices (in this order), same initial state. */
    FuzzCase keepItems(List<Integer> items);

    /** The case with the first {@code n} instructions, each its own item. */
    FuzzCase prefix(int n);

    /** False if some instruction would read state (e.g. a flag) left undefined before it. */
    boolean runnable();

    /** The encoded program. */
    Program program();
}

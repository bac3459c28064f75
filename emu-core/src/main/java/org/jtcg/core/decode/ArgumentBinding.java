package org.jtcg.core.decode;

/**
 * What a pattern writes into one argument slot: either a field's value or a constant. A format
 * is a list of these shared by many patterns; {@code r1=r1_rre} lets formats with different bit
 * positions fill the same slot so a frontend reads {@code r1} uniformly.
 */
record ArgumentBinding(String argument, int slot, BitField field, long constant) {
}

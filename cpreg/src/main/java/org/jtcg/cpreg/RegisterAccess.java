package org.jtcg.cpreg;

/**
 * Access to a set of registers by id: what {@link RegisterList#capture} and
 * {@link RegisterList#loadInto} need. Implemented by {@link RegisterTable} and, later, by the
 * arch CPU state classes.
 *
 * <p>Values are arrays of 64-bit words, {@code RegId.words(id)} long, word 0 least significant
 * (see {@link RegisterTable} for why). Reads and writes must have no side effects beyond
 * storing the value, so that a save is "list ids, read each" and a restore is "write each".
 */
public interface RegisterAccess {

    /** All register ids, in ascending unsigned order, without duplicates. The caller owns the array. */
    long[] ids();

    /**
     * A copy of the register's value.
     *
     * @throws IllegalArgumentException if the id is not one of {@link #ids()}
     */
    long[] readWords(long id);

    /**
     * Stores a value. An implementation may ignore bits it does not model (reserved or read-only
     * bits, a read-only register); callers that must know read the value back.
     *
     * @throws IllegalArgumentException if the id is unknown or {@code words.length != RegId.words(id)}
     */
    void writeWords(long id, long[] words);
}

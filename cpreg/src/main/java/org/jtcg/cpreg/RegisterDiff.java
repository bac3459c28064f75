package org.jtcg.cpreg;

/**
 * One register that differs between two {@link RegisterList}s.
 *
 * @param id the register
 * @param a  its value in the first list, or {@code null} if the first list lacks it
 * @param b  its value in the second list, or {@code null} if the second list lacks it
 */
public record RegisterDiff(long id, long[] a, long[] b) {
    /** The register's human name. */
    public String name() {
        return RegisterNames.name(id);
    }

    @Override
    public String toString() {
        return name() + ": " + (a == null ? "<absent>" : RegisterList.formatWords(a))
                + " != " + (b == null ? "<absent>" : RegisterList.formatWords(b));
    }
}

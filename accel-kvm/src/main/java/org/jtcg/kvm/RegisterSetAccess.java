package org.jtcg.kvm;

/**
 * What a {@link RegisterTransport} may do with the register cache while it prepares an entry
 * ({@link RegisterTransport#prepareEntry}): read a set's Java copy and schedule puts.
 * Implemented by {@link RegisterSetCache}.
 */
public interface RegisterSetAccess {
    /** Makes the Java copy of a set current (fetches it when not cached). */
    void ensureCached(int set);

    /** The set's canonical words as the CpuState holds them (ids it lacks read as 0). */
    long[] javaValues(int set);

    /** True when the set will be put before the next entry. */
    boolean isDirty(int set);

    /** Schedules a put of the set (its Java copy must be current). */
    void markDirty(int set);
}

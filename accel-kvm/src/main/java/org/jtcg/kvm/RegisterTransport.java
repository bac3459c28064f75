package org.jtcg.kvm;

import java.util.List;

/**
 * A plug-in's half of register synchronisation: how each register set of its
 * {@link RegisterSetLayout} moves between KVM and canonical words. {@link RegisterSetCache} owns
 * the bookkeeping (cached/dirty bits, shadow copies, levels, the {@code RegisterSyncHook}) and calls
 * the transport; the transport owns the raw KVM structs and every ioctl on them.
 *
 * <p><b>Contract.</b>
 * <ul>
 * <li>{@link #fetch} returns the canonical words of a set as KVM holds them now, with at most the
 *     ioctls needed to read that set (a transport may serve several sets from one fetch, e.g. the
 *     sync area of {@code kvm_run}, and must then not fetch again before the next {@link #afterRun}).
 *     The cache calls it only when {@link #canFetch} is true.</li>
 * <li>Before each KVM_RUN the cache calls, in this order: {@link #prepareEntry} (once), then
 *     {@link #fill} for each dirty set in set-number order, then {@link #put} for each dirty set in
 *     {@link RegisterSetLayout#putOrder()}, then {@link #putsDone}. A set that only the FULL level
 *     writes is filled and put only by a pending FULL put, and only if the CPU state carries one of
 *     its registers. {@code prepareEntry} may fetch and dirty sets through the cache (the cache's
 *     dirty bits are read after it returns).</li>
 * <li>{@link #put} may defer the write to KVM_RUN itself (sync area); {@link #commitDeferredPuts}
 *     must then write them with ioctls now (single-stepping arms at the registers current at
 *     KVM_SET_GUEST_DEBUG).</li>
 * <li>{@link #afterRun} is called right after KVM_RUN returns, before the exit is classified: the
 *     raw copies the transport holds are stale from then on, except what KVM returned with the exit.</li>
 * <li>The transport never touches the CPU state directly; it sees canonical words only.</li>
 * </ul>
 */
public interface RegisterTransport {
    /** The sets this transport moves. */
    RegisterSetLayout layout();

    /** KVM's current values of a set, as canonical words ({@link RegisterSetLayout#wordCount}). */
    long[] fetch(int set);

    /** False while the vCPU has no user-visible value for the set (e.g. stopped inside engine code). */
    boolean canFetch(int set);

    /** A put of {@code level} was scheduled (the CPU state is authoritative for all its sets). */
    void levelScheduled(SyncLevel level);

    /** Full-sync mode (every set by ioctl both ways at every exit): the unoptimised baseline. */
    void setFullSync(boolean on);

    /**
     * First step before an entry: decide how the vCPU re-enters guest code; may fetch sets and mark
     * sets dirty through {@code cache}. {@code stepping}: the next run single-steps one instruction.
     */
    void prepareEntry(RegisterSetAccess cache, boolean stepping);

    /**
     * Writes a dirty set's canonical words ({@code cache.javaValues(set)}, read when the transport needs
     * them) into the raw struct the next {@link #put} sends. {@code fullLevel}: a FULL put is pending
     * (state outside the canonical set may be reset).
     */
    void fill(int set, RegisterSetAccess cache, boolean fullLevel);

    /** Sends a filled set to KVM (by ioctl now, or deferred into KVM_RUN). */
    void put(int set);

    /** After the last {@link #put} of an entry. */
    void putsDone();

    /** Writes puts deferred into KVM_RUN now, with ioctls. */
    void commitDeferredPuts();

    /** Right after KVM_RUN returned. */
    void afterRun();

    /**
     * For {@code --verify-sync}: fetches the given sets again with ioctls (not through any shortcut
     * {@link #fetch} takes) and compares the transport's raw shortcuts with the ioctl results.
     */
    Verification fetchByIoctl(int[] sets);

    /** A word for messages: how the vCPU stopped (e.g. "SYSCALL"). */
    String stopState();

    /**
     * The outcome of {@link #fetchByIoctl}.
     *
     * @param canonical   per requested set, the canonical words from the ioctls
     * @param rawMismatch one line per raw field whose shortcut copy differs from the ioctl result
     */
    record Verification(long[][] canonical, List<String> rawMismatch) {}
}

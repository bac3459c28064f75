package org.jtcg.core.cpu;

/**
 * Installed on a {@link CpuState} by an engine whose authoritative register copy lives outside
 * the Java fields (KVM): the by-id accessors call it so the engine can fetch the register's set
 * lazily before a read and mark it dirty after a write.
 */
public interface RegisterSyncHook {
    /** Called before a by-id read of {@code id}; fetch its register set if it is not cached. */
    void beforeRead(long id);

    /** Called after a by-id write of {@code id}; mark its register set dirty. */
    void afterWrite(long id);
}

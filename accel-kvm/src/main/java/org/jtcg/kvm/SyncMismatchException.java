package org.jtcg.kvm;

/**
 * Verification mode found the lazily synced register copy differing from KVM's state fetched with
 * ioctls: names every differing register with both values (first line: the first one).
 */
public final class SyncMismatchException extends RuntimeException {
    public SyncMismatchException(String message) {
        super(message);
    }
}

package org.jtcg.kvm.sys;

/** KVM cannot be used on this host; the message is one line suitable for a user (e.g. "/dev/kvm not present"). */
public final class KvmUnavailableException extends KvmException {
    public KvmUnavailableException(String reason) {
        super(reason);
    }
}

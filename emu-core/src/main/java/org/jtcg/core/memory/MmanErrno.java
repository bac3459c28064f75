package org.jtcg.core.memory;

/** The Linux errno values the address-space calls return (negated); identical on x86-64, arm64 and s390x. */
public final class MmanErrno {
    private MmanErrno() {}

    public static final int EPERM = 1;
    public static final int ENOMEM = 12;
    public static final int EFAULT = 14;
    public static final int EEXIST = 17;
    public static final int EINVAL = 22;
}

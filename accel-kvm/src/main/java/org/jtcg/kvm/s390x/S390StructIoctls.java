package org.jtcg.kvm.s390x;

import java.nio.ByteBuffer;

/**
 * The s390 struct-wide register ioctls, each returning the struct image it filled (big-endian; layouts
 * {@link S390KvmUapi#KVM_REGS}, {@link S390KvmUapi#KVM_SREGS}, {@link S390KvmUapi#KVM_FPU}). Used only by
 * {@code --verify-sync}, as the independent read of what the sync area claims.
 */
public interface S390StructIoctls {
    /** KVM_GET_REGS: the GPRs. */
    ByteBuffer getRegs();

    /** KVM_GET_SREGS: access and control registers. */
    ByteBuffer getSregs();

    /** KVM_GET_FPU: FPC and FPRs. */
    ByteBuffer getFpu();
}

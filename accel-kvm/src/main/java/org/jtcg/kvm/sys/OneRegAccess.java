package org.jtcg.kvm.sys;

import org.jtcg.cpreg.RegId;

/**
 * KVM_GET_ONE_REG / KVM_SET_ONE_REG on one vCPU, as canonical words (least significant first). Plug-ins
 * whose registers move one id at a time (arm64, s390's non-sync registers) talk to this, so their
 * transports run against a map in tests.
 */
public interface OneRegAccess {
    /** The register's current value ({@code RegId.words(id)} words). */
    long[] get(long id);

    /** Writes the register. */
    void set(long id, long[] words);

    /** The vCPU's ioctls. */
    static OneRegAccess of(KvmVcpu vcpu) {
        return new OneRegAccess() {
            @Override
            public long[] get(long id) {
                return vcpu.getOneReg(id, RegId.words(id));
            }

            @Override
            public void set(long id, long[] words) {
                vcpu.setOneReg(id, words);
            }
        };
    }
}

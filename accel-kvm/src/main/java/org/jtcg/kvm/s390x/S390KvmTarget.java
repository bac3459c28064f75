package org.jtcg.kvm.s390x;

import org.jtcg.core.memory.PagedMemory;
import org.jtcg.kvm.KvmTarget;
import org.jtcg.kvm.TargetVcpu;
import org.jtcg.kvm.sys.Kvm;

import java.util.List;

/**
 * The KVM plug-in for s390x guests: register sets over the kvm_run PSW and sync registers, ONE_REG for the
 * epoch difference, conversions, intercept classification and the vCPU set-up, checked against the s390 UAPI
 * headers by a probe. It refuses every host: no s390 KVM host was available to execute it, and the DAT
 * tables a user-mode guest needs are not built (docs/kvm.md).
 */
public final class S390KvmTarget implements KvmTarget {
    @Override
    public String archName() {
        return "s390x";
    }

    @Override
    public String hostUnsupportedReason(String hostArch) {
        if (!"s390x".equals(hostArch)) {
            return "the s390x KVM plug-in needs an s390x host (this is " + hostArch + ")";
        }
        return "the s390x KVM plug-in maps registers but cannot run guests yet: the DAT tables a user-mode guest "
                + "needs are not built (see docs/kvm.md)";
    }

    @Override
    public List<Kvm.Capability> requiredCapabilities() {
        return List.of(new Kvm.Capability(S390KvmUapi.CAP_SYNC_REGS, 1), new Kvm.Capability(S390KvmUapi.CAP_ONE_REG, 1));
    }

    @Override
    public TargetVcpu create(PagedMemory memory) {
        return new S390KvmVcpu();
    }
}

package org.jtcg.kvm.arm64;

import org.jtcg.core.memory.PagedMemory;
import org.jtcg.kvm.KvmTarget;
import org.jtcg.kvm.TargetVcpu;
import org.jtcg.kvm.sys.Kvm;

import java.util.List;

/**
 * The KVM plug-in for arm64 (aarch64) guests: register sets, ONE_REG transport, conversions, exit
 * classification and the vCPU initialisation, checked against the arm64 UAPI headers by a probe. It refuses
 * every host: no arm64 KVM host was available to execute it, and the EL1 image (vector stubs, page tables)
 * a user-mode guest needs is not built (docs/kvm.md).
 */
public final class Arm64KvmTarget implements KvmTarget {
    /** Where the EL1 region would live: the top 32 MiB of the TTBR1 (upper) half; used by the unexecuted glue. */
    private static final long EL1_BASE = 0xffff_ffff_fe00_0000L;

    @Override
    public String archName() {
        return "aarch64";
    }

    @Override
    public String hostUnsupportedReason(String hostArch) {
        if (!"aarch64".equals(hostArch) && !"arm64".equals(hostArch)) {
            return "the arm64 KVM plug-in needs an arm64 host (this is " + hostArch + ")";
        }
        return "the arm64 KVM plug-in maps registers but cannot run guests yet: the EL1 vector stubs and page "
                + "tables a user-mode guest needs are not built (see docs/kvm.md)";
    }

    @Override
    public List<Kvm.Capability> requiredCapabilities() {
        return List.of(new Kvm.Capability(Arm64KvmUapi.CAP_ONE_REG, 1), new Kvm.Capability(Arm64KvmUapi.CAP_ARM_PSCI_0_2, 1));
    }

    @Override
    public TargetVcpu create(PagedMemory memory) {
        return new Arm64KvmVcpu(memory, new Arm64El1Image(EL1_BASE, 0, 0, EL1_BASE + 0x10000));
    }
}

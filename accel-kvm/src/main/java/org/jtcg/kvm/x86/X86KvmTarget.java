package org.jtcg.kvm.x86;

import org.jtcg.core.memory.PagedMemory;
import org.jtcg.kvm.KvmTarget;
import org.jtcg.kvm.TargetVcpu;
import org.jtcg.kvm.sys.Kvm;
import org.jtcg.x86.cpuid.CpuidModel;

import java.util.List;

/**
 * The KVM plug-in for x86-64 guests on an x86-64 host ({@code META-INF/services/org.jtcg.kvm.KvmTarget}).
 * The ServiceLoader instance uses {@link X86KvmOptions#forHost()}; tests and probes construct one with
 * other options.
 */
public final class X86KvmTarget implements KvmTarget {
    /** The answers of the probes (each runs once per JVM, when first asked). */
    private static final X86HostFacts PROBED = new X86HostFacts() {
        @Override
        public boolean kvmControlsCpuid() {
            return CpuidProbe.run().controlled();
        }

        @Override
        public List<String> fpuTransportDifferences(FpuTransport transport) {
            return FpuTransportCheck.run(transport).differences();
        }
    };

    private final X86KvmOptions options;

    /** For the ServiceLoader: this host's syscall mode and paging. */
    public X86KvmTarget() {
        this(X86KvmOptions.forHost());
    }

    public X86KvmTarget(X86KvmOptions options) {
        this.options = options;
    }

    public X86KvmOptions options() {
        return options;
    }

    @Override
    public String archName() {
        return "x86_64";
    }

    @Override
    public String hostUnsupportedReason(String hostArch) {
        return "amd64".equals(hostArch) || "x86_64".equals(hostArch) ? null
                : "the KVM engine needs an x86-64 host (this is " + hostArch + ")";
    }

    @Override
    public List<Kvm.Capability> requiredCapabilities() {
        return X86KvmVcpu.REQUIRED_CAPABILITIES;
    }

    @Override
    public TargetVcpu create(PagedMemory memory) {
        return new X86KvmVcpu(memory, options, PROBED);
    }

    /**
     * Null when guest user code under KVM sees jtcg's CPUID model (as under a TCG engine), otherwise one
     * line saying that it sees the host CPU instead (see {@link CpuidProbe}): a guest whose C library
     * initialised under such a KVM may use instructions a TCG engine lacks.
     */
    @Override
    public String tcgHandoffLimitation() {
        CpuidProbe.Result r = CpuidProbe.run();
        if (r.controlled()) {
            return null;
        }
        return "this host's KVM cannot control CPUID for guest user code (guest saw CPU brand '" + r.guestBrand().trim()
                + "', not '" + CpuidModel.BRAND_PREFIX + "'"
                + (SyscallMode.forHost() == SyscallMode.LSTAR_FAULT ? "; PVM without host CPUID faulting" : "") + ")";
    }
}

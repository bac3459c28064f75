package org.jtcg.kvm.x86;

import java.util.List;

/**
 * What the x86 plug-in measures about the host's KVM with throw-away VMs ({@link CpuidProbe},
 * {@link FpuTransportCheck}), as seen by a vCPU. An interface so that the probes' own VMs
 * ({@link ProbeVms}) can run without probing again. The probed answers: {@link X86KvmTarget}.
 */
interface X86HostFacts {
    /** Whether guest user code sees jtcg's CPUID model ({@code KVM_SET_CPUID2} takes effect). */
    boolean kvmControlsCpuid();

    /** Fields the transport fails to round-trip against the guest's own view (empty: exact). */
    List<String> fpuTransportDifferences(FpuTransport transport);

}

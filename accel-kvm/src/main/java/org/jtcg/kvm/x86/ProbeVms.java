package org.jtcg.kvm.x86;

import org.jtcg.core.engine.EngineContext;
import org.jtcg.core.memory.PagedMemory;
import org.jtcg.kvm.KvmEngine;
import org.jtcg.kvm.KvmOptions;
import org.jtcg.kvm.KvmTarget;
import org.jtcg.kvm.TargetVcpu;
import org.jtcg.kvm.sys.Kvm;

import java.util.List;
import java.util.Set;

/**
 * Throw-away x86 engines for the host probes ({@link CpuidProbe}, {@link FpuTransportCheck}): no
 * verification, and host facts that never probe (a probe VM runs free, so neither answer is asked).
 */
final class ProbeVms {
    private ProbeVms() {}

    private static final X86HostFacts UNPROBED = new X86HostFacts() {
        @Override
        public boolean kvmControlsCpuid() {
            return true;
        }

        @Override
        public List<String> fpuTransportDifferences(FpuTransport transport) {
            return List.of();
        }
    };

    /** An engine over {@code memory} with the given x86 options. */
    static KvmEngine engine(PagedMemory memory, X86KvmOptions options) {
        KvmTarget target = new KvmTarget() {
            @Override
            public String archName() {
                return "x86_64";
            }

            @Override
            public String hostUnsupportedReason(String hostArch) {
                return null;
            }

            @Override
            public List<Kvm.Capability> requiredCapabilities() {
                return X86KvmVcpu.REQUIRED_CAPABILITIES;
            }

            @Override
            public TargetVcpu create(PagedMemory m) {
                return new X86KvmVcpu(m, options, UNPROBED);
            }
        };
        return new KvmEngine(new EngineContext(null, memory, null, Set.of()), KvmOptions.defaults().withVerifySync(false),
                target);
    }
}

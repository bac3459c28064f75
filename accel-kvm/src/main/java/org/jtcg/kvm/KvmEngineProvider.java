package org.jtcg.kvm;

import org.jtcg.core.engine.Engine;
import org.jtcg.core.engine.EngineContext;
import org.jtcg.core.engine.EngineProvider;
import org.jtcg.kvm.sys.Kvm;
import org.jtcg.kvm.sys.KvmException;

/**
 * The "kvm" engine: x86-64 guests on an x86-64 Linux host with /dev/kvm. Verification mode is on
 * when the context's trace flags contain {@code verify-sync} or the system property
 * {@code jtcg.kvm.verifySync} is true.
 */
public final class KvmEngineProvider implements EngineProvider {
    @Override
    public String name() {
        return "kvm";
    }

    @Override
    public String unavailableReason(EngineContext ctx) {
        String hostArch = System.getProperty("os.arch");
        if (!"amd64".equals(hostArch) && !"x86_64".equals(hostArch)) {
            return "the KVM engine needs an x86-64 host (this is " + hostArch + ")";
        }
        if (ctx != null && ctx.arch() != null && !"x86_64".equals(ctx.arch().name())) {
            return "the KVM engine runs x86_64 guests only (guest is " + ctx.arch().name() + ")";
        }
        try (Kvm kvm = Kvm.open()) {
            return null;
        } catch (KvmException e) {
            return e.getMessage();
        }
    }

    /**
     * Null when guest user code under this engine sees jtcg's CPUID model (as under a TCG engine),
     * otherwise one line saying that it sees the host CPU instead (see {@link CpuidProbe}). A guest
     * whose C library initialised under such a KVM may use instructions a TCG engine lacks, so a
     * caller should not hand it to one later. Probes once per JVM; call only when KVM is available.
     */
    public static String cpuidLimitation() {
        CpuidProbe.Result r = CpuidProbe.run();
        if (r.controlled()) {
            return null;
        }
        return "this host's KVM cannot control CPUID for guest user code (guest saw vendor '" + r.guestVendor()
                + "', not '" + org.jtcg.x86.cpuid.CpuidModel.VENDOR + "'"
                + (org.jtcg.kvm.x86.SyscallMode.forHost() == org.jtcg.kvm.x86.SyscallMode.LSTAR_FAULT
                        ? "; PVM without host CPUID faulting" : "") + ")";
    }

    @Override
    public Engine create(EngineContext ctx) {
        KvmOptions o = KvmOptions.defaults();
        if (ctx.trace() != null && ctx.trace().contains("verify-sync")) {
            o = o.withVerifySync(true);
        }
        return new KvmEngine(ctx, o);
    }
}

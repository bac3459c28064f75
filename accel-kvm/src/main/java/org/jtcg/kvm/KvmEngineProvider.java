package org.jtcg.kvm;

import org.jtcg.core.engine.Engine;
import org.jtcg.core.engine.EngineContext;
import org.jtcg.core.engine.EngineProvider;
import org.jtcg.kvm.sys.Kvm;
import org.jtcg.kvm.sys.KvmException;

import java.util.List;

/**
 * The "kvm" engine: guests of every architecture with a {@link KvmTarget} plug-in, on a host of that
 * architecture with /dev/kvm. Verification mode is on when the context's trace flags contain
 * {@code verify-sync} or the system property {@code jtcg.kvm.verifySync} is true.
 */
public final class KvmEngineProvider implements EngineProvider {
    @Override
    public String name() {
        return "kvm";
    }

    @Override
    public String unavailableReason(EngineContext ctx) {
        List<KvmTarget> targets = KvmTargets.all();
        if (targets.isEmpty()) {
            return "the KVM engine has no architecture plug-in installed";
        }
        String hostArch = System.getProperty("os.arch");
        KvmTarget t = KvmTargets.forHost();
        if (t == null) {
            return targets.get(0).hostUnsupportedReason(hostArch);
        }
        if (ctx != null && ctx.arch() != null) {
            String guest = ctx.arch().name();
            t = KvmTargets.forArch(guest);
            if (t == null) {
                return "the KVM engine runs " + String.join(", ", KvmTargets.archNames()) + " guests only (guest is "
                        + guest + ")";
            }
            String why = t.hostUnsupportedReason(hostArch);
            if (why != null) {
                return why;
            }
        }
        try (Kvm kvm = Kvm.open(t.requiredCapabilities())) {
            return null;
        } catch (KvmException e) {
            return e.getMessage();
        }
    }

    /**
     * Null when a guest of {@code archName} that starts under this engine can later be handed to a TCG
     * engine, otherwise one line saying why not (from the architecture's plug-in, e.g. x86 on a KVM that
     * cannot control CPUID: the guest's C library picked host-CPU code). A caller should then not plan
     * such a handoff. May probe once per JVM; call only when KVM is available.
     */
    public static String tcgHandoffLimitation(String archName) {
        KvmTarget t = KvmTargets.forArch(archName);
        return t == null ? null : t.tcgHandoffLimitation();
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

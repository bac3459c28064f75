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

    @Override
    public Engine create(EngineContext ctx) {
        KvmOptions o = KvmOptions.defaults();
        if (ctx.trace() != null && ctx.trace().contains("verify-sync")) {
            o = o.withVerifySync(true);
        }
        return new KvmEngine(ctx, o);
    }
}

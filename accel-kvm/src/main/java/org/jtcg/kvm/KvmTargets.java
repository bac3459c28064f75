package org.jtcg.kvm;

import org.jtcg.core.engine.EngineContext;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** The installed {@link KvmTarget}s ({@link ServiceLoader}), looked up by guest architecture name. */
public final class KvmTargets {
    private static volatile List<KvmTarget> all;

    private KvmTargets() {}

    /** Every installed target, in service-file order. */
    public static List<KvmTarget> all() {
        List<KvmTarget> a = all;
        if (a == null) {
            List<KvmTarget> found = new ArrayList<>();
            ServiceLoader.load(KvmTarget.class, KvmTargets.class.getClassLoader()).forEach(found::add);
            a = List.copyOf(found);
            all = a;
        }
        return a;
    }

    /** The target for a {@code GuestArch} name, or null. */
    public static KvmTarget forArch(String archName) {
        for (KvmTarget t : all()) {
            if (t.archName().equals(archName)) {
                return t;
            }
        }
        return null;
    }

    /** The first target whose guests this host can run (KVM runs guests of the host's own architecture), or null. */
    public static KvmTarget forHost() {
        String hostArch = System.getProperty("os.arch");
        for (KvmTarget t : all()) {
            if (t.hostUnsupportedReason(hostArch) == null) {
                return t;
            }
        }
        return null;
    }

    /** The architecture names of the installed targets. */
    public static List<String> archNames() {
        return all().stream().map(KvmTarget::archName).toList();
    }

    /**
     * The target for an engine context: the one of {@code ctx.arch()}, or the host's when the context
     * names no architecture.
     *
     * @throws IllegalArgumentException with one line when there is none
     */
    public static KvmTarget forContext(EngineContext ctx) {
        String arch = ctx.arch() != null ? ctx.arch().name() : null;
        KvmTarget t = arch != null ? forArch(arch) : forHost();
        if (t == null) {
            throw new IllegalArgumentException(arch != null
                    ? "the KVM engine has no plug-in for " + arch + " guests (it has: " + String.join(", ", archNames()) + ")"
                    : "the KVM engine has no plug-in for this host's architecture (" + System.getProperty("os.arch") + ")");
        }
        return t;
    }
}

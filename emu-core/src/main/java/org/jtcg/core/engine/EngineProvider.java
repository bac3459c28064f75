package org.jtcg.core.engine;

import org.jtcg.core.arch.GuestArch;

import java.util.ServiceLoader;

/** Creates engines by name ("interp", "jit", "kvm"); found with ServiceLoader. */
public interface EngineProvider {
    String name();

    /** Null when the engine can run here, otherwise one line saying why not (e.g. "/dev/kvm not present"). */
    default String unavailableReason(EngineContext ctx) { return null; }

    Engine create(EngineContext ctx);

    /**
     * Builds ahead what this engine's first translation of {@code arch}'s code needs (the arch's translator and
     * its tables, per-arch generated classes), so that it is ready by the time {@link #create} runs. Called at
     * most once per run, on a background thread, as soon as the guest's arch is known, in parallel with loading
     * the guest; only a speed-up: it must be safe to skip, and whatever it builds must also be built on demand.
     * Exceptions are dropped by the caller (the same work on the guest's thread then reports them).
     */
    default void prepare(GuestArch arch) {
    }

    static EngineProvider byName(String name) {
        for (EngineProvider p : ServiceLoader.load(EngineProvider.class)) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }
}

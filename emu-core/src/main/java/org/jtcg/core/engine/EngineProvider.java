package org.jtcg.core.engine;

import java.util.ServiceLoader;

/** Creates engines by name ("interp", "jit", "kvm"); found with ServiceLoader. */
public interface EngineProvider {
    String name();

    /** Null when the engine can run here, otherwise one line saying why not (e.g. "/dev/kvm not present"). */
    default String unavailableReason(EngineContext ctx) { return null; }

    Engine create(EngineContext ctx);

    static EngineProvider byName(String name) {
        for (EngineProvider p : ServiceLoader.load(EngineProvider.class)) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }
}

package org.jtcg.cli.never;

import org.jtcg.core.engine.Engine;
import org.jtcg.core.engine.EngineContext;
import org.jtcg.core.engine.EngineProvider;

/** Test-only engine "never" (cli test resources): it always says it cannot run on this host. */
public final class NeverEngineProvider implements EngineProvider {
    @Override
    public String name() {
        return "never";
    }

    @Override
    public String unavailableReason(EngineContext ctx) {
        return "the test engine 'never' runs nowhere";
    }

    @Override
    public Engine create(EngineContext ctx) {
        throw new IllegalStateException("never created");
    }
}

package org.jtcg.core.interp;

import org.jtcg.core.arch.GuestArch;
import org.jtcg.core.engine.BlockEngine;
import org.jtcg.core.engine.Engine;
import org.jtcg.core.engine.EngineContext;
import org.jtcg.core.engine.EngineProvider;

/** The "interp" engine: IR interpreted directly (the reference semantics). */
public final class InterpEngineProvider implements EngineProvider {
    @Override
    public String name() {
        return "interp";
    }

    @Override
    public Engine create(EngineContext ctx) {
        return new BlockEngine("interp", ctx, new InterpCompiler(), BlockEngine.Config.defaults());
    }

    @Override
    public void prepare(GuestArch arch) {
        arch.translator();
    }
}

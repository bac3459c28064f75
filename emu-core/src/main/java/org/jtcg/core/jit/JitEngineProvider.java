package org.jtcg.core.jit;

import org.jtcg.core.engine.BlockEngine;
import org.jtcg.core.engine.Engine;
import org.jtcg.core.engine.EngineContext;
import org.jtcg.core.engine.EngineProvider;

/** The "jit" engine: IR compiled to JVM bytecode, one hidden class per block. */
public final class JitEngineProvider implements EngineProvider {
    @Override
    public String name() {
        return "jit";
    }

    @Override
    public Engine create(EngineContext ctx) {
        return new BlockEngine("jit", ctx, new JitCompiler(), BlockEngine.Config.defaults());
    }
}

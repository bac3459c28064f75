package org.jtcg.core.jit;

import org.jtcg.core.engine.BlockEngine;
import org.jtcg.core.engine.Engine;
import org.jtcg.core.engine.EngineContext;
import org.jtcg.core.engine.EngineProvider;
import org.jtcg.core.interp.InterpCompiler;

/**
 * The "jit" engine: IR compiled to JVM bytecode, one hidden class per block or region; new blocks
 * run in the IR interpreter until they are hot (tier-up).
 */
public final class JitEngineProvider implements EngineProvider {
    @Override
    public String name() {
        return "jit";
    }

    @Override
    public Engine create(EngineContext ctx) {
        return new BlockEngine("jit", ctx, new JitCompiler(), new InterpCompiler(), BlockEngine.Config.defaults());
    }
}

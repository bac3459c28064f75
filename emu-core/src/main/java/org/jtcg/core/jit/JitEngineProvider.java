package org.jtcg.core.jit;

import org.jtcg.core.arch.GuestArch;
import org.jtcg.core.engine.BlockEngine;
import org.jtcg.core.engine.Engine;
import org.jtcg.core.engine.EngineContext;
import org.jtcg.core.engine.EngineProvider;
import org.jtcg.core.engine.BlockCompiler;
import org.jtcg.core.interp.InterpCompiler;
import org.jtcg.core.interp.nodes.NodeCompiler;

/**
 * The "jit" engine: IR compiled to JVM bytecode, one hidden class per block or region; new blocks
 * run in the cold tier ({@link NodeCompiler}'s pre-decoded nodes) until they are hot (tier-up).
 * {@code -Djtcg.coldTier=interp} puts the reference IR interpreter there instead (for comparisons).
 */
public final class JitEngineProvider implements EngineProvider {
    @Override
    public String name() {
        return "jit";
    }

    @Override
    public Engine create(EngineContext ctx) {
        return new BlockEngine("jit", ctx, new JitCompiler(), coldCompiler(), BlockEngine.Config.defaults());
    }

    /** The translator (its decode tables) and the cold tier's accessor class for the arch's CPU layout. */
    @Override
    public void prepare(GuestArch arch) {
        arch.translator();
        NodeCompiler.prepare(arch.newCpu().layout());
    }

    /** The cold tier: {@code -Djtcg.coldTier=interp} for the reference interpreter, else the nodes. */
    static BlockCompiler coldCompiler() {
        return "interp".equals(System.getProperty("jtcg.coldTier")) ? new InterpCompiler() : new NodeCompiler();
    }
}

package org.jtcg.core.engine;

import org.jtcg.core.interp.InterpCompiler;
import org.jtcg.core.interp.nodes.NodeCompiler;
import org.jtcg.core.jit.JitCompiler;

/** Test helper: the block compilers by engine name (interp, jit, and nodes: the jit's cold tier). */
public final class Engines {
    private Engines() {}

    public static BlockCompiler compiler(String engine) {
        return switch (engine) {
            case "interp" -> new InterpCompiler();
            case "jit" -> new JitCompiler();
            case "nodes" -> new NodeCompiler();
            default -> throw new IllegalArgumentException(engine);
        };
    }

    /**
     * An engine as its provider builds it: the jit tiers up from the cold tier's nodes, the interp has no tiers;
     * "nodes" runs every block in the jit's cold tier (no tiers), to test that tier in the whole engine.
     */
    public static BlockEngine engine(String engine, EngineContext ctx, BlockEngine.Config cfg) {
        BlockCompiler cold = engine.equals("jit") ? new NodeCompiler() : null;
        return new BlockEngine(engine, ctx, compiler(engine), cold, cfg);
    }
}

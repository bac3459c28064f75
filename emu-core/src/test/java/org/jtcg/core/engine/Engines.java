package org.jtcg.core.engine;

import org.jtcg.core.interp.InterpCompiler;
import org.jtcg.core.jit.JitCompiler;

/** Test helper: the two block compilers by engine name. */
public final class Engines {
    private Engines() {}

    public static BlockCompiler compiler(String engine) {
        return switch (engine) {
            case "interp" -> new InterpCompiler();
            case "jit" -> new JitCompiler();
            default -> throw new IllegalArgumentException(engine);
        };
    }

    /** An engine as its provider builds it: the jit tiers up from the interpreter, the interp has no tiers. */
    public static BlockEngine engine(String engine, EngineContext ctx, BlockEngine.Config cfg) {
        BlockCompiler cold = engine.equals("jit") ? new InterpCompiler() : null;
        return new BlockEngine(engine, ctx, compiler(engine), cold, cfg);
    }
}

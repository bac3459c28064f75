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
}

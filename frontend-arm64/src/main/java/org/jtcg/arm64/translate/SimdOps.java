package org.jtcg.arm64.translate;

import org.jtcg.core.decode.PatternHandlers;

/** AdvSIMD and FP moves and the vector operations glibc's string routines use. */
final class SimdOps {
    private SimdOps() {}

    static void bind(PatternHandlers.Builder<A64Handler> h) {
    }
}

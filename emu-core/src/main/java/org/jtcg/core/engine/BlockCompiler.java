package org.jtcg.core.engine;

import org.jtcg.core.ir.IrBlock;

/** Turns IR blocks into executable code: what distinguishes the interp and jit engines. */
public interface BlockCompiler {
    /**
     * @throws BlockTooLargeException if the block cannot be compiled at this size (the engine
     *         retranslates it with fewer instructions)
     */
    BlockCode compile(IrBlock block);
}

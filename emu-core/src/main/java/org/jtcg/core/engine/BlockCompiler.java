package org.jtcg.core.engine;

import org.jtcg.core.ir.IrBlock;

/** Turns IR blocks into executable code: what distinguishes the interp and jit engines. */
public interface BlockCompiler {
    /**
     * @throws BlockTooLargeException if the block cannot be compiled at this size (the engine
     *         retranslates it with fewer instructions)
     */
    BlockCode compile(IrBlock block);

    /** Whether {@link #compileRegion} builds regions (the engine keeps block IR only then). */
    default boolean buildsRegions() {
        return false;
    }

    /**
     * Compiles several blocks into one unit ("region") in which direct exit {@code e} of block
     * {@code m} continues inside the unit at block {@code targets[m][e]} when that is {@code >= 0}
     * (and guest code has not been written since entry, see {@link ExecContext#codeEpoch}); an
     * indirect exit with a target does so only when its pc equals that block's start pc. The
     * unit starts at {@code blocks.get(0)} and returns {@code exitBase(m) + e} for exit e of
     * block m, where {@code exitBase(m)} is the number of exits of blocks 0..m-1.
     *
     * @return the region code, or null when this compiler does not build regions (the default)
     * @throws BlockTooLargeException if the region does not fit one unit
     */
    default BlockCode compileRegion(java.util.List<IrBlock> blocks, int[][] targets) {
        return null;
    }

    /** Whether {@link #compileRegion(java.util.List, int[][], boolean[])} builds regions enterable at other blocks. */
    default boolean buildsMultiEntryRegions() {
        return false;
    }

    /**
     * As {@link #compileRegion(java.util.List, int[][])}, but the unit starts at block {@link ExecContext#regionEntry}
     * (the dispatcher sets it before each run), which must be one with {@code entries[m]} set (block 0 always is),
     * with every global as the CPU state holds it, as if that block were the head. Only for compilers that
     * {@link #buildsMultiEntryRegions}.
     */
    default BlockCode compileRegion(java.util.List<IrBlock> blocks, int[][] targets, boolean[] entries) {
        throw new UnsupportedOperationException("this compiler builds regions entered at their head only");
    }
}

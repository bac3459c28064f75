package org.jtcg.core.interp.nodes;

import org.jtcg.core.cpu.CpuLayout;
import org.jtcg.core.engine.BlockCode;
import org.jtcg.core.engine.BlockCompiler;
import org.jtcg.core.ir.IrBlock;

/**
 * The jit's cold tier: turns an IR block into pre-decoded nodes ({@link NodeBlock}), about as cheap to
 * build as the reference interpreter's form and many times faster to run (docs/architecture.md, "Tiers").
 * Same observable behaviour as {@link org.jtcg.core.interp.InterpCompiler}'s blocks: exits, faults
 * (cpu.pc = the faulting instruction's PC), self-modifying-code restarts, vector ops.
 */
public final class NodeCompiler implements BlockCompiler {
    /**
     * Generates the accessor class for {@code layout}'s globals now instead of at the first block (~10 ms of
     * ASM in the bytecode interpreter at start-up; {@link org.jtcg.core.engine.EngineProvider#prepare}).
     */
    public static void prepare(CpuLayout layout) {
        GlobalAccess.of(layout);
    }

    @Override
    public BlockCode compile(IrBlock block) {
        return NodeBuilder.build(block);
    }
}

package org.jtcg.core.interp;

import org.jtcg.core.engine.BlockCode;
import org.jtcg.core.engine.BlockCompiler;
import org.jtcg.core.ir.IrBlock;

/** The interpreter's "compiler": prepares IR blocks for {@link InterpretedBlock}. */
public final class InterpCompiler implements BlockCompiler {
    @Override
    public BlockCode compile(IrBlock block) {
        return new InterpretedBlock(block);
    }
}

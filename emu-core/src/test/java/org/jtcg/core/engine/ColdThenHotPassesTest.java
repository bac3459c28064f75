package org.jtcg.core.engine;

import org.jtcg.core.ir.IrBlock;
import org.jtcg.core.ir.IrBuilder;
import org.jtcg.core.ir.Opcode;
import org.jtcg.core.ir.Passes;
import org.jtcg.core.ir.Type;
import org.jtcg.core.ir.Val;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * A block translated for the cold tier skips the narrowing passes (start-up cost); the bytecode tiers compile
 * {@link TranslatedBlock#hotIr}, which has them, with the same exits in the same order.
 */
class ColdThenHotPassesTest {
    private static long count(IrBlock block, Opcode opc) {
        return block.ops().stream().filter(o -> o.opc == opc).count();
    }

    private static IrBlock blockWithARedundantExtension() {
        IrBuilder b = new IrBuilder(TestCpu.LAYOUT, 0x1000);
        b.insnStart(0x1000);
        Val byteVal = b.load(Type.I64, b.global(0), 1, false, false);
        b.mov(b.global(1), b.ext8u(byteVal)); // a byte load is already 8 bits wide
        b.gotoDirect(0x2000);
        return b.finish(0x1004);
    }

    @Test
    void coldBlocksAreNarrowedWhenTheyGetHot() {
        IrBlock cold = Passes.optimizeCold(blockWithARedundantExtension());
        assertEquals(1, count(cold, Opcode.EXT8U), cold.toString());
        TranslatedBlock tb = new TranslatedBlock(cold, null, true, true, 0);
        tb.narrowWhenHot = true;
        IrBlock hot = tb.hotIr();
        assertEquals(0, count(hot, Opcode.EXT8U), hot.toString());
        assertEquals(cold.exits().size(), hot.exits().size());
        assertSame(hot, tb.hotIr(), "narrowed once");
    }

    @Test
    void blocksTranslatedForTheBytecodeTiersAreCompiledAsTheyAre() {
        IrBlock full = Passes.optimize(blockWithARedundantExtension());
        assertEquals(0, count(full, Opcode.EXT8U), full.toString());
        TranslatedBlock tb = new TranslatedBlock(full, null, true, false, 0);
        assertSame(full, tb.hotIr());
    }
}

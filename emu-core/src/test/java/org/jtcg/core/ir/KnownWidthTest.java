package org.jtcg.core.ir;

import org.jtcg.core.engine.TestCpu;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link KnownWidth} by construction: an extension or mask is dropped exactly when its operand is known to fit,
 * and nothing is known across a label. (Value equivalence on random programs is the engine-equivalence test's.)
 */
class KnownWidthTest {
    private static long count(IrBlock block, Opcode opc) {
        return block.ops().stream().filter(o -> o.opc == opc).count();
    }

    @Test
    void extensionsOfNarrowValuesBecomeMoves() {
        IrBuilder b = new IrBuilder(TestCpu.LAYOUT, 0x1000);
        b.insnStart(0x1000);
        Val byteVal = b.load(Type.I64, b.global(0), 1, false, false);  // width 8
        b.mov(b.global(1), b.ext8u(byteVal));                           // redundant
        Val masked = b.and(b.global(2), b.const64(0x7fff));           // width 15
        b.mov(b.global(2), b.ext32u(masked));                           // redundant
        b.mov(b.global(3), b.ext16s(masked));                           // bit 15 is clear: redundant
        b.mov(b.global(4), b.and(b.ext32u(b.global(1)), b.const64(0xff))); // g1 has width 8: both redundant
        b.gotoDirect(0x2000);
        IrBlock out = KnownWidth.narrow(b.finish(0x1004));
        assertEquals(0, count(out, Opcode.EXT8U), out.toString());
        assertEquals(0, count(out, Opcode.EXT16S), out.toString());
        assertEquals(0, count(out, Opcode.EXT32U), out.toString());
        assertEquals(1, count(out, Opcode.AND), out.toString()); // only the one that makes the width
    }

    @Test
    void extensionsThatMayChangeTheValueStay() {
        IrBuilder b = new IrBuilder(TestCpu.LAYOUT, 0x1000);
        b.insnStart(0x1000);
        Val byteVal = b.load(Type.I64, b.global(0), 1, false, false);  // width 8
        b.mov(b.global(1), b.ext8s(byteVal));                           // bit 7 may be set: sign matters
        Val word = b.load(Type.I64, b.global(0), 4, false, false);      // width 32
        b.mov(b.global(2), b.ext16u(word));
        b.mov(b.global(3), b.ext32u(b.global(5)));                      // unknown global
        b.mov(b.global(4), b.and(byteVal, b.const64(0x7f)));            // clears bit 7
        Val sum = b.add(byteVal, byteVal);                              // width 9
        b.mov(b.global(5), b.ext8u(sum));
        Label l = b.newLabel();
        b.setLabel(l);                                                  // another path may reach here
        b.mov(b.global(6), b.ext8u(byteVal));
        b.gotoDirect(0x2000);
        IrBlock in = b.finish(0x1004);
        IrBlock out = KnownWidth.narrow(in);
        assertEquals(in.ops(), out.ops());
    }

    @Test
    void narrowConsumersReadTheExtensionsSource() {
        IrBuilder b = new IrBuilder(TestCpu.LAYOUT, 0x1000);
        b.insnStart(0x1000);
        Val low = b.ext32u(b.global(1));
        b.store(low, b.global(0), 4, false);                            // writes only the low 32 bits
        b.mov(b.global(2), b.and(b.ext32u(b.global(1)), b.const64(0x7fff)));
        b.mov(b.global(3), b.ext8u(b.ext16u(b.global(1))));
        Val word = b.ext32u(b.global(5));
        b.mov(b.global(6), b.ext32s(word));                             // x86 32-bit signed compare operand
        b.mov(b.global(7), b.ext32s(b.ext16u(b.global(5))));           // wider than the extension: stays
        b.gotoDirect(0x2000);
        IrBlock out = Passes.optimize(b.finish(0x1004));
        assertEquals(1, count(out, Opcode.EXT32S), out.toString());
        assertEquals(0, count(out, Opcode.EXT32U), out.toString());
        assertEquals(1, count(out, Opcode.EXT16U), out.toString());
        assertEquals(1, count(out, Opcode.EXT8U), out.toString());
    }

    @Test
    void wideConsumersAndChangedSourcesKeepTheExtension() {
        IrBuilder b = new IrBuilder(TestCpu.LAYOUT, 0x1000);
        b.insnStart(0x1000);
        Val low = b.ext16u(b.global(1));
        b.store(low, b.global(0), 4, false);                            // reads bits 16..31: zero only after ext
        Val low32 = b.ext32u(b.global(1));
        b.mov(b.global(1), b.const64(-1));                              // the source changes
        b.store(low32, b.global(0), 4, false);
        b.mov(b.global(2), b.and(b.ext8u(b.global(3)), b.global(4)));   // mask not a constant
        b.gotoDirect(0x2000);
        IrBlock in = b.finish(0x1004);
        assertEquals(in.ops(), KnownWidth.narrow(in).ops());
    }

    @Test
    void extensionsWhoseReadersAreNarrowBecomeMoves() {
        IrBuilder b = new IrBuilder(TestCpu.LAYOUT, 0x1000);
        b.insnStart(0x1000);
        Val sum = b.add(b.ext32u(b.global(1)), b.const64(1));          // x86 `add $1, %r8d`
        b.mov(b.global(1), b.ext32u(sum));
        Val shifted = b.shl(b.ext16u(b.global(2)), b.const64(3));
        b.store(shifted, b.global(0), 2, false);
        b.gotoDirect(0x2000);
        IrBlock out = DemandedBits.narrow(b.finish(0x1004));
        assertEquals(1, count(out, Opcode.EXT32U), out.toString()); // the result's, which the global sees
        assertEquals(0, count(out, Opcode.EXT16U), out.toString());
    }

    @Test
    void extensionsWithAWideReaderStay() {
        IrBuilder b = new IrBuilder(TestCpu.LAYOUT, 0x1000);
        b.insnStart(0x1000);
        Val low = b.ext32u(b.global(1));
        b.mov(b.global(2), b.ext32u(b.add(low, b.const64(1))));
        b.mov(b.global(3), b.shr(low, b.const64(4)));                   // a right shift reads the high bits
        Val narrow = b.ext8u(b.global(4));
        b.store(narrow, b.global(0), 2, false);                         // a 16-bit store reads bits 8..15
        Val masked = b.ext16u(b.global(5));
        Label l = b.newLabel();
        b.brcond(Cond.EQ, masked, b.const64(7), l);                     // a compare reads all bits
        b.setLabel(l);
        b.gotoDirect(0x2000);
        IrBlock in = b.finish(0x1004);
        assertEquals(in.ops(), DemandedBits.narrow(in).ops());
    }

    @Test
    void unsignedComparesOfNonNegativeValuesBecomeSigned() {
        IrBuilder b = new IrBuilder(TestCpu.LAYOUT, 0x1000);
        b.insnStart(0x1000);
        Val x = b.ext32u(b.global(1)), y = b.ext32u(b.global(2));
        Label l = b.newLabel();
        b.brcond(Cond.LTU, x, y, l);                                    // x86 `cmp %edx, %ecx; jb`
        b.mov(b.global(3), b.setcond(Cond.GEU, x, b.global(4)));         // g4 may have bit 63 set: stays
        b.gotoDirect(0x2000);
        b.setLabel(l);
        b.gotoDirect(0x3000);
        IrBlock out = KnownWidth.narrow(b.finish(0x1004));
        Op br = out.ops().stream().filter(o -> o.opc == Opcode.BRCOND).findFirst().orElseThrow();
        Op set = out.ops().stream().filter(o -> o.opc == Opcode.SETCOND).findFirst().orElseThrow();
        assertEquals(Cond.LT, br.cond, out.toString());
        assertEquals(Cond.GEU, set.cond, out.toString());
    }
}

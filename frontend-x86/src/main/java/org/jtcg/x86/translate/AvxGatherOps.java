package org.jtcg.x86.translate;

import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.Label;
import org.jtcg.core.ir.Val;
import org.jtcg.x86.decoder.Mnemonic;
import org.jtcg.x86.decoder.Operand;
import org.jtcg.x86.decoder.RegKind;

import java.util.Map;

import static org.jtcg.x86.translate.AvxOperands.num;
import static org.jtcg.x86.translate.AvxOperands.upper;
import static org.jtcg.x86.translate.AvxOperands.zeroUpper;

/**
 * The AVX2 gathers: element i is loaded from {@code base + sext(index[i]) * scale + disp} when the
 * sign bit of mask element i is set, then that mask element is cleared; elements with a clear mask
 * bit keep the destination's value and touch no memory. Elements go in order and each one updates
 * the destination and mask registers before the next is read, so a fault leaves the instruction
 * partially completed as on hardware (the handler can fix the page and re-execute: only the elements
 * still masked on are loaded again). At the end the whole mask register is zero and a destination
 * narrower than 256 bits has the rest zeroed.
 */
final class AvxGatherOps {
    private AvxGatherOps() {}

    /** Element and index sizes in bytes. */
    private record Shape(int element, int index) {}

    private static final Map<Mnemonic, Shape> SHAPES = Map.of(
            Mnemonic.VPGATHERDD, new Shape(4, 4), Mnemonic.VGATHERDPS, new Shape(4, 4),
            Mnemonic.VPGATHERDQ, new Shape(8, 4), Mnemonic.VGATHERDPD, new Shape(8, 4),
            Mnemonic.VPGATHERQD, new Shape(4, 8), Mnemonic.VGATHERQPS, new Shape(4, 8),
            Mnemonic.VPGATHERQQ, new Shape(8, 8), Mnemonic.VGATHERQPD, new Shape(8, 8));

    static void register(Map<Mnemonic, InsnTable.Emitter> m) {
        for (Map.Entry<Mnemonic, Shape> e : SHAPES.entrySet()) {
            Shape s = e.getValue();
            m.put(e.getKey(), c -> gather(c, s));
        }
    }

    /** Vector-file number of the 128-bit half holding element i of {@code bytes}-sized elements. */
    private static int halfOf(int reg, int i, int bytes) {
        return i < 16 / bytes ? reg : upper(reg);
    }

    private static void gather(Ctx c, Shape s) {
        int dst = num(c.op(0));
        Operand.Vsib vsib = (Operand.Vsib) c.op(1);
        int mask = num(c.op(2));
        Operand.Mem a = vsib.address();
        int indexBytes = vsib.indexKind() == RegKind.YMM ? 32 : 16;
        int elements = indexBytes / s.index();
        int dstBytes = ((Operand.Reg) c.op(0)).size();
        elements = Math.min(elements, dstBytes / s.element());
        int ebits = 8 * s.element(), ibits = 8 * s.index();
        int shift = Integer.numberOfTrailingZeros(a.scale());
        Operand.Mem baseOnly = new Operand.Mem(a.segment(), a.base(), Operand.NONE, 1, a.disp(), false, a.addressSize(),
                a.size(), a.dispSize());
        for (int i = 0; i < elements; i++) {
            int perHalf = 16 / s.element();
            int mh = halfOf(mask, i, s.element()), dh = halfOf(dst, i, s.element());
            int lane = i % perHalf;
            Label skip = c.label();
            Val m = c.b.vectors().get(ebits, mh, lane);
            c.b.brcond(Cond.TSTEQ, m, c.c(1L << (ebits - 1)), skip);
            int ih = halfOf(num(new Operand.Reg(vsib.indexKind(), a.index(), indexBytes)), i, s.index());
            Val idx = c.b.vectors().get(ibits, ih, i % (16 / s.index()));
            if (ibits == 32) {
                idx = c.b.ext32s(idx);
            }
            Val addr = c.b.add(c.ea(baseOnly), shift == 0 ? idx : c.b.shl(idx, c.c(shift)));
            if (a.addressSize() == 4) {
                addr = c.b.ext32u(addr);
            }
            Val v = c.load(addr, s.element());
            c.b.vectors().set(ebits, dh, lane, v);
            c.b.vectors().set(ebits, mh, lane, c.c(0));
            c.place(skip);
        }
        // completed: the mask is all zero, and the destination beyond its elements is zero
        SseOperands.set(c, mask, c.c(0), c.c(0));
        zeroUpper(c, mask);
        int written = elements * s.element();
        if (written == 8) {
            c.b.vectors().set(64, dst, 1, c.c(0));
        }
        if (written <= 16) {
            zeroUpper(c, dst);
        }
    }
}

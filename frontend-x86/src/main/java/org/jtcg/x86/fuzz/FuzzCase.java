package org.jtcg.x86.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One test case: an initial state and a sequence of items. An item is one generated instruction
 * preceded by its guard instructions (e.g. {@code xor edx, edx} before {@code div}); minimisation
 * drops whole items.
 *
 * @param seed  the run's seed ({@code --seed}), for the report
 * @param index the case's number in the run; {@code (seed, index)} regenerates it
 * @param init  the initial state
 * @param items the instructions, grouped
 */
public record FuzzCase(long seed, long index, InitialState init, List<List<FuzzInsn>> items) {
    public FuzzCase {
        items = items.stream().map(List::copyOf).toList();
    }

    /** The case with other items (same initial state). */
    public FuzzCase withItems(List<List<FuzzInsn>> newItems) {
        return new FuzzCase(seed, index, init, newItems);
    }

    /** All instructions in order. */
    public List<FuzzInsn> instructions() {
        List<FuzzInsn> out = new ArrayList<>();
        items.forEach(out::addAll);
        return out;
    }

    /** The machine code at {@link FuzzLayout#CODE}, without the terminator. */
    public Code encode() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        List<FuzzInsn> insns = instructions();
        long[] pcs = new long[insns.size()];
        for (int i = 0; i < insns.size(); i++) {
            pcs[i] = FuzzLayout.CODE + b.size();
            b.writeBytes(insns.get(i).encode(pcs[i]));
        }
        return new Code(b.toByteArray(), pcs);
    }

    /**
     * Encoded sequence.
     *
     * @param bytes the instructions' bytes
     * @param pcs   address of each instruction
     */
    public record Code(byte[] bytes, long[] pcs) {
        /** Index of the instruction at {@code pc}; {@code pcs.length} for the terminator; -1 otherwise. */
        public int indexOf(long pc) {
            for (int i = 0; i < pcs.length; i++) {
                if (pcs[i] == pc) {
                    return i;
                }
            }
            return pc == FuzzLayout.CODE + bytes.length ? pcs.length : -1;
        }
    }
}

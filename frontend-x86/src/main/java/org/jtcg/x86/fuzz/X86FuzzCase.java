package org.jtcg.x86.fuzz;

import org.jtcg.fuzz.FuzzCase;
import org.jtcg.fuzz.Program;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One x86-64 test case: an initial state and a sequence of items. An item is one generated
 * instruction preceded by its guard instructions (e.g. {@code xor edx, edx} before {@code div});
 * minimisation drops whole items.
 *
 * @param seed  the run's seed ({@code --seed}), for the report
 * @param index the case's number in the run; {@code (seed, index)} regenerates it
 * @param init  the initial state
 * @param items the instructions, grouped
 * @param masks the undefined-flag table (which flags each instruction leaves undefined)
 */
public record X86FuzzCase(long seed, long index, InitialState init, List<List<FuzzInsn>> items, MaskTable masks) implements FuzzCase {
    public X86FuzzCase {
        items = items.stream().map(List::copyOf).toList();
    }

    /** The case with other items (same initial state). */
    public X86FuzzCase withItems(List<List<FuzzInsn>> newItems) {
        return new X86FuzzCase(seed, index, init, newItems, masks);
    }

    /** All instructions in order. */
    public List<FuzzInsn> instructions() {
        List<FuzzInsn> out = new ArrayList<>();
        items.forEach(out::addAll);
        return out;
    }

    @Override
    public int itemCount() {
        return items.size();
    }

    @Override
    public int instructionCount() {
        return items.stream().mapToInt(List::size).sum();
    }

    @Override
    public X86FuzzCase keepItems(List<Integer> keep) {
        return withItems(keep.stream().map(items::get).toList());
    }

    @Override
    public X86FuzzCase prefix(int n) {
        return withItems(instructions().subList(0, n).stream().map(List::of).toList());
    }

    @Override
    public boolean runnable() {
        return FlagTracker.valid(masks, instructions());
    }

    @Override
    public Program program() {
        Code code = encode();
        List<FuzzInsn> insns = instructions();
        int[] undef = new int[insns.size()];
        FlagTracker t = new FlagTracker(masks);
        for (int i = 0; i < insns.size(); i++) {
            t.apply(insns.get(i));
            undef[i] = t.undefined();
        }
        return X86Fuzzer.disassembled(code.bytes(), code.pcs(), undef);
    }

    /** The machine code at {@link X86FuzzLayout#CODE}, without the terminator. */
    public Code encode() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        List<FuzzInsn> insns = instructions();
        long[] pcs = new long[insns.size()];
        for (int i = 0; i < insns.size(); i++) {
            pcs[i] = X86FuzzLayout.CODE + b.size();
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
    public record Code(byte[] bytes, long[] pcs) {}
}

package org.jtcg.fuzz;

import java.util.List;

/**
 * A sequence as the lanes and the comparison see it: machine code at the layout's code address
 * (without the terminator), where each instruction starts, its disassembly, and the state left
 * undefined after each instruction (bits whose meaning the {@link ArchFuzzer} defines). The
 * undefined sets travel with the code in reproducers, because bytes alone do not say which pattern
 * row (and so which count-dependent rule) produced an instruction.
 *
 * @param base           address of the first instruction
 * @param code           instruction bytes
 * @param pcs            address of each instruction
 * @param undefinedAfter undefined state after instruction i; none before the first
 * @param texts          disassembly of each instruction
 * @param mnemonics      lower-case mnemonic of each instruction (mask tables are keyed by them)
 */
public record Program(long base, byte[] code, long[] pcs, int[] undefinedAfter, List<String> texts, List<String> mnemonics) {
    public Program {
        if (pcs.length != undefinedAfter.length || pcs.length != texts.size() || pcs.length != mnemonics.size()) {
            throw new IllegalArgumentException("one address, undefined set, text and mnemonic per instruction");
        }
        code = code.clone();
        pcs = pcs.clone();
        undefinedAfter = undefinedAfter.clone();
        texts = List.copyOf(texts);
        mnemonics = List.copyOf(mnemonics);
    }

    @Override
    public byte[] code() {
        return code.clone();
    }

    @Override
    public long[] pcs() {
        return pcs.clone();
    }

    @Override
    public int[] undefinedAfter() {
        return undefinedAfter.clone();
    }

    public int size() {
        return pcs.length;
    }

    /** Address of the terminator. */
    public long end() {
        return base + code.length;
    }

    /** The bytes of instruction {@code i}. */
    public byte[] bytes(int i) {
        int from = (int) (pcs[i] - base);
        int to = i + 1 < pcs.length ? (int) (pcs[i + 1] - base) : code.length;
        return java.util.Arrays.copyOfRange(code, from, to);
    }

    /** Index of the instruction at {@code pc}; {@link #size()} for the terminator; -1 if none starts there. */
    public int indexOf(long pc) {
        for (int i = 0; i < pcs.length; i++) {
            if (pcs[i] == pc) {
                return i;
            }
        }
        return pc == end() ? pcs.length : -1;
    }

    /** State undefined when execution stopped before instruction {@code index} (0: none). */
    public int undefinedBefore(int index) {
        return index <= 0 ? 0 : undefinedAfter[Math.min(index, pcs.length) - 1];
    }

    /** Disassembly of instruction {@code i}. */
    public String disassemble(int i) {
        return texts.get(i);
    }

    /** Mnemonics of the first {@code n} instructions. */
    public List<String> mnemonics(int n) {
        return mnemonics.subList(0, Math.min(n, mnemonics.size()));
    }
}

package org.jtcg.x86.fuzz;

import org.jtcg.x86.decoder.DecodedInsn;
import org.jtcg.x86.decoder.X86Decoder;
import org.jtcg.x86.decoder.X86Disassembler;

import java.util.ArrayList;
import java.util.List;

/**
 * A sequence as the runner and the comparison see it: the machine code at {@link FuzzLayout#CODE}
 * (without the terminator), where each instruction starts, and the arithmetic flags left undefined
 * after each instruction. Built from a generated {@link FuzzCase} or read back from a reproducer,
 * which carries the undefined-flag sets because bytes alone do not say which pattern (and so which
 * count-dependent rule) produced them.
 *
 * @param code           instruction bytes
 * @param pcs            address of each instruction
 * @param undefinedAfter undefined flags after instruction i ({@link FlagBits}); the state before
 *                       the first instruction has none
 */
public record Program(byte[] code, long[] pcs, int[] undefinedAfter) {
    public Program {
        if (pcs.length != undefinedAfter.length) {
            throw new IllegalArgumentException("one undefined-flag set per instruction");
        }
        code = code.clone();
        pcs = pcs.clone();
        undefinedAfter = undefinedAfter.clone();
    }

    /** The program of a generated case. */
    public static Program of(FuzzCase c, MaskTable masks) {
        FuzzCase.Code code = c.encode();
        List<FuzzInsn> insns = c.instructions();
        int[] undef = new int[insns.size()];
        FlagTracker t = new FlagTracker(masks);
        for (int i = 0; i < insns.size(); i++) {
            t.apply(insns.get(i));
            undef[i] = t.undefined();
        }
        return new Program(code.bytes(), code.pcs(), undef);
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
        return FuzzLayout.CODE + code.length;
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

    /** Flags undefined when execution stopped before instruction {@code index} (0: none). */
    public int undefinedBefore(int index) {
        return index <= 0 ? 0 : undefinedAfter[Math.min(index, pcs.length) - 1];
    }

    /** The decoded instruction {@code i}. */
    public DecodedInsn decode(int i) {
        int off = (int) (pcs[i] - FuzzLayout.CODE);
        return X86Decoder.decode(code, off, code.length - off, pcs[i]);
    }

    /** Intel-syntax text of instruction {@code i}. */
    public String disassemble(int i) {
        return X86Disassembler.format(decode(i));
    }

    /** Mnemonics of the first {@code n} instructions. */
    public List<String> mnemonics(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(n, pcs.length); i++) {
            out.add(decode(i).mnemonic().toLowerCase(java.util.Locale.ROOT));
        }
        return out;
    }
}

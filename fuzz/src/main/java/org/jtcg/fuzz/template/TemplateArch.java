package org.jtcg.fuzz.template;

import org.jtcg.fuzz.FuzzLayout;
import org.jtcg.fuzz.FuzzState;

import java.util.random.RandomGenerator;

/**
 * What a fixed-format architecture (arm64, s390x) tells the shared template generator: where
 * sequences live, what each field letter of its pattern table means, how instruction words become
 * bytes and text, and what a random initial state is.
 */
public interface TemplateArch {
    /** Code and scratch addresses and the terminator. */
    FuzzLayout layout();

    /**
     * The values a field letter may take by default, e.g. the GPRs a generated instruction may write
     * (reserved ones left out), or the scratch base register; null: any bits of the field.
     */
    int[] allowed(char letter);

    /** True for an instruction length (in bits) this architecture has. */
    boolean validWidth(int bits);

    /** The instruction's bytes in memory order. */
    byte[] bytes(long word, int widthBits);

    /** Length in bytes of the instruction starting at {@code code[off]}. */
    int length(byte[] code, int off);

    /** The instruction word of {@code len} bytes at {@code code[off]} (the inverse of {@link #bytes}). */
    long word(byte[] code, int off, int len);

    /** Disassembly of an instruction word at {@code pc}. */
    String disassemble(long word, int widthBits, long pc);

    /** A random initial state (registers with pc at the code start, scratch block). */
    FuzzState randomState(RandomGenerator r);
}

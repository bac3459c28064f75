package org.jtcg.x86.fuzz;

import java.util.List;

/**
 * One generated instruction: a pattern, its operand size and the chosen operands. It is kept in
 * this abstract form (not as bytes) so that a sequence can be re-encoded at other addresses
 * (rip-relative operands) while it is being minimised.
 *
 * @param pattern  the form
 * @param bits     operand size 16/32/64, or 0 for rows without sizes
 * @param args     one per operand form
 * @param extraRex emit a REX prefix (0x40) even if no bit of it is needed
 */
public record FuzzInsn(Pattern pattern, int bits, List<Arg> args, boolean extraRex) {
    public FuzzInsn {
        args = List.copyOf(args);
    }

    /** The encoding at {@code pc}. */
    public byte[] encode(long pc) {
        return X86Encoder.encode(this, pc);
    }

    /** The mnemonic the decoder reports. */
    public String mnemonic() {
        return pattern.mnemonic(bits);
    }
}

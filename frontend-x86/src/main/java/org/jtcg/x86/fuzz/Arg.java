package org.jtcg.x86.fuzz;

/** A concrete operand the generator chose for one operand form of a {@link Pattern}. */
public sealed interface Arg permits Arg.Gpr, Arg.Xmm, Arg.Mem, Arg.Imm, Arg.Implicit {

    /**
     * A general-purpose register.
     *
     * @param num   0..15; for {@code high8} the GPR 0..3 whose bits 8..15 are meant (ah ch dh bh)
     * @param bytes access width 1, 2, 4 or 8
     * @param high8 ah/ch/dh/bh (only without REX)
     */
    record Gpr(int num, int bytes, boolean high8) implements Arg {
        /** True if the encoding needs a REX prefix for this register (r8-r15, or spl/bpl/sil/dil). */
        public boolean needsRex() {
            return num >= 8 || (bytes == 1 && !high8 && num >= 4);
        }
    }

    /** An xmm register 0..15. */
    record Xmm(int num) implements Arg {
    }

    /**
     * A memory operand.
     *
     * @param base        base GPR, or -1 with {@code ripRelative}
     * @param index       index GPR or -1 (never 4)
     * @param scale       1, 2, 4 or 8
     * @param disp        displacement (for rip-relative: unused, see {@code target})
     * @param dispBytes   0, 1 or 4
     * @param ripRelative [rip + disp32] addressing {@code target}
     * @param target      absolute address of a rip-relative operand
     * @param addr32      0x67 prefix: the address is computed at 32 bits
     * @param forceSib    encode a SIB byte even without an index
     * @param bytes       bytes accessed (0 for lea)
     */
    record Mem(int base, int index, int scale, long disp, int dispBytes, boolean ripRelative, long target,
               boolean addr32, boolean forceSib, int bytes) implements Arg {
    }

    /**
     * An immediate.
     *
     * @param value the encoded value (low {@code bytes} bytes are emitted)
     * @param bytes 1, 2, 4 or 8
     */
    record Imm(long value, int bytes) implements Arg {
    }

    /** An operand with no encoding (AL, rAX, CL, the count 1). */
    record Implicit(OperandForm.Kind kind) implements Arg {
    }
}

package org.jtcg.x86.decoder;

/**
 * One operand of a decoded instruction, in Intel order (destination first).
 */
public sealed interface Operand permits Operand.Reg, Operand.Mem, Operand.Imm, Operand.Rel, Operand.Vsib {

    /** Segment register numbers (ModRM.reg encoding), used by {@link Mem#segment()}. */
    int ES = 0, CS = 1, SS = 2, DS = 3, FS = 4, GS = 5;

    /** No base or index register in {@link Mem}. */
    int NONE = -1;

    /**
     * A register.
     *
     * @param kind register file
     * @param num  register number (GPR 0..15, for {@link RegKind#GPR_HIGH8} the GPR 0..3 whose bits
     *             8..15 are meant, xmm 0..15, st(i) 0..7, segment 0..5)
     * @param size access size in bytes (GPR 1/2/4/8, XMM 16, ST 10, SEG 2)
     */
    record Reg(RegKind kind, int num, int size) implements Operand {
    }

    /**
     * A memory operand. The effective address is {@code base + index*scale + disp} computed at
     * {@code addressSize} bytes, or for {@code ripRelative} {@code nextPc + disp}
     * (see {@link DecodedInsn#ripTarget()}), then offset by the FS/GS base when {@code segment} is
     * {@link #FS} or {@link #GS} (other segments have base 0 in 64-bit mode).
     *
     * @param segment     segment override prefix, or the implied segment of string operands, or
     *                    {@link #NONE}
     * @param base        base GPR 0..15 or {@link #NONE}
     * @param index       index GPR 0..15 or {@link #NONE}
     * @param scale       1, 2, 4 or 8
     * @param disp        displacement, sign-extended to 64 bits (a 64-bit moffs is used as is)
     * @param ripRelative true for [rip+disp32]
     * @param addressSize 8, or 4 with the 0x67 prefix (registers are then read at 32 bits and the
     *                    sum is truncated to 32 bits)
     * @param size        bytes accessed (1, 2, 4, 8, 10, 16), or 0 where the instruction defines its
     *                    own layout or touches no memory (lea, prefetch-less forms, fxsave, fldenv)
     * @param dispSize    encoded displacement size 0, 1, 4 or 8 (for disassembly)
     */
    record Mem(int segment, int base, int index, int scale, long disp, boolean ripRelative,
               int addressSize, int size, int dispSize) implements Operand {
    }

    /**
     * A VSIB memory operand (AVX2 gathers): one address per element, {@code base + index[i]*scale + disp},
     * where the index is a vector register of signed dword or qword elements.
     *
     * @param address     base, scale, displacement, segment and address size as for {@link Mem}; its
     *                    {@code index} is the vector register number 0..15 and {@code size} the element size
     * @param indexKind   {@link RegKind#XMM} or {@link RegKind#YMM}: the register the indices are in
     */
    record Vsib(Mem address, RegKind indexKind) implements Operand {
    }

    /**
     * An immediate.
     *
     * @param value the value, sign- or zero-extended to 64 bits as the instruction defines
     * @param size  the width the value applies at (operand size for sign-extended forms, 1 for
     *              imm8 shift counts and SSE control bytes); 0 for the implicit constant 1 of the
     *              D0-D3 shifts
     */
    record Imm(long value, int size) implements Operand {
    }

    /**
     * A relative branch target.
     *
     * @param target       absolute target: address of the next instruction + displacement
     * @param displacement the encoded displacement, sign-extended
     */
    record Rel(long target, long displacement) implements Operand {
    }
}

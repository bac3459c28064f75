package org.jtcg.x86.decoder;

/**
 * How one operand of a table row is encoded: an addressing method (Intel SDM appendix A letters)
 * and a size code. Parsed once from the {@code opcodes.tbl} operand column.
 *
 * @param kind    addressing method
 * @param size    size in bytes, or one of the symbolic {@code S_*} codes resolved per instruction
 * @param fixedReg register number for {@link Kind#FIXED}
 */
record OperandSpec(Kind kind, int size, int fixedReg) {

    /** Addressing methods. */
    enum Kind {
        /** ModRM.rm: GPR or memory. */ E,
        /** ModRM.reg: GPR. */ G,
        /** ModRM.rm: memory only. */ M,
        /** ModRM.rm: GPR only. */ R,
        /** ModRM.reg: xmm. */ V,
        /** ModRM.rm: xmm or memory. */ W,
        /** ModRM.rm: xmm only. */ U,
        /** ModRM.reg: segment register. */ S,
        /** Immediate, zero-extended for imm8, otherwise sign-extended to the operand size. */ I,
        /** imm8 sign-extended to the operand size. */ IS,
        /** Relative branch displacement. */ J,
        /** moffs: absolute address of address-size width (A0-A3). */ O,
        /** GPR in the low 3 opcode bits, extended by REX.B. */ Z,
        /** A fixed GPR (AL, CL, DX, AX, rAX). */ FIXED,
        /** x87 stack top st(0) named explicitly. */ ST0,
        /** x87 st(i) from ModRM.rm. */ STI,
        /** The constant 1 of the D0-D3 shifts. */ ONE,
        /** String source ds:[rsi]. */ X,
        /** String destination es:[rdi]. */ Y,
        /** VEX.vvvv: xmm or ymm register (the extra source of 3-operand VEX forms). */ H,
        /** VEX.vvvv: GPR (BMI forms). */ B,
        /** imm8[7:4]: xmm or ymm register (is4 operand of vblendv*). */ L,
        /** VSIB memory (gathers): size = element bytes, fixedReg = index register: 0 xmm, 1 xmm/ymm by VEX.L. */ VSIB
    }

    /** Operand size (2, 4, 8). */
    static final int S_V = -1;
    /** 4, or 8 with REX.W. */
    static final int S_Y = -2;
    /** min(operand size, 4): imm16/imm32. */
    static final int S_Z = -3;
    /** 8, or 16 with REX.W (cmpxchg8b / cmpxchg16b). */
    static final int S_QO = -4;
    /** 4-byte register or 2-byte memory (pinsrw). */
    static final int S_DW = -5;
    /** Operand-size register or 2-byte memory (mov to/from segment registers). */
    static final int S_VW = -6;
    /** 4-byte register or 1-byte memory (pinsrb, pextrb). */
    static final int S_DB = -7;

    /** 16, or 32 with VEX.L (xmm/ymm by vector length). */
    static final int S_L = -8;
    /** 8, or 16 with VEX.L (the half-width source of widening conversions). */
    static final int S_H = -9;

    /** Parses one operand code such as {@code Ev}, {@code Ibs}, {@code rAX}, {@code STi}. */
    static OperandSpec parse(String code) {
        switch (code) {
            case "AL": return new OperandSpec(Kind.FIXED, 1, 0);
            case "CL": return new OperandSpec(Kind.FIXED, 1, 1);
            case "AX": return new OperandSpec(Kind.FIXED, 2, 0);
            case "DX": return new OperandSpec(Kind.FIXED, 2, 2);
            case "rAX": return new OperandSpec(Kind.FIXED, S_V, 0);
            case "ST": return new OperandSpec(Kind.ST0, 10, 0);
            case "STi": return new OperandSpec(Kind.STI, 10, 0);
            case "1": return new OperandSpec(Kind.ONE, 0, 0);
            case "Ibs": return new OperandSpec(Kind.IS, 1, 0);
            // VSIB: element dword/qword; indices in an xmm (x) or in xmm/ymm by VEX.L (l)
            case "VSdx": return new OperandSpec(Kind.VSIB, 4, 0);
            case "VSdl": return new OperandSpec(Kind.VSIB, 4, 1);
            case "VSqx": return new OperandSpec(Kind.VSIB, 8, 0);
            case "VSql": return new OperandSpec(Kind.VSIB, 8, 1);
            default: break;
        }
        if (code.isEmpty()) {
            throw new IllegalArgumentException("empty operand code");
        }
        Kind kind;
        try {
            kind = Kind.valueOf(code.substring(0, 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown addressing method in operand code '" + code + "'");
        }
        return new OperandSpec(kind, parseSize(code.substring(1), code), 0);
    }

    private static int parseSize(String s, String code) {
        return switch (s) {
            case "" -> 0;
            case "b" -> 1;
            case "w" -> 2;
            case "d" -> 4;
            case "q" -> 8;
            case "t" -> 10;
            case "x", "o" -> 16;
            case "v" -> S_V;
            case "y" -> S_Y;
            case "z" -> S_Z;
            case "qo" -> S_QO;
            case "dw" -> S_DW;
            case "vw" -> S_VW;
            case "db" -> S_DB;
            case "l" -> S_L;
            case "h" -> S_H;
            default -> throw new IllegalArgumentException("unknown size '" + s + "' in operand code '" + code + "'");
        };
    }

    /** True for methods that need a ModRM byte. */
    boolean usesModrm() {
        return switch (kind) {
            case E, G, M, R, V, W, U, S, STI, VSIB -> true;
            default -> false;
        };
    }

    /** True for SSE register operands: their rows are selected by mandatory prefixes. */
    boolean isXmm() {
        return kind == Kind.V || kind == Kind.W || kind == Kind.U || kind == Kind.H || kind == Kind.L;
    }
}

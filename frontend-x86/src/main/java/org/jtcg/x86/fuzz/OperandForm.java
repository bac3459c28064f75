package org.jtcg.x86.fuzz;

import java.util.Locale;

/**
 * One operand of a pattern-table row: how it is encoded ({@link Kind}) and its size code, in the
 * Intel SDM appendix-A style the decoder table also uses ({@code Ev}, {@code Gb}, {@code Wx}, {@code Ibs}...).
 *
 * @param kind     encoding
 * @param sizeCode b w d q x qq (32 bytes: a ymm register or m256) v y z dw, or "" for fixed operands
 */
public record OperandForm(Kind kind, String sizeCode) {
    /** Operand encodings. */
    public enum Kind {
        /** GPR or memory through ModRM.rm. */ E,
        /** GPR in ModRM.reg. */ G,
        /** GPR through ModRM.rm, register form only. */ R,
        /** Memory through ModRM.rm only. */ M,
        /** Address only (lea): any base/index registers, nothing is accessed. */ MA,
        /** GPR in the low 3 opcode bits (+r). */ Z,
        /** XMM in ModRM.reg. */ V,
        /** XMM or memory through ModRM.rm. */ W,
        /** GPR in VEX.vvvv (BMI). */ B,
        /** XMM in VEX.vvvv (the extra source of 3-operand VEX forms). */ H,
        /** XMM through ModRM.rm, register form only. */ U,
        /** Immediate. */ I,
        /** Sign-extended imm8. */ IBS,
        /** AL, implicit. */ AL,
        /** rAX at the operand size, implicit. */ RAX,
        /** CL, implicit. */ CL,
        /** The implicit count 1 of the D0-D3 shifts. */ ONE
    }

    /** Parses an operand code such as {@code Ev}, {@code Ibs}, {@code Ma}, {@code rAX}. */
    public static OperandForm parse(String code) {
        switch (code) {
            case "AL": return new OperandForm(Kind.AL, "b");
            case "rAX": return new OperandForm(Kind.RAX, "v");
            case "CL": return new OperandForm(Kind.CL, "b");
            case "1": return new OperandForm(Kind.ONE, "");
            case "Ibs": return new OperandForm(Kind.IBS, "b");
            case "Ma": return new OperandForm(Kind.MA, "");
            default: break;
        }
        if (code.length() < 2) {
            throw new IllegalArgumentException("unknown operand '" + code + "'");
        }
        Kind k;
        try {
            k = Kind.valueOf(code.substring(0, 1).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown operand '" + code + "'");
        }
        String size = code.substring(1);
        if (!size.matches("b|w|d|q|x|qq|v|y|z|dw|db")) {
            throw new IllegalArgumentException("unknown size '" + size + "' in operand '" + code + "'");
        }
        if ((k == Kind.V || k == Kind.U || k == Kind.H) && !size.equals("x") && !size.equals("qq")) {
            throw new IllegalArgumentException("xmm register operand '" + code + "' must be size x (xmm) or qq (ymm)");
        }
        if (size.equals("qq") && !(k == Kind.V || k == Kind.U || k == Kind.H || k == Kind.W)) {
            throw new IllegalArgumentException("size qq is for vector operands only: '" + code + "'");
        }
        if (k == Kind.IBS || k == Kind.MA || k == Kind.AL || k == Kind.RAX || k == Kind.CL || k == Kind.ONE) {
            throw new IllegalArgumentException("unknown operand '" + code + "'");
        }
        return new OperandForm(k, size);
    }

    /** Register width in bytes for a GPR operand at operand size {@code opBytes}. */
    public int regBytes(int opBytes) {
        return switch (sizeCode) {
            case "b" -> 1;
            case "w" -> 2;
            case "d", "dw", "db" -> 4;
            case "q" -> 8;
            case "x" -> 16;
            case "qq" -> 32;
            case "v", "y" -> opBytes;
            case "z" -> Math.min(opBytes, 4);
            default -> 0;
        };
    }

    /** Bytes a memory operand of this form accesses at operand size {@code opBytes}. */
    public int memBytes(int opBytes) {
        return sizeCode.equals("dw") ? 2 : sizeCode.equals("db") ? 1 : regBytes(opBytes);
    }

    /** Immediate width in bytes at operand size {@code opBytes} (Iv of mov r64 is 8). */
    public int immBytes(int opBytes) {
        if (kind == Kind.IBS) {
            return 1;
        }
        return sizeCode.equals("v") ? opBytes : regBytes(opBytes);
    }

    public boolean isXmm() {
        return kind == Kind.V || kind == Kind.U || kind == Kind.W || kind == Kind.H;
    }

    public boolean usesModrmRm() {
        return kind == Kind.E || kind == Kind.R || kind == Kind.M || kind == Kind.MA || kind == Kind.W || kind == Kind.U;
    }

    public boolean isImmediate() {
        return kind == Kind.I || kind == Kind.IBS;
    }
}

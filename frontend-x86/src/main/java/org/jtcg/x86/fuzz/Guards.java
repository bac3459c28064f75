package org.jtcg.x86.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * Instructions placed before a guarded form so that it rarely faults. For {@code div}
 * ({@code guard=divu}): the divisor is made odd ({@code or src, 1}) and the high half of the
 * dividend cleared ({@code movzx eax, al} for 8 bits, else {@code xor edx, edx}), so the quotient
 * always fits. For {@code idiv} ({@code guard=divs}): odd divisor, and the dividend sign-extended
 * ({@code cbw/cwd/cdq/cqo}), which leaves only MIN / -1 to fault (then both engines must raise
 * SIGFPE at the same instruction). The divisor is never rax or rdx (the generator sees to that).
 */
final class Guards {
    private final Pattern orImm8, orByteImm, xorGv, movzxGvEb, cbw, cwd;

    Guards(PatternTable fullTable) {
        orImm8 = find(fullTable, "or", 0x83);
        orByteImm = find(fullTable, "or", 0x80);
        xorGv = find(fullTable, "xor", 0x33);
        movzxGvEb = find(fullTable, "movzx", 0xb6);
        cbw = find(fullTable, "cbw/cwde/cdqe", 0x98);
        cwd = find(fullTable, "cwd/cdq/cqo", 0x99);
    }

    private static Pattern find(PatternTable t, String name, int lastOpcodeByte) {
        for (Pattern p : t.patterns()) {
            byte[] op = p.opcode();
            if (p.name().equals(name) && (op[op.length - 1] & 0xff) == lastOpcodeByte && p.mandatoryPrefix() == 0) {
                return p;
            }
        }
        throw new IllegalStateException("pattern table lacks " + name + " (opcode " + Integer.toHexString(lastOpcodeByte)
                + ") needed by the division guards");
    }

    /** The guard instructions for {@code insn} (empty for unguarded forms). */
    List<FuzzInsn> before(FuzzInsn insn) {
        String g = insn.pattern().guard();
        if (g == null) {
            return List.of();
        }
        Arg divisor = insn.args().get(0);
        int bits = insn.bits();
        List<FuzzInsn> out = new ArrayList<>();
        if (bits == 0) { // 8-bit: AX / r/m8
            out.add(new FuzzInsn(orByteImm, 0, List.of(divisor, new Arg.Imm(1, 1)), false));
            if (g.equals("divu")) {
                out.add(new FuzzInsn(movzxGvEb, 32, List.of(new Arg.Gpr(0, 4, false), new Arg.Gpr(0, 1, false)), false));
            } else {
                out.add(new FuzzInsn(cbw, 16, List.of(), false));
            }
        } else {
            out.add(new FuzzInsn(orImm8, bits, List.of(divisor, new Arg.Imm(1, 1)), false));
            if (g.equals("divu")) {
                out.add(new FuzzInsn(xorGv, 32, List.of(new Arg.Gpr(2, 4, false), new Arg.Gpr(2, 4, false)), false));
            } else {
                out.add(new FuzzInsn(cwd, bits, List.of(), false));
            }
        }
        return out;
    }
}

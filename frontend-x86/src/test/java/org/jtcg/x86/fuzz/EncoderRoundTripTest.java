package org.jtcg.x86.fuzz;

import org.jtcg.x86.decoder.DecodeStatus;
import org.jtcg.x86.decoder.DecodedInsn;
import org.jtcg.x86.decoder.Operand;
import org.jtcg.x86.decoder.RegKind;
import org.jtcg.x86.decoder.X86Decoder;
import org.jtcg.x86.decoder.X86Disassembler;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Every encoding the fuzzer produces decodes (X86Decoder) to the intended instruction and operands. */
class EncoderRoundTripTest {
    private static final PatternTable TABLE = PatternTable.builtIn();

    @Test
    void everyPatternRoundTripsManyTimes() {
        SequenceGenerator gen = new SequenceGenerator(TABLE, MaskTable.load(), 1);
        SplittableRandom r = new SplittableRandom(7);
        int checked = 0;
        for (Pattern p : TABLE.patterns()) {
            for (int k = 0; k < 40; k++) {
                InitialState init = InitialState.random(r);
                FuzzInsn insn = gen.instantiate(r, p, init);
                if (insn == null) {
                    continue;
                }
                check(insn, X86FuzzLayout.CODE + r.nextInt(4096));
                checked++;
            }
        }
        assertTrue(checked > 10 * TABLE.patterns().size(), "checked " + checked);
    }

    @Test
    void generatedSequencesRoundTrip() {
        SequenceGenerator gen = new SequenceGenerator(TABLE, MaskTable.load(), 30);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            X86FuzzCase c = gen.generate(99, i);
            X86FuzzCase.Code code = c.encode();
            List<FuzzInsn> insns = c.instructions();
            byte[] bytes = code.bytes();
            for (int k = 0; k < insns.size(); k++) {
                long pc = code.pcs()[k];
                int off = (int) (pc - X86FuzzLayout.CODE);
                DecodedInsn d = X86Decoder.decode(bytes, off, bytes.length - off, pc);
                long next = k + 1 < insns.size() ? code.pcs()[k + 1] : X86FuzzLayout.CODE + bytes.length;
                int kk = k;
                assertEquals(next - pc, d.length(), () -> "length at " + Long.toHexString(pc) + ": " + insns.get(kk) + " decoded as " + d);
                compare(insns.get(k), d);
                seen.add(insns.get(k).mnemonic());
            }
        }
        assertTrue(seen.size() > 150, "distinct mnemonics " + seen.size());
    }

    @Test
    void tableCoversTheBriefsForms() {
        Set<String> names = new HashSet<>();
        TABLE.patterns().forEach(p -> names.addAll(List.of(p.name().split("/"))));
        for (String n : List.of("add", "imul", "shl", "bt", "cmovb", "sete", "bsf", "bsr", "tzcnt", "lzcnt", "popcnt", "xadd",
                "cmpxchg", "neg", "not", "inc", "dec", "adc", "sbb", "rcl", "rcr", "shld", "shrd", "lea", "movzx", "movsx",
                "bswap", "mul", "div", "idiv", "pxor", "paddb", "pcmpeqb", "pminub", "pmovmskb", "addsd", "mulps",
                "cvtsi2sd", "cvttsd2si", "ucomisd")) {
            assertTrue(names.contains(n), n);
        }
    }

    static void check(FuzzInsn insn, long pc) {
        byte[] b = insn.encode(pc);
        DecodedInsn d = X86Decoder.decode(b, pc);
        if (d.status() != DecodeStatus.OK || d.length() != b.length) {
            fail(insn.pattern() + " encoded as " + HexFormat.of().formatHex(b) + " decodes as " + d.status() + " length "
                    + d.length() + ": " + X86Disassembler.format(d));
        }
        compare(insn, d);
    }

    static void compare(FuzzInsn insn, DecodedInsn d) {
        String text = HexFormat.of().formatHex(d.bytes()) + " = " + X86Disassembler.format(d) + " for " + insn;
        assertEquals(insn.mnemonic(), d.mnemonic().toLowerCase(), text);
        Pattern p = insn.pattern();
        assertEquals(p.operands().size(), d.operandCount(), text);
        for (int i = 0; i < d.operandCount(); i++) {
            Arg a = insn.args().get(i);
            Operand o = d.operand(i);
            int opBytes = insn.bits() / 8;
            if (a instanceof Arg.Gpr g) {
                Operand.Reg reg = (Operand.Reg) o;
                assertEquals(g.high8() ? RegKind.GPR_HIGH8 : RegKind.GPR, reg.kind(), text);
                assertEquals(g.num(), reg.num(), text);
                assertEquals(g.bytes(), reg.size(), text);
            } else if (a instanceof Arg.Xmm x) {
                Operand.Reg reg = (Operand.Reg) o;
                // a qq operand of a 256-bit (VEX.L = 1) row is the whole ymm register
                assertEquals(p.operands().get(i).sizeCode().equals("qq") ? RegKind.YMM : RegKind.XMM, reg.kind(), text);
                assertEquals(x.num(), reg.num(), text);
            } else if (a instanceof Arg.Mem m) {
                Operand.Mem mem = (Operand.Mem) o;
                assertEquals(m.ripRelative(), mem.ripRelative(), text);
                assertEquals(m.addr32() ? 4 : 8, mem.addressSize(), text);
                if (m.ripRelative()) {
                    long target = d.ripTarget();
                    assertEquals(m.addr32() ? m.target() & 0xffff_ffffL : m.target(), m.addr32() ? target & 0xffff_ffffL : target, text);
                } else {
                    assertEquals(m.base(), mem.base(), text);
                    assertEquals(m.index(), mem.index(), text);
                    if (m.index() >= 0) {
                        assertEquals(m.scale(), mem.scale(), text);
                    }
                    assertEquals(m.disp(), mem.disp(), text);
                }
                if (m.bytes() != 0) {
                    assertEquals(m.bytes(), mem.size(), text);
                }
            } else if (a instanceof Arg.Imm imm) {
                Operand.Imm v = (Operand.Imm) o;
                long mask = imm.bytes() == 8 ? -1L : (1L << (8 * imm.bytes())) - 1;
                assertEquals(imm.value() & mask, v.value() & mask, text);
            } else if (a instanceof Arg.Implicit imp) {
                switch (imp.kind()) {
                    case AL -> assertEquals(new Operand.Reg(RegKind.GPR, 0, 1), o, text);
                    case RAX -> assertEquals(new Operand.Reg(RegKind.GPR, 0, opBytes), o, text);
                    case CL -> assertEquals(new Operand.Reg(RegKind.GPR, 1, 1), o, text);
                    case ONE -> assertEquals(1, ((Operand.Imm) o).value(), text);
                    default -> fail(text);
                }
            }
        }
    }
}

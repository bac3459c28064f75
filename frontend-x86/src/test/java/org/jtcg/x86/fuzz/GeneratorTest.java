package org.jtcg.x86.fuzz;

import org.jtcg.fuzz.ArchFuzzer;
import org.jtcg.fuzz.FuzzTarget;
import org.jtcg.fuzz.Program;
import org.jtcg.fuzz.Reproducer;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Determinism by seed, the generator's constraints, the table parser and the reproducer format. */
class GeneratorTest {
    private static final MaskTable MASKS = MaskTable.load();
    private static final SequenceGenerator GEN = new SequenceGenerator(PatternTable.builtIn(), MASKS, 25);

    @Test
    void sameSeedAndIndexGiveTheSameCase() {
        for (int i = 0; i < 50; i++) {
            X86FuzzCase a = GEN.generate(1234, i), b = GEN.generate(1234, i);
            assertArrayEquals(a.encode().bytes(), b.encode().bytes());
            assertEquals(a.init().registers(), b.init().registers());
            assertArrayEquals(a.init().scratch(), b.init().scratch());
        }
        // independent of generation order
        X86FuzzCase late = GEN.generate(1234, 40);
        GEN.generate(1234, 3);
        assertArrayEquals(late.encode().bytes(), GEN.generate(1234, 40).encode().bytes());
    }

    @Test
    void otherSeedsOrIndicesDiffer() {
        Set<String> codes = new HashSet<>();
        for (int s = 0; s < 5; s++) {
            for (int i = 0; i < 20; i++) {
                codes.add(java.util.HexFormat.of().formatHex(GEN.generate(s, i).encode().bytes()));
            }
        }
        assertEquals(100, codes.size());
    }

    @Test
    void reservedRegistersAreNeverWrittenAndFlagsNeverReadUndefined() {
        for (int i = 0; i < 300; i++) {
            X86FuzzCase c = GEN.generate(5, i);
            assertTrue(FlagTracker.valid(MASKS, c.instructions()), "case " + i);
            for (FuzzInsn insn : c.instructions()) {
                Pattern p = insn.pattern();
                if (p.readOnly()) {
                    continue;
                }
                for (int k = 0; k < insn.args().size(); k++) {
                    boolean written = k == 0 || (k == 1 && p.writesSecond());
                    if (written && insn.args().get(k) instanceof Arg.Gpr g && !g.high8()) {
                        assertFalse(X86FuzzLayout.reserved(g.num()), insn.toString());
                    }
                }
            }
        }
    }

    @Test
    void memoryOperandsStayInTheScratchBlockAndAligned() {
        for (int i = 0; i < 300; i++) {
            X86FuzzCase c = GEN.generate(6, i);
            long r14 = c.init().gpr(X86FuzzLayout.INDEX_REG);
            for (FuzzInsn insn : c.instructions()) {
                for (Arg a : insn.args()) {
                    if (a instanceof Arg.Mem m && m.bytes() > 0) {
                        long ea = m.ripRelative() ? m.target()
                                : X86FuzzLayout.BASE_VALUE + (m.index() < 0 ? 0 : r14 * m.scale()) + m.disp();
                        assertTrue(ea >= X86FuzzLayout.SCRATCH && ea + m.bytes() <= X86FuzzLayout.SCRATCH + X86FuzzLayout.SCRATCH_SIZE,
                                insn + " at " + Long.toHexString(ea));
                        if (insn.pattern().aligned16()) {
                            assertEquals(0, ea % 16, insn.toString());
                        }
                    }
                }
            }
        }
    }

    @Test
    void divisionsComeWithGuards() {
        int seen = 0;
        for (int i = 0; i < 200; i++) {
            for (List<FuzzInsn> item : GEN.generate(8, i).items()) {
                FuzzInsn last = item.get(item.size() - 1);
                if (last.pattern().guard() != null) {
                    seen++;
                    assertEquals(3, item.size(), item.toString());
                    assertEquals(last.args().get(0), item.get(0).args().get(0), "the guard makes the divisor odd");
                }
            }
        }
        assertTrue(seen > 10, "divisions generated: " + seen);
    }

    @Test
    void flagTrackerFollowsTheMaskTable() {
        PatternTable t = PatternTable.builtIn();
        Pattern and = t.patterns().stream().filter(p -> p.name().equals("and") && p.opcode()[0] == 0x21).findFirst().orElseThrow();
        Pattern adc = t.patterns().stream().filter(p -> p.name().equals("adc") && p.opcode()[0] == 0x11).findFirst().orElseThrow();
        Pattern lahf = t.patterns().stream().filter(p -> p.name().equals("lahf")).findFirst().orElseThrow();
        FuzzInsn andInsn = new FuzzInsn(and, 32, List.of(new Arg.Gpr(0, 4, false), new Arg.Gpr(3, 4, false)), false);
        FuzzInsn adcInsn = new FuzzInsn(adc, 32, List.of(new Arg.Gpr(0, 4, false), new Arg.Gpr(3, 4, false)), false);
        FuzzInsn lahfInsn = new FuzzInsn(lahf, 0, List.of(), false);
        FlagTracker f = new FlagTracker(MASKS);
        f.apply(andInsn);
        assertEquals(FlagBits.AF, f.undefined());
        assertTrue(f.canRun(adcInsn));
        assertFalse(f.canRun(lahfInsn), "lahf reads AF");
        f.apply(adcInsn);
        assertEquals(0, f.undefined());
    }

    @Test
    void tableErrorsNameTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PatternTable.parse(List.of("# c", "add | 01 /r | Ev,Gv | 16,32,64 | w=OSZAPQ")));
        assertTrue(e.getMessage().contains(":2:") && e.getMessage().contains("'Q'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PatternTable.parse(List.of("add | 01 | Ev,Gv | 16 | ")));
        assertTrue(e.getMessage().contains("ModRM"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PatternTable.builtIn().only(List.of("avx512")));
    }

    @Test
    void reproducerRoundTrips() {
        X86FuzzCase c = GEN.generate(77, 3);
        Program p = c.program();
        ArchFuzzer fuzzer = new X86FuzzTarget().open(FuzzTarget.Selection.all(25));
        Reproducer r = new Reproducer("x86_64", List.of("interp", "jit"), 77, 3, c.init(), p, List.of("note"));
        String text = r.format(fuzzer);
        assertTrue(text.contains("\narch x86_64\n") && text.contains("\ngpr 15 0x10001000\n"), text);
        Reproducer back = Reproducer.parse(text.lines().toList(), fuzzer);
        assertEquals(List.of("interp", "jit"), back.engines());
        assertEquals(77, back.seed());
        assertEquals(3, back.index());
        assertArrayEquals(p.code(), back.program().code());
        assertArrayEquals(p.pcs(), back.program().pcs());
        assertArrayEquals(p.undefinedAfter(), back.program().undefinedAfter());
        assertEquals(c.init().registers(), back.init().registers());
        assertArrayEquals(c.init().scratch(), back.init().scratch());
        assertNotEquals(0, p.size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Reproducer.parse(List.of("jtcg-fuzz-reproducer 1", "gpr 3 zz"), fuzzer));
        assertTrue(e.getMessage().startsWith("line 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Reproducer.parse(List.of("hello"), fuzzer));
        e = assertThrows(IllegalArgumentException.class, () -> Reproducer.parse(List.of("jtcg-fuzz-reproducer 1", "arch s390x"), fuzzer));
        assertTrue(e.getMessage().contains("expected x86_64"), e.getMessage());
    }
}

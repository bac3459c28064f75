package org.jtcg.fuzz.template;

import org.jtcg.cpreg.RegisterList;
import org.jtcg.cpreg.X86Registers;
import org.jtcg.fuzz.FuzzLayout;
import org.jtcg.fuzz.FuzzState;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fixed-format table parser and generator on a toy 16/32-bit architecture (no frontend). */
class TemplateTableTest {
    /** Letters: r = register 0..7 without 5; everything else random bits. Big-endian bytes. */
    static final TemplateArch TOY = new TemplateArch() {
        @Override
        public FuzzLayout layout() {
            return new FuzzLayout(0x1000, 0x1000, 0x10000, 0x1000, new byte[2], 4);
        }

        @Override
        public int[] allowed(char letter) {
            return letter == 'r' ? new int[] {0, 1, 2, 3, 4, 6, 7} : null;
        }

        @Override
        public boolean validWidth(int bits) {
            return bits == 16 || bits == 32;
        }

        @Override
        public byte[] bytes(long word, int widthBits) {
            byte[] b = new byte[widthBits / 8];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (word >>> (widthBits - 8 - 8 * i));
            }
            return b;
        }

        @Override
        public int length(byte[] code, int off) {
            return (code[off] & 0x80) != 0 ? 4 : 2;
        }

        @Override
        public long word(byte[] code, int off, int len) {
            long w = 0;
            for (int i = 0; i < len; i++) {
                w = w << 8 | (code[off + i] & 0xff);
            }
            return w;
        }

        @Override
        public String disassemble(long word, int widthBits, long pc) {
            return String.format("op%d 0x%x", widthBits, word);
        }

        @Override
        public FuzzState randomState(RandomGenerator r) {
            return new RegisterState(RegisterList.builder().put(X86Registers.gpr(0), r.nextLong()).build(), new byte[0x1000]);
        }
    };

    static final String TABLE = """
            # comment
            small | a | 0000 r:3 i:9                     |
            pair  | b | 1000 r:3 s:3 0 00000 i:16         | distinct=rs i=0..3,8..10/2
            item  | b | 0001 r:3 000000000 ; 1111 r:3 x:1 s:3 q:2 q:2 00000000000000000 | x=1
            """;

    @Test
    void parsesFieldsConstraintsAndItems() {
        TemplateTable t = TemplateTable.parse(TABLE, "toy", TOY);
        assertEquals(List.of("small", "pair", "item"), t.names());
        assertEquals(List.of("a", "b"), t.groups());
        InsnTemplate pair = t.rows().get(1);
        assertEquals(0x8000_0000L, pair.words().get(0).fixed());
        assertArrayEquals(new int[] {0, 1, 2, 3, 8, 10}, pair.constraints().get('i'));
        assertEquals(List.of(16, 32), t.rows().get(2).widths());
        assertEquals(1, t.only(List.of("a")).rows().size());
        assertEquals(List.of("small"), t.without(List.of("pa*", "item")).names());
    }

    @Test
    void badRowsNameTheLine() {
        String[] bad = {
            "x | a | 0000 r:3 i:8 |",               // 15 bits
            "x | a | 0000 r:3 i:9 | z=1",           // no field z
            "x | a | 0000 r:3 i:9 | r=5",           // no value left for r
            "x | a | 0000 r:3 q:9",                 // three columns
            "x | a | 0000 r:3 i:9 |\nx | a | 0000 r:3 i:9 |", // duplicate
        };
        for (String b : bad) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> TemplateTable.parse(b, "toy", TOY), b);
            assertTrue(e.getMessage().startsWith("toy:"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> TemplateTable.parse(TABLE, "toy", TOY).without(List.of("nope")));
        assertThrows(IllegalArgumentException.class, () -> TemplateTable.parse(TABLE, "toy", TOY).only(List.of("nope")));
    }

    @Test
    void generatedCasesAreDeterministicAndKeepConstraints() {
        TemplateTable t = TemplateTable.parse(TABLE, "toy", TOY);
        TemplateGenerator g = new TemplateGenerator(t, TOY, 30);
        assertEquals(g.generate(7, 3).instructions(), g.generate(7, 3).instructions());
        assertNotEquals(g.generate(7, 3).instructions(), g.generate(7, 4).instructions());
        Set<Long> seenRegs = new HashSet<>();
        for (int c = 0; c < 50; c++) {
            TemplateCase k = g.generate(1, c);
            for (List<TemplateCase.Insn> item : k.items()) {
                for (TemplateCase.Insn in : item) {
                    long w = in.word();
                    long r = in.width() == 16 ? w >>> 9 & 7 : w >>> 25 & 7;
                    assertNotEquals(5, r, "r never 5: " + in);
                    seenRegs.add(r);
                    if (in.row().equals("pair")) {
                        assertNotEquals(r, w >>> 22 & 7, "distinct r, s");
                        assertTrue(Set.of(0L, 1L, 2L, 3L, 8L, 10L).contains(w & 0xffff), "i constrained");
                    }
                }
                if (item.get(0).row().equals("item")) {
                    long first = item.get(0).word(), second = item.get(1).word();
                    assertEquals(first >>> 9 & 7, second >>> 25 & 7, "shared letter r");
                    assertEquals(1, second >>> 24 & 1, "x=1");
                    assertEquals(second >>> 19 & 3, second >>> 17 & 3, "q repeated");
                }
            }
            var p = k.program();
            assertEquals(k.instructionCount(), p.size());
            assertEquals(p.texts(), new TemplateFuzzerProbe(t).program(p.code(), p.pcs(), new int[p.size()]).texts(), "bytes decode back");
        }
        assertEquals(7, seenRegs.size());
    }

    @Test
    void registerStateLinesRoundTrip() {
        RegisterList regs = RegisterList.builder().put(X86Registers.gpr(3), -2L).put(X86Registers.xmm(1), 0x1234L, 0xfedcba9876543210L)
                .put(X86Registers.RFLAGS, 0x202).build();
        RegisterState s = new RegisterState(regs, new byte[16]);
        List<String> lines = s.lines();
        assertTrue(lines.contains("reg x86.xmm1 0xfedcba9876543210_0000000000001234"), lines.toString());
        RegisterState back = RegisterState.parse(lines.stream().map(l -> l.split("\\s+")).toList(), new byte[16]);
        assertEquals(regs, back.registers());
        assertThrows(IllegalArgumentException.class, () -> RegisterState.parse(List.<String[]>of(new String[] {"reg", "x86.rax"}), new byte[16]));
    }

    /** A TemplateFuzzer over the toy architecture (for program-from-bytes). */
    private static final class TemplateFuzzerProbe {
        private final TemplateFuzzer f;

        TemplateFuzzerProbe(TemplateTable t) {
            f = new TemplateFuzzer(null, TOY, t, 5, List.of(), null, java.util.Map.of());
        }

        org.jtcg.fuzz.Program program(byte[] code, long[] pcs, int[] undefined) {
            return f.program(code, pcs, undefined);
        }
    }
}

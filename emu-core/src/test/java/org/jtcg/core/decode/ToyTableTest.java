package org.jtcg.core.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The made-up 16-bit ISA in toy16.decode: fields, formats, groups, features, unallocated encodings. */
class ToyTableTest {
    private static final DecodeTable TABLE = DecodeTable.load(ToyTableTest.class, "toy16.decode");
    private static final Decoder ALL = TABLE.decoder(Set.of("fpu", "sys"));
    private static final Decoder NONE = TABLE.decoder(Set.of());

    private final long[] args = TABLE.newArgumentArray();

    private String decode(Decoder decoder, int insn) {
        int id = decoder.decode(insn, args);
        return id == Decoder.UNALLOCATED ? "unallocated" : decoder.pattern(id).name();
    }

    private long arg(String name) {
        return args[TABLE.slot(name)];
    }

    @Test
    void formatFillsItsFields() {
        assertEquals("ADD", decode(ALL, 0b0000_101_011_110_000));
        assertEquals(5, arg("ra"));
        assertEquals(3, arg("rb"));
        assertEquals(6, arg("rc"));
        assertEquals(List.of("ra", "rb", "rc"), TABLE.pattern("ADD").arguments());
    }

    @Test
    void signedFieldUnderAnotherArgumentName() {
        assertEquals("ADDI", decode(ALL, 0b0001_001_010_111110));
        assertEquals(-2, arg("imm"));
        assertEquals("ADDI", decode(ALL, 0b0001_001_010_011111));
        assertEquals(31, arg("imm"));
        assertEquals("ADDI", decode(ALL, 0b0001_001_010_100000));
        assertEquals(-32, arg("imm"));
    }

    @Test
    void constantsAndUnsignedFields() {
        assertEquals("LI", decode(ALL, 0b0010_011_0_11111111));
        assertEquals(255, arg("imm"));
        assertEquals(0, arg("high"));
        assertEquals("LUI", decode(ALL, 0b0010_011_1_10000000));
        assertEquals(128, arg("imm"));
        assertEquals(1, arg("high"));
    }

    @Test
    void shiftedSignedDisplacement() {
        assertEquals("BR", decode(ALL, 0b0011_0_11111111111));
        assertEquals(-2, arg("disp11"));
        assertEquals("CALL", decode(ALL, 0b0011_1_01111111111));
        assertEquals(2046, arg("disp11"));
        assertEquals(15, arg("link"));
        assertEquals("CALL", decode(ALL, 0b0011_1_10000000000));
        assertEquals(-2048, arg("disp11"));
    }

    @Test
    void twoSegmentFieldPutsTheFirstSegmentHigh() {
        assertEquals("ST", decode(ALL, 0b0100_011_101_000_110));
        assertEquals(5, arg("rb"));
        assertEquals(0b011110, arg("off"));
        assertEquals("ST", decode(ALL, 0b0100_100_000_000_001));
        assertEquals(-31, arg("off"));    // 100001 sign-extended
    }

    @Test
    void twoSegmentFieldAgreesWithABitByBitReference() {
        Random random = new Random(16);
        for (int n = 0; n < 2000; n++) {
            int insn = 0b0100_000_000_000_000 | (random.nextInt(1 << 6) << 6) | (random.nextInt(8) << 9) | random.nextInt(8);
            assertEquals("ST", decode(ALL, insn));
            int raw = ((insn >> 9) & 7) << 3 | (insn & 7);
            assertEquals(raw >= 32 ? raw - 64 : raw, arg("off"), Integer.toBinaryString(insn));
        }
    }

    @Test
    void scaledUnsignedField() {
        assertEquals("LD", decode(ALL, 0b0101_001_010_0_11111));
        assertEquals(124, arg("off"));
    }

    @Test
    void inAGroupTheFirstMatchWins() {
        assertEquals("NOP", decode(ALL, 0b0000_000_000_000_010));
        assertEquals("AND", decode(ALL, 0b0000_000_000_001_010));
        assertEquals("HALT", decode(ALL, 0xffff));
        assertEquals("TRAP", decode(ALL, 0xf012));
        assertEquals(0x12, arg("code"));
        assertEquals("exception", TABLE.pattern("TRAP").attribute("class"));
    }

    @Test
    void aPatternWithoutItsFeatureIsUnallocatedOrFallsThroughInItsGroup() {
        assertEquals("SYS", decode(ALL, 0xe042));
        assertEquals(0x42, arg("code"));
        assertEquals("unallocated", decode(NONE, 0xe042));
        assertEquals("FMUL", decode(ALL, 0b0110_001_010_011_000));
        assertEquals("MULX", decode(NONE, 0b0110_001_010_011_000));
        assertEquals(3, arg("sel"));
        assertEquals(Set.of("fpu", "sys"), TABLE.features());
    }

    @Test
    void encodingsNoPatternDescribesAreUnallocatedAndWriteNothing() {
        args[TABLE.slot("ra")] = 77;
        for (int insn : new int[] {0b0000_000_000_000_011, 0b0000_111_111_111_111, 0x7000, 0x8000, 0xd123, 0xe100,
                0b0100_000_000_001_000, 0b0101_000_000_1_00000}) {
            assertEquals("unallocated", decode(ALL, insn), Integer.toHexString(insn));
            assertEquals(Decoder.UNALLOCATED, ALL.match(insn));
        }
        assertEquals(77, arg("ra"));
    }

    @Test
    void bitsAboveTheWidthAreIgnored() {
        assertEquals("HALT", decode(ALL, 0xffff_ffff));
        assertEquals(ALL.match(0x1234), ALL.match(0xabcd_0000_1234L));
    }

    @Test
    void unknownNamesAreClearErrors() {
        IllegalArgumentException slot = assertThrows(IllegalArgumentException.class, () -> TABLE.slot("rz"));
        assertEquals(true, slot.getMessage().contains("no argument 'rz'"), slot.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TABLE.pattern("MUL"));
    }

    @Test
    void fieldsCanSpanAFullSixtyFourBitWidth() {
        DecodeTable wide = DecodeTable.parse("wide.decode", String.join("\n",
                "width 64",
                "field all 63..0 signed",
                "field top 63..56 7..0 signed <<1",
                "ANY ................................................................ all top"));
        long[] values = wide.newArgumentArray();
        long insn = 0x81ff_0000_0000_0042L;
        assertEquals(0, wide.decoder(Set.of()).decode(insn, values));
        assertEquals(insn, values[wide.slot("all")]);
        assertEquals((long) (short) 0x8142 << 1, values[wide.slot("top")]);
    }

    @Test
    void aTableWithoutPatternsDecodesNothing() {
        DecodeTable empty = DecodeTable.parse("empty.decode", "width 32\n");
        Decoder decoder = empty.decoder(Set.of());
        assertEquals(Decoder.UNALLOCATED, decoder.decode(0x1234_5678, empty.newArgumentArray()));
        assertEquals(new Decoder.TreeShape(1, 1, 0, 0), decoder.shape());
    }
}

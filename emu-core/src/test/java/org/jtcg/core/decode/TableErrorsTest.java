package org.jtcg.core.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A bad table fails at load with the table name, the line and what is wrong. */
class TableErrorsTest {

    private static void assertError(String text, int line, String fragment) {
        DecodeTableException e = assertThrows(DecodeTableException.class, () -> DecodeTable.parse("bad.decode", text));
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith("bad.decode:" + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void overlappingPatternsOutsideAGroup() {
        assertError("width 8\nA 0000....\nB 00000001\n", 3, "pattern B overlaps pattern A (line 2) outside a group, e.g. 0x01");
        assertError("width 8\n{\nA 0000000.\nB 00000...\n}\nC 00000001\n", 6, "pattern C overlaps pattern A (line 3)");
        assertError("width 8\n{\nA 0000000.\nB 00000...\n}\n{\nC 00000001\nD 0000....\n}\n", 7, "overlaps pattern A");
    }

    @Test
    void patternHiddenByAnEarlierOneInItsGroup() {
        assertError("width 8\n{\nA 0000....\nB 00000001\n}\n", 4, "pattern B can never match: A (line 3)");
    }

    @Test
    void featureGatedPatternMayComeBeforeAMoreSpecificOne() {
        DecodeTable.parse("ok.decode", "width 8\n{\nA 0000.... feature:x\nB 00000001\n}\n");
    }

    @Test
    void wrongBitCount() {
        assertError("width 16\nA 0000 0000 0000 000\n", 2, "pattern A has 15 bits; the table allows 16 (the width)");
        assertError("width 48\nlengths 16 32 48\nA 0000 0000\n", 3, "has 8 bits; the table allows 16 or 32 or 48");
    }

    @Test
    void unknownFieldOrFormat() {
        assertError("width 8\nfield a 3..0\nA 0000.... b\n", 3, "unknown field or format 'b'");
        assertError("width 8\nfield a 3..0\nformat f a x=y\n", 3, "unknown field 'y'");
        assertError("width 8\nA 0000.... @f\n", 2, "unknown field or format '@f'");
    }

    @Test
    void fieldOutsideTheWidthOrThePattern() {
        assertError("width 8\nfield a 8..5\n", 2, "field a: bit 8 is outside the 8-bit width");
        assertError("width 16\nlengths 8 16\nfield lo 3..0\nA 00000000 lo\n", 4, "field lo lies outside the 8-bit pattern");
        assertError("width 16\nnumbering msb0\nfield a 12..16\n", 3, "bit 16 is outside the 16-bit width");
    }

    @Test
    void malformedFields() {
        assertError("width 8\nfield a\n", 2, "expected 'field NAME BITS... [signed] [<<N]'");
        assertError("width 8\nfield a 3..0 unsigned\n", 2, "got 'unsigned'");
        assertError("width 8\nfield a 3..0 2\n", 2, "reads some bit twice");
        assertError("width 64\nfield a 63..0 <<1\n", 2, "more than 64");
        assertError("width 8\nfield a signed\n", 2, "has no bit range");
        assertError("width 8\nfield a 3..0 <<-1\n", 2, "shift must be 0..63, not -1");
        assertError("width 8\nfield a 1\nfield a 2\n", 3, "'a' is already defined");
    }

    @Test
    void arguments() {
        assertError("width 8\nfield a 3..0\nformat f a\nA 0000.... f a\n", 4, "argument 'a' is given twice");
        assertError("width 8\nA 0000.... x=0xzz\n", 2, "expected a constant");
        assertError("width 8\nA 0000.... feature:\n", 2, "attribute 'feature:' is empty or given twice");
    }

    @Test
    void groupsAndStructure() {
        assertError("width 8\n{\nA 0000....\nB 00000001\n", 2, "group opened here is never closed");
        assertError("width 8\n{\n{\n", 3, "groups do not nest");
        assertError("width 8\n}\n", 2, "'}' without an open group");
        assertError("width 8\n{\nA 0000....\n}\n", 4, "a group needs at least two patterns");
        assertError("width 8\nA 0000....\nA 1111....\n", 3, "pattern A is already defined on line 2");
        assertError("width 8\nA\n", 2, "pattern A has no bit string");
        assertError("width 8\n0000.... A\n", 2, "expected a directive");
    }

    @Test
    void header() {
        assertError("# no width\nA 0000\n", 2, "declare 'width' before");
        assertError("# empty\n", 1, "the table declares no 'width'");
        assertError("width 65\n", 1, "width must be 1..64");
        assertError("width 8\nfield a 1\nwidth 8\n", 3, "'width' must come before the first field");
        assertError("width 8\nnumbering msb1\n", 2, "expected 'numbering lsb0'");
        assertError("width 8\nlengths 16\n", 2, "length 16 is not within the 8-bit width");
    }

    @Test
    void missingResource() {
        DecodeTableException e = assertThrows(DecodeTableException.class, () -> DecodeTable.load(getClass(), "none.decode"));
        assertTrue(e.getMessage().contains("decode table resource not found"), e.getMessage());
    }
}

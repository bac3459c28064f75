package org.jtcg.cpreg;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegisterMaskTableTest {
    private static final RegisterMaskTable TABLE = RegisterMaskTable.parse(List.of(
            "# register  bits  when  reason",
            "x86.rflags  0x10  and,OR  AF is undefined after logic ops",
            "x86.rflags  0x800 shl     OF is undefined after multi-bit shifts  # trailing comment",
            "x86.xmm1    0x1_0 *       test: the low bit of the high word",
            ""), "test.masks");

    @Test
    void entriesApplyAlwaysOrOnlyWhenTheirMnemonicRan() {
        assertEquals(3, TABLE.entries().size());
        assertArrayEquals(new long[] {0x10}, TABLE.ignoredBits(X86Registers.RFLAGS, () -> Set.of("or")));
        assertArrayEquals(new long[] {0x810}, TABLE.ignoredBits(X86Registers.RFLAGS, () -> Set.of("and", "shl")));
        assertNull(TABLE.ignoredBits(X86Registers.RFLAGS, () -> Set.of("add")));
        assertArrayEquals(new long[] {0, 1}, TABLE.ignoredBits(X86Registers.xmm(1), Set::of), "word order: most significant first in text");
        assertNull(TABLE.ignoredBits(X86Registers.gpr(0), () -> {
            throw new AssertionError("mnemonics are only asked for registers with scoped entries");
        }));
        assertEquals("test.masks:2", TABLE.entries().get(0).source());
    }

    @Test
    void badLinesNameTheSourceAndLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RegisterMaskTable.parse(List.of("", "x86.rflags 0x10 and"), "m.masks"));
        assertTrue(e.getMessage().startsWith("m.masks:2: expected"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RegisterMaskTable.parse(List.of("x86.nope 1 * why"), "m.masks"));
        assertTrue(e.getMessage().startsWith("m.masks:1: "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RegisterMaskTable.parse(List.of("x86.mxcsr 0x1_0 * too wide for U32"), "m.masks"));
        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
    }

    @Test
    void plusAddsEntriesAndNoneIsEmpty() {
        assertEquals(0, RegisterMaskTable.none().entries().size());
        assertEquals(6, TABLE.plus(TABLE).entries().size());
    }
}

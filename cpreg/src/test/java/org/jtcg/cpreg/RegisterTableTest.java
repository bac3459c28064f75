package org.jtcg.cpreg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RegisterTableTest {

    /** One register of every size, given deliberately out of order. */
    static long[] oneOfEachSize() {
        RegSize[] sizes = RegSize.values();
        long[] ids = new long[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            ids[i] = RegId.make(RegArch.ARM64, sizes[sizes.length - 1 - i], 0x100 + i);
        }
        return ids;
    }

    @Test
    void idsAreSortedAndSlotsArePrefixSumsOfWords() {
        RegisterTable t = new RegisterTable(oneOfEachSize());
        long[] ids = t.ids();
        assertEquals(RegSize.values().length, t.size());
        int expectedSlot = 0;
        for (int i = 0; i < ids.length; i++) {
            if (i > 0) {
                assertTrue(Long.compareUnsigned(ids[i - 1], ids[i]) < 0);
            }
            assertEquals(expectedSlot, t.slotOf(ids[i]));
            assertEquals(i, t.indexOf(ids[i]));
            expectedSlot += RegId.words(ids[i]);
        }
        // U8, U16, U32, U64 take one slot each, then U128..U2048 take 2, 4, 8, 16, 32
        assertEquals(4 + 2 + 4 + 8 + 16 + 32, t.slotCount());
        assertEquals(expectedSlot, t.slotCount());
    }

    @Test
    void tableOrderMatchesArchAndSizeFields() {
        long x = X86Registers.gpr(0);
        long s = S390Registers.gpr(0);
        long a = Arm64Registers.x(0);
        long v = Arm64Registers.v(0);
        RegisterTable t = new RegisterTable(List.of(v, a, s, x));
        assertArrayEquals(new long[] {x, s, a, v}, t.ids());
        assertEquals(0, t.slotOf(x));
        assertEquals(3, t.slotOf(v));
    }

    @ParameterizedTest
    @EnumSource(RegSize.class)
    void wordsAndBytesRoundTripForEverySize(RegSize size) {
        long id = RegId.make(RegArch.X86, size, 0x77);
        long neighbourLo = RegId.make(RegArch.X86, size, 0x76);
        long neighbourHi = RegId.make(RegArch.X86, size, 0x78);
        RegisterTable t = new RegisterTable(neighbourHi, id, neighbourLo);
        Random rnd = new Random(size.ordinal());
        long[] words = new long[size.words()];
        for (int i = 0; i < words.length; i++) {
            words[i] = rnd.nextLong();
        }
        long[] fill = new long[size.words()];
        java.util.Arrays.fill(fill, -1L);
        t.setWords(neighbourLo, fill);
        t.setWords(neighbourHi, fill);
        t.setWords(id, words);
        long[] expected = words.clone();
        expected[0] &= size.wordMask();
        assertArrayEquals(expected, t.getWords(id));
        // neighbours untouched by a wide store
        long[] fillMasked = fill.clone();
        fillMasked[0] &= size.wordMask();
        assertArrayEquals(fillMasked, t.getWords(neighbourLo));
        assertArrayEquals(fillMasked, t.getWords(neighbourHi));

        byte[] bytes = t.getBytes(id);
        assertEquals(size.bytes(), bytes.length);
        for (int b = 0; b < bytes.length; b++) {
            assertEquals((byte) (expected[b / 8] >>> (8 * (b % 8))), bytes[b], "byte " + b);
        }
        // bytes in, same words out: little-endian, word 0 least significant
        byte[] in = new byte[size.bytes()];
        rnd.nextBytes(in);
        t.setBytes(id, in);
        assertArrayEquals(in, t.getBytes(id));
        long w0 = 0;
        for (int b = Math.min(8, in.length) - 1; b >= 0; b--) {
            w0 = w0 << 8 | (in[b] & 0xff);
        }
        assertEquals(w0, t.getWords(id)[0]);
        // reading has no side effects
        assertArrayEquals(t.getWords(id), t.getWords(id));
        assertArrayEquals(fillMasked, t.getWords(neighbourLo));
    }

    @Test
    void scalarGetSetMasksToWidth() {
        long u8 = RegId.make(RegArch.S390, RegSize.U8, 1);
        long u16 = RegId.make(RegArch.S390, RegSize.U16, 1);
        long u32 = S390Registers.FPC;
        long u64 = S390Registers.gpr(1);
        RegisterTable t = new RegisterTable(u8, u16, u32, u64);
        t.set(u8, 0x1234);
        t.set(u16, 0x123456);
        t.set(u32, 0x1_2345_6789L);
        t.set(u64, -2L);
        assertEquals(0x34, t.get(u8));
        assertEquals(0x3456, t.get(u16));
        assertEquals(0x2345_6789L, t.get(u32));
        assertEquals(-2L, t.get(u64));
        t.setWords(u32, new long[] {-1L});
        assertEquals(0xffff_ffffL, t.get(u32));
        t.setWords(u8, new long[] {0x1ff});
        assertEquals(0xff, t.getWords(u8)[0]);
    }

    @Test
    void scalarAccessToWideRegisterIsRejected() {
        RegisterTable t = new RegisterTable(X86Registers.xmm(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.get(X86Registers.xmm(0)));
        assertTrue(e.getMessage().contains("x86.xmm0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.set(X86Registers.xmm(0), 1));
    }

    @Test
    void unknownIdNamesTheRegister() {
        RegisterTable t = new RegisterTable(X86Registers.gpr(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.get(X86Registers.RIP));
        assertTrue(e.getMessage().contains("x86.rip"), e.getMessage());
        assertTrue(e.getMessage().contains("0x2030008000000010"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.getWords(X86Registers.RIP));
        assertThrows(IllegalArgumentException.class, () -> t.setBytes(X86Registers.RIP, new byte[8]));
        assertFalse(t.contains(X86Registers.RIP));
        assertTrue(t.contains(X86Registers.gpr(0)));
        assertEquals(-1, t.indexOf(X86Registers.RIP));
    }

    @Test
    void badConstructionAndWrongLengthsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RegisterTable(X86Registers.RIP, X86Registers.RIP));
        assertThrows(IllegalArgumentException.class, () -> new RegisterTable(0x0130000000000000L));
        RegisterTable t = new RegisterTable(X86Registers.xmm(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.setWords(X86Registers.xmm(1), new long[1]));
        assertTrue(e.getMessage().contains("needs 2 words"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.setBytes(X86Registers.xmm(1), new byte[15]));
    }

    @Test
    void idsReturnsACopy() {
        RegisterTable t = new RegisterTable(X86Registers.RIP);
        t.ids()[0] = 0;
        assertTrue(t.contains(X86Registers.RIP));
    }

    @Test
    void emptyTable() {
        RegisterTable t = new RegisterTable();
        assertEquals(0, t.size());
        assertEquals(0, t.slotCount());
        assertFalse(t.contains(X86Registers.RIP));
    }

    @Test
    void binarySearchFindsEveryIdOfAFullCatalogue() {
        long[] ids = RegisterCatalogue.of(RegArch.ARM64).entries().stream().mapToLong(RegisterCatalogue.Entry::id)
                .toArray();
        RegisterTable t = new RegisterTable(ids);
        for (long id : ids) {
            assertTrue(t.contains(id), RegisterNames.name(id));
            t.setWords(id, t.getWords(id));
        }
        assertFalse(t.contains(Arm64Registers.sysreg(3, 7, 15, 15, 7)));
    }
}

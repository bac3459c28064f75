package org.jtcg.cpreg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegIdTest {

    @Test
    void archCodesAreLinuxConstants() {
        assertEquals(0x2000000000000000L, RegArch.X86.idBits());
        assertEquals(0x5000000000000000L, RegArch.S390.idBits());
        assertEquals(0x6000000000000000L, RegArch.ARM64.idBits());
        assertEquals(RegArch.ARM64, RegArch.fromCode(0x60));
        assertNull(RegArch.fromCode(0x40));
    }

    @Test
    void sizeFieldsAreLinuxConstants() {
        // KVM_REG_SIZE_U8 = 0, U64 = 0x0030000000000000, U128 = 0x0040..., U2048 = 0x0080...
        assertEquals(0L, RegSize.U8.idBits());
        assertEquals(0x0030000000000000L, RegSize.U64.idBits());
        assertEquals(0x0040000000000000L, RegSize.U128.idBits());
        assertEquals(0x0080000000000000L, RegSize.U2048.idBits());
    }

    @ParameterizedTest
    @EnumSource(RegSize.class)
    void everySizeHasBytesWordsAndMask(RegSize size) {
        int bytes = 1 << size.ordinal();
        assertEquals(bytes, size.bytes());
        assertEquals(bytes * 8, size.bits());
        assertEquals(Math.max(1, bytes / 8), size.words());
        assertEquals(size, RegSize.ofBytes(bytes));
        if (bytes < 8) {
            assertEquals((1L << (8 * bytes)) - 1, size.wordMask());
        } else {
            assertEquals(-1L, size.wordMask());
        }
    }

    @Test
    void wordCountsOfWideSizes() {
        assertEquals(1, RegSize.U8.words());
        assertEquals(1, RegSize.U64.words());
        assertEquals(2, RegSize.U128.words());
        assertEquals(4, RegSize.U256.words());
        assertEquals(8, RegSize.U512.words());
        assertEquals(16, RegSize.U1024.words());
        assertEquals(32, RegSize.U2048.words());
    }

    @ParameterizedTest
    @EnumSource(RegSize.class)
    void encodeDecodeEveryArchAndSize(RegSize size) {
        long[] lows = {0, 1, 0x123456789abL, RegId.LOW_MASK};
        for (RegArch arch : RegArch.values()) {
            for (long low : lows) {
                long id = RegId.make(arch, size, low);
                assertEquals(arch, RegId.arch(id));
                assertEquals(size, RegId.size(id));
                assertEquals(low, RegId.low(id));
                assertEquals(size.bytes(), RegId.sizeBytes(id));
                assertEquals(size.words(), RegId.words(id));
                assertEquals(id, RegId.validate(id));
                assertTrue(RegId.isValid(id));
                assertEquals(arch.code(), RegId.archCode(id));
                assertEquals(size.ordinal(), RegId.sizeField(id));
            }
        }
    }

    @Test
    void makeRejectsLowBitsBeyond52() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RegId.make(RegArch.X86, RegSize.U64, 1L << 52));
        assertTrue(e.getMessage().contains("52 bits"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(longs = {0x0030000000000000L, 0x1030000000000000L, 0xff30000000000000L, 0x4030000000000000L})
    void validateRejectsUnknownArch(long id) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RegId.validate(id));
        assertTrue(e.getMessage().contains("unknown arch code"), e.getMessage());
        assertTrue(e.getMessage().contains(String.format("0x%016x", id)), e.getMessage());
        assertFalse(RegId.isValid(id));
    }

    @ParameterizedTest
    @ValueSource(ints = {9, 10, 15})
    void validateRejectsSizeBeyondU2048(int field) {
        long id = RegArch.ARM64.idBits() | (long) field << 52 | 5;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RegId.validate(id));
        assertTrue(e.getMessage().contains("size field " + field), e.getMessage());
        assertFalse(RegId.isValid(id));
    }
}

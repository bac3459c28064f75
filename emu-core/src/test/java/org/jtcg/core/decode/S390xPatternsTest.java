package org.jtcg.core.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Real s390x instructions (bytes from s390x-linux-gnu-as/objdump, shown next to each) decode
 * through s390x-sample.decode: 2, 4 and 6-byte formats, the second opcode field in different
 * places, and the instruction length read off the matched pattern.
 */
class S390xPatternsTest {
    private static final DecodeTable TABLE = DecodeTable.load(S390xPatternsTest.class, "s390x-sample.decode");
    private static final Decoder DECODER = TABLE.decoder(Set.of());

    private final long[] args = TABLE.newArgumentArray();

    /** What a frontend does: the length from the first byte's top two bits, bytes left-aligned in 48 bits. */
    static long leftAligned(int... bytes) {
        int first = bytes[0];
        int length = switch (first >>> 6) {
            case 0 -> 2;
            case 1, 2 -> 4;
            default -> 6;
        };
        assertEquals(length, bytes.length, "test data length");
        long insn = 0;
        for (int i = 0; i < 6; i++) {
            insn = (insn << 8) | (i < bytes.length ? bytes[i] : 0);
        }
        return insn;
    }

    private void assertDecodes(String pattern, int lengthBytes, long insn, Object... nameValues) {
        int id = DECODER.decode(insn, args);
        String what = Long.toHexString(insn);
        assertEquals(pattern, id == Decoder.UNALLOCATED ? "unallocated" : DECODER.pattern(id).name(), what);
        assertEquals(lengthBytes * 8, DECODER.pattern(id).lengthBits(), what);
        for (int i = 0; i < nameValues.length; i += 2) {
            String name = (String) nameValues[i];
            assertEquals(((Number) nameValues[i + 1]).longValue(), args[TABLE.slot(name)], what + " " + name);
        }
    }

    @Test
    void registerFormats() {
        assertDecodes("AR", 2, leftAligned(0x1a, 0x34), "r1", 3, "r2", 4);                       // ar %r3,%r4
        assertDecodes("LGR", 4, leftAligned(0xb9, 0x04, 0x00, 0x12), "r1", 1, "r2", 2);           // lgr %r1,%r2
        assertDecodes("AGR", 4, leftAligned(0xb9, 0x08, 0x00, 0x12), "r1", 1, "r2", 2);           // agr %r1,%r2
    }

    @Test
    void secondOpcodeInBits12To15() {
        assertDecodes("AGHI", 4, leftAligned(0xa7, 0x5b, 0xff, 0xfe), "r1", 5, "i2", -2);                     // aghi %r5,-2
        assertDecodes("LARL", 6, leftAligned(0xc0, 0x60, 0x00, 0x00, 0x08, 0x00), "r1", 6, "i2", 0x1000);    // larl %r6,.+0x1000
        assertDecodes("BRASL", 6, leftAligned(0xc0, 0xe5, 0xff, 0xff, 0xff, 0x80), "r1", 14, "i2", -0x100);  // brasl %r14,.-0x100
    }

    @Test
    void secondOpcodeInTheLastByte() {
        assertDecodes("LG", 6, leftAligned(0xe3, 0x78, 0x9f, 0xf8, 0xff, 0x04), "r1", 7, "x2", 8, "b2", 9, "d2", -8);   // lg %r7,-8(%r8,%r9)
        assertDecodes("LG", 6, leftAligned(0xe3, 0x78, 0x93, 0x45, 0x12, 0x04), "d2", 0x12345);                         // lg %r7,0x12345(%r8,%r9)
        assertDecodes("RISBG", 6, leftAligned(0xec, 0x12, 0x20, 0xbf, 0x03, 0x55),
                "r1", 1, "r2", 2, "i3", 32, "i4", 0xbf, "i5", 3);                                                      // risbg %r1,%r2,32,191,3
    }

    @Test
    void bytesAfterAShortInstructionDoNotMatter() {
        long ar = leftAligned(0x1a, 0x34);
        assertEquals(DECODER.match(ar), DECODER.match(ar | 0xdead_beefL));
    }

    @Test
    void otherOpcodesAreUnallocated() {
        assertEquals(Decoder.UNALLOCATED, DECODER.match(leftAligned(0x18, 0x12)));                          // lr
        assertEquals(Decoder.UNALLOCATED, DECODER.match(leftAligned(0xa7, 0x5a, 0x00, 0x01)));              // ahi
        assertEquals(Decoder.UNALLOCATED, DECODER.match(leftAligned(0xe3, 0x78, 0x90, 0x00, 0x00, 0x08)));  // ag
    }

    /** A check the s390x frontend should keep for its full table: lengths agree with the length code. */
    @Test
    void everyPatternFixesTheLengthCodeAndHasThatLength() {
        long lengthCode = 0b11L << 46;
        for (EncodingPattern pattern : TABLE.patterns()) {
            assertEquals(lengthCode, pattern.mask() & lengthCode, pattern.name());
            int code = (int) (pattern.value() >>> 46);
            int bytes = code == 0 ? 2 : code == 3 ? 6 : 4;
            assertEquals(bytes * 8, pattern.lengthBits(), pattern.name());
        }
    }
}

package org.jtcg.core.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Real A64 words (from aarch64-linux-gnu-as/objdump, shown next to each) decode to the right
 * pattern and fields through arm64-sample.decode.
 */
class Arm64PatternsTest {
    private static final DecodeTable TABLE = DecodeTable.load(Arm64PatternsTest.class, "arm64-sample.decode");
    private static final Decoder BASE = TABLE.decoder(Set.of());
    private static final Decoder LSE = TABLE.decoder(Set.of("lse"));

    private final long[] args = TABLE.newArgumentArray();

    private void assertDecodes(Decoder decoder, int word, String pattern, Object... nameValues) {
        int id = decoder.decode(word & 0xffff_ffffL, args);
        String what = String.format("%08x", word);
        assertEquals(pattern, id == Decoder.UNALLOCATED ? "unallocated" : decoder.pattern(id).name(), what);
        for (int i = 0; i < nameValues.length; i += 2) {
            String name = (String) nameValues[i];
            assertEquals(((Number) nameValues[i + 1]).longValue(), args[TABLE.slot(name)], what + " " + name);
        }
        if (id != Decoder.UNALLOCATED) {
            assertEquals(32, decoder.pattern(id).lengthBits());
        }
    }

    @Test
    void addAndSubImmediate() {
        assertDecodes(BASE, 0x91048c41, "ADD_imm", "sf", 1, "sh", 0, "imm12", 0x123, "rn", 2, "rd", 1);   // add x1, x2, #0x123
        assertDecodes(BASE, 0x11400483, "ADD_imm", "sf", 0, "sh", 1, "imm12", 1, "rn", 4, "rd", 3);       // add w3, w4, #1, lsl #12
        assertDecodes(BASE, 0xd1001041, "SUB_imm", "sf", 1, "imm12", 4, "rn", 2, "rd", 1);                // sub x1, x2, #4
    }

    @Test
    void branchesWithSignedScaledOffsets() {
        assertDecodes(BASE, 0x14000040, "B", "imm26", 0x100);        // b .+0x100
        assertDecodes(BASE, 0x97fffffe, "BL", "imm26", -8);          // bl .-8
        assertDecodes(BASE, 0x54ffff81, "B_cond", "imm19", -16, "cond", 1);   // b.ne .-16
    }

    @Test
    void loadsScaleTheirOffsetByTheAccessSize() {
        assertDecodes(BASE, 0xf94008c5, "LDR_x", "imm", 16, "rn", 6, "rt", 5);     // ldr x5, [x6, #16]
        assertDecodes(BASE, 0xb94ffd07, "LDR_w", "imm", 4092, "rn", 8, "rt", 7);   // ldr w7, [x8, #4092]
    }

    @Test
    void moveWideAndAdrpWithItsTwoSegmentImmediate() {
        assertDecodes(BASE, 0xd2b7dde9, "MOVZ", "sf", 1, "hw", 1, "imm16", 0xbeef, "rd", 9);   // mov x9, #0xbeef0000
        assertDecodes(BASE, 0xf0000000, "ADRP", "imm", 0x3000, "rd", 0);                      // adrp x0, .+0x3000
        assertDecodes(BASE, 0xf0ffffe0, "ADRP", "imm", -0x1000, "rd", 0);                     // adrp x0, .-0x1000
    }

    @Test
    void movAliasWinsOverOrrInsideTheGroup() {
        assertDecodes(BASE, 0xaa0203e1, "MOV_reg", "sf", 1, "rm", 2, "rd", 1);                 // mov x1, x2
        assertDecodes(BASE, 0xaa0503e3, "MOV_reg", "rm", 5, "rd", 3);                          // orr x3, xzr, x5 (= mov)
        assertDecodes(BASE, 0xaa050c83, "ORR_reg", "shift", 0, "rm", 5, "imm6", 3, "rn", 4, "rd", 3);   // orr x3, x4, x5, lsl #3
    }

    @Test
    void featureGatedPatternIsUnallocatedWithoutTheFeature() {
        assertDecodes(BASE, 0xc8a17c62, "unallocated");                                        // cas x1, x2, [x3]
        assertDecodes(LSE, 0xc8a17c62, "CAS_x", "rs", 1, "rn", 3, "rt", 2);
    }

    @Test
    void encodingsOutsideTheSampleAreUnallocated() {
        assertDecodes(BASE, 0x9a020020, "unallocated");   // adc x0, x1, x2
        assertDecodes(BASE, 0x00000000, "unallocated");   // udf #0
    }
}

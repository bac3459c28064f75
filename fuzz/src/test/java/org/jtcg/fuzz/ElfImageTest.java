package org.jtcg.fuzz;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ELF64 writer: header and program header fields, segment placement, both byte orders, and readelf's view. */
class ElfImageTest {
    private static final byte[] TEXT = {1, 2, 3, 4, 5};
    private static final byte[] DATA = new byte[0x1800];

    private static byte[] image(boolean bigEndian) {
        DATA[0x17ff] = 9;
        return ElfImage.build(62, bigEndian, 0x400ffe, List.of(
                new ElfImage.Segment(0x400000, TEXT, TEXT.length, ElfImage.PF_R | ElfImage.PF_X),
                new ElfImage.Segment(0x10000000, DATA, 0x2000, ElfImage.PF_R | ElfImage.PF_W)));
    }

    @Test
    void headerAndSegmentsAreWhereTheAbiSays() {
        for (boolean be : new boolean[] {false, true}) {
            byte[] f = image(be);
            ByteBuffer b = ByteBuffer.wrap(f).order(be ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            assertEquals(0x7f454c46, ByteBuffer.wrap(f).getInt(0));
            assertEquals(2, f[4]); // ELFCLASS64
            assertEquals(be ? 2 : 1, f[5]);
            assertEquals(2, b.getShort(16)); // ET_EXEC
            assertEquals(62, b.getShort(18));
            assertEquals(0x400ffeL, b.getLong(24));
            assertEquals(64, b.getLong(32)); // e_phoff
            assertEquals(2, b.getShort(56)); // e_phnum
            for (int i = 0; i < 2; i++) {
                int ph = 64 + 56 * i;
                assertEquals(1, b.getInt(ph)); // PT_LOAD
                long off = b.getLong(ph + 8), va = b.getLong(ph + 16);
                assertEquals(0, off % 0x1000);
                assertEquals(off % 0x1000, va % 0x1000);
            }
            long textOff = b.getLong(64 + 8);
            assertArrayEquals(TEXT, java.util.Arrays.copyOfRange(f, (int) textOff, (int) textOff + TEXT.length));
            long dataOff = b.getLong(64 + 56 + 8);
            assertEquals(0x1800, b.getLong(64 + 56 + 32));
            assertEquals(0x2000, b.getLong(64 + 56 + 40));
            assertEquals(9, f[(int) dataOff + 0x17ff]);
        }
    }

    @Test
    void readelfAgrees() throws Exception {
        Path file = Files.createTempFile("jtcg-elf", ".elf");
        try {
            Files.write(file, image(false));
            Process p;
            try {
                p = new ProcessBuilder("readelf", "-lhW", file.toString()).redirectErrorStream(true).start();
            } catch (java.io.IOException e) {
                org.junit.jupiter.api.Assumptions.assumeTrue(false, "skipped: no readelf");
                return;
            }
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), out);
            assertTrue(out.contains("EXEC (Executable file)") && out.contains("Advanced Micro Devices X86-64"), out);
            assertTrue(out.contains("Entry point address:               0x400ffe"), out);
            assertTrue(out.matches("(?s).*LOAD +0x001000 0x0000000000400000 0x0000000000400000 0x000005 0x000005 R E 0x1000.*"), out);
            assertTrue(out.matches("(?s).*LOAD +0x002000 0x0000000010000000 0x0000000010000000 0x001800 0x002000 RW  0x1000.*"), out);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void segmentsMustBePageAligned() {
        assertThrows(IllegalArgumentException.class, () -> new ElfImage.Segment(0x400010, TEXT, TEXT.length, ElfImage.PF_R));
        assertThrows(IllegalArgumentException.class, () -> new ElfImage.Segment(0x400000, TEXT, 1, ElfImage.PF_R));
    }
}

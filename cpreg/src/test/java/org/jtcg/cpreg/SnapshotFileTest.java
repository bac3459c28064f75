package org.jtcg.cpreg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SnapshotFileTest {

    /** Every catalogue register of the arch with a random value, plus one register of every size. */
    static RegisterList sampleRegisters(RegArch arch, long seed) {
        Random rnd = new Random(seed);
        RegisterList.Builder b = RegisterList.builder();
        for (RegisterCatalogue.Entry e : RegisterCatalogue.of(arch).entries()) {
            b.put(e.id(), randomValue(e.size(), rnd));
        }
        for (RegSize size : RegSize.values()) {
            b.put(RegId.make(arch, size, 0xf_0000_0000_0000L | size.ordinal()), randomValue(size, rnd));
        }
        return b.build();
    }

    static long[] randomValue(RegSize size, Random rnd) {
        long[] w = new long[size.words()];
        for (int i = 0; i < w.length; i++) {
            w[i] = rnd.nextLong();
        }
        w[0] &= size.wordMask();
        return w;
    }

    static Snapshot small() {
        return new Snapshot(RegArch.X86, RegisterList.builder()
                .put(X86Registers.RIP, 0x401000).put(X86Registers.xmm(2), 1, 2).put(X86Registers.MSR_FS_BASE, 0x7000)
                .build());
    }

    /** Re-seals a hand-edited file with a correct checksum, to test checks behind the CRC. */
    static byte[] reseal(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data, 0, data.length - 4);
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putInt(data.length - 4, (int) crc.getValue());
        return data;
    }

    @ParameterizedTest
    @EnumSource(RegArch.class)
    void roundTripEveryArchAndSize(RegArch arch) throws Exception {
        Snapshot s = new Snapshot(arch, sampleRegisters(arch, arch.ordinal()));
        byte[] bytes = SnapshotFile.toBytes(s);
        Snapshot back = SnapshotFile.read(bytes);
        assertEquals(s, back);
        assertEquals(arch, back.arch());
        assertTrue(back.registers().diff(s.registers()).isEmpty());
        assertArrayEquals(bytes, SnapshotFile.toBytes(back), "encoding is deterministic");
    }

    @Test
    void headerLayout() {
        byte[] bytes = SnapshotFile.toBytes(small());
        assertEquals("JTCGSNAP", new String(bytes, 0, 8, java.nio.charset.StandardCharsets.US_ASCII));
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1, b.getShort(8));
        assertEquals(0x20, b.get(10));
        assertEquals(bytes.length, b.getInt(12));
        assertEquals(SnapshotFile.SECTION_REGS, b.getShort(16));
        assertEquals(SnapshotFile.FLAG_REQUIRED, b.getShort(18));
        // count + (id + 1 word) + (id + 2 words) + (id + 1 word)
        assertEquals(4 + 16 + 24 + 16, b.getInt(20));
        assertEquals(3, b.getInt(24));
    }

    @Test
    void streamsAndFiles(@TempDir Path dir) throws Exception {
        Snapshot s = small();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SnapshotFile.write(s, out);
        assertEquals(s, SnapshotFile.read(new ByteArrayInputStream(out.toByteArray())));
        Path f = dir.resolve("regs.snap");
        SnapshotFile.write(s, f);
        assertEquals(s, SnapshotFile.read(f));
    }

    @Test
    void extraSectionsAreKeptAndUnknownOptionalOnesSkipped() throws Exception {
        Snapshot.Section memoryMap = new Snapshot.Section(SnapshotFile.SECTION_MEMORY_MAP, 0, new byte[] {1, 2, 3});
        Snapshot.Section future = new Snapshot.Section(0x7777, 0, new byte[40]);
        Snapshot s = new Snapshot(RegArch.ARM64, sampleRegisters(RegArch.ARM64, 7), List.of(memoryMap, future));
        Snapshot back = SnapshotFile.read(SnapshotFile.toBytes(s));
        assertEquals(s.registers(), back.registers());
        assertEquals(List.of(memoryMap, future), back.sections());
    }

    @Test
    void unknownRequiredSectionIsRejected() {
        Snapshot s = new Snapshot(RegArch.X86, RegisterList.empty(),
                List.of(new Snapshot.Section(0x7777, SnapshotFile.FLAG_REQUIRED, new byte[0])));
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                () -> SnapshotFile.read(SnapshotFile.toBytes(s)));
        assertTrue(e.getMessage().contains("section type 30583"), e.getMessage());
    }

    @Test
    void everyTruncationIsDetected() throws Exception {
        byte[] bytes = SnapshotFile.toBytes(small());
        SnapshotFile.read(bytes);
        for (int n = 0; n < bytes.length; n++) {
            byte[] cut = Arrays.copyOf(bytes, n);
            SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> SnapshotFile.read(cut),
                    "length " + n);
            assertTrue(e.getMessage().contains("truncated"), n + ": " + e.getMessage());
        }
    }

    @Test
    void everySingleBitFlipIsDetected() {
        byte[] bytes = SnapshotFile.toBytes(new Snapshot(RegArch.S390, sampleRegisters(RegArch.S390, 3),
                List.of(new Snapshot.Section(SnapshotFile.SECTION_MEMORY_MAP, 0, new byte[] {9, 8, 7}))));
        for (int bit = 0; bit < bytes.length * 8; bit++) {
            byte[] flipped = bytes.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                    () -> SnapshotFile.read(flipped), "bit " + bit);
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    void trailingGarbageIsDetected() {
        byte[] bytes = SnapshotFile.toBytes(small());
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThrows(SnapshotFormatException.class, () -> SnapshotFile.read(longer));
    }

    @Test
    void wrongMagic() {
        byte[] bytes = SnapshotFile.toBytes(small());
        bytes[0] = 'X';
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> SnapshotFile.read(bytes));
        assertEquals("not a jtcg snapshot (bad magic)", e.getMessage());
        assertThrows(SnapshotFormatException.class, () -> SnapshotFile.read("\u007fELF".getBytes()));
    }

    @Test
    void futureVersionIsRefusedByName() {
        byte[] bytes = SnapshotFile.toBytes(small());
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(8, (short) 2);
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class,
                () -> SnapshotFile.read(reseal(bytes)));
        assertEquals("unsupported snapshot format version 2 (this jtcg reads versions 1..1)", e.getMessage());
    }

    @Test
    void checksumMismatchIsNamed() {
        byte[] bytes = SnapshotFile.toBytes(small());
        bytes[30] ^= 1;
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> SnapshotFile.read(bytes));
        assertTrue(e.getMessage().startsWith("snapshot corrupted: checksum mismatch"), e.getMessage());
    }

    @Test
    void structuralErrorsBehindAValidChecksum() {
        byte[] good = SnapshotFile.toBytes(small());
        // unknown arch
        byte[] arch = good.clone();
        arch[10] = 0x33;
        assertMessage(reseal(arch), "unknown arch code 0x33");
        // register of another arch inside an x86 snapshot
        byte[] foreign = good.clone();
        foreign[24 + 4 + 7] = 0x60;
        assertMessage(reseal(foreign), "not a valid x86 id");
        // ids out of order: swap the ids of the first two (both U64) entries
        ByteBuffer b = ByteBuffer.wrap(good.clone()).order(ByteOrder.LITTLE_ENDIAN);
        long first = b.getLong(28);
        long second = b.getLong(28 + 16);
        b.putLong(28, second).putLong(28 + 16, first);
        assertMessage(reseal(b.array()), "not ascending");
        // section claims more bytes than exist
        byte[] longSection = good.clone();
        ByteBuffer.wrap(longSection).order(ByteOrder.LITTLE_ENDIAN).putInt(20, 1000);
        assertMessage(reseal(longSection), "claims 1000 bytes");
        // register count larger than the section
        byte[] count = good.clone();
        ByteBuffer.wrap(count).order(ByteOrder.LITTLE_ENDIAN).putInt(24, -1);
        assertMessage(reseal(count), "ends early");
        // value too wide for a U32 register
        Snapshot u32 = new Snapshot(RegArch.X86, RegisterList.builder().put(X86Registers.MXCSR, 0x1f80).build());
        byte[] wide = SnapshotFile.toBytes(u32);
        ByteBuffer.wrap(wide).order(ByteOrder.LITTLE_ENDIAN).putLong(36, 0x1_0000_1f80L);
        assertMessage(reseal(wide), "does not fit x86.mxcsr");
    }

    @Test
    void missingOrDuplicateRegisterSection() {
        byte[] good = SnapshotFile.toBytes(small());
        byte[] none = good.clone();
        ByteBuffer.wrap(none).order(ByteOrder.LITTLE_ENDIAN).putShort(16, (short) 0x100).putShort(18, (short) 0);
        assertMessage(reseal(none), "no register section");
        // header + REGS twice + trailer
        int regsLen = good.length - 16 - 4;
        byte[] twice = new byte[16 + 2 * regsLen + 4];
        System.arraycopy(good, 0, twice, 0, 16 + regsLen);
        System.arraycopy(good, 16, twice, 16 + regsLen, regsLen);
        ByteBuffer.wrap(twice).order(ByteOrder.LITTLE_ENDIAN).putInt(12, twice.length);
        assertMessage(reseal(twice), "two register sections");
    }

    @Test
    void snapshotRejectsRegistersOfAnotherArch() {
        assertThrows(IllegalArgumentException.class, () -> new Snapshot(RegArch.ARM64,
                RegisterList.builder().put(X86Registers.RIP, 1).build()));
        assertThrows(IllegalArgumentException.class,
                () -> new Snapshot.Section(SnapshotFile.SECTION_REGS, 0, new byte[0]));
    }

    private static void assertMessage(byte[] data, String fragment) {
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, () -> SnapshotFile.read(data));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}

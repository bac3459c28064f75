package org.jtcg.cpreg;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The binary snapshot format. All integers little-endian.
 *
 * <pre>
 * offset size
 *  0      8   magic "JTCGSNAP"
 *  8      2   format version (1)
 * 10      1   arch code (0x20 x86, 0x50 s390, 0x60 arm64)
 * 11      1   reserved, 0
 * 12      4   total file length in bytes, trailer included
 * 16      ... sections, each: u16 type, u16 flags, u32 payload length, payload
 * end-4   4   CRC-32C of every preceding byte
 * </pre>
 *
 * Section types: 1 = REGS (exactly one): u32 count, then per register u64 id followed by
 * {@code RegId.words(id)} u64 value words (word 0 least significant), ids strictly ascending
 * (unsigned). 2 = MEMORY_MAP (guest mappings and page contents) and 3 = PROCESS (Linux process
 * state) are decoded by emu-core's snapshot package; this class carries them as opaque sections.
 * A reader skips section
 * types it does not know unless the section has {@link #FLAG_REQUIRED}, which means "cannot be
 * understood without this section" and makes an old reader fail clearly instead of losing state.
 *
 * <p>Compatibility: magic, version and the length field stay where they are in every version.
 * Adding a section is not a format change. A change to the meaning of an existing structure bumps
 * the version; {@link #read(byte[])} keeps a decoder for every version from 1 up to
 * {@link #FORMAT_VERSION}, so newer code reads older files, and refuses newer versions by name.
 *
 * <p>A file is read wholly into memory; guest RAM in a MEMORY_MAP section is compressed and
 * all-zero pages are left out, so this suits the small-to-medium guests jtcg runs.
 */
public final class SnapshotFile {
    /** File magic. */
    static final byte[] MAGIC = "JTCGSNAP".getBytes(StandardCharsets.US_ASCII);
    /** The version this code writes; it reads 1 .. this. */
    public static final int FORMAT_VERSION = 1;
    /** Register list section. */
    public static final int SECTION_REGS = 1;
    /** Guest memory map and page contents (emu-core's {@code MemoryImage}, see docs/snapshots.md). */
    public static final int SECTION_MEMORY_MAP = 2;
    /** Linux process state: arch name, fds, signals... (emu-core's {@code ProcessState}, see docs/snapshots.md). */
    public static final int SECTION_PROCESS = 3;
    /** Section flag: a reader that does not know this section type must reject the file. */
    public static final int FLAG_REQUIRED = 1;

    static final int HEADER_BYTES = 16;
    static final int SECTION_HEADER_BYTES = 8;
    static final int TRAILER_BYTES = 4;

    private SnapshotFile() {
    }

    /** Encodes a snapshot. */
    public static byte[] toBytes(Snapshot snapshot) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        RegisterList regs = snapshot.registers();
        int regsBytes = 4;
        for (int i = 0; i < regs.size(); i++) {
            regsBytes += 8 + 8 * RegId.words(regs.id(i));
        }
        ByteBuffer p = le(regsBytes);
        p.putInt(regs.size());
        for (int i = 0; i < regs.size(); i++) {
            p.putLong(regs.id(i));
            for (long w : regs.words(i)) {
                p.putLong(w);
            }
        }
        writeSection(body, SECTION_REGS, FLAG_REQUIRED, p.array());
        for (Snapshot.Section s : snapshot.sections()) {
            writeSection(body, s.type(), s.flags(), s.payload());
        }
        long total = (long) HEADER_BYTES + body.size() + TRAILER_BYTES;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("snapshot too large: " + total + " bytes");
        }
        ByteBuffer out = le((int) total);
        out.put(MAGIC).putShort((short) FORMAT_VERSION).put((byte) snapshot.arch().code()).put((byte) 0)
                .putInt((int) total).put(body.toByteArray());
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        return out.array();
    }

    /** Writes a snapshot to a stream. */
    public static void write(Snapshot snapshot, OutputStream out) throws IOException {
        out.write(toBytes(snapshot));
    }

    /** Writes a snapshot to a file, replacing it. */
    public static void write(Snapshot snapshot, Path file) throws IOException {
        Files.write(file, toBytes(snapshot));
    }

    /** Reads a snapshot from a stream (to its end). */
    public static Snapshot read(InputStream in) throws IOException {
        return read(in.readAllBytes());
    }

    /** Reads a snapshot file. */
    public static Snapshot read(Path file) throws IOException {
        return read(Files.readAllBytes(file));
    }

    /**
     * Decodes a snapshot.
     *
     * @throws SnapshotFormatException for anything but a complete, intact snapshot of a supported version
     */
    public static Snapshot read(byte[] data) throws SnapshotFormatException {
        int n = data.length;
        int magicBytes = Math.min(n, MAGIC.length);
        if (!Arrays.equals(data, 0, magicBytes, MAGIC, 0, magicBytes)) {
            throw new SnapshotFormatException("not a jtcg snapshot (bad magic)");
        }
        if (n < HEADER_BYTES + TRAILER_BYTES) {
            throw new SnapshotFormatException("snapshot truncated: " + n + " bytes, shorter than the "
                    + (HEADER_BYTES + TRAILER_BYTES) + "-byte header and checksum");
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int version = Short.toUnsignedInt(b.getShort(8));
        if (version < 1 || version > FORMAT_VERSION) {
            throw new SnapshotFormatException("unsupported snapshot format version " + version
                    + " (this jtcg reads versions 1.." + FORMAT_VERSION + ")");
        }
        long declared = Integer.toUnsignedLong(b.getInt(12));
        if (declared != n) {
            throw new SnapshotFormatException(declared > n
                    ? "snapshot truncated: " + n + " bytes, header says " + declared
                    : "snapshot corrupted: " + n + " bytes, header says " + declared);
        }
        CRC32C crc = new CRC32C();
        crc.update(data, 0, n - TRAILER_BYTES);
        long stored = Integer.toUnsignedLong(b.getInt(n - TRAILER_BYTES));
        if (stored != crc.getValue()) {
            throw new SnapshotFormatException(String.format(
                    "snapshot corrupted: checksum mismatch (stored 0x%08x, computed 0x%08x)", stored, crc.getValue()));
        }
        // Only version 1 exists; a later version adds its decoder here and keeps this one.
        return decodeV1(b.limit(n - TRAILER_BYTES));
    }

    private static Snapshot decodeV1(ByteBuffer b) throws SnapshotFormatException {
        int archCode = Byte.toUnsignedInt(b.get(10));
        RegArch arch = RegArch.fromCode(archCode);
        if (arch == null) {
            throw new SnapshotFormatException(String.format("snapshot has unknown arch code 0x%02x", archCode));
        }
        b.position(HEADER_BYTES);
        RegisterList regs = null;
        List<Snapshot.Section> others = new ArrayList<>();
        while (b.hasRemaining()) {
            int at = b.position();
            if (b.remaining() < SECTION_HEADER_BYTES) {
                throw new SnapshotFormatException("snapshot corrupted: partial section header at offset " + at);
            }
            int type = Short.toUnsignedInt(b.getShort());
            int flags = Short.toUnsignedInt(b.getShort());
            long len = Integer.toUnsignedLong(b.getInt());
            if (len > b.remaining()) {
                throw new SnapshotFormatException("snapshot corrupted: section type " + type + " at offset " + at
                        + " claims " + len + " bytes, only " + b.remaining() + " remain");
            }
            ByteBuffer payload = b.slice(b.position(), (int) len).order(ByteOrder.LITTLE_ENDIAN);
            b.position(b.position() + (int) len);
            if (type == SECTION_REGS) {
                if (regs != null) {
                    throw new SnapshotFormatException("snapshot corrupted: two register sections");
                }
                regs = decodeRegs(payload, arch, at);
            } else if (type == 0) {
                throw new SnapshotFormatException("snapshot corrupted: section type 0 at offset " + at);
            } else if (type != SECTION_MEMORY_MAP && type != SECTION_PROCESS && (flags & FLAG_REQUIRED) != 0) {
                throw new SnapshotFormatException("snapshot needs section type " + type
                        + ", which this jtcg does not know (written by a newer version?)");
            } else {
                byte[] bytes = new byte[(int) len];
                payload.get(bytes);
                others.add(new Snapshot.Section(type, flags, bytes));
            }
        }
        if (regs == null) {
            throw new SnapshotFormatException("snapshot has no register section");
        }
        return new Snapshot(arch, regs, others);
    }

    private static RegisterList decodeRegs(ByteBuffer p, RegArch arch, int at) throws SnapshotFormatException {
        RegisterList.Builder builder = RegisterList.builder();
        try {
            long count = Integer.toUnsignedLong(p.getInt());
            long prev = 0;
            for (long i = 0; i < count; i++) {
                long id = p.getLong();
                if (!RegId.isValid(id) || RegId.arch(id) != arch) {
                    throw new SnapshotFormatException(String.format(
                            "snapshot corrupted: register %d has id 0x%016x, not a valid %s id", i, id, arch.prefix()));
                }
                if (i > 0 && Long.compareUnsigned(id, prev) <= 0) {
                    throw new SnapshotFormatException("snapshot corrupted: register ids not ascending at "
                            + RegisterNames.describe(id));
                }
                prev = id;
                long[] words = new long[RegId.words(id)];
                for (int w = 0; w < words.length; w++) {
                    words[w] = p.getLong();
                }
                try {
                    builder.put(id, words);
                } catch (IllegalArgumentException e) {
                    throw new SnapshotFormatException("snapshot corrupted: " + e.getMessage());
                }
            }
        } catch (BufferUnderflowException e) {
            throw new SnapshotFormatException("snapshot corrupted: register section at offset " + at + " ends early");
        }
        if (p.hasRemaining()) {
            throw new SnapshotFormatException("snapshot corrupted: " + p.remaining()
                    + " stray bytes after the register list");
        }
        return builder.build();
    }

    private static void writeSection(ByteArrayOutputStream out, int type, int flags, byte[] payload) {
        ByteBuffer h = le(SECTION_HEADER_BYTES);
        h.putShort((short) type).putShort((short) flags).putInt(payload.length);
        out.writeBytes(h.array());
        out.writeBytes(payload);
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}

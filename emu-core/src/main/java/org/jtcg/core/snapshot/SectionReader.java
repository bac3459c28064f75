package org.jtcg.core.snapshot;

import org.jtcg.cpreg.SnapshotFormatException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a little-endian section payload; every shortfall or bad value is a
 * {@link SnapshotFormatException} naming the section, never an unchecked exception.
 */
final class SectionReader {
    private final ByteBuffer b;
    private final String section;

    SectionReader(byte[] payload, String section) {
        this.b = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        this.section = section;
    }

    int u8() throws SnapshotFormatException {
        need(1);
        return Byte.toUnsignedInt(b.get());
    }

    int u16() throws SnapshotFormatException {
        need(2);
        return Short.toUnsignedInt(b.getShort());
    }

    long u32() throws SnapshotFormatException {
        need(4);
        return Integer.toUnsignedLong(b.getInt());
    }

    /** A u32 that must fit a non-negative int and be at most {@code max}. */
    int count(long max, String what) throws SnapshotFormatException {
        long n = u32();
        if (n > max) {
            throw corrupt(what + " is " + n + ", more than the possible " + max);
        }
        return (int) n;
    }

    long u64() throws SnapshotFormatException {
        need(8);
        return b.getLong();
    }

    String string() throws SnapshotFormatException {
        long len = u32();
        if (len > b.remaining()) {
            throw corrupt("a string of " + len + " bytes runs past the end");
        }
        int n = (int) len;
        byte[] bytes = new byte[n];
        b.get(bytes);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw corrupt("a string is not valid UTF-8");
        }
    }

    /** The rest of the payload. */
    byte[] rest() {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    int remaining() {
        return b.remaining();
    }

    /** Fails unless the payload has been consumed exactly. */
    void end() throws SnapshotFormatException {
        if (b.hasRemaining()) {
            throw corrupt(b.remaining() + " stray bytes at the end");
        }
    }

    SnapshotFormatException corrupt(String what) {
        return new SnapshotFormatException("snapshot corrupted: " + section + " section: " + what);
    }

    private void need(int n) throws SnapshotFormatException {
        if (b.remaining() < n) {
            throw corrupt("ends early at byte " + b.position());
        }
    }
}

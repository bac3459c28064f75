package org.jtcg.core.snapshot;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds a little-endian section payload (the byte order of the whole snapshot format). */
final class SectionWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    SectionWriter u8(int v) {
        out.write(v);
        return this;
    }

    SectionWriter u16(int v) {
        out.write(v);
        out.write(v >>> 8);
        return this;
    }

    SectionWriter u32(long v) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (v >>> (8 * i)));
        }
        return this;
    }

    SectionWriter u64(long v) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (v >>> (8 * i)));
        }
        return this;
    }

    /** u32 byte length, then UTF-8 bytes. */
    SectionWriter string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        u32(b.length);
        out.writeBytes(b);
        return this;
    }

    SectionWriter bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}

package org.jtcg.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * One input read by two guests in lockstep: the leader reads the real stream and every byte it
 * gets is kept for the follower, which reads the same bytes in the same order (EOF where the
 * leader has not read yet), so both see identical stdin.
 */
final class SharedInput {
    private final InputStream source;
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

    SharedInput(InputStream source) {
        this.source = source;
    }

    /** The stream the leading guest reads. */
    InputStream leader() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                int c = source.read();
                if (c >= 0) {
                    seen.write(c);
                }
                return c;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = source.read(b, off, len);
                if (n > 0) {
                    seen.write(b, off, n);
                }
                return n;
            }
        };
    }

    /** The stream the following guest reads. */
    InputStream follower() {
        return new InputStream() {
            private int pos;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                byte[] all = seen.toByteArray();
                int n = Math.min(len, all.length - pos);
                if (n <= 0) {
                    return len == 0 ? 0 : -1;
                }
                System.arraycopy(all, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }
}

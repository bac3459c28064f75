package org.jtcg.core.linux;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Random;

/**
 * The guest's random bytes (AT_RANDOM, getrandom) read from the host's /dev/urandom, like the kernel's own.
 *
 * <p>Why not {@link SecureRandom}: its first instance sets up the JDK's security providers (reads
 * java.security, registers and looks up providers), ~10 ms of every cold start although a process needs only
 * the 16 AT_RANDOM bytes and a few getrandom calls. The file is opened per request, so jtcg holds no host fd
 * for it; a host without /dev/urandom falls back to SecureRandom.
 */
final class HostEntropy extends Random {
    private static final Path URANDOM = Path.of("/dev/urandom");
    private Random fallback;

    HostEntropy() {
        super(0L); // unused: every value comes from nextBytes
    }

    @Override
    public synchronized void nextBytes(byte[] bytes) {
        if (fallback == null) {
            try (InputStream in = Files.newInputStream(URANDOM)) {
                if (in.readNBytes(bytes, 0, bytes.length) == bytes.length) {
                    return;
                }
            } catch (IOException | SecurityException e) {
                // below
            }
            fallback = new SecureRandom();
        }
        fallback.nextBytes(bytes);
    }

    @Override
    protected int next(int bits) {
        byte[] b = new byte[4];
        nextBytes(b);
        int v = (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
        return v >>> (32 - bits);
    }
}

package org.jtcg.core.linux;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The guest's AT_RANDOM/getrandom source gives fresh bytes on every request, and ints over the whole range. */
class HostEntropyTest {
    @Test
    void everyRequestGetsFreshBytes() {
        HostEntropy e = new HostEntropy();
        byte[] a = new byte[16];
        byte[] b = new byte[16];
        e.nextBytes(a);
        e.nextBytes(b);
        assertFalse(Arrays.equals(a, b), "two AT_RANDOM draws alike");
        assertFalse(Arrays.equals(a, new byte[16]), "all zero");
        byte[] big = new byte[70_000]; // more than one read of the device may return
        e.nextBytes(big);
        assertFalse(Arrays.equals(Arrays.copyOfRange(big, 69_000, 70_000), new byte[1000]), "tail left unfilled");
    }

    @Test
    void intsCoverTheirRange() {
        HostEntropy e = new HostEntropy();
        boolean negative = false;
        boolean high = false;
        for (int i = 0; i < 200; i++) {
            negative |= e.nextInt() < 0;
            int bounded = e.nextInt(1000);
            assertTrue(bounded >= 0 && bounded < 1000);
            high |= bounded >= 500;
        }
        assertTrue(negative && high, "values stuck in part of their range");
    }
}

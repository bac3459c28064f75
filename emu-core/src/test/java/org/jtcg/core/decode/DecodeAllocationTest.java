package org.jtcg.core.decode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Decoding allocates nothing: 100k decodes stay far below even one small object each. */
class DecodeAllocationTest {

    @Test
    void decodeAllocatesNothing() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "needs com.sun.management.ThreadMXBean");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());

        DecodeTable table = DecodeTable.load(getClass(), "s390x-sample.decode");
        Decoder decoder = table.decoder(Set.of());
        long[] args = table.newArgumentArray();
        long[] words = new long[4096];
        Random random = new Random(7);
        for (int i = 0; i < words.length; i++) {
            var pattern = table.patterns().get(random.nextInt(table.patterns().size()));
            words[i] = pattern.value() | (random.nextLong() & ~pattern.mask() & 0xffff_ffff_ffffL);
        }
        long sink = run(decoder, words, args, 200_000);   // warm up so the measured loop runs compiled
        long threadId = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(threadId);
        sink += run(decoder, words, args, 100_000);
        long allocated = threads.getThreadAllocatedBytes(threadId) - before;
        assertTrue(sink != 42, "keeps the loop alive");
        // one 16-byte object per decode would be 1.6 MB; allow a little for the measurement itself
        assertTrue(allocated < 16_384, "100k decodes allocated " + allocated + " bytes");
    }

    private static long run(Decoder decoder, long[] words, long[] args, int count) {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += decoder.decode(words[i & (words.length - 1)], args) + args[0];
        }
        return sum;
    }
}

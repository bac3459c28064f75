package org.jtcg.arm64.translate;

import org.jtcg.core.decode.EncodingPattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random words inside every pattern of a64.decode (fixed bits kept, the others random, fixed seed), written as
 * a raw little-endian file and disassembled by {@code aarch64-linux-gnu-objdump -D -b binary}: every word the
 * translator implements must be formatted and read exactly as objdump prints it. This reaches the encodings
 * real code rarely uses (odd register choices, reserved-looking immediates, every alias boundary). Words
 * objdump calls undefined that we execute must be the CONSTRAINED UNPREDICTABLE forms of
 * {@link A64ObjdumpCrossCheck#constrainedUnpredictable}; any other one is an encoding the translator should
 * reject and fails the test. Skipped without objdump.
 */
class A64DisassemblerRandomWordsTest {
    private static final int PER_PATTERN = 300;

    @TempDir
    Path tmp;

    @Test
    void randomWordsOfEveryPatternMatchObjdump() throws Exception {
        Assumptions.assumeTrue(A64DisassemblerObjdumpTest.onPath("aarch64-linux-gnu-objdump"), "aarch64 objdump not installed");
        Random rnd = new Random(20261205);
        List<EncodingPattern> patterns = A64Table.TABLE.patterns();
        ByteBuffer words = ByteBuffer.allocate(4 * PER_PATTERN * patterns.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (EncodingPattern p : patterns) {
            for (int i = 0; i < PER_PATTERN; i++) {
                words.putInt((int) (rnd.nextInt() & ~p.mask() | p.value()));
            }
        }
        Path raw = tmp.resolve("words.bin");
        Files.write(raw, words.array());
        A64ObjdumpCrossCheck.Report r = new A64ObjdumpCrossCheck().check(patterns.size() + " patterns x " + PER_PATTERN + " random words",
                List.of("-D", "-b", "binary", "-m", "aarch64", raw.toString()), A64ObjdumpCrossCheck::constrainedUnpredictable);
        System.out.println(r.summary());
        assertEquals(List.of(), r.firstMismatches(), r.summary());
        assertEquals(List.of(), r.firstUnformattedImplemented(), r.summary());
        assertTrue(r.implemented() > r.total() / 2, r.summary());
    }
}

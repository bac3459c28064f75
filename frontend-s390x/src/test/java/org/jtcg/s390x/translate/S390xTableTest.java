package org.jtcg.s390x.translate;

import org.jtcg.core.decode.EncodingPattern;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The instruction table's own consistency: lengths agree with the length codes, every row has a handler. */
class S390xTableTest {
    @Test
    void eachPatternsLengthMatchesItsLengthCode() {
        for (EncodingPattern p : S390xTable.TABLE.patterns()) {
            int firstHalfword = (int) (p.value() >>> 32) & 0xffff;
            assertEquals(S390xTable.length(firstHalfword) * 8, p.lengthBits(), p.name());
        }
    }

    @Test
    void everyPatternHasAHandler() {
        for (EncodingPattern p : S390xTable.TABLE.patterns()) {
            assertNotNull(S390xTranslator.HANDLERS.get(p.id()), p.name());
        }
        assertTrue(S390xTable.TABLE.patterns().size() > 350, "table has " + S390xTable.TABLE.patterns().size() + " rows");
    }
}

package org.jtcg.s390x.translate;

import org.jtcg.core.decode.EncodingPattern;
import org.jtcg.core.decode.Decoder;
import org.jtcg.core.memory.GuestMemory;

/** Placeholder replaced below. */
final class S390xDisassembler {
    private S390xDisassembler() {}

    static String disassemble(GuestMemory memory, long pc) {
        return null;
    }
}

package org.jtcg.x86.decoder;

/** Outcome of decoding one instruction. */
public enum DecodeStatus {
    /** A complete instruction from the decoder's tables. */
    OK,
    /**
     * The bytes do not form an instruction the tables know (or break an encoding rule such as LOCK on
     * a non-lockable instruction, or exceed 15 bytes). The translator raises SIGILL.
     */
    UNDEFINED,
    /**
     * The available bytes end before the instruction does (for example at the end of an executable
     * page); more bytes are needed to say what it is.
     */
    TRUNCATED
}

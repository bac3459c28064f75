package org.jtcg.fuzz;

/**
 * Where a sequence lives in the guest address space and how it ends: the code area (read +
 * execute) holds the sequence followed by the terminator, an instruction every engine stops at the
 * same way (a signal with pc at the terminator, no register side effects); the scratch block (read
 * + write) is the only memory generated instructions touch.
 *
 * @param code             code area start (the first instruction)
 * @param codeSize         code area size
 * @param scratch          scratch block start
 * @param scratchSize      scratch block size
 * @param terminator       terminator bytes
 * @param terminatorSignal the signal engines report at the terminator
 */
public record FuzzLayout(long code, int codeSize, long scratch, int scratchSize, byte[] terminator, int terminatorSignal) {
    public FuzzLayout {
        terminator = terminator.clone();
    }

    @Override
    public byte[] terminator() {
        return terminator.clone();
    }
}

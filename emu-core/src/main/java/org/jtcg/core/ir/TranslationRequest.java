package org.jtcg.core.ir;

import org.jtcg.core.cpu.CpuLayout;
import org.jtcg.core.memory.GuestMemory;

/**
 * What an engine asks a {@link Translator} for.
 *
 * @param pc       guest PC of the block's first instruction
 * @param memory   where code bytes come from (use {@link #fetch})
 * @param layout   the CPU state layout whose fields are the IR globals
 * @param maxInsns maximum number of guest instructions in the block (1 when single-stepping)
 */
public record TranslationRequest(long pc, GuestMemory memory, CpuLayout layout, int maxInsns) {
    public TranslationRequest {
        if (maxInsns < 1) {
            throw new IllegalArgumentException("maxInsns must be >= 1, got " + maxInsns);
        }
    }

    /** Reads up to len code bytes at va (PROT_EXEC); returns how many were readable. Throws GuestFault if none. */
    public int fetch(long va, byte[] dst, int off, int len) {
        return memory.fetch(va, dst, off, len);
    }

    /** A builder for this block. */
    public IrBuilder newBuilder() {
        return new IrBuilder(layout, pc);
    }

    /** Bytes from pc to the end of its guest page. */
    public int bytesLeftInPage() {
        return (int) (GuestMemory.PAGE_SIZE - (pc & (GuestMemory.PAGE_SIZE - 1)));
    }
}

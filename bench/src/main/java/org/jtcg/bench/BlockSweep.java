package org.jtcg.bench;

import org.jtcg.core.cpu.CpuLayout;
import org.jtcg.core.ir.IrBlock;
import org.jtcg.core.ir.TranslationRequest;
import org.jtcg.core.ir.Translator;
import org.jtcg.core.memory.GuestMemory;

import java.util.ArrayList;
import java.util.List;

/**
 * A fixed list of guest blocks found once by a linear sweep (translate at a PC, continue after the block's last
 * instruction), so a benchmark works on code that really is in the binary, not on one hot block. The workloads
 * of the translation and pipeline benchmarks and the cold-tier benchmark share it.
 *
 * @param pcs     each block's start
 * @param insns   each block's guest instruction count
 * @param lengths each block's guest byte length (at least 1)
 */
record BlockSweep(long[] pcs, int[] insns, int[] lengths) {
    /** Sweeps [start, end) with blocks of at most {@code maxInsns} instructions, up to {@code maxBlocks} blocks. */
    static BlockSweep of(Translator translator, GuestMemory memory, CpuLayout layout, long start, long end,
                         int maxBlocks, int maxInsns) {
        List<long[]> found = new ArrayList<>();
        long pc = start;
        while (pc < end && found.size() < maxBlocks) {
            IrBlock b = translator.translate(new TranslationRequest(pc, memory, layout, maxInsns));
            long len = Math.max(1, b.guestLength());
            found.add(new long[] {pc, b.insnCount(), len});
            pc += len;
        }
        if (found.isEmpty()) {
            throw new IllegalStateException(String.format("no code between 0x%x and 0x%x", start, end));
        }
        return new BlockSweep(found.stream().mapToLong(x -> x[0]).toArray(),
                found.stream().mapToInt(x -> (int) x[1]).toArray(), found.stream().mapToInt(x -> (int) x[2]).toArray());
    }

    int blockCount() {
        return pcs.length;
    }

    long totalInsns() {
        long n = 0;
        for (int i : insns) {
            n += i;
        }
        return n;
    }
}

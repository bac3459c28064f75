package org.jtcg.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * The tiny static ELF an oracle lane runs for a batch of sequences. Segments:
 * <ul>
 * <li>text (read-write-execute): the prologue, ending exactly at the code address, and the code area,
 *     into which each sequence is copied with its epilogue in place of the terminator (so pc-relative
 *     operands mean what they mean under the engines);</li>
 * <li>data (read-write): the scratch block followed by the register block;</li>
 * <li>batch (read-execute), above both: for each sequence a driver step that copies the sequence's
 *     code + epilogue into the code area and its initial scratch + register block into place, then
 *     jumps to the prologue; and the sources of those copies.</li>
 * </ul>
 * The entry point is the first driver step; each epilogue writes its record (scratch + block) and
 * jumps to the next step, the last one exits.
 */
final class OracleProgram {
    private OracleProgram() {}

    private static final long PAGE = 0x1000, BATCH_ALIGN = 0x10_0000;
    /** Room for one driver step (x86-64 needs 2 x 18 + 7 bytes). */
    private static final int STEP_ROOM = 128;

    /** The ELF file for {@code programs} started from {@code inits} (same length, at least one). */
    static byte[] image(ArchFuzzer fuzzer, OracleCode oc, List<FuzzState> inits, List<Program> programs) {
        FuzzLayout l = fuzzer.layout();
        int n = programs.size();
        long block = l.scratch() + l.scratchSize();
        int record = l.scratchSize() + oc.blockSize();
        byte[] prologue = oc.prologue(block);
        long entry = l.code() - prologue.length;
        long textStart = entry & -PAGE;
        long dataEnd = block + oc.blockSize();
        long batch = (Math.max(dataEnd, l.code() + l.codeSize()) + BATCH_ALIGN - 1) & -BATCH_ALIGN;
        if (l.scratch() % PAGE != 0 || textStart < dataEnd && l.scratch() < l.code() + l.codeSize()) {
            throw new IllegalStateException("fuzz layout does not suit an oracle image (scratch not page-aligned or overlapping the code)");
        }
        // sources: per sequence its code + epilogue, then its scratch + register block
        long sources = batch + (long) STEP_ROOM * n;
        ByteArrayOutputStream src = new ByteArrayOutputStream();
        long[] codeAt = new long[n], dataAt = new long[n];
        int[] codeLen = new int[n];
        for (int k = 0; k < n; k++) {
            long next = k + 1 < n ? batch + (long) STEP_ROOM * (k + 1) : -1;
            byte[] code = programs.get(k).code();
            byte[] epilogue = oc.epilogue(block, l.scratch(), record, next);
            if (code.length + epilogue.length > l.codeSize()) {
                throw new IllegalArgumentException("sequence of " + code.length + " bytes does not fit the code area");
            }
            codeAt[k] = sources + src.size();
            codeLen[k] = code.length + epilogue.length;
            src.writeBytes(code);
            src.writeBytes(epilogue);
            dataAt[k] = sources + src.size();
            src.writeBytes(inits.get(k).scratch());
            byte[] regs = oc.registerBlock(inits.get(k));
            if (regs.length != oc.blockSize()) {
                throw new IllegalStateException("register block of " + regs.length + " bytes, expected " + oc.blockSize());
            }
            src.writeBytes(regs);
        }
        byte[] batchBytes = new byte[STEP_ROOM * n + src.size()];
        for (int k = 0; k < n; k++) {
            ByteArrayOutputStream step = new ByteArrayOutputStream();
            step.writeBytes(oc.copy(l.code(), codeAt[k], codeLen[k]));
            step.writeBytes(oc.copy(l.scratch(), dataAt[k], record));
            step.writeBytes(oc.jump(entry));
            if (step.size() > STEP_ROOM) {
                throw new IllegalStateException("driver step of " + step.size() + " bytes");
            }
            System.arraycopy(step.toByteArray(), 0, batchBytes, STEP_ROOM * k, step.size());
        }
        System.arraycopy(src.toByteArray(), 0, batchBytes, STEP_ROOM * n, src.size());
        byte[] text = new byte[(int) (l.code() - textStart)];
        System.arraycopy(prologue, 0, text, (int) (entry - textStart), prologue.length);
        return ElfImage.build(fuzzer.target().elfMachine(), oc.bigEndian(), batch, List.of(
                new ElfImage.Segment(textStart, text, l.code() + l.codeSize() - textStart, ElfImage.PF_R | ElfImage.PF_W | ElfImage.PF_X),
                new ElfImage.Segment(l.scratch(), new byte[0], record, ElfImage.PF_R | ElfImage.PF_W),
                new ElfImage.Segment(batch, batchBytes, batchBytes.length, ElfImage.PF_R | ElfImage.PF_X)));
    }
}

package org.jtcg.fuzz;

import java.util.List;

/**
 * The tiny static ELF an oracle lane runs for one sequence: a read-execute segment with the
 * prologue ending exactly at the code address, the sequence there (so pc-relative operands mean
 * what they mean under the engines) and the epilogue in place of the terminator; and a read-write
 * segment with the scratch block followed by the register block.
 */
final class OracleProgram {
    private OracleProgram() {}

    /** The ELF file for {@code program} starting from {@code init}. */
    static byte[] image(ArchFuzzer fuzzer, OracleCode oc, FuzzState init, Program program) {
        FuzzLayout l = fuzzer.layout();
        long block = l.scratch() + l.scratchSize();
        byte[] prologue = oc.prologue(block);
        byte[] epilogue = oc.epilogue(block, l.scratch(), l.scratchSize() + oc.blockSize());
        byte[] code = program.code();
        long entry = l.code() - prologue.length;
        long textStart = entry & -0x1000L;
        byte[] text = new byte[(int) (l.code() - textStart) + code.length + epilogue.length];
        int at = (int) (entry - textStart);
        System.arraycopy(prologue, 0, text, at, prologue.length);
        System.arraycopy(code, 0, text, at + prologue.length, code.length);
        System.arraycopy(epilogue, 0, text, at + prologue.length + code.length, epilogue.length);
        byte[] regs = oc.registerBlock(init);
        if (regs.length != oc.blockSize()) {
            throw new IllegalStateException("register block of " + regs.length + " bytes, expected " + oc.blockSize());
        }
        byte[] data = new byte[l.scratchSize() + regs.length];
        byte[] scratch = init.scratch();
        System.arraycopy(scratch, 0, data, 0, scratch.length);
        System.arraycopy(regs, 0, data, l.scratchSize(), regs.length);
        if (l.scratch() % 0x1000 != 0 || textStart + text.length > l.scratch() && textStart < l.scratch() + data.length) {
            throw new IllegalStateException("fuzz layout does not suit an oracle image (scratch not page-aligned or overlapping the code)");
        }
        return ElfImage.build(fuzzer.target().elfMachine(), oc.bigEndian(), entry, List.of(
                new ElfImage.Segment(textStart, text, text.length, ElfImage.PF_R | ElfImage.PF_X),
                new ElfImage.Segment(l.scratch(), data, data.length, ElfImage.PF_R | ElfImage.PF_W)));
    }
}

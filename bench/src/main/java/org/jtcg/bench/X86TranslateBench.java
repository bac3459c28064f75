package org.jtcg.bench;

import org.jtcg.core.arch.GuestArch;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;

import java.nio.file.Path;

/**
 * Block translation throughput for x86-64: the first {@value #BLOCKS} blocks of the .text of a
 * static guest binary (default testsuites/guest/build/x86_64/intwork, or
 * {@code -Djtcg.bench.elf=PATH}), found by a linear sweep, translated in turn through the real
 * frontend (decode + IR), the passes and the compilers; stages as in {@link TranslationWorkload}.
 *
 * <p>Skipped with a "SKIPPED: ..." message when the x86-64 frontend is not on the class path or
 * the binary is missing ({@link BenchMain} leaves it out of the run in that case).
 */
public class X86TranslateBench extends TranslationStageBench {
    static final int BLOCKS = 4096;

    @Setup(Level.Trial)
    public void setup() {
        GuestArch arch = GuestBinaries.x86OrSkip();
        Path elf = GuestBinaries.program("intwork");
        GuestBinaries.Loaded l = GuestBinaries.load(arch, elf);
        work = new TranslationWorkload(arch, l.memory(), l.textStart(), l.textEnd(), BLOCKS, stage);
        System.out.printf("%n  %s: %d blocks, %d guest instructions from .text [0x%x, 0x%x)%n",
                elf, work.blockCount(), work.totalInsns(), l.textStart(), l.textEnd());
    }
}

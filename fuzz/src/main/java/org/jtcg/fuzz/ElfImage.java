package org.jtcg.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * A minimal static ELF64 executable: the file header, one PT_LOAD program header per segment,
 * each segment's bytes at a page-aligned file offset (offset = vaddr modulo the page size, as the
 * loader requires). No sections, no interpreter. Field layout from the System V ABI (gABI, "ELF
 * Header" and "Program Header").
 */
final class ElfImage {
    private ElfImage() {}

    static final int PF_X = 1, PF_W = 2, PF_R = 4;
    private static final int PAGE = 0x1000;
    private static final int EHDR_SIZE = 64, PHDR_SIZE = 56;
    private static final int PT_LOAD = 1, ET_EXEC = 2, EV_CURRENT = 1;

    /**
     * One loadable segment.
     *
     * @param vaddr   page-aligned address
     * @param bytes   contents (file size)
     * @param memSize size in memory (>= bytes; the rest reads as zero)
     * @param flags   {@link #PF_R} | {@link #PF_W} | {@link #PF_X}
     */
    record Segment(long vaddr, byte[] bytes, long memSize, int flags) {
        Segment {
            if (vaddr % PAGE != 0 || memSize < bytes.length) {
                throw new IllegalArgumentException(String.format("segment at 0x%x: page-aligned start and memSize >= file size", vaddr));
            }
        }
    }

    /** The file's bytes. */
    static byte[] build(int machine, boolean bigEndian, long entry, List<Segment> segments) {
        long offset = align(EHDR_SIZE + (long) PHDR_SIZE * segments.size());
        long[] offsets = new long[segments.size()];
        for (int i = 0; i < segments.size(); i++) {
            offsets[i] = offset;
            offset = align(offset + segments.get(i).bytes().length);
        }
        ByteBuffer b = ByteBuffer.allocate((int) offset).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2 /* ELFCLASS64 */, (byte) (bigEndian ? 2 : 1) /* ELFDATA2MSB/LSB */,
            EV_CURRENT, 0 /* ELFOSABI_SYSV */, 0, 0, 0, 0, 0, 0, 0, 0});
        b.putShort((short) ET_EXEC).putShort((short) machine).putInt(EV_CURRENT);
        b.putLong(entry).putLong(EHDR_SIZE).putLong(0); // e_entry, e_phoff, e_shoff
        b.putInt(0).putShort((short) EHDR_SIZE).putShort((short) PHDR_SIZE).putShort((short) segments.size());
        b.putShort((short) 0).putShort((short) 0).putShort((short) 0); // no section headers
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            b.putInt(PT_LOAD).putInt(s.flags()).putLong(offsets[i]).putLong(s.vaddr()).putLong(s.vaddr())
                    .putLong(s.bytes().length).putLong(s.memSize()).putLong(PAGE);
        }
        for (int i = 0; i < segments.size(); i++) {
            b.position((int) offsets[i]);
            b.put(segments.get(i).bytes());
        }
        return b.array();
    }

    static long align(long v) {
        return (v + PAGE - 1) & -PAGE;
    }
}

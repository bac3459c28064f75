package org.jtcg.core.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper assembling ELF64 images byte by byte: header, program headers, segment data.
 * Fields default to a valid little-endian x86-64 ET_EXEC; tests then break one thing.
 */
final class ElfBuilder {
    record Seg(int type, int flags, long offset, long vaddr, long filesz, long memsz, long align) {}

    int cls = 2, data = 1, identVersion = 1, type = ElfFile.ET_EXEC, machine = 62;
    long version = 1, entry = 0x401000;
    int phentsize = 56;
    Integer phnumOverride;
    Long phoffOverride;
    final List<Seg> segs = new ArrayList<>();
    byte[] payload = new byte[0];
    long payloadOffset = 0x1000;

    ElfBuilder seg(int type, int flags, long offset, long vaddr, long filesz, long memsz, long align) {
        segs.add(new Seg(type, flags, offset, vaddr, filesz, memsz, align));
        return this;
    }

    ElfBuilder load(int flags, long offset, long vaddr, long filesz, long memsz) {
        return seg(ElfFile.PT_LOAD, flags, offset, vaddr, filesz, memsz, 0x1000);
    }

    /** File bytes placed at {@link #payloadOffset}. */
    ElfBuilder payload(byte[] p) {
        payload = p;
        return this;
    }

    byte[] build() {
        long phoff = phoffOverride != null ? phoffOverride : 64;
        int phnum = phnumOverride != null ? phnumOverride : segs.size();
        int size = (int) Math.max(64 + 56L * segs.size(), payloadOffset + payload.length);
        ByteBuffer b = ByteBuffer.allocate(size).order(data == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) cls, (byte) data, (byte) identVersion});
        b.putShort(16, (short) type);
        b.putShort(18, (short) machine);
        b.putInt(20, (int) version);
        b.putLong(24, entry);
        b.putLong(32, phoff);
        b.putShort(52, (short) 64);
        b.putShort(54, (short) phentsize);
        b.putShort(56, (short) phnum);
        for (int i = 0; i < segs.size(); i++) {
            Seg s = segs.get(i);
            int o = 64 + 56 * i;
            b.putInt(o, s.type);
            b.putInt(o + 4, s.flags);
            b.putLong(o + 8, s.offset);
            b.putLong(o + 16, s.vaddr);
            b.putLong(o + 24, s.vaddr);
            b.putLong(o + 32, s.filesz);
            b.putLong(o + 40, s.memsz);
            b.putLong(o + 48, s.align);
        }
        b.position((int) payloadOffset);
        b.put(payload);
        return b.array();
    }

    /** A typical static executable: text (R X) and data+bss (RW) in two segments. */
    static ElfBuilder staticExec() {
        byte[] p = new byte[0x2000 + 0x100];
        for (int i = 0; i < 0x1000; i++) p[i] = (byte) (i * 7 + 1);        // text at file 0x1000 -> 0x401000
        for (int i = 0; i < 0x100; i++) p[0x2000 + i] = (byte) (0xa0 + i);  // data at file 0x3000 -> 0x403000
        return new ElfBuilder().payload(p)
                .load(ElfFile.PF_R, 0, 0x400000, 0x1000, 0x1000)
                .load(ElfFile.PF_R | ElfFile.PF_X, 0x1000, 0x401000, 0x1000, 0x1000)
                .load(ElfFile.PF_R | ElfFile.PF_W, 0x3000, 0x403000, 0x100, 0x3000)
                .seg(ElfFile.PT_GNU_STACK, ElfFile.PF_R | ElfFile.PF_W, 0, 0, 0, 0, 16);
    }
}

package org.jtcg.cli.toy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Assembles toy64 programs into a minimal static ELF64 executable (one RX PT_LOAD at 0x400000). */
public final class ToyProgram {
    public static final long BASE = 0x400000;
    private static final int HEADERS = 64 + 56;

    private final ByteArrayOutputStream code = new ByteArrayOutputStream();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private final java.util.List<long[]> dataFixups = new java.util.ArrayList<>(); // {code offset, data offset}

    public ToyProgram li(int r, long imm) {
        code.write(0x10 | r);
        for (int i = 0; i < 8; i++) {
            code.write((int) (imm >>> (8 * i)));
        }
        return this;
    }

    /** rR = address of a string placed in the data area. */
    public ToyProgram la(int r, String s) {
        int dataOff = data.size();
        data.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        dataFixups.add(new long[] {code.size() + 1, dataOff});
        return li(r, 0);
    }

    public ToyProgram syscall() { code.write(0x01); return this; }
    public ToyProgram store8(int r) { code.write(0x20 | r); return this; }
    public ToyProgram raw(int b) { code.write(b); return this; }

    /** Marks a loop head: returns the current code offset. */
    public int here() { return code.size(); }

    /** rR -= 1; jnz rR back to {@code head}. */
    public ToyProgram decJnz(int r, int head) {
        int next = code.size() + 2;
        code.write(0x30 | r);
        code.write(head - next);
        return this;
    }

    public ToyProgram write(int fd, String s) {
        return li(0, 1).li(1, fd).la(2, s).li(3, s.getBytes(StandardCharsets.UTF_8).length).syscall();
    }

    public ToyProgram exitGroup(int status) {
        return li(0, 231).li(1, status).syscall();
    }

    public byte[] elf() {
        byte[] c = code.toByteArray();
        long dataAddr = BASE + HEADERS + c.length;
        for (long[] f : dataFixups) {
            long addr = dataAddr + f[1];
            for (int i = 0; i < 8; i++) {
                c[(int) f[0] + i] = (byte) (addr >>> (8 * i));
            }
        }
        byte[] d = data.toByteArray();
        int total = HEADERS + c.length + d.length;
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        b.put(new byte[8]);
        b.putShort((short) 2);                     // ET_EXEC
        b.putShort((short) ToyArch.EM_TOY);
        b.putInt(1);                               // EV_CURRENT
        b.putLong(BASE + HEADERS);                 // e_entry
        b.putLong(64);                             // e_phoff
        b.putLong(0);                              // e_shoff
        b.putInt(0);                               // e_flags
        b.putShort((short) 64).putShort((short) 56).putShort((short) 1);
        b.putShort((short) 64).putShort((short) 0).putShort((short) 0);
        b.putInt(1).putInt(5);                     // PT_LOAD, PF_R|PF_X
        b.putLong(0).putLong(BASE).putLong(BASE);  // offset, vaddr, paddr
        b.putLong(total).putLong(total).putLong(0x1000);
        b.put(c).put(d);
        return b.array();
    }
}

package org.jtcg.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a minimal static x86-64 Linux executable that makes {@code count} getppid system calls
 * in a loop and exits with status 0: the smallest guest whose run time is dominated by
 * guest-to-host exits. Hand-assembled (encodings from the Intel SDM), one PT_LOAD, no sections:
 * <pre>
 *   mov  r12d, count      41 BC imm32
 * loop:
 *   mov  eax, 110         B8 6E 00 00 00     ; __NR_getppid
 *   syscall               0F 05
 *   dec  r12d             41 FF CC
 *   jnz  loop             75 F4
 *   mov  eax, 60          B8 3C 00 00 00     ; __NR_exit
 *   xor  edi, edi         31 FF
 *   syscall               0F 05
 * </pre>
 */
final class SyscallLoopElf {
    static final long BASE = 0x400000;
    private static final int EHDR = 64, PHDR = 56;

    private SyscallLoopElf() {}

    static byte[] image(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1: " + count);
        }
        byte[] code = {
            0x41, (byte) 0xBC, (byte) count, (byte) (count >>> 8), (byte) (count >>> 16), (byte) (count >>> 24),
            (byte) 0xB8, 110, 0, 0, 0,
            0x0F, 0x05,
            0x41, (byte) 0xFF, (byte) 0xCC,
            0x75, (byte) 0xF4,
            (byte) 0xB8, 60, 0, 0, 0,
            0x31, (byte) 0xFF,
            0x0F, 0x05,
        };
        int size = EHDR + PHDR + code.length;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0}); // ELF64, LE, SysV
        b.putShort((short) 2);                   // e_type ET_EXEC
        b.putShort((short) GuestBinaries.EM_X86_64);
        b.putInt(1);                             // e_version
        b.putLong(BASE + EHDR + PHDR);           // e_entry
        b.putLong(EHDR);                         // e_phoff
        b.putLong(0);                            // e_shoff
        b.putInt(0);                             // e_flags
        b.putShort((short) EHDR).putShort((short) PHDR).putShort((short) 1); // ehsize, phentsize, phnum
        b.putShort((short) 0).putShort((short) 0).putShort((short) 0);       // shentsize, shnum, shstrndx
        b.putInt(1);                             // p_type PT_LOAD
        b.putInt(5);                             // p_flags R|X
        b.putLong(0);                            // p_offset
        b.putLong(BASE).putLong(BASE);           // p_vaddr, p_paddr
        b.putLong(size).putLong(size);           // p_filesz, p_memsz
        b.putLong(0x1000);                       // p_align
        b.put(code);
        return b.array();
    }

    /** Writes the image to a new executable temporary file (deleted on exit). */
    static Path write(int count) {
        try {
            Path p = Files.createTempFile("jtcg-syscall-loop-" + count + "-", ".elf");
            Files.write(p, image(count));
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            p.toFile().deleteOnExit();
            return p;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the syscall-loop guest: " + e.getMessage(), e);
        }
    }

    /** Writes the guest to a file: {@code java -cp benchmarks.jar org.jtcg.bench.SyscallLoopElf COUNT FILE}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: SyscallLoopElf COUNT FILE");
            System.exit(2);
        }
        Path p = Path.of(args[1]);
        Files.write(p, image(Integer.parseInt(args[0])));
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}

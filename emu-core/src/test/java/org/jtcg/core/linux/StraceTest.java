package org.jtcg.core.linux;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.jtcg.core.linux.SyscallFixture.SCRATCH;
import static org.junit.jupiter.api.Assertions.*;

class StraceTest {
    @TempDir Path dir;

    @Test
    void linesLookLikeStrace() throws Exception {
        SyscallFixture f = new SyscallFixture();
        f.strace();
        Path file = Files.writeString(dir.resolve("p"), "hello\nworld");
        long path = f.str(SCRATCH, file.toString());
        f.call("openat", -100, path, 0, 0);
        f.call("read", 3, SCRATCH + 0x1000, 100);
        f.call("openat", -100, f.str(SCRATCH, "/nonexistent/x"), 0101 | 02000000, 0644);
        f.str(SCRATCH + 0x2000, "hi\n");
        f.call("write", 1, SCRATCH + 0x2000, 3);
        f.call("mmap", 0, 0x2000, 3, 0x22, -1, 0);
        f.call("exit_group", 0);
        String[] lines = f.straceText().split("\n");
        assertEquals("openat(AT_FDCWD, \"" + file + "\", O_RDONLY) = 3", lines[0]);
        assertEquals("read(3, \"hello\\nworld\", 100) = 11", lines[1]);
        assertEquals("openat(AT_FDCWD, \"/nonexistent/x\", O_WRONLY|O_CREAT|O_CLOEXEC, 0644) = -1 ENOENT (No such file or directory)", lines[2]);
        assertEquals("write(1, \"hi\\n\", 3) = 3", lines[3]);
        assertTrue(lines[4].matches("mmap\\(NULL, 8192, PROT_READ\\|PROT_WRITE, MAP_PRIVATE\\|MAP_ANONYMOUS, -1, 0x0\\) = 0x[0-9a-f]+"), lines[4]);
        assertEquals("exit_group(0) = ?", lines[5]);
        assertEquals(6, lines.length);
    }

    @Test
    void longBuffersAreTruncatedAndUnknownSyscallsShowHex() {
        SyscallFixture f = new SyscallFixture();
        f.strace();
        f.str(SCRATCH, "x".repeat(40));
        f.call("write", 1, SCRATCH, 40);
        f.cpu.set(888, 1, 2);
        f.proc.syscall(f.cpu);
        String[] lines = f.straceText().split("\n");
        assertEquals("write(1, \"" + "x".repeat(32) + "\"..., 40) = 40", lines[0]);
        assertEquals("syscall_888(0x1, 0x2, 0x0, 0x0, 0x0, 0x0) = -1 ENOSYS (Function not implemented)", lines[1]);
        assertEquals("jtcg: unsupported syscall 888 (unknown), returning ENOSYS", lines[2], "noted once, under --strace only");
    }
}

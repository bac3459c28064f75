package org.jtcg.core.linux;

import org.jtcg.core.memory.GuestMemory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** A process over TestMemory with captured stdio, a scratch buffer and a call-by-name helper. */
class SyscallFixture {
    static final long SCRATCH = 0x1000_0000L, SCRATCH_SIZE = 0x10_0000;
    static final long BAD = 0xdead_0000L;

    final TestMemory mem = new TestMemory();
    final TestAbi abi;
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    final ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    final ByteArrayOutputStream straceBytes = new ByteArrayOutputStream();
    final LinuxProcess proc;
    final TestCpu cpu = new TestCpu();

    SyscallFixture(TestAbi abi, String stdin) {
        this(abi, stdin, null);
    }

    /** With guest stdout going to {@code stdoutStream} instead of {@link #stdout} (when not null). */
    SyscallFixture(TestAbi abi, String stdin, OutputStream stdoutStream) {
        this.abi = abi;
        proc = new LinuxProcess(mem, abi, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                stdoutStream != null ? stdoutStream : stdout, stderr);
        proc.setWarn(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        proc.setRandom(new Random(42));
        long at = mem.mmap(SCRATCH, SCRATCH_SIZE, GuestMemory.PROT_READ | GuestMemory.PROT_WRITE,
                GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS | GuestMemory.MAP_FIXED);
        if (at != SCRATCH) throw new IllegalStateException("scratch map failed");
    }

    SyscallFixture() {
        this(new TestAbi(), "");
    }

    void strace() {
        proc.setStrace(new PrintStream(straceBytes, true, StandardCharsets.UTF_8));
    }

    String straceText() {
        return straceBytes.toString(StandardCharsets.UTF_8);
    }

    long call(String name, long... args) {
        cpu.set(TestAbi.nr(name), args);
        proc.syscall(cpu);
        return cpu.a0;
    }

    /** Writes a C string at addr and returns addr. */
    long str(long addr, String s) {
        byte[] b = (s + "\0").getBytes(StandardCharsets.UTF_8);
        mem.write(addr, b, 0, b.length);
        return addr;
    }

    String cstr(long addr) {
        return new String(mem.readCString(addr, 8192), StandardCharsets.UTF_8);
    }

    byte[] bytes(long addr, int n) {
        byte[] b = new byte[n];
        mem.read(addr, b, 0, n);
        return b;
    }

    long u64(long addr) { return mem.load(addr, 8, abi.bigEndian()); }
    long u32(long addr) { return mem.load(addr, 4, abi.bigEndian()); }
}

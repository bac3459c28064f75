package org.jtcg.kvm;

import org.jtcg.core.engine.EngineContext;
import org.jtcg.core.linux.CpuLoop;
import org.jtcg.core.linux.LinuxProcess;
import org.jtcg.core.memory.GuestMemory;
import org.jtcg.core.memory.PagedMemory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Shared helpers: KVM availability assumption, hand-assembled programs, running through CpuLoop. */
final class KvmTestSupport {
    private KvmTestSupport() {}

    static final long CODE = 0x400000, STACK_TOP = 0x7fff_0000_0000L;

    static void assumeKvm() {
        String reason = new KvmEngineProvider().unavailableReason(null);
        assumeTrue(reason == null, "skipped: KVM not usable here: " + reason);
    }

    static EngineContext context(PagedMemory m) {
        return new EngineContext(null, m, null, Set.of());
    }

    /** A guest run's result ({@code stdoutBytes}: the raw bytes, for programs that write binary values). */
    record Result(int status, String stdout, String stderr, CpuLoop loop, byte[] stdoutBytes) {}

    /** Memory with {@code code} at {@link #CODE} (r-x) and a 64 KiB stack below {@link #STACK_TOP}. */
    static PagedMemory memoryWith(byte[] code) {
        PagedMemory m = new PagedMemory();
        long len = (code.length + 0xfff) & ~0xfffL;
        assertEquals(CODE, m.mmap(CODE, len, GuestMemory.PROT_READ | GuestMemory.PROT_EXEC,
                GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS | GuestMemory.MAP_FIXED));
        m.poke(CODE, code, 0, code.length);
        assertEquals(STACK_TOP - 0x10000, m.mmap(STACK_TOP - 0x10000, 0x10000,
                GuestMemory.PROT_READ | GuestMemory.PROT_WRITE,
                GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS | GuestMemory.MAP_FIXED));
        return m;
    }

    /** Runs a hand-assembled program at {@link #CODE} under a fresh engine with the given options. */
    static Result runCode(byte[] code, KvmOptions options) {
        PagedMemory m = memoryWith(code);
        TestX86Cpu cpu = new TestX86Cpu();
        cpu.pc = CODE;
        cpu.rsp = STACK_TOP - 64;
        try (KvmEngine engine = new KvmEngine(context(m), options)) {
            return runLoop(engine, cpu, m);
        }
    }

    static Result runLoop(KvmEngine engine, TestX86Cpu cpu, PagedMemory m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        LinuxProcess p = new LinuxProcess(m, new TestX86Abi(), null, out, err);
        p.setWarn(new java.io.PrintStream(err, true));
        CpuLoop loop = new CpuLoop(engine, cpu, p);
        int status = loop.run();
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), loop,
                out.toByteArray());
    }

    /** Little-endian bytes of an int. */
    static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    /** Concatenates byte arrays and int-valued bytes. */
    static byte[] bytes(Object... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof byte[] a) {
                b.writeBytes(a);
            } else if (p instanceof String s) {
                b.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
            } else {
                b.write((Integer) p);
            }
        }
        return b.toByteArray();
    }

    /** mov $imm32, %eax */
    static byte[] movEax(int v) { return bytes(0xb8, le32(v)); }
    /** mov $imm32, %edi */
    static byte[] movEdi(int v) { return bytes(0xbf, le32(v)); }
    /** mov $imm32, %edx */
    static byte[] movEdx(int v) { return bytes(0xba, le32(v)); }
    static final byte[] SYSCALL = {0x0f, 0x05};

    /** write(1, msg, len) followed by exit_group(status); msg placed after the code. */
    static byte[] helloProgram(String msg, int status) {
        byte[] tail = bytes(movEax(231), movEdi(status), SYSCALL);
        // lea msg(%rip), %rsi: 48 8d 35 disp32, disp from the end of the lea
        int afterLea = 5 + 5 + 7;
        int msgOffset = afterLea + 5 + 2 + tail.length;
        return bytes(movEax(1), movEdi(1), 0x48, 0x8d, 0x35, le32(msgOffset - afterLea), movEdx(msg.length()), SYSCALL,
                tail, msg);
    }
}

package org.jtcg.core.linux;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dispatcher's interceptor hook and GuestIo's write observer (what jtcg diff's record/replay stands on). */
class SyscallInterceptorTest {
    private final SyscallFixture f = new SyscallFixture();
    private final long buf = SyscallFixture.SCRATCH;

    @Test
    void anInterceptorSeesNumberNameArgsAndResultAndMayAnswerWithoutRunning() {
        List<String> seen = new ArrayList<>();
        f.proc.dispatcher().setInterceptor((nr, name, args, run) -> {
            if (name.equals("write")) {
                return 1234;  // answered: the handler does not run
            }
            long r = run.getAsLong();
            seen.add(name + "(" + args[0] + ") nr " + nr + " = " + r);
            return r;
        });
        f.str(buf, "hi");
        assertEquals(1234, f.call("write", 1, buf, 2));
        assertEquals(0, f.stdout.size(), "the write handler did not run");
        assertEquals(f.proc.pid(), f.call("getpid"));
        assertEquals(List.of("getpid(0) nr " + TestAbi.nr("getpid") + " = " + f.proc.pid()), seen);

        f.proc.dispatcher().setInterceptor(null);
        assertEquals(2, f.call("write", 1, buf, 2));
        assertEquals("hi", f.stdout.toString());
    }

    @Test
    void theWriteObserverSeesEveryByteASyscallWrote() {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        List<Long> at = new ArrayList<>();
        f.proc.io().setWriteObserver((addr, src, off, len, poke) -> {
            at.add(addr);
            got.write(src, off, len);
        });
        assertEquals(0, f.call("clock_gettime", 0, buf));
        assertEquals(List.of(buf), at);
        assertArrayEquals(f.bytes(buf, 16), got.toByteArray(), "struct timespec as written");

        at.clear();
        got.reset();
        assertEquals(0, f.call("pipe2", buf, 0));  // two 32-bit fds
        assertEquals(List.of(buf), at);
        assertArrayEquals(f.bytes(buf, 8), got.toByteArray());

        at.clear();
        assertEquals(-Errno.EFAULT, f.call("clock_gettime", 0, SyscallFixture.BAD));
        assertTrue(at.isEmpty(), "a faulting write is not reported");
    }

    @Test
    void scalarStoresAreReportedAsTheBytesTheyLeftInBothByteOrders() {
        for (boolean big : new boolean[] {false, true}) {
            GuestIo io = new GuestIo(f.mem, big);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            io.setWriteObserver((addr, src, off, len, poke) -> got.write(src, off, len));
            io.put32(buf, 0x11223344L);
            io.put64(buf + 4, 0x0102030405060708L);
            assertArrayEquals(f.bytes(buf, 12), got.toByteArray(), big ? "big-endian" : "little-endian");
        }
    }
}

package org.jtcg.core.linux;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.jtcg.core.linux.SyscallFixture.BAD;
import static org.jtcg.core.linux.SyscallFixture.SCRATCH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * poll and ppoll on pipes, files and closed fds. The event bits and errno values are the Linux ABI's
 * (asm-generic/poll.h, errno-base.h), written as numbers here on purpose.
 */
class PollSyscallsTest {
    static final int POLLIN = 0x1, POLLOUT = 0x4, POLLERR = 0x8, POLLHUP = 0x10, POLLNVAL = 0x20;
    static final int EINVAL = 22, EFAULT = 14;

    @TempDir Path dir;
    final SyscallFixture f = new SyscallFixture();
    final long fds = SCRATCH, pipeFds = SCRATCH + 0x100, data = SCRATCH + 0x200, ts = SCRATCH + 0x300, path = SCRATCH + 0x400;

    /** Writes struct pollfd {int fd; short events; short revents = -1} entries. */
    private void pollfds(int... fdAndEvents) {
        for (int i = 0; i < fdAndEvents.length / 2; i++) {
            f.mem.store(fds + i * 8L, 4, fdAndEvents[2 * i], false);
            f.mem.store(fds + i * 8L + 4, 2, fdAndEvents[2 * i + 1], false);
            f.mem.store(fds + i * 8L + 6, 2, 0xffff, false);
        }
    }

    private int revents(int i) {
        return (int) f.mem.load(fds + i * 8L + 6, 2, false);
    }

    /** pipe(2): returns {read end, write end}. */
    private int[] pipe() {
        assertEquals(0, f.call("pipe", pipeFds));
        return new int[] {(int) f.u32(pipeFds), (int) f.u32(pipeFds + 4)};
    }

    private void timespec(long sec, long nsec) {
        f.mem.store(ts, 8, sec, false);
        f.mem.store(ts + 8, 8, nsec, false);
    }

    @Test
    void anEmptyPipeIsNotReadableAndItsWriteEndIsWritable() {
        int[] p = pipe();
        pollfds(p[0], POLLIN, p[1], POLLOUT);
        assertEquals(1, f.call("poll", fds, 2, 0));
        assertEquals(0, revents(0), "an empty pipe with a writer is not readable");
        assertEquals(POLLOUT, revents(1));
    }

    @Test
    void dataInAPipeMakesItReadable() {
        int[] p = pipe();
        f.str(data, "x");
        assertEquals(1, f.call("write", p[1], data, 1));
        pollfds(p[0], POLLIN | POLLOUT);
        assertEquals(1, f.call("poll", fds, 1, 0));
        assertEquals(POLLIN, revents(0), "POLLOUT is not reported for a read end");
        assertEquals(1, f.call("read", p[0], data, 10));
        assertEquals(0, f.call("poll", fds, 1, 0), "drained again");
        assertEquals(0, revents(0));
    }

    @Test
    void closingTheWriteEndReportsHangupEvenWhenNotAsked() {
        int[] p = pipe();
        f.str(data, "ab");
        assertEquals(2, f.call("write", p[1], data, 2));
        assertEquals(0, f.call("close", p[1]));
        pollfds(p[0], 0);
        assertEquals(1, f.call("poll", fds, 1, 0));
        assertEquals(POLLHUP, revents(0));
        pollfds(p[0], POLLIN);
        assertEquals(1, f.call("poll", fds, 1, 0));
        assertEquals(POLLIN | POLLHUP, revents(0), "the data left is still readable");
    }

    @Test
    void closingTheReadEndReportsAnErrorOnTheWriteEnd() {
        int[] p = pipe();
        assertEquals(0, f.call("close", p[0]));
        pollfds(p[1], POLLOUT);
        assertEquals(1, f.call("poll", fds, 1, 0));
        assertEquals(POLLOUT | POLLERR, revents(0), "Linux's pipe_poll: room, and no reader (pollfds.c checks it natively)");
    }

    @Test
    void closedAndNegativeFds() {
        int[] p = pipe();
        assertEquals(0, f.call("close", p[0]));
        pollfds(p[0], POLLIN, -1, POLLIN, 1, POLLOUT);
        assertEquals(2, f.call("poll", fds, 3, 0));
        assertEquals(POLLNVAL, revents(0), "a closed fd");
        assertEquals(0, revents(1), "a negative fd is ignored and its revents cleared");
        assertEquals(POLLOUT, revents(2), "stdout");
    }

    @Test
    void regularFilesAreAlwaysReadyForTheirAccessMode() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "");
        long rd = f.call("openat", -100, f.str(path, file.toString()), 0, 0);
        long rw = f.call("openat", -100, f.str(path, file.toString()), 2, 0);
        pollfds((int) rd, POLLIN | POLLOUT, (int) rw, POLLIN | POLLOUT);
        assertEquals(2, f.call("poll", fds, 2, 0));
        assertEquals(POLLIN, revents(0), "read-only: at end of file still POLLIN (a read returns 0 at once)");
        assertEquals(POLLIN | POLLOUT, revents(1));
    }

    @Test
    void aTimeoutWaitsAndReturnsZero() {
        int[] p = pipe();
        pollfds(p[0], POLLIN);
        long t0 = System.nanoTime();
        assertEquals(0, f.call("poll", fds, 1, 60));
        assertTrue(System.nanoTime() - t0 >= 55_000_000L, "poll slept its timeout");
        timespec(0, 30_000_000);
        t0 = System.nanoTime();
        assertEquals(0, f.call("ppoll", fds, 1, ts, 0, 8));
        assertTrue(System.nanoTime() - t0 >= 25_000_000L, "ppoll slept its timeout");
        assertFalse(f.proc.exited());
    }

    @Test
    void anInfiniteWaitWithNothingReadyIsADeadlock() {
        int[] p = pipe();
        pollfds(p[0], POLLIN);
        f.call("ppoll", fds, 1, 0, 0, 8);
        assertTrue(f.proc.exited());
        assertEquals(125, f.proc.exitStatus(), "the documented deadlock status");
        assertTrue(f.warnings.toString().contains("ppoll: poll with no ready fd"), f.warnings.toString());
    }

    @Test
    void anInfinitePollWithAReadyFdReturnsAtOnce() {
        int[] p = pipe();
        pollfds(p[0], POLLIN, p[1], POLLOUT);
        assertEquals(1, f.call("poll", fds, 2, -1));
        assertEquals(1, f.call("ppoll", fds, 2, 0, 0, 8));
        assertEquals(POLLOUT, revents(1));
    }

    @Test
    void ppollChecksItsTimespecAndPointers() {
        int[] p = pipe();
        pollfds(p[1], POLLOUT);
        timespec(0, 1_000_000_000L);
        assertEquals(-EINVAL, f.call("ppoll", fds, 1, ts, 0, 8), "tv_nsec out of range");
        timespec(-1, 0);
        assertEquals(-EINVAL, f.call("ppoll", fds, 1, ts, 0, 8), "negative tv_sec");
        timespec(0, 0);
        assertEquals(1, f.call("ppoll", fds, 1, ts, 0, 8));
        assertEquals(-EFAULT, f.call("ppoll", fds, 1, BAD, 0, 8));
        assertEquals(-EFAULT, f.call("poll", BAD, 1, 0));
        assertEquals(-EINVAL, f.call("poll", fds, 1L << 40, 0), "nfds above the fd limit");
    }
}

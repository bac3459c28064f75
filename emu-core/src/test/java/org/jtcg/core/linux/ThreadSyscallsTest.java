package org.jtcg.core.linux;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.jtcg.core.linux.SyscallFixture.BAD;
import static org.jtcg.core.linux.SyscallFixture.SCRATCH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The thread syscalls on the fixture process: argument checks, futex operations between two guest threads
 * (a second {@link GuestThread} driven by a JVM thread of the test), exit of one thread vs the process.
 */
class ThreadSyscallsTest {
    static final int WAIT = 0, WAKE = 1, REQUEUE = 3, CMP_REQUEUE = 4, WAKE_OP = 5, WAIT_BITSET = 9, WAKE_BITSET = 10,
            PRIVATE = 128;

    private final SyscallFixture f = new SyscallFixture();
    private final long word = SCRATCH + 0x100, word2 = SCRATCH + 0x200;

    /** A second guest thread of the fixture process, calling syscalls from its own JVM thread. */
    private final class Peer {
        final TestCpu cpu = new TestCpu();
        final GuestThread thread;
        volatile Thread jvmThread;

        Peer() {
            f.proc.scheduler().acquire();
            try {
                thread = f.proc.threads().add(4242, cpu, f.proc.threads().main().signals().forNewThread());
                f.proc.table().addThread(4242, thread);
                f.proc.threadStarted();  // as clone does: a live task for deadlock detection
            } finally {
                f.proc.scheduler().release();
            }
        }

        CompletableFuture<Long> callAsync(String name, long... args) {
            return CompletableFuture.supplyAsync(() -> {
                jvmThread = Thread.currentThread();
                f.proc.threads().bind(thread);
                cpu.set(TestAbi.nr(name), args);
                f.proc.syscall(cpu);
                return cpu.a0;
            });
        }
    }

    /** Waits until the peer is parked in a futex wait (blocked in KernelWait with the execution lock released). */
    private void awaitParked(Peer p) throws InterruptedException {
        for (int i = 0; i < 2000 && !parked(p); i++) Thread.sleep(5);
        assertTrue(parked(p), "peer never started waiting");
    }

    private static boolean parked(Peer p) {
        Thread t = p.jvmThread;
        return t != null && t.getState() == Thread.State.WAITING;
    }

    @Test
    void argumentChecks() {
        assertEquals(f.proc.pid(), f.call("gettid"));
        assertEquals(-Errno.EINVAL, f.call("set_robust_list", SCRATCH, 23));
        assertEquals(0, f.call("set_robust_list", SCRATCH, 24));
        assertEquals(0, f.call("get_robust_list", 0, SCRATCH + 64, SCRATCH + 72));
        assertEquals(SCRATCH, f.mem.load(SCRATCH + 64, 8, false));
        assertEquals(24, f.mem.load(SCRATCH + 72, 8, false));
        assertEquals(-Errno.ESRCH, f.call("tgkill", f.proc.pid(), 99, 10));
        assertEquals(-Errno.ESRCH, f.call("tgkill", f.proc.pid() + 1, f.proc.pid(), 10));
        assertEquals(0, f.call("tgkill", f.proc.pid(), f.proc.pid(), 0), "signal 0 only checks the thread");
        assertEquals(-Errno.EINVAL, f.call("futex", word + 1, WAIT, 0, 0, 0, 0), "unaligned");
        assertEquals(-Errno.EINVAL, f.call("futex", word, WAIT_BITSET, 0, 0, 0, 0), "empty bitset");
        assertEquals(-Errno.EFAULT, f.call("futex", BAD, WAIT, 0, 0, 0, 0));
        assertEquals(-Errno.ENOSYS, f.call("futex", word, 6 /* LOCK_PI */, 0, 0, 0, 0));
        assertEquals(-Errno.EINVAL, f.call("clone", 0x10000 /* CLONE_THREAD alone */, 0, 0, 0, 0, 0));
        assertEquals(-Errno.ENOSYS, f.call("clone", 0x10000 | 0x800 | 0x100, 0, 0, 0, 0, 0),
                "no engine runs this thread: clone refuses");
        assertTrue(f.warnings.toString().contains("clone of a thread is not supported"), f.warnings.toString());
    }

    @Test
    void futexTimeoutsAndMismatch() {
        f.mem.store(word, 4, 5, false);
        assertEquals(-Errno.EAGAIN, f.call("futex", word, WAIT | PRIVATE, 4, 0, 0, 0));
        f.mem.store(SCRATCH, 8, 0, false);
        f.mem.store(SCRATCH + 8, 8, 2_000_000, false);  // 2 ms
        assertEquals(-Errno.ETIMEDOUT, f.call("futex", word, WAIT, 5, SCRATCH, 0, 0));
        // WAIT_BITSET's timeout is absolute on CLOCK_MONOTONIC: 1 s (jtcg's monotonic clock starts at 1 s) is past
        f.mem.store(SCRATCH, 8, 1, false);
        f.mem.store(SCRATCH + 8, 8, 0, false);
        assertEquals(-Errno.ETIMEDOUT, f.call("futex", word, WAIT_BITSET, 5, SCRATCH, 0, -1));
    }

    @Test
    void waitWithNobodyToWakeIsADeadlock() {
        f.mem.store(word, 4, 0, false);
        f.call("futex", word, WAIT, 0, 0, 0, 0);
        assertTrue(f.proc.exited());
        assertEquals(ExitState.DEADLOCK_STATUS, f.proc.exitStatus());
    }

    @Test
    void wakeReachesAWaitingThreadAndCountsIt() throws Exception {
        Peer p = new Peer();
        f.mem.store(word, 4, 1, false);
        CompletableFuture<Long> waited = p.callAsync("futex", word, WAIT | PRIVATE, 1, 0, 0, 0);
        awaitParked(p);
        assertEquals(0, f.call("futex", word2, WAKE, 1, 0, 0, 0), "another address wakes nobody");
        assertEquals(-Errno.EINVAL, f.call("futex", word, WAKE_BITSET, 1, 0, 0, 0), "an empty bitset wakes nobody");
        assertEquals(1, f.call("futex", word, WAKE | PRIVATE, 5, 0, 0, 0));
        assertEquals(0L, waited.get(10, TimeUnit.SECONDS));
    }

    @Test
    void bitsetsSelectWaiters() throws Exception {
        Peer p = new Peer();
        f.mem.store(word, 4, 1, false);
        CompletableFuture<Long> waited = p.callAsync("futex", word, WAIT_BITSET, 1, 0, 0, 0b0100);
        awaitParked(p);
        assertEquals(0, f.call("futex", word, WAKE_BITSET, 1, 0, 0, 0b0011));
        assertFalse(waited.isDone());
        assertEquals(1, f.call("futex", word, WAKE_BITSET, 1, 0, 0, 0b0110));
        assertEquals(0L, waited.get(10, TimeUnit.SECONDS));
    }

    @Test
    void cmpRequeueMovesTheWaiter() throws Exception {
        Peer p = new Peer();
        f.mem.store(word, 4, 1, false);
        CompletableFuture<Long> waited = p.callAsync("futex", word, WAIT, 1, 0, 0, 0);
        awaitParked(p);
        assertEquals(-Errno.EAGAIN, f.call("futex", word, CMP_REQUEUE, 0, 1, word2, 7), "*uaddr != val3");
        assertEquals(1, f.call("futex", word, CMP_REQUEUE, 0, 1, word2, 1), "0 woken + 1 requeued");
        assertEquals(0, f.call("futex", word, WAKE, 1, 0, 0, 0), "no longer on the first word");
        assertFalse(waited.isDone());
        assertEquals(1, f.call("futex", word2, WAKE, 1, 0, 0, 0));
        assertEquals(0L, waited.get(10, TimeUnit.SECONDS));
    }

    @Test
    void wakeOpUpdatesTheSecondWordAndWakesByComparison() throws Exception {
        Peer p = new Peer();
        f.mem.store(word2, 4, 3, false);
        CompletableFuture<Long> waited = p.callAsync("futex", word2, WAIT, 3, 0, 0, 0);
        awaitParked(p);
        // op ADD 4, cmp GT 2: *word2 = 3 + 4; old (3) > 2, so one waiter of word2 is woken too
        int op = 1 << 28 | 4 << 24 | 4 << 12 | 2;
        assertEquals(1, f.call("futex", word, WAKE_OP, 1, 1, word2, op));
        assertEquals(7, f.mem.load(word2, 4, false));
        assertEquals(0L, waited.get(10, TimeUnit.SECONDS));
        // op OR with a shifted argument (1 << 5), cmp EQ 0 (false): no wake
        int op2 = (2 | 8) << 28 | 0 << 24 | 5 << 12;
        assertEquals(0, f.call("futex", word, WAKE_OP, 1, 1, word2, op2));
        assertEquals(7 | 32, f.mem.load(word2, 4, false));
    }

    @Test
    void exitOfOneThreadClearsItsTidAndWakesTheJoiner() throws Exception {
        Peer p = new Peer();
        long ctid = word;
        f.mem.store(ctid, 4, 4242, false);
        p.thread.setClearChildTid(ctid);
        // main joins: waits while the tid word still holds the tid
        CompletableFuture<Long> exited = p.callAsync("exit", 9);
        assertEquals(0L, exited.get(10, TimeUnit.SECONDS));
        assertEquals(0, f.mem.load(ctid, 4, false), "clear_child_tid cleared");
        assertTrue(p.thread.exited());
        assertFalse(f.proc.exited(), "one thread's exit does not end the process");
        assertEquals(-Errno.ESRCH, f.call("tgkill", f.proc.pid(), 4242, 0));
        f.call("exit", 4);
        assertTrue(f.proc.exited(), "the last thread's exit ends it");
        assertEquals(4, f.proc.exitStatus());
    }

    @Test
    void exitGroupWakesWaitersAndEndsTheProcess() throws Exception {
        Peer p = new Peer();
        f.mem.store(word, 4, 1, false);
        CompletableFuture<Long> waited = p.callAsync("futex", word, WAIT, 1, 0, 0, 0);
        awaitParked(p);
        f.call("exit_group", 6);
        waited.get(10, TimeUnit.SECONDS);
        assertEquals(6, f.proc.exitStatus());
    }
}

package org.jtcg.core.linux;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.engine.Engine;

import java.util.concurrent.locks.Condition;

/**
 * One guest thread of a {@link LinuxProcess}: its tid, its CPU state, its signal state (own
 * blocked mask, thread-directed pending set and alternate stack; dispositions and the process
 * pending set are shared, see {@link SignalState}), the {@code clear_child_tid} address
 * (set_tid_address, CLONE_CHILD_CLEARTID) and the robust-futex list head (set_robust_list).
 * Runs on its own JVM thread with its own {@link CpuLoop}; the process's {@link GuestScheduler}
 * lets one guest thread run at a time.
 */
public final class GuestThread {
    private final long tid;
    private CpuState cpu;
    private final SignalState signals;
    /** Signalled to wake this thread from a futex wait, a sleep or a wait for a signal. */
    final Condition wakeup;
    private long clearChildTid;
    private long robustListHead, robustListLen;
    private boolean exited;
    /** While the thread waits with no time limit: what ends the wait (see GuestThreads#await), else null. */
    java.util.function.BooleanSupplier foreverWait;
    /** The engine the thread's loop runs (a clone thread gets its creator's). */
    private Engine engine;
    private int exitCode;

    GuestThread(long tid, CpuState cpu, SignalState signals, Condition wakeup) {
        this.tid = tid;
        this.cpu = cpu;
        this.signals = signals;
        this.wakeup = wakeup;
    }

    public long tid() { return tid; }
    /** The thread's CPU (null for the main thread until the process is started). */
    public CpuState cpu() { return cpu; }
    void setCpu(CpuState c) { cpu = c; }
    public SignalState signals() { return signals; }
    public long clearChildTid() { return clearChildTid; }
    public void setClearChildTid(long addr) { clearChildTid = addr; }
    public long robustListHead() { return robustListHead; }
    public long robustListLen() { return robustListLen; }
    void setRobustList(long head, long len) { robustListHead = head; robustListLen = len; }

    public Engine engine() { return engine; }
    void setEngine(Engine e) { engine = e; }

    /** True once the thread has ended with exit (or the process ended). */
    public boolean exited() { return exited; }
    int exitCode() { return exitCode; }

    void markExited(int code) {
        exited = true;
        exitCode = code;
    }

    @Override
    public String toString() {
        return "guest thread " + tid;
    }
}

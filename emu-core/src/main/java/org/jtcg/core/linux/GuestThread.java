package org.jtcg.core.linux;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.engine.Engine;


/**
 * One guest thread of a {@link LinuxProcess}: its tid, its CPU state, its signal state (own
 * blocked mask, thread-directed pending set and alternate stack; dispositions and the process
 * pending set are shared, see {@link SignalState}), the {@code clear_child_tid} address
 * (set_tid_address, CLONE_CHILD_CLEARTID) and the robust-futex list head (set_robust_list).
 * Runs on its own JVM thread with its own {@link CpuLoop}; the process's {@link GuestScheduler}
 * says whether guest threads run in parallel or take turns.
 */
public final class GuestThread {
    private long tid;
    private CpuState cpu;
    private final SignalState signals;
    private long clearChildTid;
    private long robustListHead, robustListLen;
    private boolean exited;
    /** The engine the thread's loop runs (a clone thread gets its creator's). */
    private Engine engine;
    private int exitCode;
    /** True while the thread runs translated code without the process lock (parallel threads). */
    private volatile boolean inGuestCode;

    GuestThread(long tid, CpuState cpu, SignalState signals) {
        this.tid = tid;
        this.cpu = cpu;
        this.signals = signals;
    }

    public long tid() { return tid; }
    /** execve from this thread: it takes over the process's pid as its tid. */
    void setTid(long t) { tid = t; }
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

    boolean inGuestCode() { return inGuestCode; }
    void setInGuestCode(boolean b) { inGuestCode = b; }

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

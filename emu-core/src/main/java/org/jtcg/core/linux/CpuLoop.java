package org.jtcg.core.linux;

import org.jtcg.core.signal.Signals;
import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.engine.Engine;
import org.jtcg.core.engine.EngineExit;

/**
 * QEMU linux-user's cpu_loop for jtcg: runs the engine until it exits, handles syscalls through
 * the process, delivers guest signals ({@link SignalDelivery}: faults from the engine, and pending
 * signals after every syscall and when the engine was interrupted for an asynchronous one) or applies their default action (the guest dies with 128+signo and
 * one stderr line), and stops at HALT. A listener runs after every syscall (the CLI counts
 * syscalls there for --handoff/--snapshot-at and may {@link #setEngine switch engines} or
 * {@link #requestStop() stop} the loop).
 *
 * <p>Each guest thread has its own loop on its own JVM thread ({@link ThreadLauncher}). With parallel
 * threads ({@link GuestScheduler#PARALLEL}) the loop holds the process's {@link GuestScheduler} lock only
 * for syscalls and signal handling and runs guest code without it; otherwise it holds it while it runs
 * and yields it when the engine leaves on request (INTERRUPTED) and another thread waits. The main thread's loop, when the main thread ends
 * with exit while others still run, waits for the process to end and returns its status.
 */
public final class CpuLoop {
    /** Why {@link #run()} returned. */
    public enum StopReason { EXITED, KILLED, DEADLOCKED, HALTED, STOP_REQUESTED }

    /** Called after each syscall (after its result is stored), with the process's syscall count. */
    @FunctionalInterface
    public interface SyscallListener {
        void afterSyscall(CpuLoop loop, long syscallCount);
    }

    private Engine engine;
    private final CpuState cpu;
    private final LinuxProcess process;
    private final GuestThread thread;
    /** False for the loops of clone threads: they end with their thread, not with the process. */
    private boolean waitsForProcessEnd = true;
    private SyscallListener listener;
    private boolean stopRequested;
    private StopReason stopReason;

    public CpuLoop(Engine engine, CpuState cpu, LinuxProcess process) {
        this.engine = engine;
        this.cpu = cpu;
        this.process = process;
        GuestScheduler sched = process.scheduler();
        boolean held = sched.heldByCurrentThread();
        if (!held) sched.acquire();
        try {
            this.thread = process.threads().forCpu(cpu);
        } finally {
            if (!held) sched.release();
        }
    }

    public void setSyscallListener(SyscallListener l) { listener = l; }
    /** Makes this the loop of a clone thread: {@link #run()} returns when the thread ends. */
    void endWithThread() { waitsForProcessEnd = false; }
    /** Switches engine; takes effect at the next engine entry (call it from the listener). */
    public void setEngine(Engine e) { engine = e; }
    public Engine engine() { return engine; }
    public CpuState cpu() { return cpu; }
    public LinuxProcess process() { return process; }
    /** Makes {@link #run()} return after the current syscall, with the guest resumable by another run(). */
    public void requestStop() { stopRequested = true; }
    public StopReason stopReason() { return stopReason; }

    /**
     * Runs until the guest exits, dies, halts or a stop is requested.
     *
     * @return the process exit status (exit code, 128+signo, 125 deadlock); 0 when halted or
     *         stopped before the guest ended ({@link #stopReason()} tells which)
     */
    public int run() {
        stopRequested = false;
        GuestScheduler sched = process.scheduler();
        process.threads().bind(thread);
        process.interrupts().attach(cpu);
        sched.acquire();
        process.interrupts().attach(cpu);
        try {
            int r = runLocked(sched);
            if (r != RUNNING) return r;
            if (!waitsForProcessEnd) return 0;
            // the first thread ended (exit, or another thread's execve) while others run on: the process
            // ends with them, and this loop reports it
            sched.awaitEnded(process::exited);
        } finally {
            process.interrupts().detach(cpu);
            sched.release();
            process.interrupts().detach(cpu);
            if (!waitsForProcessEnd) {
                // a clone thread's JVM thread ends with it: its TLB and engine contexts go
                engine.threadEnded();
                process.memory().threadEnded();
            }
        }
        ExitState s = process.exitState();
        stopReason = s.deadlock() ? StopReason.DEADLOCKED : s.signal() != 0 ? StopReason.KILLED : StopReason.EXITED;
        return s.status();
    }

    private static final int RUNNING = Integer.MIN_VALUE;

    /** The loop proper, lock held: a status as {@link #run()} returns it, or RUNNING when this thread exited alone. */
    private int runLocked(GuestScheduler sched) {
        while (!process.exited()) {
            if (thread.exited()) return RUNNING;
            thread.setEngine(engine);
            EngineExit exit = runGuestCode(sched);
            if (thread.exited() || process.exited()) continue;   // ended by another thread meanwhile
            switch (exit.kind()) {
                case SYSCALL -> {
                    process.syscall(cpu);
                    if (thread.exited()) continue;
                    process.takePostedSignals();
                    process.pollTimers();
                    process.signalDelivery().deliverPending(cpu);
                    if (listener != null && !process.exited()) listener.afterSyscall(this, process.syscallCount());
                    if (stopRequested && !process.exited()) {
                        stopReason = StopReason.STOP_REQUESTED;
                        return 0;
                    }
                }
                case SIGNAL -> signal(exit);
                case INTERRUPTED -> {
                    // an asynchronous signal (timer, another thread) or another guest thread of this process
                    // (GuestScheduler) wants this CPU: yield if a thread waits, deliver at this block boundary
                    cpu.exitRequested = false;
                    sched.yieldIfContended();
                    if (thread.exited()) continue;
                    process.takePostedSignals();
                    process.pollTimers();
                    process.signalDelivery().deliverPending(cpu);
                }
                case HALT -> {
                    stopReason = StopReason.HALTED;
                    return 0;
                }
                case STEP_DONE -> { }
            }
        }
        ExitState s = process.exitState();
        stopReason = s.deadlock() ? StopReason.DEADLOCKED : s.signal() != 0 ? StopReason.KILLED : StopReason.EXITED;
        return s.status();
    }

    /**
     * Runs the engine: with parallel guest threads ({@link GuestScheduler#PARALLEL}) without the process
     * lock, which only syscalls and signal handling take; otherwise holding it, as the running thread.
     */
    private EngineExit runGuestCode(GuestScheduler sched) {
        if (!GuestScheduler.PARALLEL) {
            sched.running(cpu);
            return engine.run(cpu);
        }
        int holds = sched.releaseForGuestCode();
        thread.setInGuestCode(true);
        try {
            return engine.run(cpu);
        } finally {
            thread.setInGuestCode(false);
            sched.reacquireAfterGuestCode(holds);
        }
    }

    private void signal(EngineExit exit) {
        int sig = exit.signal();
        if (process.signalDelivery().deliverFault(cpu, SigInfo.fault(sig, exit.siCode(),
                process.abi().faultAddress(sig, exit.address())))) return;
        StringBuilder where = new StringBuilder(String.format("at pc 0x%x", cpu.pc));
        if (sig == Signals.SIGSEGV || sig == Signals.SIGBUS || sig == Signals.SIGILL || sig == Signals.SIGFPE) {
            where.append(String.format(" (fault address 0x%x)", exit.address()));
        }
        if (exit.detail() != null && !exit.detail().isEmpty()) {
            where.append(": ").append(exit.detail());
        }
        SignalState.Action a = process.signals().action(sig);
        if (a.handler() != SignalState.SIG_DFL && a.handler() != SignalState.SIG_IGN) {
            where.append(String.format(" [handler at 0x%x not run: %s]", a.handler(),
                    process.signalDelivery().supported() ? "the signal is blocked" : "signal delivery is not implemented for this arch"));
        }
        // Synchronous faults cannot be ignored or blocked: re-executing the instruction would fault again.
        process.kill(sig, where.toString());
    }
}

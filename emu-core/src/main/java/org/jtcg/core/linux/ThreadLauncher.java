package org.jtcg.core.linux;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.engine.Engine;

/**
 * Starts a clone thread: copies the creating thread's CPU state into a new CPU of the same class,
 * and runs the new guest thread's {@link CpuLoop} on a new JVM (daemon) thread with the creator's
 * engine. A host error inside the thread ends the process with status 70 and one stderr line, like
 * the CLI's "internal error".
 */
final class ThreadLauncher {
    private ThreadLauncher() {}

    /** A new CPU of {@code cpu}'s class holding the same registers (by canonical id) and vector file. */
    static CpuState copyCpu(CpuState cpu) {
        CpuState copy;
        try {
            copy = cpu.getClass().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create a " + cpu.getClass().getName() + " for a new guest thread", e);
        }
        cpu.foldLazyState();
        for (long id : cpu.ids()) {
            copy.writeWords(id, cpu.readWords(id));
        }
        long[] v = cpu.vectorFile(), cv = copy.vectorFile();
        if (v != null && cv != null && v.length == cv.length) System.arraycopy(v, 0, cv, 0, v.length);
        copy.pc = cpu.pc;
        copy.attachMemory(cpu.memory());
        return copy;
    }

    /** Runs {@code thread} (its CPU set up) on a new JVM thread. */
    static void start(LinuxProcess process, GuestThread thread, Engine engine) {
        Thread t = new Thread(() -> run(process, thread, engine), "jtcg-guest-" + thread.tid());
        t.setDaemon(true);
        t.start();
    }

    private static void run(LinuxProcess process, GuestThread thread, Engine engine) {
        try {
            CpuLoop loop = new CpuLoop(engine, thread.cpu(), process);
            loop.endWithThread();
            loop.run();
        } catch (RuntimeException | Error e) {
            internalError(process, thread, e);
        } finally {
            process.table().removeThread(thread.tid());  // (its task count: LinuxProcess.threadEnded/tasksAtEnd)
        }
    }

    private static void internalError(LinuxProcess process, GuestThread thread, Throwable e) {
        GuestScheduler sched = process.scheduler();
        if (!sched.heldByCurrentThread()) sched.acquire();
        try {
            process.warn().println("jtcg: internal error in guest thread " + thread.tid() + ": " + e);
            if (System.getenv("JTCG_DEBUG") != null) e.printStackTrace(process.warn());
            process.exit(70);
        } finally {
            sched.release();
        }
    }
}

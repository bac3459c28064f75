package org.jtcg.core.linux;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.engine.Engine;
import org.jtcg.core.signal.Signals;

/**
 * Runs a forked guest process on its own JVM thread: its own {@link CpuLoop} over its own engine and CPU.
 * The thread is a daemon, so it never keeps jtcg alive after the first process ended (see
 * {@link ProcessTable#endAll}). An unexpected host exception ends that process alone, with one line.
 */
final class ChildRunner implements Runnable {
    /** Stack of a guest process's JVM thread: the engines recurse modestly, the JVM's default is small. */
    private static final long THREAD_STACK = 64L << 20;

    private final LinuxProcess process;
    private final CpuState cpu;
    private final Engine engine;

    private ChildRunner(LinuxProcess process, CpuState cpu, Engine engine) {
        this.process = process;
        this.cpu = cpu;
        this.engine = engine;
    }

    static void start(LinuxProcess process, CpuState cpu, Engine engine) {
        Thread t = new Thread(null, new ChildRunner(process, cpu, engine), "jtcg-guest-" + process.pid(), THREAD_STACK);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void run() {
        try {
            CpuLoop loop = new CpuLoop(engine, cpu, process);
            loop.run();
            if (!process.exited()) process.exit(0);  // halted: nothing more can run in it
        } catch (Throwable e) {
            process.warn().println("jtcg: internal error in guest process " + process.pid() + ": " + e);
            if (System.getenv("JTCG_DEBUG") != null) e.printStackTrace(process.warn());
            process.kill(Signals.SIGKILL, null);
        } finally {
            engine.close();
            // nothing runs in this address space any more (execve keeps the same memory object; a clone
            // thread might still be on its way out, so a process that had threads is left to the GC)
            if (!process.everThreaded() && process.memory() instanceof org.jtcg.core.memory.PagedMemory m) {
                RamChunkRecycler.recycle(m);
            }
        }
    }
}

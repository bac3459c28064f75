package org.jtcg.core.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The calling thread's CPU time, for the {@code compile_cpu_ms} counter ({@link EngineStats#compileCpuNanos}):
 * CPU rather than wall time, so that on a loaded host the counter says what a compile cost, not how long the
 * thread waited for a core. Read once before and once after each tier-up or region compile (a clock read costs
 * well under a microsecond; a compile, hundreds). 0 where the JVM cannot measure thread CPU time.
 */
final class CompileClock {
    private static final ThreadMXBean THREADS = threads();

    private CompileClock() {
    }

    private static ThreadMXBean threads() {
        try {
            ThreadMXBean t = ManagementFactory.getThreadMXBean();
            return t.isCurrentThreadCpuTimeSupported() ? t : null;
        } catch (RuntimeException | LinkageError e) {
            return null; // no management module
        }
    }

    static long now() {
        return THREADS == null ? 0 : THREADS.getCurrentThreadCpuTime();
    }
}

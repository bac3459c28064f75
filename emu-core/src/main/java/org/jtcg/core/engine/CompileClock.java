package org.jtcg.core.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The calling thread's CPU time, for the {@code compile_cpu_ms} counter ({@link EngineStats#compileCpuNanos}):
 * CPU rather than wall time, so that on a loaded host the counter says what a compile cost, not how long the
 * thread waited for a core. Read once before and once after each tier-up or region compile (a clock read costs
 * well under a microsecond; a compile, hundreds). 0 where the JVM cannot measure thread CPU time.
 *
 * <p>Off until {@link #enable()} (the CLI's {@code --stats}): the clock needs java.lang.management, whose set-up
 * (its native library, the platform MXBean registry) costs ~5-7 ms of CPU at the first compile of every run,
 * and nothing but the statistics reads the counter. While off, {@link #now()} is 0 and the counter stays 0.
 */
public final class CompileClock {
    private static volatile boolean enabled;

    private CompileClock() {
    }

    /** Measures compile CPU time from now on (for the statistics; costs java.lang.management's set-up once). */
    public static void enable() {
        enabled = true;
    }

    static long now() {
        if (!enabled) {
            return 0;
        }
        ThreadMXBean threads = Threads.BEAN;
        return threads == null ? 0 : threads.getCurrentThreadCpuTime();
    }

    /** Holder: the bean is made at the first measured compile, not when the engine classes load. */
    private static final class Threads {
        static final ThreadMXBean BEAN = threads();

        private static ThreadMXBean threads() {
            try {
                ThreadMXBean t = ManagementFactory.getThreadMXBean();
                return t.isCurrentThreadCpuTimeSupported() ? t : null;
            } catch (RuntimeException | LinkageError e) {
                return null; // no management module
            }
        }
    }
}

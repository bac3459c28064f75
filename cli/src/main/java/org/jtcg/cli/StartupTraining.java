package org.jtcg.cli;

import org.jtcg.core.arch.GuestArch;

/**
 * Makes the launcher's start-up cache cover every architecture, not only the one its training run ran.
 *
 * <p>The launcher builds jtcg's class cache (the JDK 25 AOT cache, or a CDS archive on older JDKs) from the
 * first {@code run} after a build, and tells that JVM so with {@code -Djtcg.startupTraining=true}. A cache holds
 * the classes that run loaded; an x86-64 training run would leave the arm64 and s390x frontends (their decode
 * tables, several hundred classes and lambdas, ~0.1-0.3 s of a cold start) out of it. So after the guest ends,
 * the training run also builds each arch's translator, CPU and Linux ABI. It prints nothing and never changes
 * the run's exit status: a failure here only means a smaller cache.
 */
final class StartupTraining {
    static final String PROPERTY = "jtcg.startupTraining";

    private StartupTraining() {}

    /** Loads what a run of every registered arch loads before its first translation, if this is a training run. */
    static void coverAllArches() {
        if (!Boolean.getBoolean(PROPERTY)) {
            return;
        }
        try {
            for (GuestArch arch : GuestArch.all()) {
                arch.translator();
                arch.newCpu();
                arch.linuxAbi();
            }
        } catch (RuntimeException | LinkageError e) {
            // a smaller cache, nothing else: the guest's run is over and its status stands
        }
    }
}

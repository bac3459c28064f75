package org.jtcg.cli;

import org.jtcg.core.arch.GuestArch;
import org.jtcg.core.engine.EngineProvider;

/**
 * Runs the engine's {@link EngineProvider#prepare} for the guest's arch on a second thread while the main thread
 * loads the ELF and sets up the process. An arch builds its decode and handler tables on first use (x86 parses
 * {@code opcodes.tbl}, arm64 and s390x their {@code .decode} files) and the jit's cold tier generates an accessor
 * class per CPU layout: together 25-40 ms at start-up, in the bytecode interpreter, which otherwise the engine's
 * first translation pays after loading. Started here, that work overlaps loading on a host with a second core.
 * CPU time is unchanged.
 *
 * <p>What {@code prepare} builds is built once under a lock (the arch's synchronized {@code translator()}, a
 * concurrent map), so the engine's own use waits for or takes the result. A failure here is dropped: the guest
 * thread's own use fails the same way and reports it.
 */
final class EnginePrefetch {
    private EnginePrefetch() {
    }

    static void start(EngineProvider provider, GuestArch arch) {
        Thread t = new Thread(() -> {
            try {
                provider.prepare(arch);
            } catch (RuntimeException | LinkageError e) {
                // the guest thread builds it again on demand and reports the error where the user sees it
            }
        }, "jtcg-engine-prefetch");
        t.setDaemon(true);
        t.start();
    }
}

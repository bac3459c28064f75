package org.jtcg.bench;

import org.jtcg.core.arch.GuestArch;
import org.jtcg.core.engine.EngineContext;
import org.jtcg.core.engine.EngineProvider;
import org.jtcg.core.memory.MemoryConfig;
import org.jtcg.core.memory.PagedMemory;

import java.util.Set;

/**
 * What optional parts this build and machine have, looked up at run time so the bench module
 * compiles without them: the x86-64 frontend (a {@link GuestArch} for e_machine 62) and the kvm
 * engine (an {@link EngineProvider} named "kvm" that says it can run here).
 */
final class Availability {
    private Availability() {}

    /** Null if the x86-64 frontend is on the class path, otherwise why not. */
    static String x86Missing() {
        return GuestArch.forElfMachine(GuestBinaries.EM_X86_64) == null
                ? "the x86-64 frontend is not on the class path (no GuestArch for e_machine 62 in this build)"
                : null;
    }

    /** Null if the kvm engine can run x86-64 guests here, otherwise why not (one line). */
    static String kvmMissing() {
        EngineProvider p = EngineProvider.byName("kvm");
        if (p == null) {
            return "no engine named 'kvm' in this build (accel-kvm provides no EngineProvider yet)";
        }
        GuestArch x86 = GuestArch.forElfMachine(GuestBinaries.EM_X86_64);
        if (x86 == null) {
            return "the kvm engine runs x86-64 guests and " + x86Missing();
        }
        String why = p.unavailableReason(new EngineContext(x86, new PagedMemory(MemoryConfig.defaults()), null, Set.of()));
        return why == null ? null : "engine 'kvm' cannot run here: " + why;
    }
}

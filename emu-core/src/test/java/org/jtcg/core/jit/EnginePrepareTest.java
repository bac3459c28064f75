package org.jtcg.core.jit;

import org.jtcg.core.arch.GuestArch;
import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.engine.EngineProvider;
import org.jtcg.core.engine.TestCpu;
import org.jtcg.core.interp.InterpEngineProvider;
import org.jtcg.core.ir.Translator;
import org.jtcg.core.linux.LinuxAbi;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link EngineProvider#prepare}: the TCG engines build the arch's translator (and the jit its cold tier's CPU
 * accessor) ahead of the first translation; an engine without one (the default) does nothing.
 */
class EnginePrepareTest {
    /** Counts what prepare asks of an arch. */
    static final class CountingArch implements GuestArch {
        final AtomicInteger translators = new AtomicInteger();
        final AtomicInteger cpus = new AtomicInteger();

        @Override public String name() { return "counting"; }
        @Override public int elfMachine() { return -1; }
        @Override public CpuState newCpu() { cpus.incrementAndGet(); return new TestCpu(); }
        @Override public LinuxAbi linuxAbi() { return null; }
        @Override public Translator translator() { translators.incrementAndGet(); return req -> null; }
    }

    @Test
    void jitBuildsTranslatorAndColdTierAccessor() {
        CountingArch arch = new CountingArch();
        new JitEngineProvider().prepare(arch);
        assertEquals(1, arch.translators.get());
        assertEquals(1, arch.cpus.get(), "the CPU layout for the cold tier's accessor class");
    }

    @Test
    void interpBuildsTranslator() {
        CountingArch arch = new CountingArch();
        new InterpEngineProvider().prepare(arch);
        assertEquals(1, arch.translators.get());
        assertEquals(0, arch.cpus.get());
    }

    @Test
    void defaultDoesNothing() {
        CountingArch arch = new CountingArch();
        EngineProvider none = new EngineProvider() {
            @Override public String name() { return "none"; }
            @Override public org.jtcg.core.engine.Engine create(org.jtcg.core.engine.EngineContext ctx) { return null; }
        };
        none.prepare(arch);
        assertEquals(0, arch.translators.get());
        assertEquals(0, arch.cpus.get());
    }
}

package org.jtcg.arm64.translate;

import org.jtcg.arm64.Arm64Arch;
import org.jtcg.arm64.Arm64Cpu;
import org.jtcg.core.engine.Engine;
import org.jtcg.core.engine.EngineContext;
import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.engine.EngineProvider;
import org.jtcg.core.signal.Signals;
import org.jtcg.core.memory.GuestMemory;
import org.jtcg.core.memory.PagedMemory;

import java.util.Set;

/**
 * Runs a few A64 instruction words on a fresh {@link Arm64Cpu} under one engine. Code goes at
 * {@link #CODE} (RX) followed by {@code brk #0}; a 64 KiB data area at {@link #DATA} is RW.
 * {@link #runToEnd} requires the snippet to reach the brk (SIGTRAP).
 */
final class A64SnippetRunner {
    static final long CODE = 0x400000, DATA = 0x600000;
    static final int BRK0 = 0xd4200000;

    final PagedMemory mem = new PagedMemory();
    final Arm64Cpu cpu = new Arm64Cpu();
    final Engine engine;

    A64SnippetRunner(String engineName) {
        int flags = GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS | GuestMemory.MAP_FIXED;
        mem.mmap(CODE, 0x10000, GuestMemory.PROT_READ | GuestMemory.PROT_EXEC, flags);
        mem.mmap(DATA, 0x10000, GuestMemory.PROT_READ | GuestMemory.PROT_WRITE, flags);
        cpu.attachMemory(mem);
        engine = EngineProvider.byName(engineName).create(new EngineContext(new Arm64Arch(), mem, null, Set.of()));
    }

    /** Places the words at CODE followed by brk #0. */
    A64SnippetRunner code(int... words) {
        byte[] b = new byte[4 * words.length + 4];
        for (int i = 0; i <= words.length; i++) {
            int w = i < words.length ? words[i] : BRK0;
            for (int k = 0; k < 4; k++) {
                b[4 * i + k] = (byte) (w >>> (8 * k));
            }
        }
        mem.poke(CODE, b, 0, b.length);
        engine.invalidate(CODE, b.length);
        return this;
    }

    EngineExit run() {
        cpu.pc = CODE;
        return engine.run(cpu);
    }

    A64SnippetRunner runToEnd() {
        EngineExit e = run();
        if (e.kind() != EngineExit.Kind.SIGNAL || e.signal() != Signals.SIGTRAP) {
            throw new AssertionError("snippet stopped with " + e + " at pc 0x" + Long.toHexString(cpu.pc));
        }
        return this;
    }

    /** NZCV as a 4-bit number (N = 8). */
    int nzcv() {
        return (int) (cpu.pstate() >>> 28);
    }
}

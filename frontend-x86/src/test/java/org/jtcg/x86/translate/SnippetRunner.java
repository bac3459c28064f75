package org.jtcg.x86.translate;

import org.jtcg.core.engine.Engine;
import org.jtcg.core.engine.EngineContext;
import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.engine.EngineProvider;
import org.jtcg.core.memory.GuestMemory;
import org.jtcg.core.memory.PagedMemory;
import org.jtcg.x86.X86Arch;
import org.jtcg.x86.X86Cpu;
import org.jtcg.core.signal.Signals;

import java.util.HexFormat;
import java.util.Set;

/**
 * Runs a snippet of x86-64 machine code on a fresh {@link X86Cpu} under one engine. Code is placed
 * at {@link #CODE} (RX), followed by {@code int3}; a 64 KiB data area at {@link #DATA} and a stack
 * below {@link #STACK_TOP} are RW. {@link #run} returns when the snippet reaches the int3 (SIGTRAP)
 * or stops otherwise (syscall, fault).
 */
final class SnippetRunner {
    static final long CODE = 0x400000, DATA = 0x600000, STACK_TOP = 0x800000;

    final PagedMemory mem = new PagedMemory();
    final X86Cpu cpu = new X86Cpu();
    final Engine engine;

    SnippetRunner(String engineName) {
        int rw = GuestMemory.PROT_READ | GuestMemory.PROT_WRITE;
        int flags = GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS | GuestMemory.MAP_FIXED;
        mem.mmap(CODE, 0x10000, GuestMemory.PROT_READ | GuestMemory.PROT_EXEC, flags);
        mem.mmap(DATA, 0x10000, rw, flags);
        mem.mmap(STACK_TOP - 0x10000, 0x10000, rw, flags);
        cpu.attachMemory(mem);
        cpu.rsp = STACK_TOP - 0x100;
        engine = EngineProvider.byName(engineName).create(new EngineContext(new X86Arch(), mem, null, Set.of()));
    }

    /** Places code (hex, spaces allowed) at CODE followed by int3. */
    SnippetRunner code(String hex) {
        return code(CODE, hex);
    }

    SnippetRunner code(long at, String hex) {
        byte[] b = HexFormat.of().parseHex(hex.replace(" ", "") + "cc");
        mem.poke(at, b, 0, b.length);
        engine.invalidate(at, b.length);
        return this;
    }

    EngineExit run() {
        cpu.pc = CODE;
        return engine.run(cpu);
    }

    /** Runs and requires the snippet to reach its final int3. */
    SnippetRunner runToEnd() {
        EngineExit e = run();
        if (e.kind() != EngineExit.Kind.SIGNAL || e.signal() != Signals.SIGTRAP) {
            throw new AssertionError("snippet stopped with " + e + " at pc 0x" + Long.toHexString(cpu.pc));
        }
        return this;
    }

    long flags() {
        return cpu.rflags() & org.jtcg.x86.LazyFlags.OSZAPC;
    }
}

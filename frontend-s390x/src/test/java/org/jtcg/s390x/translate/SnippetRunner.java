package org.jtcg.s390x.translate;

import org.jtcg.core.engine.BlockEngine;
import org.jtcg.core.engine.Engine;
import org.jtcg.core.engine.EngineContext;
import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.engine.EngineProvider;
import org.jtcg.core.jit.JitCompiler;
import org.jtcg.core.memory.GuestMemory;
import org.jtcg.core.memory.PagedMemory;
import org.jtcg.s390x.S390xArch;
import org.jtcg.s390x.S390xCpu;

import java.util.HexFormat;
import java.util.Set;

/**
 * Runs s390x machine code on a fresh {@link S390xCpu} under one engine ("jit": compiled at once, no tier-up). Code goes at {@link #CODE}
 * (RX), a 64 KiB data area at {@link #DATA} (RW). A snippet ends with {@code svc 255}
 * ({@code 0aff}): {@link #runToSvc} runs until that syscall exit and checks it.
 */
final class SnippetRunner {
    static final long CODE = 0x400000, DATA = 0x600000;

    final PagedMemory mem = new PagedMemory();
    final S390xCpu cpu = new S390xCpu();
    final Engine engine;

    SnippetRunner(String engineName) {
        int flags = GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS | GuestMemory.MAP_FIXED;
        mem.mmap(CODE, 0x10000, GuestMemory.PROT_READ | GuestMemory.PROT_EXEC, flags);
        mem.mmap(DATA, 0x10000, GuestMemory.PROT_READ | GuestMemory.PROT_WRITE, flags);
        cpu.attachMemory(mem);
        EngineContext ctx = new EngineContext(new S390xArch(), mem, null, Set.of());
        // "jit" without tier-up, so every block really is compiled to bytecode
        engine = engineName.equals("jit") ? new BlockEngine("jit", ctx, new JitCompiler(), new BlockEngine.Config(true, 128, true))
                : EngineProvider.byName(engineName).create(ctx);
    }

    /** Places code (hex, spaces allowed) at CODE. */
    SnippetRunner code(String hex) {
        byte[] b = HexFormat.of().parseHex(hex.replace(" ", ""));
        mem.poke(CODE, b, 0, b.length);
        engine.invalidate(CODE, b.length);
        return this;
    }

    EngineExit run() {
        cpu.pc = CODE;
        return engine.run(cpu);
    }

    /** Runs to the snippet's final {@code svc 255}. */
    SnippetRunner runToSvc() {
        EngineExit e = run();
        if (e.kind() != EngineExit.Kind.SYSCALL || cpu.svcCode != 255) {
            throw new AssertionError("snippet stopped with " + e + " at pc 0x" + Long.toHexString(cpu.pc));
        }
        return this;
    }

    long byteAt(long va) {
        return mem.load(va, 1, true);
    }

    /** The CC an IPM left in bits 28-29 of a register. */
    static int ipmCc(long reg) {
        return (int) (reg >>> 28) & 3;
    }
}

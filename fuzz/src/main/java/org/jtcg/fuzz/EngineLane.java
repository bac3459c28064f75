package org.jtcg.fuzz;

import org.jtcg.core.arch.GuestArch;
import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.engine.Engine;
import org.jtcg.core.engine.EngineContext;
import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.engine.EngineProvider;
import org.jtcg.core.memory.GuestMemory;
import org.jtcg.core.memory.PagedMemory;
import org.jtcg.cpreg.RegisterList;

import java.util.Set;

/**
 * One engine with its own guest memory (code area r-x, scratch block rw, from the
 * {@link FuzzLayout}), reused for every sequence of a run: per sequence the code plus terminator and
 * the scratch are rewritten, a fresh CPU state is made by the arch ({@link GuestArch#newCpu()}) and
 * loaded with the initial registers, and the engine runs from the code start until it stops (at
 * the terminator, or earlier at a fault). An engine that keeps registers elsewhere (KVM) hands them
 * back through {@link Engine#leave} before they are read.
 */
public final class EngineLane implements Lane {
    private final String name;
    private final GuestArch arch;
    private final FuzzLayout layout;
    private final ArchFuzzer fuzzer;
    private final PagedMemory memory;
    private final Engine engine;

    /**
     * @throws IllegalArgumentException if there is no frontend for the arch, or the provider says the
     *                                  engine cannot run here (its one-line reason)
     */
    public EngineLane(String name, EngineProvider provider, ArchFuzzer fuzzer) {
        this.name = name;
        this.fuzzer = fuzzer;
        this.layout = fuzzer.layout();
        this.arch = GuestArch.forElfMachine(fuzzer.target().elfMachine());
        if (arch == null) {
            throw new IllegalArgumentException("no " + fuzzer.target().arch() + " frontend on the class path");
        }
        this.memory = new PagedMemory();
        int rx = GuestMemory.PROT_READ | GuestMemory.PROT_EXEC;
        int rw = GuestMemory.PROT_READ | GuestMemory.PROT_WRITE;
        int flags = GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS | GuestMemory.MAP_FIXED;
        map(layout.code(), layout.codeSize(), rx, flags);
        map(layout.scratch(), layout.scratchSize(), rw, flags);
        // touch every page now so an engine that mirrors mappings (KVM) sees them all from the start
        memory.poke(layout.code(), new byte[layout.codeSize()], 0, layout.codeSize());
        memory.poke(layout.scratch(), new byte[layout.scratchSize()], 0, layout.scratchSize());
        EngineContext ctx = new EngineContext(arch, memory, null, Set.of());
        String why = provider.unavailableReason(ctx);
        if (why != null) {
            throw new IllegalArgumentException("engine '" + name + "' cannot run here: " + why);
        }
        this.engine = provider.create(ctx);
    }

    private void map(long va, int len, int prot, int flags) {
        long got = memory.mmap(va, len, prot, flags);
        if (got != va) {
            throw new IllegalStateException(String.format("cannot map the fuzz area at 0x%x (got 0x%x)", va, got));
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Outcome run(FuzzState init, Program program) {
        byte[] code = program.code();
        byte[] terminator = layout.terminator();
        if (code.length + terminator.length > layout.codeSize()) {
            throw new IllegalArgumentException("sequence of " + code.length + " bytes does not fit the code area");
        }
        byte[] image = new byte[code.length + terminator.length];
        System.arraycopy(code, 0, image, 0, code.length);
        System.arraycopy(terminator, 0, image, code.length, terminator.length);
        memory.poke(layout.code(), image, 0, image.length);
        engine.invalidate(layout.code(), layout.codeSize());
        memory.poke(layout.scratch(), init.scratch(), 0, layout.scratchSize());
        CpuState cpu = arch.newCpu();
        cpu.attachMemory(memory);
        fuzzer.registers(init).loadInto(cpu);
        cpu.pc = layout.code();
        long t0 = System.nanoTime();
        EngineExit exit;
        String error = null;
        try {
            exit = engine.run(cpu);
        } catch (RuntimeException | StackOverflowError e) {
            exit = null;
            error = e.toString();
        }
        long nanos = System.nanoTime() - t0;
        try {
            engine.leave(cpu, engine);
        } catch (RuntimeException e) {
            error = error != null ? error : "leaving the engine: " + e;
        }
        if (error != null) {
            return Outcome.failed(error, nanos);
        }
        byte[] scratch = new byte[layout.scratchSize()];
        memory.read(layout.scratch(), scratch, 0, scratch.length);
        return new Outcome(exit, instructionPc(exit, cpu.pc), RegisterList.capture(cpu), false, scratch, null, nanos,
                java.util.Map.of());
    }

    @Override
    public void close() {
        engine.close();
    }

    /**
     * The instruction a lane stopped at: for SIGILL and SIGFPE the signal's address (si_addr, the
     * instruction on every architecture), since on s390x the PSW, and so {@code cpu.pc}, is already past
     * it (the exception suppresses or completes the instruction, as Linux reports it); otherwise the pc.
     */
    static long instructionPc(EngineExit exit, long pc) {
        if (exit.kind() == EngineExit.Kind.SIGNAL
                && (exit.signal() == org.jtcg.core.signal.Signals.SIGILL || exit.signal() == org.jtcg.core.signal.Signals.SIGFPE)) {
            return exit.address();
        }
        return pc;
    }
}

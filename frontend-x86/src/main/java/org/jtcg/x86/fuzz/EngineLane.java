package org.jtcg.x86.fuzz;

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
 * One engine with its own guest memory (code page r-x at {@link FuzzLayout#CODE}, scratch block rw at
 * {@link FuzzLayout#SCRATCH}), reused for every sequence of a run: per sequence the code and scratch
 * are rewritten, a fresh CPU state is made by the arch ({@link GuestArch#newCpu()}) and loaded with
 * the initial registers, and the engine runs from the code start until it stops (at the ud2
 * terminator: SIGILL). An engine that keeps registers elsewhere (KVM) hands them back through
 * {@link Engine#leave} before they are read.
 */
public final class EngineLane implements AutoCloseable {
    private final String name;
    private final GuestArch arch;
    private final PagedMemory memory;
    private final Engine engine;

    /**
     * @throws IllegalArgumentException if the provider says the engine cannot run here (its one-line reason)
     */
    public EngineLane(String name, EngineProvider provider, GuestArch arch) {
        this.name = name;
        this.arch = arch;
        this.memory = new PagedMemory();
        int rx = GuestMemory.PROT_READ | GuestMemory.PROT_EXEC;
        int rw = GuestMemory.PROT_READ | GuestMemory.PROT_WRITE;
        int flags = GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS | GuestMemory.MAP_FIXED;
        map(FuzzLayout.CODE, FuzzLayout.CODE_SIZE, rx, flags);
        map(FuzzLayout.SCRATCH, FuzzLayout.SCRATCH_SIZE, rw, flags);
        // touch every page now so an engine that mirrors mappings (KVM) sees them all from the start
        memory.poke(FuzzLayout.CODE, new byte[FuzzLayout.CODE_SIZE], 0, FuzzLayout.CODE_SIZE);
        memory.poke(FuzzLayout.SCRATCH, new byte[FuzzLayout.SCRATCH_SIZE], 0, FuzzLayout.SCRATCH_SIZE);
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

    public String name() {
        return name;
    }

    /** Runs {@code program} from {@code init}. Engine exceptions become an outcome with {@link Outcome#error()}. */
    public Outcome run(InitialState init, Program program) {
        byte[] code = program.code();
        if (code.length + FuzzLayout.TERMINATOR.length > FuzzLayout.CODE_SIZE) {
            throw new IllegalArgumentException("sequence of " + code.length + " bytes does not fit the code area");
        }
        byte[] image = new byte[code.length + FuzzLayout.TERMINATOR.length];
        System.arraycopy(code, 0, image, 0, code.length);
        System.arraycopy(FuzzLayout.TERMINATOR, 0, image, code.length, FuzzLayout.TERMINATOR.length);
        memory.poke(FuzzLayout.CODE, image, 0, image.length);
        engine.invalidate(FuzzLayout.CODE, FuzzLayout.CODE_SIZE);
        memory.poke(FuzzLayout.SCRATCH, init.scratch(), 0, FuzzLayout.SCRATCH_SIZE);
        CpuState cpu = arch.newCpu();
        cpu.attachMemory(memory);
        init.registers().loadInto(cpu);
        cpu.pc = FuzzLayout.CODE;
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
        RegisterList regs = error == null ? RegisterList.capture(cpu) : RegisterList.empty();
        byte[] scratch = new byte[FuzzLayout.SCRATCH_SIZE];
        memory.read(FuzzLayout.SCRATCH, scratch, 0, scratch.length);
        return new Outcome(exit, cpu.pc, regs, scratch, error, nanos);
    }

    /** Engine counters (for the summary). */
    public java.util.Map<String, Object> stats() {
        return engine.statsMap();
    }

    @Override
    public void close() {
        engine.close();
    }
}

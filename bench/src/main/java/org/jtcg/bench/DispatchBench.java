package org.jtcg.bench;

import org.jtcg.core.engine.BlockEngine;
import org.jtcg.core.engine.EngineContext;
import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.interp.InterpCompiler;
import org.jtcg.core.jit.JitCompiler;
import org.jtcg.core.memory.PagedMemory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.jtcg.bench.BenchIsa.ADDI;
import static org.jtcg.bench.BenchIsa.BNZ;
import static org.jtcg.bench.BenchIsa.JMP;
import static org.jtcg.bench.BenchIsa.JR;
import static org.jtcg.bench.BenchIsa.MOVI;
import static org.jtcg.bench.BenchIsa.SYSCALL;
import static org.jtcg.bench.BenchIsa.XOR;

/**
 * Dispatch cost per translated block: a ring of {@value #BLOCKS} tiny blocks (3 instructions
 * each) run {@value #ROUNDS} times through {@link BlockEngine}, on the {@link BenchIsa} toy ISA.
 * Score = ns per block executed (block body + getting to the next block).
 *
 * <ul>
 * <li>{@code chained}: blocks end with a direct jump and the engine links them, so after the
 *     first round no lookup happens.</li>
 * <li>{@code unchained}: the same blocks with chaining switched off
 *     ({@link BlockEngine.Config#chain()} false): every exit looks the PC up (jump cache).</li>
 * <li>{@code indirect}: blocks end with {@code movi r7, next; jr r7} ({@code goto_indirect}),
 *     so every exit is a lookup whatever the engine config.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DispatchBench {
    static final int BLOCKS = 64;
    static final int ROUNDS = 500;
    static final long CODE = 0x10000;

    @Param({"interp", "jit"})
    public String engine;

    @Param({"chained", "unchained", "indirect"})
    public String linking;

    private BlockEngine eng;
    private BenchIsa.Cpu cpu;

    @Setup(Level.Trial)
    public void setup() {
        boolean indirect = linking.equals("indirect");
        BenchIsa.Asm a = new BenchIsa.Asm(CODE);
        long blockBytes = 3 * BenchIsa.INSN;
        for (int i = 0; i < BLOCKS - 1; i++) {
            long next = CODE + (i + 1) * blockBytes;
            a.emit(ADDI, 0, 0, 1);
            if (indirect) {
                a.emit(MOVI, 7, 0, next).emit(JR, 7, 0, 0);
            } else {
                a.emit(XOR, 2, 0, 0).branch(JMP, 0, next);
            }
        }
        a.emit(ADDI, 0, 0, 1).emit(ADDI, 1, 0, -1).branch(BNZ, 1, CODE); // last block: loop back
        a.emit(SYSCALL, 0, 0, 0);
        PagedMemory mem = BenchIsa.memoryWith(CODE, a.bytes(), 0);
        EngineContext ctx = new EngineContext(new BenchIsa.Arch(), mem, null, Set.of());
        eng = new BlockEngine(engine, ctx, engine.equals("jit") ? new JitCompiler() : new InterpCompiler(),
                new BlockEngine.Config(true, 128, !linking.equals("unchained")));
        cpu = new BenchIsa.Cpu();
    }

    @Benchmark
    @OperationsPerInvocation(BLOCKS * ROUNDS)
    public long ring() {
        cpu.pc = CODE;
        cpu.r0 = 0;
        cpu.r1 = ROUNDS;
        EngineExit x = eng.run(cpu);
        if (x.kind() != EngineExit.Kind.SYSCALL || cpu.r0 != (long) BLOCKS * ROUNDS) {
            throw new IllegalStateException("unexpected end of the ring: " + x + " r0=" + cpu.r0);
        }
        return cpu.r0;
    }

    @TearDown(Level.Trial)
    public void report() {
        // Shows that the variants really differ in lookups (printed once per trial).
        System.out.println("\n  engine stats (" + engine + ", " + linking + "): " + eng.stats());
    }
}

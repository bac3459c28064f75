package org.jtcg.bench;

import org.jtcg.core.arch.GuestArch;
import org.jtcg.core.cpu.CpuLayout;
import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.engine.BlockCode;
import org.jtcg.core.engine.BlockCompiler;
import org.jtcg.core.engine.ExecContext;
import org.jtcg.core.interp.InterpCompiler;
import org.jtcg.core.interp.nodes.NodeCompiler;
import org.jtcg.core.ir.IrBlock;
import org.jtcg.core.ir.Passes;
import org.jtcg.core.ir.TranslationRequest;
import org.jtcg.core.ir.Translator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The jit's cold tier against the reference IR interpreter: the cost of building a block's cold form
 * ({@code build}: {@link BlockCompiler#compile} of an already translated and optimised block) and of its first
 * run ({@code first}: build plus one run on a fresh CPU, stopping at the first fault as a real run would), over
 * the first {@value #BLOCKS} blocks of real x86-64 code (busybox's .text, as {@link PipelineStageBench}). One
 * operation is one block; the secondary result {@code insns} is guest instructions per second. Per-instruction
 * run speed in a loop is {@link IrEngineBench} (engines interp / nodes). C1 only, as the launcher runs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:TieredStopAtLevel=1", "-XX:-DontCompileHugeMethods", "-Xss16m"})
public class ColdTierBench {
    static final int BLOCKS = 2048;

    @Param({"interp", "nodes"})
    public String tier;

    @Param({"build", "first"})
    public String stage;

    private GuestArch arch;
    private BlockCompiler compiler;
    private ExecContext context;
    private IrBlock[] blocks;
    private int next;

    @Setup(Level.Trial)
    public void setup() {
        arch = GuestBinaries.x86OrSkip();
        Path elf = busyboxOrIntwork();
        GuestBinaries.Loaded l = GuestBinaries.load(arch, elf);
        CpuLayout layout = arch.newCpu().layout();
        Translator translator = arch.translator();
        List<IrBlock> found = new ArrayList<>();
        long pc = l.textStart();
        while (pc < l.textEnd() && found.size() < BLOCKS) {
            IrBlock b = translator.translate(new TranslationRequest(pc, l.memory(), layout, 128));
            found.add(Passes.optimize(b));
            pc += Math.max(1, b.guestLength());
        }
        blocks = found.toArray(new IrBlock[0]);
        compiler = tier.equals("nodes") ? new NodeCompiler() : new InterpCompiler();
        context = new ExecContext(l.memory());
    }

    private static Path busyboxOrIntwork() {
        String env = System.getenv("JTCG_BUSYBOX");
        Path bb = Path.of(env != null && !env.isEmpty() ? env : "/var/cache/jtcg/busybox-static/bin/busybox");
        return Files.isRegularFile(bb) ? bb : GuestBinaries.program("intwork");
    }

    @Benchmark
    public void block(InsnCounter c, Blackhole bh) {
        IrBlock b = blocks[next];
        next = next + 1 == blocks.length ? 0 : next + 1;
        BlockCode code = compiler.compile(b);
        if (stage.equals("first")) {
            CpuState cpu = arch.newCpu();
            cpu.attachMemory(context.memory); // atomics helpers reach memory through the CPU
            bh.consume(code.exec(cpu, context));
        } else {
            bh.consume(code);
        }
        c.insns += b.insnCount();
    }
}

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
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The jit's cold tier against the reference IR interpreter: the cost of building a block's cold form
 * ({@code build}: {@link BlockCompiler#compile} of an already translated and optimised block) and of its first
 * run ({@code first}: build plus one run on a fresh CPU, stopping at the first fault as a real run would), over
 * the first {@value #BLOCKS} blocks of real x86-64 code (busybox's .text, as {@link PipelineStageBench}). One
 * operation is one block; the secondary result {@code insns} is guest instructions per second. Per-instruction
 * run speed in a loop is {@link IrEngineBench} (engines interp / nodes). Code and JMH settings: {@link RealX86CodeBench}.
 */
public class ColdTierBench extends RealX86CodeBench {
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
        Loaded l = loadRealCode();
        arch = l.arch();
        GuestBinaries.Loaded image = l.image();
        CpuLayout layout = arch.newCpu().layout();
        Translator translator = arch.translator();
        BlockSweep sweep = BlockSweep.of(translator, image.memory(), layout, image.textStart(), image.textEnd(), BLOCKS, 128);
        blocks = new IrBlock[sweep.blockCount()];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = Passes.optimize(translator.translate(new TranslationRequest(sweep.pcs()[i], image.memory(), layout, 128)));
        }
        compiler = tier.equals("nodes") ? new NodeCompiler() : new InterpCompiler();
        context = new ExecContext(image.memory());
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

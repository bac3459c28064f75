package org.jtcg.bench;

import org.jtcg.core.arch.GuestArch;
import org.jtcg.core.cpu.CpuLayout;
import org.jtcg.core.engine.BlockCompiler;
import org.jtcg.core.engine.BlockTooLargeException;
import org.jtcg.core.interp.InterpCompiler;
import org.jtcg.core.ir.IrBlock;
import org.jtcg.core.ir.Passes;
import org.jtcg.core.ir.TranslationRequest;
import org.jtcg.core.ir.Translator;
import org.jtcg.core.jit.JitCompiler;
import org.jtcg.core.memory.GuestMemory;
import org.openjdk.jmh.infra.Blackhole;


/**
 * A fixed list of guest blocks to translate over and over ({@link BlockSweep}: code that really is in the
 * binary, not one hot block).
 *
 * <p>Stages, cumulative: {@code translate} (decode + IR), {@code optimize} (+ IR passes),
 * {@code jit} (+ bytecode generation and class definition), {@code interp} (+ interpreter
 * preparation instead of bytecode).
 */
final class TranslationWorkload {
    static final int MAX_INSNS = 128;

    private final GuestMemory memory;
    private final CpuLayout layout;
    private final Translator translator;
    private final BlockSweep sweep;
    private final long[] pcs;
    private final String stage;
    private final BlockCompiler compiler;
    private int next;

    TranslationWorkload(GuestArch arch, GuestMemory memory, long start, long end, int maxBlocks, String stage) {
        this.memory = memory;
        this.layout = arch.newCpu().layout();
        this.translator = arch.translator();
        this.stage = stage;
        this.compiler = switch (stage) {
            case "translate", "optimize" -> null;
            case "jit" -> new JitCompiler();
            case "interp" -> new InterpCompiler();
            default -> throw new IllegalArgumentException("unknown stage " + stage + " (translate, optimize, jit, interp)");
        };
        sweep = BlockSweep.of(translator, memory, layout, start, end, maxBlocks, MAX_INSNS);
        pcs = sweep.pcs();
    }

    int blockCount() {
        return sweep.blockCount();
    }

    long totalInsns() {
        return sweep.totalInsns();
    }

    /**
     * Translates (and, per stage, optimises and compiles) the next block; returns the number of
     * guest instructions handled. A block too large for one JVM method is retranslated with half
     * the instructions, as the engine does.
     */
    int translateNext(Blackhole bh) {
        int i = next;
        next = i + 1 == pcs.length ? 0 : i + 1;
        int max = MAX_INSNS;
        for (;;) {
            IrBlock b = translator.translate(new TranslationRequest(pcs[i], memory, layout, max));
            if (!stage.equals("translate")) {
                b = Passes.optimize(b);
            }
            if (compiler == null) {
                bh.consume(b);
                return b.insnCount();
            }
            try {
                bh.consume(compiler.compile(b));
                return b.insnCount();
            } catch (BlockTooLargeException e) {
                if (b.insnCount() <= 1) {
                    throw new IllegalStateException(String.format("block at 0x%x: one instruction too large", pcs[i]), e);
                }
                max = b.insnCount() / 2;
            }
        }
    }
}

package org.jtcg.bench;

import org.jtcg.core.arch.GuestArch;
import org.jtcg.core.cpu.CpuLayout;
import org.jtcg.core.engine.BlockCode;
import org.jtcg.core.engine.BlockTooLargeException;
import org.jtcg.core.engine.ExecContext;
import org.jtcg.core.ir.IrBlock;
import org.jtcg.core.ir.Passes;
import org.jtcg.core.ir.TranslationRequest;
import org.jtcg.core.ir.Translator;
import org.jtcg.core.jit.JitStages;
import org.jtcg.core.memory.GuestMemory;
import org.openjdk.jmh.infra.Blackhole;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

/**
 * The jit's compile pipeline, cumulative up to one stage, over a fixed list of real guest blocks (found
 * once by a linear sweep, {@link BlockSweep}):
 * <ol>
 *   <li>{@code decode}: the x86-64 decoder alone over the block's instructions;</li>
 *   <li>{@code ir}: decode and IR build (the frontend's translator);</li>
 *   <li>{@code passes}: + the IR passes ({@link Passes#optimize});</li>
 *   <li>{@code bytecode}: + class-file generation ({@link JitStages#bytecode}, ASM incl. frames);</li>
 *   <li>{@code define}: + hidden-class definition and instantiation ({@link JitStages#define});</li>
 *   <li>{@code execute}: + the block's first execution (interpreted by HotSpot, class linking and
 *       initialisation included) on a fresh CPU whose registers are zero; a block that touches
 *       unmapped memory stops at that fault, as it would in a run.</li>
 * </ol>
 * One stage's own cost is its time minus the previous stage's.
 */
final class PipelineWorkload {
    static final int MAX_INSNS = 128;
    static final List<String> STAGES = List.of("decode", "ir", "passes", "bytecode", "define", "execute");

    private final GuestArch arch;
    private final GuestMemory memory;
    private final CpuLayout layout;
    private final Translator translator;
    private final int stage;
    private final long[] pcs;
    private final int[] insns;
    private final byte[][] code;
    private final long totalInsns;
    private final MethodHandle decode;   // (byte[], int, int, long) -> length, or null
    private final ExecContext context;
    private int next;

    PipelineWorkload(GuestArch arch, GuestMemory memory, long start, long end, int maxBlocks, String stage) {
        this.arch = arch;
        this.memory = memory;
        this.layout = arch.newCpu().layout();
        this.translator = arch.translator();
        this.stage = STAGES.indexOf(stage);
        if (this.stage < 0) {
            throw new IllegalArgumentException("unknown stage " + stage + " " + STAGES);
        }
        this.decode = this.stage == 0 ? x86Decoder() : null;
        this.context = new ExecContext(memory);
        BlockSweep sweep = BlockSweep.of(translator, memory, layout, start, end, maxBlocks, MAX_INSNS);
        pcs = sweep.pcs();
        insns = sweep.insns();
        code = new byte[pcs.length][];
        for (int i = 0; i < pcs.length; i++) {
            code[i] = new byte[sweep.lengths()[i]];
            memory.read(pcs[i], code[i], 0, code[i].length);
        }
        totalInsns = sweep.totalInsns();
    }

    /** X86Decoder.decode(byte[], int, int, long).length(), found at run time (bench compiles without frontends). */
    private static MethodHandle x86Decoder() {
        try {
            Class<?> decoder = Class.forName("org.jtcg.x86.decoder.X86Decoder");
            Class<?> insn = Class.forName("org.jtcg.x86.decoder.DecodedInsn");
            MethodHandles.Lookup l = MethodHandles.publicLookup();
            MethodHandle d = l.findStatic(decoder, "decode", MethodType.methodType(insn, byte[].class, int.class, int.class, long.class));
            MethodHandle len = l.findVirtual(insn, "length", MethodType.methodType(int.class));
            return MethodHandles.filterReturnValue(d, len);
        } catch (ReflectiveOperationException e) {
            throw new GuestBinaries.SkippedException("the decode stage needs the x86-64 decoder: " + e);
        }
    }

    int blockCount() {
        return pcs.length;
    }

    long totalInsns() {
        return totalInsns;
    }

    /** Runs the pipeline up to the stage on the next block; returns the guest instructions handled. */
    int next(Blackhole bh) throws Throwable {
        int i = next;
        next = i + 1 == pcs.length ? 0 : i + 1;
        if (stage == 0) {
            byte[] c = code[i];
            int off = 0;
            for (int k = 0; k < insns[i] && off < c.length; k++) {
                off += Math.max(1, (int) decode.invokeExact(c, off, c.length - off, pcs[i] + off));
            }
            bh.consume(off);
            return insns[i];
        }
        int max = MAX_INSNS;
        for (;;) {
            IrBlock b = translator.translate(new TranslationRequest(pcs[i], memory, layout, max));
            if (stage >= 2) {
                b = Passes.optimize(b);
            }
            if (stage < 3) {
                bh.consume(b);
                return b.insnCount();
            }
            byte[] classFile;
            try {
                classFile = JitStages.bytecode(b);
            } catch (BlockTooLargeException e) {   // retranslated smaller, as the engine does
                if (b.insnCount() <= 1) {
                    throw new IllegalStateException(String.format("block at 0x%x: one instruction too large", pcs[i]), e);
                }
                max = b.insnCount() / 2;
                continue;
            }
            if (stage == 3) {
                bh.consume(classFile);
                return b.insnCount();
            }
            BlockCode blockCode = JitStages.define(classFile);
            if (stage == 5) {
                bh.consume(blockCode.exec(arch.newCpu(), context));
            } else {
                bh.consume(blockCode);
            }
            return b.insnCount();
        }
    }
}

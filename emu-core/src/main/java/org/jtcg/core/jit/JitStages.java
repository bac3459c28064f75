package org.jtcg.core.jit;

import org.jtcg.core.engine.BlockCode;
import org.jtcg.core.engine.BlockTooLargeException;
import org.jtcg.core.ir.IrBlock;
import org.objectweb.asm.MethodTooLargeException;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.List;

/**
 * The two halves of {@link JitCompiler#compile} one at a time, for the compile-pipeline benchmark
 * (bench's PipelineStageBench): bytecode generation of one block, and definition of the generated
 * class as a hidden class plus its instance. Not used by the engines.
 */
public final class JitStages {
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    private JitStages() {
    }

    /** The class file {@link JitCompiler#compile} would define for {@code block}. */
    public static byte[] bytecode(IrBlock block) {
        int[] noTargets = new int[block.exits().size()];
        Arrays.fill(noTargets, -1);
        try {
            return new RegionMethod(List.of(block), new int[][] {noTargets}, null)
                    .generate(block.insnCount() > 1 ? JitCompiler.HUGE_METHOD_LIMIT : Integer.MAX_VALUE);
        } catch (MethodTooLargeException e) {
            throw new BlockTooLargeException("block at 0x" + Long.toHexString(block.startPc()) + " exceeds 64 KiB of bytecode");
        }
    }

    /** Defines {@code classFile} (from {@link #bytecode}) as a hidden class and returns its instance. */
    public static BlockCode define(byte[] classFile) {
        try {
            MethodHandles.Lookup hidden = LOOKUP.defineHiddenClass(classFile, true);
            return (BlockCode) hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot define a JIT class", e);
        }
    }
}

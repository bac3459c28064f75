package org.jtcg.core.jit;

import org.jtcg.core.engine.BlockCode;
import org.jtcg.core.engine.BlockCompiler;
import org.jtcg.core.engine.BlockTooLargeException;
import org.jtcg.core.engine.ExecContext;
import org.jtcg.core.ir.IrBlock;
import org.objectweb.asm.MethodTooLargeException;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
import java.util.List;

/**
 * Compiles an IR block to one hidden class implementing {@link BlockCode}
 * ({@link MethodHandles.Lookup#defineHiddenClass}, not strongly linked, so the class is unloaded
 * once the block cache drops it).
 *
 * <p>Code shape: every global the block mentions is loaded from its CPU-state field into a
 * {@code long} local at entry; every temp is a local ({@code int} for I32, {@code long} for I64)
 * zeroed at entry. Writes go to locals; a statically tracked dirty set says which globals must be
 * stored back at each exit and before helpers that read or write globals (helpers that write
 * globals are followed by reloading all register locals). The whole body is covered by a
 * GuestFault handler that stores back every global the block writes, sets {@code cpu.pc} from a
 * local updated at each insn_start and returns {@link BlockCode#FAULT}. Loads and stores inline
 * the {@link org.jtcg.core.memory.SoftTlb} fast path and call GuestMemory on a miss.
 *
 * <p>The work is split by job: this class defines the hidden classes and enforces the size
 * limit; {@link RegionMethod} generates the method's control flow (blocks, branches, exits,
 * region jumps, fault handler); {@link MethodFrame} owns the locals layout and operand
 * loads/stores; {@link OpLowering} lowers value ops and helper calls; {@link GuestMemoryAccess}
 * lowers guest loads and stores (TLB fast path, byte order, the place for exclusive/atomic kinds).
 *
 * <p>Blocks whose bytecode would exceed {@link #HUGE_METHOD_LIMIT} (HotSpot never compiles bigger
 * methods) throw {@link BlockTooLargeException} so the engine retranslates them smaller.
 */
public final class JitCompiler implements BlockCompiler {
    /**
     * Bytecode size above which a block or region is split or shrunk: HotSpot's HugeMethodLimit
     * (8000; larger methods stay interpreted forever) unless the VM runs with
     * {@code -XX:-DontCompileHugeMethods} (the {@code jtcg} launcher does), then 16000 so that hot
     * regions can span more guest code. {@code -Djtcg.hugeMethodLimit=N} overrides both.
     */
    /*
     * -Djtcg.hugeMethodLimit (the launcher passes it with -XX:-DontCompileHugeMethods) spares asking the VM, whose
     * management interface costs ~5 ms of set-up on the main thread of every run.
     */
    public static final int HUGE_METHOD_LIMIT = System.getProperty("jtcg.hugeMethodLimit") != null
            ? Integer.getInteger("jtcg.hugeMethodLimit", 8000) : hugeMethodsCompiled() ? 16000 : 8000;

    private static boolean hugeMethodsCompiled() {
        try {
            var bean = java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return bean != null && "false".equals(bean.getVMOption("DontCompileHugeMethods").getValue());
        } catch (RuntimeException | LinkageError e) {
            return false; // not HotSpot, or no management module: assume the default
        }
    }

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    /** -Djtcg.jitDump=DIR: write every generated class to DIR (for javap), named by start pc and block count. */
    private static final String DUMP_DIR = System.getProperty("jtcg.jitDump");

    /** Number of classes defined so far (for stats and tests). */
    private final java.util.concurrent.atomic.AtomicLong compiled = new java.util.concurrent.atomic.AtomicLong();

    public long compiledCount() {
        return compiled.get();
    }

    @Override
    public BlockCode compile(IrBlock block) {
        checkStateClass(block);
        return define(new RegionMethod(List.of(block), new int[][] {noTargets(block)}, null), block.insnCount() > 1,
                block.startPc());
    }

    /**
     * Compiles a region: several blocks in one method. Execution starts at {@code blocks.get(0)};
     * direct exit {@code e} of block {@code m} with {@code targets[m][e] >= 0} continues at the start
     * of that block inside the method (a JVM jump, guest registers stay in locals), unless guest
     * code was written since the region was entered ({@link ExecContext#codeEpoch} changed), in
     * which case it leaves as the block's exit would. The method returns {@code exitBase[m] + e} for
     * exit e of block m ({@code exitBase[m]} = exits of the blocks before m), or FAULT.
     *
     * @throws BlockTooLargeException when the region does not fit one compilable method
     */
    @Override
    public boolean buildsRegions() {
        return true;
    }

    @Override
    public BlockCode compileRegion(List<IrBlock> blocks, int[][] targets) {
        return compileRegion(blocks, targets, null);
    }

    @Override
    public boolean buildsMultiEntryRegions() {
        return true;
    }

    /** A region that starts at block {@link ExecContext#regionEntry} (a switch at method entry over {@code entries}). */
    @Override
    public BlockCode compileRegion(List<IrBlock> blocks, int[][] targets, boolean[] entries) {
        if (blocks.isEmpty() || targets.length != blocks.size()) {
            throw new IllegalArgumentException("region needs one target row per block");
        }
        checkStateClass(blocks.get(0));
        for (int m = 0; m < blocks.size(); m++) {
            if (targets[m].length != blocks.get(m).exits().size()) {
                throw new IllegalArgumentException("targets of region block " + m + " do not match its exits");
            }
            if (blocks.get(m).layout() != blocks.get(0).layout()) {
                throw new IllegalArgumentException("region blocks of different CPU layouts");
            }
        }
        if (entries != null && entries.length != blocks.size()) {
            throw new IllegalArgumentException("region entries do not match its blocks");
        }
        return define(new RegionMethod(blocks, targets, entries), true, blocks.get(0).startPc());
    }

    private static void dump(byte[] bytes, long startPc, int blocks) {
        try {
            java.nio.file.Path dir = java.nio.file.Path.of(DUMP_DIR);
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.write(dir.resolve(String.format("block-%x-%d.class", startPc, blocks)), bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot dump JIT class to " + DUMP_DIR, e);
        }
    }

    /**
     * Appends "hidden class name, start pc, blocks" to DIR/classes.txt: profilers name a hidden class by its
     * address suffix (JitBlock.0x...), which the dumped file names cannot show.
     */
    private static synchronized void dumpIndex(Class<?> hidden, long startPc, int blocks) {
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of(DUMP_DIR).resolve("classes.txt"),
                    String.format("%s %x %d%n", hidden.getName(), startPc, blocks),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write the JIT class index in " + DUMP_DIR, e);
        }
    }

    private static void checkStateClass(IrBlock block) {
        Class<?> stateClass = block.layout().stateClass();
        if (!Modifier.isPublic(stateClass.getModifiers())) {
            throw new IllegalStateException("CPU state class " + stateClass.getName() + " must be public for the JIT");
        }
    }

    private static int[] noTargets(IrBlock block) {
        int[] t = new int[block.exits().size()];
        java.util.Arrays.fill(t, -1);
        return t;
    }

    private BlockCode define(RegionMethod g, boolean splittable, long startPc) {
        byte[] bytes;
        try {
            // the size limit is checked before ASM computes frames (the expensive part), so a
            // too-large region costs little more than emitting it
            bytes = g.generate(splittable ? HUGE_METHOD_LIMIT : Integer.MAX_VALUE);
        } catch (MethodTooLargeException e) {
            throw new BlockTooLargeException("block at 0x" + Long.toHexString(startPc) + " exceeds 64 KiB of bytecode");
        }
        if (DUMP_DIR != null) {
            dump(bytes, startPc, g.blockCount());
        }
        try {
            MethodHandles.Lookup hidden = LOOKUP.defineHiddenClass(bytes, true);
            compiled.incrementAndGet();
            if (DUMP_DIR != null) {
                dumpIndex(hidden.lookupClass(), startPc, g.blockCount());
            }
            return (BlockCode) hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot define JIT class for block at 0x" + Long.toHexString(startPc), e);
        }
    }
}

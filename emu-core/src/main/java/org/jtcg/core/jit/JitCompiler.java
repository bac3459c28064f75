package org.jtcg.core.jit;

import org.jtcg.core.engine.BlockCode;
import org.jtcg.core.engine.BlockCompiler;
import org.jtcg.core.engine.BlockTooLargeException;
import org.jtcg.core.engine.ExecContext;
import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.IrBlock;
import org.jtcg.core.ir.Op;
import org.jtcg.core.ir.Opcode;
import org.jtcg.core.ir.Type;
import org.jtcg.core.ir.Val;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.MethodVisitor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
import java.util.BitSet;
import java.util.List;

import static org.objectweb.asm.Opcodes.*;

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
    public static final int HUGE_METHOD_LIMIT = Integer.getInteger("jtcg.hugeMethodLimit", hugeMethodsCompiled() ? 16000 : 8000);

    private static boolean hugeMethodsCompiled() {
        try {
            var bean = java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return bean != null && "false".equals(bean.getVMOption("DontCompileHugeMethods").getValue());
        } catch (RuntimeException | LinkageError e) {
            return false; // not HotSpot, or no management module: assume the default
        }
    }

    private static final String CLASS_NAME = "org/jtcg/core/jit/JitBlock";
    private static final String BLOCK_CODE = "org/jtcg/core/engine/BlockCode";
    private static final String CPU_STATE = "org/jtcg/core/cpu/CpuState";
    private static final String EXEC_CTX = "org/jtcg/core/engine/ExecContext";
    private static final String GUEST_MEMORY = "org/jtcg/core/memory/GuestMemory";
    private static final String SOFT_TLB = "org/jtcg/core/memory/SoftTlb";
    private static final String TLB_ACCESS = "org/jtcg/core/memory/TlbAccess";
    private static final String RAW_MEMORY = "org/jtcg/core/memory/RawMemory";
    /** Inline memory accesses use raw host addresses ({@link org.jtcg.core.memory.RawMemory}) when available. */
    private static final boolean RAW = org.jtcg.core.memory.RawMemory.AVAILABLE;
    private static final String GUEST_FAULT = "org/jtcg/core/memory/GuestFault";
    private static final String SEM = "org/jtcg/core/ir/IrSemantics";
    private static final String EXEC_DESC = "(L" + CPU_STATE + ";L" + EXEC_CTX + ";)I";

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    /** -Djtcg.jitDump=DIR: write every generated class to DIR (for javap), named by start pc and block count. */
    private static final String DUMP_DIR = System.getProperty("jtcg.jitDump");

    /** Number of classes defined so far (for stats and tests). */
    private long compiled;

    public long compiledCount() {
        return compiled;
    }

    @Override
    public BlockCode compile(IrBlock block) {
        checkStateClass(block);
        return define(new Gen(List.of(block), new int[][] {noTargets(block)}), block.insnCount() > 1, block.startPc());
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
        return define(new Gen(blocks, targets), true, blocks.get(0).startPc());
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

    private BlockCode define(Gen g, boolean splittable, long startPc) {
        byte[] bytes;
        try {
            // the size limit is checked before ASM computes frames (the expensive part), so a
            // too-large region costs little more than emitting it
            bytes = g.generate(splittable ? HUGE_METHOD_LIMIT : Integer.MAX_VALUE);
        } catch (MethodTooLargeException e) {
            throw new BlockTooLargeException("block at 0x" + Long.toHexString(startPc) + " exceeds 64 KiB of bytecode");
        }
        if (DUMP_DIR != null) {
            dump(bytes, startPc, g.blocks.size());
        }
        try {
            MethodHandles.Lookup hidden = LOOKUP.defineHiddenClass(bytes, true);
            compiled++;
            return (BlockCode) hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot define JIT class for block at 0x" + Long.toHexString(startPc), e);
        }
    }

    /**
     * Generates the class for one block, or for a region of blocks (see {@link #compileRegion}).
     * Per-block tables (temp locals, labels, dirty sets at labels) are switched when code
     * generation moves to the next block; globals are shared by all blocks of a region.
     */
    private static final class Gen {
        private final List<IrBlock> blocks;
        private final int[][] targets;
        private final boolean region;
        private final IrBlock head;
        private final String state;
        private final ClassWriter cw;
        private MethodVisitor mv;

        // fixed locals
        private static final int L_CPU = 1, L_CTX = 2, L_ST = 3, L_MEM = 4, L_RTAG = 5, L_WTAG = 6, L_BUF = 7,
                L_OFF = 8, L_PC = 9, L_VA = 11, L_SV = 13, L_IDX = 15, L_EX = 16, L_EPOCH = 17, L_RES = 18,
                L_FIRST = 19;
        /** Shared tail of the rare exits (signal, syscall, halt): write back every written global, return L_RES. */
        private final Label rareExit = new Label();
        private boolean rareExitUsed;
        private final int[] globalLocal;
        private final BitSet usedGlobals = new BitSet();
        private final BitSet writtenGlobals = new BitSet();
        /** Per block: temp locals, labels, dirty sets pending at labels, backward-branch targets, entry label. */
        private final int[][] tempLocals;
        private final TempPlan[] tempPlans;
        /**
         * Per block: whether it can write guest memory (a store or a helper that is not pure). Only
         * such a block can have changed {@link ExecContext#codeEpoch} (a write to a code page), so
         * only its internal jumps re-check it; code written by an earlier block of the same run
         * through the region was caught at that block's own exit.
         */
        private final boolean[] mayWriteMemory;
        private int currentBlock;
        private int longPoolBase, longPoolSize, intPoolBase, intPoolSize;
        private final Label[][] blockLabels;
        private final BitSet[][] blockPendingDirty;
        private final boolean[][] blockBackwardTarget;
        private final Label[] blockStart;
        private final boolean[] internalTarget;
        private final int[] exitBase;
        // tables of the block being generated
        private IrBlock block;
        private int[] tempLocal;
        private TempPlan tempPlan;
        private Label[] labels;
        private BitSet[] pendingDirty;
        private boolean[] backwardTarget;
        private BitSet dirty = new BitSet();

        Gen(List<IrBlock> blocks, int[][] targets) {
            this.blocks = blocks;
            this.targets = targets;
            this.head = blocks.get(0);
            this.state = org.objectweb.asm.Type.getInternalName(head.layout().stateClass());
            this.cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
                @Override
                protected String getCommonSuperClass(String a, String b) {
                    return "java/lang/Object"; // locals have fixed types; never merges distinct classes
                }
            };
            int n = blocks.size();
            internalTarget = new boolean[n];
            exitBase = new int[n];
            boolean anyInternal = false;
            for (int m = 0; m < n; m++) {
                exitBase[m] = m == 0 ? 0 : exitBase[m - 1] + blocks.get(m - 1).exits().size();
                for (int t : targets[m]) {
                    if (t >= 0) {
                        internalTarget[t] = true;
                        anyInternal = true;
                    }
                }
            }
            this.region = anyInternal || n > 1;
            int next = L_FIRST;
            globalLocal = new int[head.layout().size()];
            for (IrBlock blk : blocks) {
                for (Op op : blk.ops()) {
                    for (Val v : op.args) {
                        if (v.isGlobal()) {
                            usedGlobals.set(v.index());
                        }
                    }
                    if (op.dst != null && op.dst.isGlobal()) {
                        usedGlobals.set(op.dst.index());
                        writtenGlobals.set(op.dst.index());
                    }
                }
            }
            for (int g = usedGlobals.nextSetBit(0); g >= 0; g = usedGlobals.nextSetBit(g + 1)) {
                globalLocal[g] = next;
                next += 2;
            }
            tempLocals = new int[n][];
            blockLabels = new Label[n][];
            blockPendingDirty = new BitSet[n][];
            blockBackwardTarget = new boolean[n][];
            blockStart = new Label[n];
            tempPlans = new TempPlan[n];
            mayWriteMemory = new boolean[n];
            for (int m = 0; m < n; m++) {
                for (Op op : blocks.get(m).ops()) {
                    if (op.opc == Opcode.STORE || (op.opc == Opcode.CALL && !op.helper.isPure())) {
                        mayWriteMemory[m] = true;
                    }
                }
            }
            int longs = 0, ints = 0;
            for (int m = 0; m < n; m++) {
                tempPlans[m] = new TempPlan(blocks.get(m));
                longs = Math.max(longs, tempPlans[m].longSlots);
                ints = Math.max(ints, tempPlans[m].intSlots);
            }
            longPoolBase = next;
            longPoolSize = longs;
            next += 2 * longs;
            intPoolBase = next;
            intPoolSize = ints;
            next += ints;
            for (int m = 0; m < n; m++) {
                IrBlock blk = blocks.get(m);
                List<Type> tt = blk.tempTypes();
                TempPlan plan = tempPlans[m];
                int[] tl = new int[tt.size()];
                for (int t = 0; t < tt.size(); t++) {
                    int k = plan.slot[t];
                    tl[t] = k < 0 ? -1 : tt.get(t) == Type.I64 ? longPoolBase + 2 * k : intPoolBase + k;
                }
                tempLocals[m] = tl;
                int lc = blk.labelCount();
                Label[] ls = new Label[lc];
                BitSet[] pd = new BitSet[lc];
                boolean[] bt = new boolean[lc];
                boolean[] placed = new boolean[lc];
                for (int i = 0; i < lc; i++) {
                    ls[i] = new Label();
                    pd[i] = new BitSet();
                }
                for (Op op : blk.ops()) {
                    if (op.opc == Opcode.LABEL) {
                        placed[op.aux1] = true;
                    } else if ((op.opc == Opcode.BR || op.opc == Opcode.BRCOND) && placed[op.aux1]) {
                        bt[op.aux1] = true;
                    }
                }
                blockLabels[m] = ls;
                blockPendingDirty[m] = pd;
                blockBackwardTarget[m] = bt;
                blockStart[m] = new Label();
            }
            select(0);
        }

        /** Makes block m's tables current. */
        private void select(int m) {
            currentBlock = m;
            block = blocks.get(m);
            tempLocal = tempLocals[m];
            tempPlan = tempPlans[m];
            labels = blockLabels[m];
            pendingDirty = blockPendingDirty[m];
            backwardTarget = blockBackwardTarget[m];
        }

        /** @throws BlockTooLargeException when the method's bytecode exceeds {@code limit} bytes */
        byte[] generate(int limit) {
            cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, CLASS_NAME, null, "java/lang/Object", new String[]{BLOCK_CODE});
            MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
            init.visitCode();
            init.visitVarInsn(ALOAD, 0);
            init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
            init.visitInsn(RETURN);
            init.visitMaxs(0, 0);
            init.visitEnd();

            mv = cw.visitMethod(ACC_PUBLIC | ACC_FINAL, "exec", EXEC_DESC, null, null);
            mv.visitCode();
            prologue();
            Label tryStart = new Label(), tryEnd = new Label(), handler = new Label();
            mv.visitTryCatchBlock(tryStart, tryEnd, handler, GUEST_FAULT);
            mv.visitLabel(tryStart);
            for (int m = 0; m < blocks.size(); m++) {
                select(m);
                mv.visitLabel(blockStart[m]);
                zeroAtEntry(block);
                if (internalTarget[m]) {
                    // entered again from another block of the region: any written global may be dirty
                    dirty = (BitSet) writtenGlobals.clone();
                } else {
                    dirty = new BitSet();
                }
                boolean fallsThrough = true;
                int exitIndex = 0;
                for (Op op : block.ops()) {
                    if (op.opc == Opcode.LABEL) {
                        BitSet d = backwardTarget[op.aux1] ? (BitSet) writtenGlobals.clone()
                                : (fallsThrough ? (BitSet) dirty.clone() : new BitSet());
                        d.or(pendingDirty[op.aux1]);
                        dirty = d;
                        mv.visitLabel(labels[op.aux1]);
                    } else if (op.opc.isExit()) {
                        exit(op, exitIndex, exitBase[m] + exitIndex, targets[m][exitIndex]);
                        exitIndex++;
                    } else {
                        emit(op);
                    }
                    fallsThrough = !op.opc.isTerminal();
                }
                if (fallsThrough) {
                    throw new IllegalStateException("JIT: block at 0x" + Long.toHexString(block.startPc()) + " falls off its end");
                }
            }
            if (rareExitUsed) {
                mv.visitLabel(rareExit);
                writeBack(writtenGlobals);
                mv.visitVarInsn(ILOAD, L_RES);
                mv.visitInsn(IRETURN);
            }
            mv.visitLabel(tryEnd);
            mv.visitLabel(handler);
            mv.visitVarInsn(ASTORE, L_EX);
            writeBack(writtenGlobals);
            mv.visitVarInsn(ALOAD, L_CPU);
            mv.visitVarInsn(LLOAD, L_PC);
            mv.visitFieldInsn(PUTFIELD, CPU_STATE, "pc", "J");
            mv.visitVarInsn(ALOAD, L_CTX);
            mv.visitVarInsn(ALOAD, L_EX);
            mv.visitMethodInsn(INVOKEVIRTUAL, GUEST_FAULT, "siCode", "()I", false);
            mv.visitFieldInsn(PUTFIELD, EXEC_CTX, "faultSiCode", "I");
            mv.visitVarInsn(ALOAD, L_CTX);
            mv.visitVarInsn(ALOAD, L_EX);
            mv.visitMethodInsn(INVOKEVIRTUAL, GUEST_FAULT, "address", "()J", false);
            mv.visitFieldInsn(PUTFIELD, EXEC_CTX, "faultAddress", "J");
            mv.visitInsn(ICONST_M1);
            mv.visitInsn(IRETURN);
            Label end = new Label();
            mv.visitLabel(end);
            int codeSize = end.getOffset();
            if (codeSize > limit) {
                throw new BlockTooLargeException("block at 0x" + Long.toHexString(head.startPc()) + " has "
                        + codeSize + " bytes of bytecode (limit " + limit + ")");
            }
            mv.visitMaxs(0, 0);
            mv.visitEnd();
            cw.visitEnd();
            return cw.toByteArray();
        }

        private void prologue() {
            mv.visitVarInsn(ALOAD, L_CPU);
            mv.visitTypeInsn(CHECKCAST, state);
            mv.visitVarInsn(ASTORE, L_ST);
            mv.visitVarInsn(ALOAD, L_CTX);
            mv.visitFieldInsn(GETFIELD, EXEC_CTX, "memory", "L" + GUEST_MEMORY + ";");
            mv.visitVarInsn(ASTORE, L_MEM);
            mv.visitVarInsn(ALOAD, L_CTX);
            mv.visitFieldInsn(GETFIELD, EXEC_CTX, "tlb", "L" + SOFT_TLB + ";");
            mv.visitInsn(DUP);
            mv.visitFieldInsn(GETFIELD, SOFT_TLB, RAW ? "fast" : "readTag", "[J"); // raw: the interleaved entries
            mv.visitVarInsn(ASTORE, L_RTAG);
            mv.visitInsn(DUP);
            mv.visitFieldInsn(GETFIELD, SOFT_TLB, "writeTag", "[J");
            mv.visitVarInsn(ASTORE, L_WTAG);
            mv.visitInsn(DUP);
            mv.visitFieldInsn(GETFIELD, SOFT_TLB, "buffer", "[Ljava/nio/ByteBuffer;");
            mv.visitVarInsn(ASTORE, L_BUF);
            mv.visitFieldInsn(GETFIELD, SOFT_TLB, "offset", "[I");
            mv.visitVarInsn(ASTORE, L_OFF);
            mv.visitLdcInsn(head.startPc());
            mv.visitVarInsn(LSTORE, L_PC);
            mv.visitInsn(LCONST_0);
            mv.visitVarInsn(LSTORE, L_VA);
            mv.visitInsn(LCONST_0);
            mv.visitVarInsn(LSTORE, L_SV);
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ISTORE, L_IDX);
            mv.visitInsn(ACONST_NULL);
            mv.visitVarInsn(ASTORE, L_EX);
            if (region) {
                mv.visitVarInsn(ALOAD, L_CTX);
                mv.visitFieldInsn(GETFIELD, EXEC_CTX, "codeEpoch", "I");
            } else {
                mv.visitInsn(ICONST_0);
            }
            mv.visitVarInsn(ISTORE, L_EPOCH);
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ISTORE, L_RES);
            loadGlobals(usedGlobals);
            // every temp local starts typed on every path (JVM verifier); see TempPlan
            for (int k = 0; k < longPoolSize; k++) {
                mv.visitInsn(LCONST_0);
                mv.visitVarInsn(LSTORE, longPoolBase + 2 * k);
            }
            for (int k = 0; k < intPoolSize; k++) {
                mv.visitInsn(ICONST_0);
                mv.visitVarInsn(ISTORE, intPoolBase + k);
            }
        }

        /** Temps of the current block that the IR may read before writing start at 0 (as in the interpreter). */
        private void zeroAtEntry(IrBlock blk) {
            List<Type> tt = blk.tempTypes();
            BitSet z = tempPlan.zeroAtEntry;
            for (int t = z.nextSetBit(0); t >= 0; t = z.nextSetBit(t + 1)) {
                if (tt.get(t) == Type.I64) {
                    mv.visitInsn(LCONST_0);
                    mv.visitVarInsn(LSTORE, tempLocal[t]);
                } else {
                    mv.visitInsn(ICONST_0);
                    mv.visitVarInsn(ISTORE, tempLocal[t]);
                }
            }
        }

        private void loadGlobals(BitSet set) {
            for (int g = set.nextSetBit(0); g >= 0; g = set.nextSetBit(g + 1)) {
                mv.visitVarInsn(ALOAD, L_ST);
                mv.visitFieldInsn(GETFIELD, state, head.layout().field(g).fieldName(), "J");
                mv.visitVarInsn(LSTORE, globalLocal[g]);
            }
        }

        private void writeBack(BitSet set) {
            for (int g = set.nextSetBit(0); g >= 0; g = set.nextSetBit(g + 1)) {
                mv.visitVarInsn(ALOAD, L_ST);
                mv.visitVarInsn(LLOAD, globalLocal[g]);
                mv.visitFieldInsn(PUTFIELD, state, head.layout().field(g).fieldName(), "J");
            }
        }

        // ---- operands ----

        private void push(Val v) {
            if (v.isGlobal()) {
                mv.visitVarInsn(LLOAD, globalLocal[v.index()]);
            } else if (tempPlan.isConstant(v.index())) {
                constant(v.type(), tempPlan.constant[v.index()]);
            } else {
                mv.visitVarInsn(v.type() == Type.I64 ? LLOAD : ILOAD, tempLocal[v.index()]);
            }
        }

        /** Pushes v widened to long (I32 sign-extended). */
        private void pushLong(Val v) {
            push(v);
            if (v.type() == Type.I32) {
                mv.visitInsn(I2L);
            }
        }

        private void store(Val v) {
            if (v.isGlobal()) {
                mv.visitVarInsn(LSTORE, globalLocal[v.index()]);
                dirty.set(v.index());
            } else if (tempLocal[v.index()] < 0) {
                throw new IllegalStateException("JIT: constant temp " + v + " written again");
            } else {
                mv.visitVarInsn(v.type() == Type.I64 ? LSTORE : ISTORE, tempLocal[v.index()]);
            }
        }

        private void sem(String name, String desc) {
            mv.visitMethodInsn(INVOKESTATIC, SEM, name, desc, false);
        }

        private void constant(Type t, long v) {
            if (t == Type.I64) {
                if (v == 0 || v == 1) {
                    mv.visitInsn(v == 0 ? LCONST_0 : LCONST_1);
                } else {
                    mv.visitLdcInsn(v);
                }
            } else {
                int i = (int) v;
                if (i >= -1 && i <= 5) {
                    mv.visitInsn(ICONST_0 + i);
                } else if (i >= Short.MIN_VALUE && i <= Short.MAX_VALUE) {
                    mv.visitIntInsn(SIPUSH, i);
                } else {
                    mv.visitLdcInsn(i);
                }
            }
        }

        private void intConst(int i) {
            constant(Type.I32, i);
        }

        // ---- ops ----

        private void emit(Op op) {
            boolean w = op.type == Type.I64;
            switch (op.opc) {
                case INSN_START -> {
                    mv.visitLdcInsn(op.imm);
                    mv.visitVarInsn(LSTORE, L_PC);
                }
                case CONST -> {
                    if (!op.dst.isTemp() || !tempPlan.isConstant(op.dst.index())) { // constant temps are pushed where read
                        constant(op.dst.type(), op.imm);
                        store(op.dst);
                    }
                }
                case MOV -> {
                    push(op.args[0]);
                    store(op.dst);
                }
                case ADD, SUB, MUL, AND, OR, XOR -> {
                    push(op.args[0]);
                    push(op.args[1]);
                    int base = switch (op.opc) {
                        case ADD -> IADD; case SUB -> ISUB; case MUL -> IMUL;
                        case AND -> IAND; case OR -> IOR; default -> IXOR;
                    };
                    mv.visitInsn(w ? base + 1 : base); // LADD = IADD + 1 etc.
                    store(op.dst);
                }
                case ANDC, ORC -> {
                    push(op.args[0]);
                    push(op.args[1]);
                    constant(op.type, -1);
                    mv.visitInsn(w ? LXOR : IXOR);
                    mv.visitInsn(op.opc == Opcode.ANDC ? (w ? LAND : IAND) : (w ? LOR : IOR));
                    store(op.dst);
                }
                case SHL, SHR, SAR -> {
                    push(op.args[0]);
                    push(op.args[1]);
                    if (w) {
                        mv.visitInsn(L2I);
                    }
                    int base = op.opc == Opcode.SHL ? ISHL : op.opc == Opcode.SHR ? IUSHR : ISHR;
                    mv.visitInsn(w ? base + 1 : base);
                    store(op.dst);
                }
                case ROTL, ROTR -> {
                    push(op.args[0]);
                    push(op.args[1]);
                    String n = op.opc == Opcode.ROTL ? "rotateLeft" : "rotateRight";
                    if (w) {
                        mv.visitInsn(L2I);
                        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", n, "(JI)J", false);
                    } else {
                        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", n, "(II)I", false);
                    }
                    store(op.dst);
                }
                case MULHU, MULHS, DIVS, DIVU, REMS, REMU -> {
                    push(op.args[0]);
                    push(op.args[1]);
                    sem(op.opc.name().toLowerCase() + (w ? "64" : "32"), w ? "(JJ)J" : "(II)I");
                    store(op.dst);
                }
                case NOT -> {
                    push(op.args[0]);
                    constant(op.type, -1);
                    mv.visitInsn(w ? LXOR : IXOR);
                    store(op.dst);
                }
                case NEG -> {
                    push(op.args[0]);
                    mv.visitInsn(w ? LNEG : INEG);
                    store(op.dst);
                }
                case CLZ, CTZ, POPCNT -> {
                    push(op.args[0]);
                    String n = op.opc == Opcode.CLZ ? "numberOfLeadingZeros" : op.opc == Opcode.CTZ ? "numberOfTrailingZeros" : "bitCount";
                    mv.visitMethodInsn(INVOKESTATIC, w ? "java/lang/Long" : "java/lang/Integer", n, w ? "(J)I" : "(I)I", false);
                    if (w) {
                        mv.visitInsn(I2L);
                    }
                    store(op.dst);
                }
                case BSWAP16 -> {
                    pushLong(op.args[0]);
                    sem("bswap16", "(J)J");
                    narrow(op.type);
                    store(op.dst);
                }
                case BSWAP32 -> {
                    push(op.args[0]);
                    if (w) {
                        sem("bswap32", "(J)J");
                    } else {
                        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "reverseBytes", "(I)I", false);
                    }
                    store(op.dst);
                }
                case BSWAP64 -> {
                    push(op.args[0]);
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "reverseBytes", "(J)J", false);
                    store(op.dst);
                }
                case EXT8S, EXT16S -> {
                    push(op.args[0]);
                    if (w) {
                        mv.visitInsn(L2I);
                    }
                    mv.visitInsn(op.opc == Opcode.EXT8S ? I2B : I2S);
                    if (w) {
                        mv.visitInsn(I2L);
                    }
                    store(op.dst);
                }
                case EXT8U, EXT16U, EXT32U -> {
                    push(op.args[0]);
                    long mask = op.opc == Opcode.EXT8U ? 0xff : op.opc == Opcode.EXT16U ? 0xffff : 0xffffffffL;
                    constant(op.type, mask);
                    mv.visitInsn(w ? LAND : IAND);
                    store(op.dst);
                }
                case EXT32S -> {
                    push(op.args[0]);
                    mv.visitInsn(L2I);
                    mv.visitInsn(I2L);
                    store(op.dst);
                }
                case EXTRACT, SEXTRACT -> {
                    pushLong(op.args[0]);
                    intConst(op.aux1);
                    intConst(op.aux2);
                    sem(op.opc == Opcode.EXTRACT ? "extract" : "sextract", "(JII)J");
                    narrow(op.type);
                    store(op.dst);
                }
                case DEPOSIT -> {
                    pushLong(op.args[0]);
                    pushLong(op.args[1]);
                    intConst(op.aux1);
                    intConst(op.aux2);
                    sem("deposit", "(JJII)J");
                    narrow(op.type);
                    store(op.dst);
                }
                case TRUNC -> {
                    push(op.args[0]);
                    mv.visitInsn(L2I);
                    store(op.dst);
                }
                case EXTU -> {
                    push(op.args[0]);
                    mv.visitInsn(I2L);
                    mv.visitLdcInsn(0xffffffffL);
                    mv.visitInsn(LAND);
                    store(op.dst);
                }
                case EXTS -> {
                    push(op.args[0]);
                    mv.visitInsn(I2L);
                    store(op.dst);
                }
                case SETCOND -> {
                    Label t = new Label(), end = new Label();
                    condJump(op.cond, op.args[0], op.args[1], t);
                    constant(op.type, 0);
                    mv.visitJumpInsn(GOTO, end);
                    mv.visitLabel(t);
                    constant(op.type, 1);
                    mv.visitLabel(end);
                    store(op.dst);
                }
                case MOVCOND -> {
                    Label t = new Label(), end = new Label();
                    condJump(op.cond, op.args[0], op.args[1], t);
                    push(op.args[3]);
                    mv.visitJumpInsn(GOTO, end);
                    mv.visitLabel(t);
                    push(op.args[2]);
                    mv.visitLabel(end);
                    store(op.dst);
                }
                case BRCOND -> {
                    pendingDirty[op.aux1].or(dirty);
                    condJump(op.cond, op.args[0], op.args[1], labels[op.aux1]);
                }
                case BR -> {
                    pendingDirty[op.aux1].or(dirty);
                    mv.visitJumpInsn(GOTO, labels[op.aux1]);
                }
                case LOAD -> load(op);
                case STORE -> store(op);
                case CALL -> call(op);
                default -> throw new IllegalStateException("JIT: unexpected op " + op);
            }
        }

        /** long on stack to the op width. */
        private void narrow(Type t) {
            if (t == Type.I32) {
                mv.visitInsn(L2I);
            }
        }

        private void condJump(Cond c, Val a, Val b, Label target) {
            boolean w = a.type() == Type.I64;
            push(a);
            push(b);
            switch (c) {
                case TSTEQ, TSTNE -> {
                    if (w) {
                        mv.visitInsn(LAND);
                        mv.visitInsn(LCONST_0);
                        mv.visitInsn(LCMP);
                    } else {
                        mv.visitInsn(IAND);
                    }
                    mv.visitJumpInsn(c == Cond.TSTEQ ? IFEQ : IFNE, target);
                }
                case LTU, LEU, GTU, GEU -> {
                    if (w) {
                        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "compareUnsigned", "(JJ)I", false);
                    } else {
                        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "compareUnsigned", "(II)I", false);
                    }
                    mv.visitJumpInsn(c == Cond.LTU ? IFLT : c == Cond.LEU ? IFLE : c == Cond.GTU ? IFGT : IFGE, target);
                }
                default -> {
                    int zeroForm = switch (c) {
                        case EQ -> IFEQ; case NE -> IFNE; case LT -> IFLT; case LE -> IFLE; case GT -> IFGT; default -> IFGE;
                    };
                    if (w) {
                        mv.visitInsn(LCMP);
                        mv.visitJumpInsn(zeroForm, target);
                    } else {
                        mv.visitJumpInsn(zeroForm + (IF_ICMPEQ - IFEQ), target);
                    }
                }
            }
        }

        /**
         * Raw mode: computes the index of L_VA's entry in {@code SoftTlb.fast} into L_IDX, jumps to
         * miss unless its read (or write) tag matches, else pushes the host address of L_VA.
         */
        private void rawTlbCheck(boolean write, int size, Label miss) {
            pushTlbIndex();
            mv.visitInsn(ICONST_2);
            mv.visitInsn(ISHL);
            mv.visitVarInsn(ISTORE, L_IDX);
            mv.visitVarInsn(ALOAD, L_RTAG);
            mv.visitVarInsn(ILOAD, L_IDX);
            if (write) {
                mv.visitInsn(ICONST_1);
                mv.visitInsn(IADD);
            }
            mv.visitInsn(LALOAD);
            jumpUnlessTagMatchesEndPage(size, miss);
            mv.visitVarInsn(LLOAD, L_VA);
            mv.visitVarInsn(ALOAD, L_RTAG);
            mv.visitVarInsn(ILOAD, L_IDX);
            mv.visitInsn(ICONST_2);
            mv.visitInsn(IADD);
            mv.visitInsn(LALOAD);
            mv.visitInsn(LADD);
        }

        /** Pushes the SoftTlb index of L_VA's page: {@code (int) (va >>> 12) & SoftTlb.MASK}. */
        private void pushTlbIndex() {
            mv.visitVarInsn(LLOAD, L_VA);
            intConst(12);
            mv.visitInsn(LUSHR);
            mv.visitInsn(L2I);
            intConst(org.jtcg.core.memory.SoftTlb.MASK);
            mv.visitInsn(IAND);
        }

        /**
         * With a tag on the stack, jumps to miss unless it equals the page of the access's last
         * byte (SoftTlb's rule: this also rejects page-crossing accesses).
         */
        private void jumpUnlessTagMatchesEndPage(int size, Label miss) {
            mv.visitVarInsn(LLOAD, L_VA);
            if (size > 1) {
                mv.visitLdcInsn((long) (size - 1));
                mv.visitInsn(LADD);
            }
            mv.visitLdcInsn(org.jtcg.core.memory.GuestMemory.PAGE_MASK);
            mv.visitInsn(LAND);
            mv.visitInsn(LCMP);
            mv.visitJumpInsn(IFNE, miss);
        }

        /** Computes the TLB index of L_VA into L_IDX and jumps to miss unless the tag in tagArray matches. */
        private void tlbCheck(int tagArray, int size, Label miss) {
            pushTlbIndex();
            mv.visitVarInsn(ISTORE, L_IDX);
            mv.visitVarInsn(ALOAD, tagArray);
            mv.visitVarInsn(ILOAD, L_IDX);
            mv.visitInsn(LALOAD);
            jumpUnlessTagMatchesEndPage(size, miss);
            // host buffer and offset
            mv.visitVarInsn(ALOAD, L_BUF);
            mv.visitVarInsn(ILOAD, L_IDX);
            mv.visitInsn(AALOAD);
            mv.visitVarInsn(ALOAD, L_OFF);
            mv.visitVarInsn(ILOAD, L_IDX);
            mv.visitInsn(IALOAD);
            mv.visitVarInsn(LLOAD, L_VA);
            mv.visitInsn(L2I);
            intConst(0xfff);
            mv.visitInsn(IAND);
            mv.visitInsn(IADD);
        }

        private static String accessor(String prefix, int size, boolean be) {
            return prefix + (size * 8) + (size == 1 ? "" : be ? "be" : "le");
        }

        private void load(Op op) {
            push(op.args[0]);
            mv.visitVarInsn(LSTORE, L_VA);
            Label miss = new Label(), done = new Label();
            if (RAW) {
                rawTlbCheck(false, op.aux1, miss);
                mv.visitMethodInsn(INVOKESTATIC, RAW_MEMORY, accessor("ld", op.aux1, op.bigEndian), "(J)J", false);
            } else {
                tlbCheck(L_RTAG, op.aux1, miss);
                mv.visitMethodInsn(INVOKESTATIC, TLB_ACCESS, accessor("ld", op.aux1, op.bigEndian), "(Ljava/nio/ByteBuffer;I)J", false);
            }
            mv.visitJumpInsn(GOTO, done);
            mv.visitLabel(miss);
            mv.visitVarInsn(ALOAD, L_MEM);
            mv.visitVarInsn(LLOAD, L_VA);
            intConst(op.aux1);
            mv.visitInsn(op.bigEndian ? ICONST_1 : ICONST_0);
            mv.visitMethodInsn(INVOKEINTERFACE, GUEST_MEMORY, "load", "(JIZ)J", true);
            mv.visitLabel(done);
            boolean w = op.type == Type.I64;
            if (op.signed) {
                mv.visitInsn(L2I);
                if (op.aux1 == 1) {
                    mv.visitInsn(I2B);
                } else if (op.aux1 == 2) {
                    mv.visitInsn(I2S);
                }
                if (w) {
                    mv.visitInsn(I2L);
                }
            } else if (!w) {
                mv.visitInsn(L2I);
            }
            store(op.dst);
        }

        private void store(Op op) {
            pushLong(op.args[0]);
            mv.visitVarInsn(LSTORE, L_SV);
            push(op.args[1]);
            mv.visitVarInsn(LSTORE, L_VA);
            Label miss = new Label(), done = new Label();
            if (RAW) {
                rawTlbCheck(true, op.aux1, miss);
                mv.visitVarInsn(LLOAD, L_SV);
                mv.visitMethodInsn(INVOKESTATIC, RAW_MEMORY, accessor("st", op.aux1, op.bigEndian), "(JJ)V", false);
            } else {
                tlbCheck(L_WTAG, op.aux1, miss);
                mv.visitVarInsn(LLOAD, L_SV);
                mv.visitMethodInsn(INVOKESTATIC, TLB_ACCESS, accessor("st", op.aux1, op.bigEndian), "(Ljava/nio/ByteBuffer;IJ)V", false);
            }
            mv.visitJumpInsn(GOTO, done);
            mv.visitLabel(miss);
            mv.visitVarInsn(ALOAD, L_MEM);
            mv.visitVarInsn(LLOAD, L_VA);
            intConst(op.aux1);
            mv.visitVarInsn(LLOAD, L_SV);
            mv.visitInsn(op.bigEndian ? ICONST_1 : ICONST_0);
            mv.visitMethodInsn(INVOKEINTERFACE, GUEST_MEMORY, "store", "(JIJZ)V", true);
            mv.visitLabel(done);
        }

        private void call(Op op) {
            var h = op.helper;
            if (h.readsGlobals() || h.writesGlobals()) {
                writeBack(dirty);
                dirty = new BitSet();
            }
            if (h.takesCpu()) {
                mv.visitVarInsn(ALOAD, L_ST);
            }
            for (Val a : op.args) {
                push(a);
            }
            mv.visitMethodInsn(INVOKESTATIC, org.objectweb.asm.Type.getInternalName(h.owner()), h.name(), h.descriptor(),
                    h.owner().isInterface());
            if (op.dst != null) {
                store(op.dst);
            } else if (h.returnType() != null) {
                mv.visitInsn(h.returnType() == Type.I64 ? POP2 : POP);
            }
            if (h.writesGlobals()) {
                BitSet reload = (BitSet) usedGlobals.clone();
                if (op.dst != null && op.dst.isGlobal()) {
                    reload.clear(op.dst.index()); // the result just assigned wins over the field
                }
                loadGlobals(reload);
            }
        }

        /**
         * Jumps to region block {@code target}: guarded by the code epoch when the current block can
         * write memory (falls through when guest code was written), else unconditionally.
         *
         * @return whether the jump is conditional (code after it is reachable)
         */
        private boolean jumpInside(int target) {
            if (!mayWriteMemory[currentBlock]) {
                mv.visitJumpInsn(GOTO, blockStart[target]);
                return false;
            }
            mv.visitVarInsn(ALOAD, L_CTX);
            mv.visitFieldInsn(GETFIELD, EXEC_CTX, "codeEpoch", "I");
            mv.visitVarInsn(ILOAD, L_EPOCH);
            mv.visitJumpInsn(IF_ICMPEQ, blockStart[target]);
            return true;
        }

        /**
         * Exit number {@code index} of the current block, returned as {@code result}; a direct exit
         * with {@code target >= 0} instead continues at that region block while no guest code was
         * written since entry (the block cache invalidates on such writes; the region must then
         * leave so the dispatcher sees the new code).
         */
        private void exit(Op op, int index, int result, int target) {
            if (target >= 0 && op.opc == Opcode.GOTO_DIRECT) {
                if (!jumpInside(target)) {
                    return; // unconditional: the plain exit below is never reached
                }
            } else if (target >= 0 && op.opc == Opcode.GOTO_INDIRECT) {
                // predicted target (the pc this exit went to when the region was formed): stay inside
                // when the pc matches and no code was written; anything else leaves as a plain exit
                Label miss = new Label();
                push(op.args[0]);
                mv.visitLdcInsn(blocks.get(target).startPc());
                mv.visitInsn(LCMP);
                mv.visitJumpInsn(IFNE, miss);
                jumpInside(target);
                mv.visitLabel(miss);
            }
            if (op.opc == Opcode.EXIT_SIGNAL || op.opc == Opcode.EXIT_SYSCALL || op.opc == Opcode.EXIT_HALT) {
                // rare exits share one write-back of every written global (a superset of the dirty
                // ones, whose locals always hold the current values) to keep methods small
                if (op.opc == Opcode.EXIT_SIGNAL) {
                    mv.visitVarInsn(ALOAD, L_CTX);
                    push(op.args[0]);
                    mv.visitFieldInsn(PUTFIELD, EXEC_CTX, "signalAddress", "J");
                }
                mv.visitVarInsn(ALOAD, L_CPU);
                mv.visitLdcInsn(op.imm);
                mv.visitFieldInsn(PUTFIELD, CPU_STATE, "pc", "J");
                intConst(result);
                mv.visitVarInsn(ISTORE, L_RES);
                mv.visitJumpInsn(GOTO, rareExit);
                rareExitUsed = true;
                dirty = new BitSet();
                return;
            }
            writeBack(dirty);
            switch (op.opc) { // the rare exits took the shared tail above
                case GOTO_DIRECT -> {
                    mv.visitVarInsn(ALOAD, L_CPU);
                    mv.visitLdcInsn(op.imm);
                }
                case GOTO_INDIRECT -> {
                    mv.visitVarInsn(ALOAD, L_CPU);
                    push(op.args[0]);
                }
                default -> throw new IllegalStateException("JIT: not an exit " + op);
            }
            mv.visitFieldInsn(PUTFIELD, CPU_STATE, "pc", "J");
            intConst(result);
            mv.visitInsn(IRETURN);
            dirty = new BitSet();
        }
    }

}

package org.jtcg.core.jit;

import org.jtcg.core.ir.IrBlock;
import org.jtcg.core.ir.Op;
import org.jtcg.core.ir.Type;
import org.jtcg.core.ir.Val;
import org.objectweb.asm.MethodVisitor;

import java.util.BitSet;
import java.util.List;

import static org.objectweb.asm.Opcodes.*;

/**
 * The local-variable layout of one generated {@code exec} method and the operand traffic through
 * it: fixed locals (CPU state, TLB arrays, scratch), one {@code long} local per global the
 * region mentions, and per-block temp locals from shared pools ({@link TempPlan}).
 *
 * <p>Globals live in their locals for the whole method; {@link #dirty} is the statically tracked
 * set of globals whose local is newer than the CPU-state field. Exits and helpers store back
 * what they must with {@link #writeBack} and reload with {@link #loadGlobals}.
 *
 * <p>For a region, the per-block tables (temp locals and plan) are switched with {@link #select}
 * when code generation moves to the next block; globals are shared by all blocks.
 */
final class MethodFrame {
    static final String CPU_STATE = "org/jtcg/core/cpu/CpuState";
    static final String EXEC_CTX = "org/jtcg/core/engine/ExecContext";
    static final String GUEST_MEMORY = "org/jtcg/core/memory/GuestMemory";
    static final String SOFT_TLB = "org/jtcg/core/memory/SoftTlb";
    private static final String SEM = "org/jtcg/core/ir/IrSemantics";

    // fixed locals: 0 = this, then the exec arguments, the cast state, memory-access scratch
    // (GuestMemoryAccess), the insn_start pc, the caught fault, the region's code epoch, the
    // result of a rare exit
    static final int L_CPU = 1, L_CTX = 2, L_ST = 3, L_MEM = 4, L_RTAG = 5, L_WTAG = 6, L_BUF = 7,
            L_OFF = 8, L_PC = 9, L_VA = 11, L_SV = 13, L_IDX = 15, L_EX = 16, L_EPOCH = 17, L_RES = 18,
            L_FIRST = 19;
    /**
     * With raw memory ({@link GuestMemoryAccess#RAW}, fixed per JVM) slots 5-8 hold two longs instead of
     * the four TLB arrays: the off-heap TLB's address and the probed entry's address.
     */
    static final int L_TLB_BASE = 5, L_TLB_ENTRY = 7;
    /** An exit on its way to a shared write-back tail (RegionMethod) carries the next pc here: no access is in flight. */
    static final int L_EXIT_PC = L_VA;

    final List<IrBlock> blocks;
    final IrBlock head;
    /** Internal name of the arch's CPU-state class (the hot registers are its fields). */
    private final String state;
    private final boolean region;
    private final int[] globalLocal;
    final BitSet usedGlobals = new BitSet();
    final BitSet writtenGlobals = new BitSet();
    private final int[][] tempLocals;
    private final TempPlan[] tempPlans;
    private final int longPoolBase, longPoolSize, intPoolBase, intPoolSize;
    /** The local holding the CPU's vector register file, or -1 when no block has vector ops. */
    final int vectorFileLocal;
    /** The local holding the recovery id of the next access that may fault ({@link FaultRecovery}), or -1. */
    final int recoveryLocal;
    /** The local holding the id of the tail writes a region jump carried ({@link RegionCarry}), or -1. */
    final int carryLocal;
    /** Which accesses share a probe (raw mode), or null. */
    final PageReusePlan pageReuse;
    /**
     * First of the long locals of the shared probes ({@link PageReusePlan}), or -1: per slot the cached page
     * and its addend ({@link #slotPageLocal}), then the access's last-byte page ({@link #endPageLocal}), then,
     * with loop slots, the TLB generation read at entry ({@link #generationLocal}).
     */
    final int pageCacheLocal;
    /** Number of long locals from {@link #pageCacheLocal}. */
    private final int pageCacheLongs;

    /** The page local of a {@link PageReusePlan} slot; its addend is the next long local. */
    int slotPageLocal(int slot) {
        return pageCacheLocal + 4 * slot;
    }

    /** The long local holding an access's last-byte page while it checks a slot. */
    int endPageLocal() {
        return pageCacheLocal + 4 * pageReuse.slotCount();
    }

    /** The long local holding the TLB generation loop slots were filled under (only with loop slots). */
    int generationLocal() {
        return endPageLocal() + 2;
    }

    /** Whether back edges must compare the TLB generation (the method keeps pages across them). */
    boolean hasLoopPageSlots() {
        return pageCacheLocal >= 0 && pageReuse.hasLoopSlots();
    }

    MethodVisitor mv;
    /** Globals whose local is newer than the CPU-state field at the current emission point. */
    BitSet dirty = new BitSet();
    // tables of the block being generated
    private int[] tempLocal;
    private TempPlan tempPlan;

    /**
     * @param region whether the method is a region (loads the code epoch at entry)
     * @param recovery whether the fault handler recomputes skipped ops (needs a recovery-id local)
     * @param carry whether region jumps carry skipped writes (needs a carry-id local)
     * @param targets per block and exit: the region block the exit jumps to, or -1 (finds the loops)
     */
    MethodFrame(List<IrBlock> blocks, boolean region, boolean recovery, boolean carry, int[][] targets) {
        this.blocks = blocks;
        this.head = blocks.get(0);
        this.region = region;
        this.state = org.objectweb.asm.Type.getInternalName(head.layout().stateClass());
        int n = blocks.size();
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
        tempPlans = new TempPlan[n];
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
        boolean vectors = blocks.stream().anyMatch(b -> b.ops().stream().anyMatch(op -> op.opc.isVector()));
        vectorFileLocal = vectors ? next++ : -1;
        recoveryLocal = recovery ? next++ : -1;
        carryLocal = carry ? next++ : -1;
        pageReuse = GuestMemoryAccess.RAW ? new PageReusePlan(blocks, targets) : null;
        if (pageReuse != null && pageReuse.any()) {
            pageCacheLocal = next;
            pageCacheLongs = 2 * pageReuse.slotCount() + 1 + (pageReuse.hasLoopSlots() ? 1 : 0);
            next += 2 * pageCacheLongs;
        } else {
            pageCacheLocal = -1;
            pageCacheLongs = 0;
        }
        for (int m = 0; m < n; m++) {
            List<Type> tt = blocks.get(m).tempTypes();
            TempPlan plan = tempPlans[m];
            int[] tl = new int[tt.size()];
            for (int t = 0; t < tt.size(); t++) {
                int k = plan.slot[t];
                tl[t] = k < 0 ? -1 : tt.get(t) == Type.I64 ? longPoolBase + 2 * k : intPoolBase + k;
            }
            tempLocals[m] = tl;
        }
        select(0);
    }

    /** Makes block m's temp tables current. */
    void select(int m) {
        tempLocal = tempLocals[m];
        tempPlan = tempPlans[m];
    }

    /** Whether temp t of the current block is a constant (pushed where read, never stored). */
    boolean isConstantTemp(int t) {
        return tempPlan.isConstant(t);
    }

    /** Loads the fixed locals, every used global and zeroes the temp pools. */
    void prologue() {
        mv.visitVarInsn(ALOAD, L_CPU);
        mv.visitTypeInsn(CHECKCAST, state);
        mv.visitVarInsn(ASTORE, L_ST);
        GuestMemoryAccess.loadTlbLocals(mv);
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
        if (recoveryLocal >= 0) {
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ISTORE, recoveryLocal);
        }
        if (carryLocal >= 0) {
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ISTORE, carryLocal);
        }
        for (int k = 0; pageCacheLocal >= 0 && k < pageCacheLongs; k++) {
            mv.visitLdcInsn(-1L); // an empty cached page (no page-aligned address is -1); typed on every path
            mv.visitVarInsn(LSTORE, pageCacheLocal + 2 * k);
        }
        if (pageCacheLocal >= 0 && pageReuse.hasLoopSlots()) {
            // read before any slot is filled: a shoot-down after this read is seen at the next back edge
            GuestMemoryAccess.pushTlbGeneration(mv);
            mv.visitVarInsn(LSTORE, generationLocal());
        }
        if (vectorFileLocal >= 0) {
            // the file is one array for the life of the state (CpuState#vectorFile), so once per run
            mv.visitVarInsn(ALOAD, L_ST);
            mv.visitMethodInsn(INVOKEVIRTUAL, state, "vectorFile", "()[J", false);
            mv.visitVarInsn(ASTORE, vectorFileLocal);
        }
    }

    /** Temps of the current block that the IR may read before writing start at 0 (as in the interpreter). */
    void zeroAtEntry(IrBlock blk) {
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

    void loadGlobals(BitSet set) {
        for (int g = set.nextSetBit(0); g >= 0; g = set.nextSetBit(g + 1)) {
            mv.visitVarInsn(ALOAD, L_ST);
            mv.visitFieldInsn(GETFIELD, state, head.layout().field(g).fieldName(), "J");
            mv.visitVarInsn(LSTORE, globalLocal[g]);
        }
    }

    void writeBack(BitSet set) {
        for (int g = set.nextSetBit(0); g >= 0; g = set.nextSetBit(g + 1)) {
            mv.visitVarInsn(ALOAD, L_ST);
            mv.visitVarInsn(LLOAD, globalLocal[g]);
            mv.visitFieldInsn(PUTFIELD, state, head.layout().field(g).fieldName(), "J");
        }
    }

    // ---- operands ----

    void push(Val v) {
        if (v.isGlobal()) {
            mv.visitVarInsn(LLOAD, globalLocal[v.index()]);
        } else if (tempPlan.isConstant(v.index())) {
            constant(v.type(), tempPlan.constant[v.index()]);
        } else {
            mv.visitVarInsn(v.type() == Type.I64 ? LLOAD : ILOAD, tempLocal[v.index()]);
        }
    }

    /** Pushes v widened to long (I32 sign-extended). */
    void pushLong(Val v) {
        push(v);
        if (v.type() == Type.I32) {
            mv.visitInsn(I2L);
        }
    }

    /** Pops the value on the stack into v's local (a global becomes dirty). */
    void store(Val v) {
        if (v.isGlobal()) {
            mv.visitVarInsn(LSTORE, globalLocal[v.index()]);
            dirty.set(v.index());
        } else if (tempLocal[v.index()] < 0) {
            throw new IllegalStateException("JIT: constant temp " + v + " written again");
        } else {
            mv.visitVarInsn(v.type() == Type.I64 ? LSTORE : ISTORE, tempLocal[v.index()]);
        }
    }

    /** Calls the IR semantics method {@code name} (the one definition the interpreter also uses). */
    void sem(String name, String desc) {
        mv.visitMethodInsn(INVOKESTATIC, SEM, name, desc, false);
    }

    void constant(Type t, long v) {
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

    void intConst(int i) {
        constant(Type.I32, i);
    }
}

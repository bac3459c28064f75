package org.jtcg.core.jit;

import org.jtcg.core.ir.GeneratedConstructor;
import org.jtcg.core.engine.BlockEngine;
import org.jtcg.core.engine.BlockTooLargeException;
import org.jtcg.core.engine.ExecContext;
import org.jtcg.core.ir.IrBlock;
import org.jtcg.core.ir.Op;
import org.jtcg.core.ir.Opcode;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

import java.util.BitSet;
import java.util.List;

import static org.jtcg.core.jit.MethodFrame.*;
import static org.objectweb.asm.Opcodes.*;

/**
 * Generates the class for one block, or for a region of blocks (see
 * {@link JitCompiler#compileRegion}): the {@code exec} method's control flow. It walks the
 * blocks in order, places labels and branches (tracking which globals are dirty at each label),
 * lowers exits (write-back, {@code cpu.pc}, the exit number; jumps to another block of the
 * region guarded by the code epoch; the shared tail of rare exits) and wraps the body in the
 * GuestFault handler. Value ops go to {@link OpLowering}, locals to {@link MethodFrame}.
 */
final class RegionMethod {
    private static final String CLASS_NAME = "org/jtcg/core/jit/JitBlock";
    private static final String BLOCK_CODE = "org/jtcg/core/engine/BlockCode";
    private static final String GUEST_FAULT = "org/jtcg/core/memory/GuestFault";
    private static final String EXEC_DESC = "(L" + CPU_STATE + ";L" + EXEC_CTX + ";)I";

    private final List<IrBlock> blocks;
    private final int[][] targets;
    /** Per block: whether the method may start there ({@code ctx.regionEntry}); null: at block 0 only. */
    private final boolean[] entries;
    private final MethodFrame f;
    private final OpLowering ops;
    private final ClassWriter cw;
    private MethodVisitor mv;

    /** Shared tail of the rare exits (signal, syscall, halt): write back every written global, return L_RES. */
    private final Label rareExit = new Label();
    private boolean rareExitUsed;
    /**
     * Shared tails of the plain exits, one per set of dirty globals: write them back, {@code cpu.pc =
     * L_EXIT_PC}, return L_RES. A region's exits mostly have the same few dirty sets; one write-back per set
     * instead of one per exit cuts ~20% of a large region's bytecode (busybox gzip), which C1 then compiles
     * faster. Exits with fewer than {@link #SHARED_TAIL_MIN_DIRTY} dirty globals keep their own write-back.
     */
    private final java.util.Map<BitSet, Label> exitTails = new java.util.LinkedHashMap<>();
    private static final int SHARED_TAIL_MIN_DIRTY = 2;
    /**
     * Per block: whether it can write guest memory (a store or a helper that is not pure). Only
     * such a block can have changed {@link ExecContext#codeEpoch} (a write to a code page), so
     * only its internal jumps re-check it; code written by an earlier block of the same run
     * through the region was caught at that block's own exit.
     */
    private final boolean[] mayWriteMemory;
    private int currentBlock;
    /** Per block: labels, dirty sets pending at labels, backward-branch targets, entry label. */
    private final Label[][] blockLabels;
    private final BitSet[][] blockPendingDirty;
    private final boolean[][] blockBackwardTarget;
    private final Label[] blockStart;
    private final boolean[] internalTarget;
    private final int[] exitBase;
    /** Ops left to the fault handler and the recovery id of each access. */
    private final FaultRecovery recovery;

    RegionMethod(List<IrBlock> blocks, int[][] targets, boolean[] entries) {
        this.blocks = blocks;
        this.targets = targets;
        this.entries = entries;
        // frames only for a VM that verifies the class (BytecodeVerification says why)
        this.cw = new ClassWriter(BytecodeVerification.FRAMES_NEEDED ? ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS
                : ClassWriter.COMPUTE_MAXS) {
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
        this.recovery = new FaultRecovery(blocks, targets);
        this.f = new MethodFrame(blocks, anyInternal || n > 1, recovery.any() || recovery.anyCarry(), recovery.anyCarry(),
                targets);
        this.ops = new OpLowering(f, new GuestMemoryAccess(f));
        blockLabels = new Label[n][];
        blockPendingDirty = new BitSet[n][];
        blockBackwardTarget = new boolean[n][];
        blockStart = new Label[n];
        mayWriteMemory = new boolean[n];
        for (int m = 0; m < n; m++) {
            for (Op op : blocks.get(m).ops()) {
                if (op.opc == Opcode.STORE || (op.opc == Opcode.CALL && !op.helper.isPure())) {
                    mayWriteMemory[m] = true;
                }
            }
        }
        for (int m = 0; m < n; m++) {
            IrBlock blk = blocks.get(m);
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
    }

    int blockCount() {
        return blocks.size();
    }

    /** @throws BlockTooLargeException when the method's bytecode exceeds {@code limit} bytes */
    byte[] generate(int limit) {
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, CLASS_NAME, null, BLOCK_CODE, null);
        GeneratedConstructor.emit(cw, ACC_PUBLIC, BLOCK_CODE);

        mv = cw.visitMethod(ACC_PUBLIC | ACC_FINAL, "exec", EXEC_DESC, null, null);
        f.mv = mv;
        mv.visitCode();
        f.prologue();
        Label tryStart = new Label(), tryEnd = new Label(), handler = new Label();
        mv.visitTryCatchBlock(tryStart, tryEnd, handler, GUEST_FAULT);
        mv.visitLabel(tryStart);
        boolean memberEntries = entries != null && memberEntriesFirst();
        for (int m = 0; m < blocks.size(); m++) {
            currentBlock = m;
            f.select(m);
            IrBlock block = blocks.get(m);
            mv.visitLabel(blockStart[m]);
            f.zeroAtEntry(block);
            if (m == 0 && memberEntries) {
                memberEntrySwitch();
            }
            if (internalTarget[m]) {
                // entered again from another block of the region: any written global may be dirty
                f.dirty = (BitSet) f.writtenGlobals.clone();
            } else {
                f.dirty = new BitSet();
            }
            boolean fallsThrough = true;
            int exitIndex = 0;
            List<Op> blockOps = block.ops();
            for (int i = 0; i < blockOps.size(); i++) {
                Op op = blockOps.get(i);
                if (f.carryLocal >= 0 && recovery.carry().carryReset(m) == i) {
                    mv.visitInsn(ICONST_0); // the carried writes' globals or inputs change from here on
                    mv.visitVarInsn(ISTORE, f.carryLocal);
                }
                if (recovery.skipped(m, i)) {
                    continue; // recomputed by the fault handler if an access of its window faults
                }
                if (f.recoveryLocal >= 0 && mayFault(op)) {
                    f.intConst(recovery.recoveryId(m, i));
                    mv.visitVarInsn(ISTORE, f.recoveryLocal);
                }
                if (op.opc == Opcode.LABEL) {
                    BitSet d = blockBackwardTarget[m][op.aux1] ? (BitSet) f.writtenGlobals.clone()
                            : (fallsThrough ? (BitSet) f.dirty.clone() : new BitSet());
                    d.or(blockPendingDirty[m][op.aux1]);
                    f.dirty = d;
                    mv.visitLabel(blockLabels[m][op.aux1]);
                } else if (op.opc == Opcode.BRCOND) {
                    blockPendingDirty[m][op.aux1].or(f.dirty);
                    ops.condJump(op.cond, op.args[0], op.args[1], blockLabels[m][op.aux1]);
                } else if (op.opc == Opcode.BR) {
                    blockPendingDirty[m][op.aux1].or(f.dirty);
                    mv.visitJumpInsn(GOTO, blockLabels[m][op.aux1]);
                } else if (op.opc.isExit()) {
                    exit(op, exitBase[m] + exitIndex, targets[m][exitIndex],
                            f.carryLocal >= 0 && recovery.carry().carries(m, exitIndex));
                    exitIndex++;
                } else {
                    ops.emit(op);
                }
                fallsThrough = !op.opc.isTerminal();
            }
            if (fallsThrough) {
                throw new IllegalStateException("JIT: block at 0x" + Long.toHexString(block.startPc()) + " falls off its end");
            }
        }
        if (rareExitUsed) {
            mv.visitLabel(rareExit);
            f.writeBack(f.writtenGlobals);
            mv.visitVarInsn(ILOAD, L_RES);
            mv.visitInsn(IRETURN);
        }
        for (var tail : exitTails.entrySet()) {
            mv.visitLabel(tail.getValue());
            f.writeBack(tail.getKey());
            mv.visitVarInsn(ALOAD, L_CPU);
            mv.visitVarInsn(LLOAD, L_EXIT_PC);
            mv.visitFieldInsn(PUTFIELD, CPU_STATE, "pc", "J");
            mv.visitVarInsn(ILOAD, L_RES);
            mv.visitInsn(IRETURN);
        }
        mv.visitLabel(tryEnd);
        faultHandler(handler);
        Label end = new Label();
        mv.visitLabel(end);
        int codeSize = end.getOffset();
        if (codeSize > limit) {
            throw new BlockTooLargeException("block at 0x" + Long.toHexString(f.head.startPc()) + " has "
                    + codeSize + " bytes of bytecode (limit " + limit + ")");
        }
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /**
     * Multi-entry regions, first half: the entry member goes into {@code L_RES} (free until an exit sets it
     * right before its tail). Whether any member besides the head is an entry.
     */
    private boolean memberEntriesFirst() {
        boolean any = false;
        for (int m = 1; m < entries.length; m++) {
            any |= entries[m];
        }
        if (any) {
            mv.visitVarInsn(ALOAD, L_CTX);
            mv.visitFieldInsn(GETFIELD, EXEC_CTX, "regionEntry", "I");
            mv.visitVarInsn(ISTORE, L_RES);
        }
        return any;
    }

    /**
     * Multi-entry regions, second half, at the head's start: a pending entry member is taken (and cleared) and
     * jumped to. The prologue has loaded every global the region uses, zeroed the temps and cleared the recovery
     * and carry ids, so each block start is a valid entry: its dirty set there is empty or every written global
     * (both hold: nothing differs from the CPU state yet), and a fault before any write stores back values equal
     * to the fields. The switch sits at the head, not in the prologue, so the head stays the one way into the
     * region's loop: a loop entered at several blocks is irreducible, which C1 does not treat as a loop (its
     * register allocation then costs lzwork ~30 % more CPU); the price is one compare per iteration.
     */
    private void memberEntrySwitch() {
        int last = 0;
        for (int m = 1; m < entries.length; m++) {
            if (entries[m]) {
                last = m;
            }
        }
        Label headBody = new Label();
        mv.visitVarInsn(ILOAD, L_RES);
        mv.visitJumpInsn(IFEQ, headBody);
        mv.visitVarInsn(ILOAD, L_RES);
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, L_RES);
        Label[] starts = new Label[last + 1];
        for (int m = 0; m <= last; m++) {
            starts[m] = entries[m] ? blockStart[m] : headBody;
        }
        mv.visitTableSwitchInsn(0, last, headBody, starts);
        mv.visitLabel(headBody);
    }

    /**
     * Ops that can throw GuestFault: memory accesses, helpers that are not pure, and (conservatively)
     * any op kind added later that is not known not to (e.g. atomic accesses).
     */
    private static boolean mayFault(Op op) {
        if (op.opc == Opcode.CALL) {
            return !op.helper.isPure();
        }
        return !(op.opc.isPure() || op.opc.isVector() || op.opc.isExit() || op.opc == Opcode.INSN_START
                || op.opc == Opcode.LABEL || op.opc == Opcode.BR || op.opc == Opcode.BRCOND);
    }

    /**
     * GuestFault handler: first recomputes the ops {@link FaultRecovery} left out of the normal path
     * for the faulting access (switch on the recovery id), then stores back every written global
     * (their locals now hold the values at the faulting instruction), sets {@code cpu.pc} to the
     * last insn_start's pc, records the fault and returns FAULT.
     */
    private void faultHandler(Label handler) {
        mv.visitLabel(handler);
        mv.visitVarInsn(ASTORE, L_EX);
        if (recovery.anyCarry()) {
            RegionCarry carry = recovery.carry();
            int count = carry.count();
            Label own = new Label();
            Label[] cases = new Label[count + 1];
            cases[0] = own;
            for (int id = 1; id <= count; id++) {
                cases[id] = new Label();
            }
            mv.visitVarInsn(ILOAD, f.carryLocal);
            mv.visitTableSwitchInsn(0, count, own, cases);
            for (int id = 1; id <= count; id++) {
                mv.visitLabel(cases[id]);
                f.select(carry.blockOf(id));
                for (Op op : carry.carriedOps(id)) {
                    ops.emit(op);
                }
                mv.visitJumpInsn(GOTO, own);
            }
            mv.visitLabel(own);
        }
        if (recovery.any()) {
            int count = recovery.count();
            Label common = new Label();
            Label[] cases = new Label[count + 1];
            cases[0] = common;
            for (int id = 1; id <= count; id++) {
                cases[id] = new Label();
            }
            mv.visitVarInsn(ILOAD, f.recoveryLocal);
            mv.visitTableSwitchInsn(0, count, common, cases);
            for (int id = 1; id <= count; id++) {
                mv.visitLabel(cases[id]);
                f.select(recovery.blockOf(id));
                for (Op op : recovery.opsOf(id)) {
                    ops.emit(op);
                }
                mv.visitJumpInsn(GOTO, common);
            }
            mv.visitLabel(common);
        }
        f.writeBack(f.writtenGlobals);
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
    }

    /**
     * Jumps to region block {@code target}: guarded by the code epoch when the current block can
     * write memory (falls through when guest code was written), and on a back edge (a target at or
     * before the current block: every loop of the region has one) by {@code cpu.exitRequested}
     * (falls through when an asynchronous signal wants the CPU) and, when the method keeps loop page slots,
     * by the TLB generation (falls through when a page may have changed: {@link PageReusePlan}), else
     * unconditionally. Falling
     * through leaves the region by the plain exit, where the dispatcher sees the request.
     *
     * @return whether the jump is conditional (code after it is reachable)
     */
    private boolean jumpInside(int target) {
        boolean backEdge = target <= currentBlock && BlockEngine.INTERRUPTIBLE;
        // loop page slots (PageReusePlan): leave when the TLB generation changed since entry
        boolean pageCheck = target <= currentBlock && f.hasLoopPageSlots();
        if (!mayWriteMemory[currentBlock] && !backEdge && !pageCheck) {
            mv.visitJumpInsn(GOTO, blockStart[target]);
            return false;
        }
        Label leave = new Label();
        if (mayWriteMemory[currentBlock]) {
            mv.visitVarInsn(ALOAD, L_CTX);
            mv.visitFieldInsn(GETFIELD, EXEC_CTX, "codeEpoch", "I");
            mv.visitVarInsn(ILOAD, L_EPOCH);
            if (!backEdge && !pageCheck) {
                mv.visitJumpInsn(IF_ICMPEQ, blockStart[target]);
                return true;
            }
            mv.visitJumpInsn(IF_ICMPNE, leave);
        }
        if (pageCheck) {
            GuestMemoryAccess.pushTlbGeneration(mv);
            mv.visitVarInsn(LLOAD, f.generationLocal());
            mv.visitInsn(LCMP);
            mv.visitJumpInsn(IFNE, leave);
        }
        if (backEdge) {
            mv.visitVarInsn(ALOAD, L_CPU);
            mv.visitFieldInsn(GETFIELD, CPU_STATE, "exitRequested", "Z");
            mv.visitJumpInsn(IFEQ, blockStart[target]);
        } else {
            mv.visitJumpInsn(GOTO, blockStart[target]);
        }
        mv.visitLabel(leave);
        return true;
    }

    /** Recomputes the current block's skipped tail writes into their locals (see {@link RegionCarry}). */
    private void materializeTail() {
        if (f.carryLocal >= 0) {
            for (Op op : recovery.carry().materialize(currentBlock)) {
                ops.emit(op);
            }
        }
    }

    /**
     * An exit of the current block, returned as {@code result}; a direct exit with
     * {@code target >= 0} instead continues at that region block while no guest code was
     * written since entry (the block cache invalidates on such writes; the region must then
     * leave so the dispatcher sees the new code).
     */
    private void exit(Op op, int result, int target, boolean carried) {
        if (!carried) {
            materializeTail();
        }
        if (target >= 0 && op.opc == Opcode.GOTO_DIRECT) {
            if (carried) {
                f.intConst(recovery.carry().carryId(currentBlock));
                mv.visitVarInsn(ISTORE, f.carryLocal);
            }
            if (!jumpInside(target)) {
                return; // unconditional: the plain exit below is never reached
            }
            if (carried) {
                materializeTail(); // leaving instead: the carried writes are observable now
            }
        } else if (target >= 0 && op.opc == Opcode.GOTO_INDIRECT) {
            // predicted target (the pc this exit went to when the region was formed): stay inside
            // when the pc matches and no code was written; anything else leaves as a plain exit
            Label miss = new Label();
            f.push(op.args[0]);
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
                f.push(op.args[0]);
                mv.visitFieldInsn(PUTFIELD, EXEC_CTX, "signalAddress", "J");
            }
            mv.visitVarInsn(ALOAD, L_CPU);
            mv.visitLdcInsn(op.imm);
            mv.visitFieldInsn(PUTFIELD, CPU_STATE, "pc", "J");
            f.intConst(result);
            mv.visitVarInsn(ISTORE, L_RES);
            mv.visitJumpInsn(GOTO, rareExit);
            rareExitUsed = true;
            f.dirty = new BitSet();
            return;
        }
        boolean shared = f.dirty.cardinality() >= SHARED_TAIL_MIN_DIRTY;
        if (!shared) {
            f.writeBack(f.dirty);
            mv.visitVarInsn(ALOAD, L_CPU);
        }
        switch (op.opc) { // the rare exits took the shared tail above
            case GOTO_DIRECT -> mv.visitLdcInsn(op.imm);
            case GOTO_INDIRECT -> f.push(op.args[0]);
            default -> throw new IllegalStateException("JIT: not an exit " + op);
        }
        if (shared) {
            mv.visitVarInsn(LSTORE, L_EXIT_PC);
            f.intConst(result);
            mv.visitVarInsn(ISTORE, L_RES);
            mv.visitJumpInsn(GOTO, exitTails.computeIfAbsent((BitSet) f.dirty.clone(), k -> new Label()));
        } else {
            mv.visitFieldInsn(PUTFIELD, CPU_STATE, "pc", "J");
            f.intConst(result);
            mv.visitInsn(IRETURN);
        }
        f.dirty = new BitSet();
    }
}

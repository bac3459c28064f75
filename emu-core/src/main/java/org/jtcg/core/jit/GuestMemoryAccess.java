package org.jtcg.core.jit;

import org.jtcg.core.ir.Op;
import org.jtcg.core.ir.Type;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

import static org.jtcg.core.jit.MethodFrame.*;
import static org.objectweb.asm.Opcodes.*;

/**
 * Lowers IR LOAD and STORE: the {@link org.jtcg.core.memory.SoftTlb} fast path inline (raw host
 * addresses through {@link org.jtcg.core.memory.RawMemory} when available, else the TLB's byte
 * buffers), {@link org.jtcg.core.memory.GuestMemory} on a miss, which also raises the GuestFault
 * the method's handler turns into a FAULT exit. The byte order is the access's own
 * ({@link Op#bigEndian}), never memory's.
 *
 * <p>Extension point: {@link #kindOf} classifies an access and {@link #load}/{@link #store}
 * switch on the {@link Kind}. Accesses that are more than a sized read or write get their own
 * kind here, e.g. an arm64 load/store-exclusive (the exclusive monitor: remember address and
 * value on LDXR, compare and store on STXR) or an s390x interlocked/compare-and-swap access.
 * They must not take the inline fast path unless it keeps their guarantee; lowering them as a
 * call to a GuestMemory method that implements the monitor or atomic is the simple correct form,
 * and the one jtcg uses: guest atomics are helper calls ({@link org.jtcg.core.ir.GuestAtomics}), so the
 * kinds here stay plain. {@link Op#ORDERED} accesses (TSO guests) get an acquire fence after the load
 * and a release fence before the store.
 */
final class GuestMemoryAccess {
    /** Access kinds this class lowers. */
    enum Kind {
        /** A sized little-endian read or write. */
        PLAIN_LITTLE_ENDIAN,
        /** A sized big-endian read or write (s390x). */
        PLAIN_BIG_ENDIAN
    }

    private static final String TLB_ACCESS = "org/jtcg/core/memory/TlbAccess";
    private static final String RAW_MEMORY = "org/jtcg/core/memory/RawMemory";
    /** Inline memory accesses use raw host addresses ({@link org.jtcg.core.memory.RawMemory}) when available. */
    static final boolean RAW = org.jtcg.core.memory.RawMemory.AVAILABLE;

    private final MethodFrame f;

    GuestMemoryAccess(MethodFrame frame) {
        this.f = frame;
    }

    static Kind kindOf(Op op) {
        return op.bigEndian ? Kind.PLAIN_BIG_ENDIAN : Kind.PLAIN_LITTLE_ENDIAN;
    }

    /** Prologue part: guest memory and the TLB (raw: its off-heap table's address; else its arrays) into their fixed locals. */
    static void loadTlbLocals(MethodVisitor mv) {
        mv.visitVarInsn(ALOAD, L_CTX);
        mv.visitFieldInsn(GETFIELD, EXEC_CTX, "memory", "L" + GUEST_MEMORY + ";");
        mv.visitVarInsn(ASTORE, L_MEM);
        mv.visitVarInsn(ALOAD, L_CTX);
        mv.visitFieldInsn(GETFIELD, EXEC_CTX, "tlb", "L" + SOFT_TLB + ";");
        if (RAW) { // the interleaved entries, off-heap
            mv.visitFieldInsn(GETFIELD, SOFT_TLB, "fastAddress", "J");
            mv.visitVarInsn(LSTORE, L_TLB_BASE);
            mv.visitInsn(LCONST_0);
            mv.visitVarInsn(LSTORE, L_TLB_ENTRY);
            return;
        }
        mv.visitInsn(DUP);
        mv.visitFieldInsn(GETFIELD, SOFT_TLB, "readTag", "[J");
        mv.visitVarInsn(ASTORE, L_RTAG);
        mv.visitInsn(DUP);
        mv.visitFieldInsn(GETFIELD, SOFT_TLB, "writeTag", "[J");
        mv.visitVarInsn(ASTORE, L_WTAG);
        mv.visitInsn(DUP);
        mv.visitFieldInsn(GETFIELD, SOFT_TLB, "buffer", "[Ljava/nio/ByteBuffer;");
        mv.visitVarInsn(ASTORE, L_BUF);
        mv.visitFieldInsn(GETFIELD, SOFT_TLB, "offset", "[I");
        mv.visitVarInsn(ASTORE, L_OFF);
    }

    /** Pushes the TLB's generation ({@link org.jtcg.core.memory.SoftTlb#GENERATION_OFFSET}), an acquire load (raw mode). */
    static void pushTlbGeneration(MethodVisitor mv) {
        mv.visitVarInsn(LLOAD, L_TLB_BASE);
        mv.visitLdcInsn(org.jtcg.core.memory.SoftTlb.GENERATION_OFFSET);
        mv.visitInsn(LADD);
        mv.visitMethodInsn(INVOKESTATIC, RAW_MEMORY, "hostLongVolatile", "(J)J", false);
    }

    void load(Op op) {
        switch (kindOf(op)) {
            case PLAIN_LITTLE_ENDIAN, PLAIN_BIG_ENDIAN -> plainLoad(op);
        }
    }

    void store(Op op) {
        switch (kindOf(op)) {
            case PLAIN_LITTLE_ENDIAN, PLAIN_BIG_ENDIAN -> plainStore(op);
        }
    }

    private void plainLoad(Op op) {
        MethodVisitor mv = f.mv;
        f.push(op.args[0]);
        mv.visitVarInsn(LSTORE, L_VA);
        Label miss = new Label(), done = new Label();
        if (RAW) {
            rawTlbCheck(op, false, miss);
            if (op.bigEndian && op.aux1 == 8) {
                mv.visitMethodInsn(INVOKESTATIC, RAW_MEMORY, "ld64le", "(J)J", false);
                mv.visitVarInsn(LSTORE, L_SV); // free in a load
                pushSwapped64(L_SV);
            } else {
                mv.visitMethodInsn(INVOKESTATIC, RAW_MEMORY, accessor("ld", op.aux1, op.bigEndian), "(J)J", false);
            }
        } else {
            tlbCheck(L_RTAG, op.aux1, miss);
            mv.visitMethodInsn(INVOKESTATIC, TLB_ACCESS, accessor("ld", op.aux1, op.bigEndian), "(Ljava/nio/ByteBuffer;I)J", false);
        }
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(miss);
        mv.visitVarInsn(ALOAD, L_MEM);
        mv.visitVarInsn(LLOAD, L_VA);
        f.intConst(op.aux1);
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
        f.store(op.dst);
        if (op.aux2 == Op.ORDERED) {
            fence("acquireFence");
        }
    }

    /**
     * A VarHandle fence: no host instruction for acquire/release on an x86 host, but C2 keeps the guest's
     * accesses in order around it (what {@link Op#ORDERED} promises).
     */
    private void fence(String name) {
        f.mv.visitMethodInsn(INVOKESTATIC, "java/lang/invoke/VarHandle", name, "()V", false);
    }

    private void plainStore(Op op) {
        MethodVisitor mv = f.mv;
        if (op.aux2 == Op.ORDERED) {
            fence("releaseFence");
        }
        f.pushLong(op.args[0]);
        mv.visitVarInsn(LSTORE, L_SV);
        f.push(op.args[1]);
        mv.visitVarInsn(LSTORE, L_VA);
        Label miss = new Label(), done = new Label();
        if (RAW) {
            rawTlbCheck(op, true, miss);
            if (op.bigEndian && op.aux1 == 8) {
                pushSwapped64(L_SV);
                mv.visitMethodInsn(INVOKESTATIC, RAW_MEMORY, "st64le", "(JJ)V", false);
            } else {
                mv.visitVarInsn(LLOAD, L_SV);
                mv.visitMethodInsn(INVOKESTATIC, RAW_MEMORY, accessor("st", op.aux1, op.bigEndian), "(JJ)V", false);
            }
        } else {
            tlbCheck(L_WTAG, op.aux1, miss);
            mv.visitVarInsn(LLOAD, L_SV);
            mv.visitMethodInsn(INVOKESTATIC, TLB_ACCESS, accessor("st", op.aux1, op.bigEndian), "(Ljava/nio/ByteBuffer;IJ)V", false);
        }
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(miss);
        mv.visitVarInsn(ALOAD, L_MEM);
        mv.visitVarInsn(LLOAD, L_VA);
        f.intConst(op.aux1);
        mv.visitVarInsn(LLOAD, L_SV);
        mv.visitInsn(op.bigEndian ? ICONST_1 : ICONST_0);
        mv.visitMethodInsn(INVOKEINTERFACE, GUEST_MEMORY, "store", "(JIJZ)V", true);
        mv.visitLabel(done);
    }

    /**
     * Pushes the long in {@code local} with its bytes reversed (the local is overwritten), in place: C1, the
     * launcher's compiler, has no byte-swap intrinsic and does not inline {@code Long.reverseBytes} (46 bytes
     * of bytecode), so big-endian 64-bit accesses (s390x) called it; swapping halves, then 16-bit and 8-bit
     * lanes, is 13 ALU operations. Little-endian load/store plus this swap is a big-endian access on any host.
     */
    private void pushSwapped64(int local) {
        MethodVisitor mv = f.mv;
        mv.visitVarInsn(LLOAD, local);
        mv.visitIntInsn(BIPUSH, 32);
        mv.visitInsn(LSHL);
        mv.visitVarInsn(LLOAD, local);
        mv.visitIntInsn(BIPUSH, 32);
        mv.visitInsn(LUSHR);
        mv.visitInsn(LOR);
        mv.visitVarInsn(LSTORE, local);
        swapLanes(local, 16, 0x0000ffff0000ffffL);
        mv.visitVarInsn(LSTORE, local);
        swapLanes(local, 8, 0x00ff00ff00ff00ffL);
    }

    /** Pushes {@code ((v & mask) << shift) | ((v >>> shift) & mask)} for the long v in local. */
    private void swapLanes(int local, int shift, long mask) {
        MethodVisitor mv = f.mv;
        mv.visitVarInsn(LLOAD, local);
        mv.visitLdcInsn(mask);
        mv.visitInsn(LAND);
        mv.visitIntInsn(BIPUSH, shift);
        mv.visitInsn(LSHL);
        mv.visitVarInsn(LLOAD, local);
        mv.visitIntInsn(BIPUSH, shift);
        mv.visitInsn(LUSHR);
        mv.visitLdcInsn(mask);
        mv.visitInsn(LAND);
        mv.visitInsn(LOR);
    }

    private static String accessor(String prefix, int size, boolean be) {
        return prefix + (size * 8) + (size == 1 ? "" : be ? "be" : "le");
    }

    /**
     * Raw mode: jumps to miss unless the access hits, else pushes the host address of L_VA. A plain probe
     * ({@link #rawProbe}) unless {@link PageReusePlan} shares it with neighbouring accesses: then a USE access
     * first compares its first and last bytes' pages with the cached page of its kind (a hit needs no probe), and a FILL
     * access's probe hit stores its page and addend in the cache.
     */
    private void rawTlbCheck(Op op, boolean write, Label miss) {
        int size = op.aux1;
        int bits = f.pageReuse == null ? 0 : f.pageReuse.flags(op);
        if (bits == 0) {
            rawProbe(write, size, miss, -1, -1);
            return;
        }
        MethodVisitor mv = f.mv;
        int page = f.slotPageLocal(f.pageReuse.slot(op)), addend = page + 2, end = f.endPageLocal();
        pushEndPage(size);
        mv.visitVarInsn(LSTORE, end);
        boolean use = (bits & PageReusePlan.USE) != 0, fill = (bits & PageReusePlan.FILL) != 0;
        if (fill && !use) {
            mv.visitLdcInsn(-1L); // the cache may hold an earlier segment's page: empty unless this probe hits
            mv.visitVarInsn(LSTORE, page);
        }
        Label host = new Label();
        if (use) {
            Label probe = new Label();
            mv.visitVarInsn(LLOAD, end);
            mv.visitVarInsn(LLOAD, page);
            if (size > 1) {
                // the last byte in the cached page does not prove the first is: an access crossing into the
                // cached page from the one below must take the probe (whose entry is the first byte's page)
                mv.visitInsn(LXOR);
                mv.visitVarInsn(LLOAD, L_VA);
                mv.visitLdcInsn(org.jtcg.core.memory.GuestMemory.PAGE_MASK);
                mv.visitInsn(LAND);
                mv.visitVarInsn(LLOAD, page);
                mv.visitInsn(LXOR);
                mv.visitInsn(LOR);
                mv.visitInsn(LCONST_0);
            }
            mv.visitInsn(LCMP);
            mv.visitJumpInsn(IFNE, probe);
            mv.visitVarInsn(LLOAD, addend);
            mv.visitVarInsn(LLOAD, L_VA);
            mv.visitInsn(LADD);
            mv.visitJumpInsn(GOTO, host);
            mv.visitLabel(probe);
        }
        rawProbe(write, size, miss, end, fill ? page : -1);
        mv.visitLabel(host);
    }

    /**
     * Computes the host address of L_VA's entry in the off-heap {@code SoftTlb.fastAddress} table into
     * L_TLB_ENTRY, jumps to miss unless its read (or write) tag matches the page of the access's last byte
     * (the local endLocal when not -1, else computed), else pushes the host address of L_VA; with
     * pageLocal not -1 also stores that page there and the addend in the next long local. Two host loads,
     * no array bounds checks.
     */
    private void rawProbe(boolean write, int size, Label miss, int endLocal, int pageLocal) {
        MethodVisitor mv = f.mv;
        // ((va >>> 12) & MASK) << ENTRY_SHIFT, as one shift and one mask
        mv.visitVarInsn(LLOAD, L_VA);
        f.intConst(org.jtcg.core.memory.GuestMemory.PAGE_SHIFT - org.jtcg.core.memory.SoftTlb.ENTRY_SHIFT);
        mv.visitInsn(LUSHR);
        mv.visitLdcInsn((long) org.jtcg.core.memory.SoftTlb.MASK << org.jtcg.core.memory.SoftTlb.ENTRY_SHIFT);
        mv.visitInsn(LAND);
        mv.visitVarInsn(LLOAD, L_TLB_BASE);
        mv.visitInsn(LADD);
        mv.visitVarInsn(LSTORE, L_TLB_ENTRY);
        mv.visitVarInsn(LLOAD, L_TLB_ENTRY);
        if (write) {
            mv.visitLdcInsn(8L);
            mv.visitInsn(LADD);
        }
        mv.visitMethodInsn(INVOKESTATIC, RAW_MEMORY, "hostLong", "(J)J", false);
        if (endLocal >= 0) {
            mv.visitVarInsn(LLOAD, endLocal);
        } else {
            pushEndPage(size);
        }
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFNE, miss);
        mv.visitVarInsn(LLOAD, L_TLB_ENTRY);
        mv.visitLdcInsn(16L);
        mv.visitInsn(LADD);
        mv.visitMethodInsn(INVOKESTATIC, RAW_MEMORY, "hostLong", "(J)J", false);
        if (pageLocal >= 0) {
            mv.visitInsn(DUP2);
            mv.visitVarInsn(LSTORE, pageLocal + 2);
            mv.visitVarInsn(LLOAD, endLocal);
            mv.visitVarInsn(LSTORE, pageLocal);
        }
        mv.visitVarInsn(LLOAD, L_VA);
        mv.visitInsn(LADD);
    }

    /** Pushes the page of the access's last byte, {@code (va + size - 1) & PAGE_MASK}. */
    private void pushEndPage(int size) {
        MethodVisitor mv = f.mv;
        mv.visitVarInsn(LLOAD, L_VA);
        if (size > 1) {
            mv.visitLdcInsn((long) (size - 1));
            mv.visitInsn(LADD);
        }
        mv.visitLdcInsn(org.jtcg.core.memory.GuestMemory.PAGE_MASK);
        mv.visitInsn(LAND);
    }

    /** Pushes the SoftTlb index of L_VA's page: {@code (int) (va >>> 12) & SoftTlb.MASK}. */
    private void pushTlbIndex() {
        MethodVisitor mv = f.mv;
        mv.visitVarInsn(LLOAD, L_VA);
        f.intConst(12);
        mv.visitInsn(LUSHR);
        mv.visitInsn(L2I);
        f.intConst(org.jtcg.core.memory.SoftTlb.MASK);
        mv.visitInsn(IAND);
    }

    /**
     * With a tag on the stack, jumps to miss unless it equals the page of the access's last
     * byte (SoftTlb's rule: this also rejects page-crossing accesses).
     */
    private void jumpUnlessTagMatchesEndPage(int size, Label miss) {
        MethodVisitor mv = f.mv;
        pushEndPage(size);
        mv.visitInsn(LCMP);
        mv.visitJumpInsn(IFNE, miss);
    }

    /** Computes the TLB index of L_VA into L_IDX and jumps to miss unless the tag in tagArray matches. */
    private void tlbCheck(int tagArray, int size, Label miss) {
        MethodVisitor mv = f.mv;
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
        f.intConst(0xfff);
        mv.visitInsn(IAND);
        mv.visitInsn(IADD);
    }
}

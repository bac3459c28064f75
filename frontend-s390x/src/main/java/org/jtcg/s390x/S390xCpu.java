package org.jtcg.s390x;

import org.jtcg.core.cpu.CpuLayout;
import org.jtcg.cpreg.RegisterTable;
import org.jtcg.cpreg.S390Registers;
import org.jtcg.core.cpu.CpuState;

import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;

/**
 * s390x CPU state for user mode. Hot registers (public long fields, translated code keeps them in
 * JVM locals): r0-r15, the PSW address ({@link #pc}) and mask, the lazy condition code
 * ({@link S390xCc}), a0-a15, f0-f15 with the low halves of v0-v15 (FPR n is the leftmost 64 bits of
 * vector register n, so by id they are {@code v0..v15}, U128), the FPC and the svc number of the last
 * SVC. Control registers, the prefix and the TOD programmable register live in {@link #sysregs()}.
 *
 * <p>The PSW mask's CC bits (18-19, i.e. bits 45-44 counting from the least significant) are current
 * only after {@link #foldLazyState()}; every by-id read folds first, and a by-id write of the PSW mask
 * makes its CC bits the lazy state.
 */
public final class S390xCpu extends CpuState {
    public long r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, r13, r14, r15;
    /** PSW mask; user mode, 64-bit addressing, CC in bits 45-44 (lsb0). */
    public long pswMask = INITIAL_PSW_MASK;
    /** Lazy condition code (engine-internal, id 0): see {@link S390xCc}. */
    public long ccOp, ccA, ccB, ccR;
    /** Access registers (32-bit values; a0:a1 hold the thread pointer in Linux user mode). */
    public long a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15;
    /** Floating-point registers = leftmost 64 bits of v0-v15. */
    public long f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15;
    /** Rightmost 64 bits of v0-v15 (no vector instructions yet; kept so v0-v15 are whole registers). */
    public long v0l, v1l, v2l, v3l, v4l, v5l, v6l, v7l, v8l, v9l, v10l, v11l, v12l, v13l, v14l, v15l;
    /** Floating-point control register (32 bits). */
    public long fpc;
    /**
     * The I field of the SVC that stopped the CPU (engine-internal, id 0): the translator writes it before
     * the syscall exit, the ABI reads the number from here (r1 when it is 0).
     */
    public long svcCode;
    /**
     * The si_code of a BFP data exception a helper just recognised (engine-internal, id 0; 0 = none): the
     * translated code tests it after each BFP helper call and leaves with SIGFPE (see BfpHelpers.commit).
     */
    public long fpTrap;

    /** Linux's user PSW mask: DAT, I/O and external interrupts, key 0, machine check, problem state, 64-bit mode. */
    public static final long INITIAL_PSW_MASK = 0x0705000180000000L;
    /** Shift of the CC within the PSW mask. */
    public static final int PSW_CC_SHIFT = 44;

    private static final CpuLayout LAYOUT;
    /** Layout indexes for translators. */
    public static final int PC = 16, PSW_MASK = 17, CC_OP = 18, CC_A = 19, CC_B = 20, CC_R = 21, ACR0 = 22, FPR0 = 38,
            VLOW0 = 54, FPC = 70, SVC_CODE = 71, FP_TRAP = 72;

    static {
        List<CpuLayout.Spec> s = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            s.add(CpuLayout.spec("r" + i, S390Registers.gpr(i)));
        }
        s.add(CpuLayout.spec("pc", S390Registers.PSW_ADDR));
        s.add(CpuLayout.spec("pswMask", S390Registers.PSW_MASK));
        for (String f : new String[] {"ccOp", "ccA", "ccB", "ccR"}) {
            s.add(CpuLayout.spec(f, 0));
        }
        for (int i = 0; i < 16; i++) {
            s.add(CpuLayout.spec("a" + i, S390Registers.acr(i)));
        }
        for (int i = 0; i < 16; i++) {
            s.add(CpuLayout.spec("f" + i, S390Registers.vr(i), 1));
        }
        for (int i = 0; i < 16; i++) {
            s.add(CpuLayout.spec("v" + i + "l", S390Registers.vr(i), 0));
        }
        s.add(CpuLayout.spec("fpc", S390Registers.FPC));
        s.add(CpuLayout.spec("svcCode", 0));
        s.add(CpuLayout.spec("fpTrap", 0));
        LAYOUT = CpuLayout.of(MethodHandles.lookup(), S390xCpu.class, s);
    }

    private final RegisterTable sysregs = new RegisterTable(systemRegisterIds());

    private static long[] systemRegisterIds() {
        long[] ids = new long[18];
        for (int i = 0; i < 16; i++) {
            ids[i] = S390Registers.cr(i);
        }
        ids[16] = S390Registers.PREFIX;
        ids[17] = S390Registers.TODPR;
        return ids;
    }

    public static CpuLayout cpuLayout() {
        return LAYOUT;
    }

    @Override
    public CpuLayout layout() {
        return LAYOUT;
    }

    @Override
    public RegisterTable sysregs() {
        return sysregs;
    }

    /** The current condition code (0..3). */
    public int cc() {
        return (int) S390xCc.compute(ccOp, ccA, ccB, ccR);
    }

    /** Sets the condition code explicitly (helpers that compute it themselves). */
    public void setCc(long cc) {
        ccOp = S390xCc.CONST;
        ccA = cc & 3;
        ccB = 0;
        ccR = 0;
    }

    @Override
    public void foldLazyState() {
        long cc = S390xCc.compute(ccOp, ccA, ccB, ccR);
        setCc(cc);
        pswMask = (pswMask & ~(3L << PSW_CC_SHIFT)) | cc << PSW_CC_SHIFT;
    }

    @Override
    protected void afterRegisterWrite(long id) {
        if (id == S390Registers.PSW_MASK) {
            setCc(pswMask >>> PSW_CC_SHIFT);
        }
        super.afterRegisterWrite(id);
    }

    /** General register n (0..15). */
    public long gpr(int n) {
        return (long) LAYOUT.field(n).handle().get(this);
    }

    public void setGpr(int n, long v) {
        LAYOUT.field(n).handle().set(this, v);
    }

    /** Floating-point register n (0..15), the leftmost 64 bits of vector register n. */
    public long fpr(int n) {
        return (long) LAYOUT.field(FPR0 + n).handle().get(this);
    }

    public void setFpr(int n, long v) {
        LAYOUT.field(FPR0 + n).handle().set(this, v);
    }
}

package org.jtcg.arm64;

import org.jtcg.core.cpu.CpuLayout;
import org.jtcg.core.cpu.CpuState;
import org.jtcg.cpreg.Arm64Registers;
import org.jtcg.cpreg.RegisterNames;

import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * AArch64 CPU state for user mode (EL0). Every architectural register is a hot field: X0-X30, SP, PC,
 * the four flags N, Z, C, V (each 0 or 1 in its own field, so a condition is one compare and a flag
 * nobody reads dies in dead-code elimination), FPCR, FPSR, TPIDR_EL0 and V0-V31 as two longs each
 * (low and high 64 bits). By canonical id (the Linux KVM ONE_REG ids of {@link Arm64Registers}) the
 * flags are PSTATE bits 31..28; the other PSTATE bits of EL0t are 0. The exclusive monitor
 * (address and value of the last load-exclusive) is engine-internal.
 */
public final class Arm64Cpu extends CpuState {
    /** General registers in register-number order; layout index n is Xn (n = 0..30). */
    public long x0, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15,
            x16, x17, x18, x19, x20, x21, x22, x23, x24, x25, x26, x27, x28, x29, x30;
    public long sp;
    /** Condition flags, each 0 or 1. */
    public long n, z, c, v;
    public long fpcr, fpsr;
    public long tpidrEl0;
    /** Exclusive monitor: armed (1) or open (0), address and loaded value(s) of the last load-exclusive. */
    public long exclArmed, exclAddr, exclValue, exclValue2;
    /** V0-V31: low and high 64 bits. */
    public long v0lo, v0hi, v1lo, v1hi, v2lo, v2hi, v3lo, v3hi, v4lo, v4hi, v5lo, v5hi, v6lo, v6hi, v7lo, v7hi;
    public long v8lo, v8hi, v9lo, v9hi, v10lo, v10hi, v11lo, v11hi, v12lo, v12hi, v13lo, v13hi, v14lo, v14hi, v15lo, v15hi;
    public long v16lo, v16hi, v17lo, v17hi, v18lo, v18hi, v19lo, v19hi, v20lo, v20hi, v21lo, v21hi, v22lo, v22hi, v23lo, v23hi;
    public long v24lo, v24hi, v25lo, v25hi, v26lo, v26hi, v27lo, v27hi, v28lo, v28hi, v29lo, v29hi, v30lo, v30hi, v31lo, v31hi;

    /** PSTATE flag bits. */
    public static final long PSTATE_N = 1L << 31, PSTATE_Z = 1L << 30, PSTATE_C = 1L << 29, PSTATE_V = 1L << 28;

    private static final CpuLayout LAYOUT;

    static {
        List<CpuLayout.Spec> s = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            s.add(CpuLayout.spec("x" + i, Arm64Registers.x(i)));
        }
        s.add(CpuLayout.spec("sp", Arm64Registers.SP));
        s.add(CpuLayout.spec("pc", Arm64Registers.PC));
        for (String f : new String[] {"n", "z", "c", "v"}) {
            s.add(CpuLayout.spec(f, 0)); // by id: folded into PSTATE
        }
        s.add(CpuLayout.spec("fpcr", Arm64Registers.FPCR));
        s.add(CpuLayout.spec("fpsr", Arm64Registers.FPSR));
        s.add(CpuLayout.spec("tpidrEl0", Arm64Registers.TPIDR_EL0));
        for (String f : new String[] {"exclArmed", "exclAddr", "exclValue", "exclValue2"}) {
            s.add(CpuLayout.spec(f, 0));
        }
        for (int i = 0; i < 32; i++) {
            s.add(CpuLayout.spec("v" + i + "lo", Arm64Registers.v(i), 0));
            s.add(CpuLayout.spec("v" + i + "hi", Arm64Registers.v(i), 1));
        }
        LAYOUT = CpuLayout.of(MethodHandles.lookup(), Arm64Cpu.class, s);
    }

    /** Layout indexes for translators. */
    public static final int SP = 31, PC = 32, N = 33, Z = 34, C = 35, V = 36, FPCR = 37, FPSR = 38, TPIDR_EL0 = 39,
            EXCL_ARMED = 40, EXCL_ADDR = 41, EXCL_VALUE = 42, EXCL_VALUE2 = 43, VREG_BASE = 44;

    /** Layout index of the low (word 0) or high (word 1) half of Vn. */
    public static int vreg(int n, int word) {
        return VREG_BASE + 2 * n + word;
    }

    public static CpuLayout cpuLayout() {
        return LAYOUT;
    }

    @Override
    public CpuLayout layout() {
        return LAYOUT;
    }

    /** PSTATE as Linux reports it for an EL0t task: NZCV in bits 31..28, everything else 0. */
    public long pstate() {
        return (n != 0 ? PSTATE_N : 0) | (z != 0 ? PSTATE_Z : 0) | (c != 0 ? PSTATE_C : 0) | (v != 0 ? PSTATE_V : 0);
    }

    /** Sets the flags from PSTATE bits 31..28 (other bits are not kept: user mode cannot change them). */
    public void setPstate(long value) {
        n = (value >>> 31) & 1;
        z = (value >>> 30) & 1;
        c = (value >>> 29) & 1;
        v = (value >>> 28) & 1;
    }

    @Override
    public long[] ids() {
        long[] hot = LAYOUT.ids();
        long[] all = Arrays.copyOf(hot, hot.length + 1);
        all[hot.length] = Arm64Registers.PSTATE;
        Arrays.sort(all);
        return all;
    }

    @Override
    public long[] readWords(long id) {
        if (id != Arm64Registers.PSTATE) {
            return super.readWords(id);
        }
        if (syncHook() != null) {
            syncHook().beforeRead(id);
        }
        return new long[] {pstate()};
    }

    @Override
    public void writeWords(long id, long[] words) {
        if (id != Arm64Registers.PSTATE) {
            super.writeWords(id, words);
            return;
        }
        if (words.length != 1) {
            throw new IllegalArgumentException(RegisterNames.describe(id) + " takes 1 word, got " + words.length);
        }
        setPstate(words[0]);
        afterRegisterWrite(id);
    }
}

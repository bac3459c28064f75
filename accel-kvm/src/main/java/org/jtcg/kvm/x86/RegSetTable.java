package org.jtcg.kvm.x86;

import org.jtcg.cpreg.X86Registers;
import org.jtcg.kvm.RegisterSetLayout;
import org.jtcg.kvm.RegisterSetSpec;
import org.jtcg.x86.X86UserRegisters;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which register set holds each canonical register id (data, not code paths). The REGS set
 * also carries the CS and SS selectors because the engine reconstructs them, with RIP, RFLAGS
 * and RSP, from the user return frame (SYSCALL registers or the exception frame).
 */
public final class RegSetTable {
    private RegSetTable() {}

    /** REGS ids in the order the engine's conversions use: GPRs 0-15 (hardware order), rip, rflags, cs, ss. */
    public static final long[] REGS_IDS = regsIds();
    /** SREGS ids: es, ds, fs, gs selectors, fs base, gs base. */
    public static final long[] SREGS_IDS = {
        X86Registers.seg(X86Registers.ES, X86Registers.SEG_SELECTOR),
        X86Registers.seg(X86Registers.DS, X86Registers.SEG_SELECTOR),
        X86Registers.seg(X86Registers.FS, X86Registers.SEG_SELECTOR),
        X86Registers.seg(X86Registers.GS, X86Registers.SEG_SELECTOR),
        X86UserRegisters.FS_BASE, X86UserRegisters.GS_BASE,
    };
    /** FPU ids: st0-7, fcw, fsw, ftw, fop, fip, fdp, xmm0-15, mxcsr, ymmh0-15 (the AVX upper halves). */
    public static final long[] FPU_IDS = fpuIds();
    /** Runtime MSRs a CPU state may carry (the SYSCALL MSRs stay engine-private). */
    public static final long[] MSRS_RUNTIME_IDS = {X86Registers.MSR_KERNEL_GS_BASE};
    /** Full-only MSRs a CPU state may carry. */
    public static final long[] MSRS_FULL_IDS = {X86Registers.MSR_TSC};

    public static final int RIP = 16, RFLAGS = 17, CS = 18, SS = 19;

    private static final Map<Long, RegSet> BY_ID = new HashMap<>();

    static {
        put(REGS_IDS, RegSet.REGS);
        put(SREGS_IDS, RegSet.SREGS);
        put(FPU_IDS, RegSet.FPU);
        put(MSRS_RUNTIME_IDS, RegSet.MSRS_RUNTIME);
        put(MSRS_FULL_IDS, RegSet.MSRS_FULL);
    }

    private static void put(long[] ids, RegSet set) {
        for (long id : ids) {
            if (BY_ID.put(id, set) != null) {
                throw new IllegalStateException("id in two sets");
            }
        }
    }

    /** The set holding a canonical id, or null when the engine does not model it. */
    public static RegSet setOf(long id) {
        return BY_ID.get(id);
    }

    /** The canonical ids of a set, in conversion order. */
    public static long[] ids(RegSet set) {
        return switch (set) {
            case REGS -> REGS_IDS;
            case SREGS -> SREGS_IDS;
            case FPU -> FPU_IDS;
            case MSRS_RUNTIME -> MSRS_RUNTIME_IDS;
            case MSRS_FULL -> MSRS_FULL_IDS;
            case EVENTS, DEBUGREGS -> new long[0];
        };
    }

    /** Put order with ioctls: SREGS, REGS, FPU, MSRS_RUNTIME, MSRS_FULL, EVENTS, DEBUGREGS (see {@link X86RegisterTransport}). */
    private static final RegSet[] PUT_ORDER = {RegSet.SREGS, RegSet.REGS, RegSet.FPU, RegSet.MSRS_RUNTIME,
        RegSet.MSRS_FULL, RegSet.EVENTS, RegSet.DEBUGREGS};

    /**
     * The sets as the generic register cache sees them (set number = {@link RegSet} ordinal): REGS, SREGS
     * and FPU must be complete in a CPU state; REGS, SREGS, FPU and MSRS_RUNTIME are compared by
     * {@code --verify-sync} (the TSC advances between two reads; EVENTS and DEBUGREGS have no canonical ids).
     */
    public static RegisterSetLayout layout() {
        List<RegisterSetSpec> specs = new ArrayList<>();
        for (RegSet s : RegSet.values()) {
            boolean required = s == RegSet.REGS || s == RegSet.SREGS || s == RegSet.FPU;
            boolean verified = required || s == RegSet.MSRS_RUNTIME;
            specs.add(new RegisterSetSpec(s.name(), ids(s), s.level, required, verified));
        }
        int[] order = new int[PUT_ORDER.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = PUT_ORDER[i].ordinal();
        }
        return new RegisterSetLayout(specs, order, X86Registers.RIP);
    }

    /** Every id of {@link X86UserRegisters} must have a set: checked by a test. */
    public static List<Long> unmappedUserIds() {
        List<Long> out = new ArrayList<>();
        for (long id : X86UserRegisters.ids()) {
            if (setOf(id) == null) {
                out.add(id);
            }
        }
        return out;
    }

    private static long[] regsIds() {
        long[] ids = new long[20];
        for (int i = 0; i < 16; i++) {
            ids[i] = X86Registers.gpr(i);
        }
        ids[RIP] = X86Registers.RIP;
        ids[RFLAGS] = X86Registers.RFLAGS;
        ids[CS] = X86Registers.seg(X86Registers.CS, X86Registers.SEG_SELECTOR);
        ids[SS] = X86Registers.seg(X86Registers.SS, X86Registers.SEG_SELECTOR);
        return ids;
    }

    private static long[] fpuIds() {
        List<Long> l = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            l.add(X86Registers.st(i));
        }
        l.addAll(Arrays.asList(X86UserRegisters.FCW, X86UserRegisters.FSW, X86UserRegisters.FTW, X86UserRegisters.FOP,
                X86UserRegisters.FIP, X86UserRegisters.FDP));
        for (int i = 0; i < 16; i++) {
            l.add(X86Registers.xmm(i));
        }
        l.add(X86Registers.MXCSR);
        for (int i = 0; i < 16; i++) {
            l.add(X86Registers.ymmHigh(i));
        }
        return l.stream().mapToLong(Long::longValue).toArray();
    }
}

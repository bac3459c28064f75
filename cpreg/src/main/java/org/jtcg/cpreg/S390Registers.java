package org.jtcg.cpreg;

import org.jtcg.cpreg.RegisterCatalogue.Origin;

/**
 * s390x register ids.
 *
 * <p>Linux defines ONE_REG ids only for nine registers ({@code KVM_REG_S390_TODPR} ...
 * {@code KVM_REG_S390_GBEA}, low bits 1-9); those are used exactly. Everything else
 * (GPRs, PSW, access, control and vector registers, FPC, prefix) moves through
 * {@code kvm_sync_regs} in Linux and has no id, so jtcg defines project ids:
 * bits 16-31 = {@code 0x1000 + class}, bits 0-15 = index. Linux's s390 ids use only
 * bits 0-15, so the ranges cannot collide.
 *
 * <p>There are no separate FPR ids: FPR n is the leftmost (most significant) 64 bits of
 * vector register n, so a register list holding both would carry the same state twice.
 */
public final class S390Registers {
    /** First project class value in bits 16-31. */
    public static final int PROJECT_BASE = 0x1000;
    /** Project class: general registers r0-r15 (U64). */
    public static final int CLASS_GPR = 0;
    /** Project class: PSW mask (index 0) and address (index 1), U64 each. */
    public static final int CLASS_PSW = 1;
    /** Project class: access registers a0-a15 (U32). */
    public static final int CLASS_ACR = 2;
    /** Project class: control registers c0-c15 (U64). */
    public static final int CLASS_CR = 3;
    /** Project class: vector registers v0-v31 (U128; FPR n = high 64 bits of v n). */
    public static final int CLASS_VR = 4;
    /** Project class: other single registers (fpc, prefix). */
    public static final int CLASS_MISC = 5;

    public static final long TODPR = RegId.make(RegArch.S390, RegSize.U32, 1);
    public static final long EPOCHDIFF = RegId.make(RegArch.S390, RegSize.U64, 2);
    public static final long CPU_TIMER = RegId.make(RegArch.S390, RegSize.U64, 3);
    public static final long CLOCK_COMP = RegId.make(RegArch.S390, RegSize.U64, 4);
    public static final long PFTOKEN = RegId.make(RegArch.S390, RegSize.U64, 5);
    public static final long PFCOMPARE = RegId.make(RegArch.S390, RegSize.U64, 6);
    public static final long PFSELECT = RegId.make(RegArch.S390, RegSize.U64, 7);
    public static final long PP = RegId.make(RegArch.S390, RegSize.U64, 8);
    public static final long GBEA = RegId.make(RegArch.S390, RegSize.U64, 9);

    public static final long PSW_MASK = project(CLASS_PSW, 0, RegSize.U64);
    public static final long PSW_ADDR = project(CLASS_PSW, 1, RegSize.U64);
    /** Floating-point control register. */
    public static final long FPC = project(CLASS_MISC, 0, RegSize.U32);
    /** Prefix register; U64 like {@code kvm_sync_regs.prefix}. */
    public static final long PREFIX = project(CLASS_MISC, 1, RegSize.U64);

    /** Linux's ONE_REG ids as data: name, id. Sizes from arch/s390/include/uapi/asm/kvm.h. */
    private static final Object[][] LINUX_IDS = {
        {"todpr", TODPR}, {"epochdiff", EPOCHDIFF}, {"cpu_timer", CPU_TIMER}, {"clock_comp", CLOCK_COMP},
        {"pftoken", PFTOKEN}, {"pfcompare", PFCOMPARE}, {"pfselect", PFSELECT}, {"pp", PP}, {"gbea", GBEA},
    };

    static final RegisterCatalogue CATALOGUE = buildCatalogue();

    private S390Registers() {
    }

    /** A project id: class in bits 16-31 (offset by {@link #PROJECT_BASE}), index in bits 0-15. */
    public static long project(int cls, int index, RegSize size) {
        if (cls < 0 || cls > 0xefff || index < 0 || index > 0xffff) {
            throw new IllegalArgumentException("bad s390 project class/index " + cls + "/" + index);
        }
        return RegId.make(RegArch.S390, size, (long) (PROJECT_BASE + cls) << 16 | index);
    }

    /** True if the id lies in the project range (bits 16-31 at least {@link #PROJECT_BASE}). */
    public static boolean isProjectId(long id) {
        return RegId.archCode(id) == RegArch.S390.code() && (RegId.low(id) >>> 16 & 0xffff) >= PROJECT_BASE;
    }

    /** General register r0..r15. */
    public static long gpr(int n) {
        return project(CLASS_GPR, check("r", n, 16), RegSize.U64);
    }

    /** Access register a0..a15. */
    public static long acr(int n) {
        return project(CLASS_ACR, check("a", n, 16), RegSize.U32);
    }

    /** Control register c0..c15. */
    public static long cr(int n) {
        return project(CLASS_CR, check("c", n, 16), RegSize.U64);
    }

    /** Vector register v0..v31. */
    public static long vr(int n) {
        return project(CLASS_VR, check("v", n, 32), RegSize.U128);
    }

    private static int check(String what, int n, int limit) {
        if (n < 0 || n >= limit) {
            throw new IllegalArgumentException(what + " index " + n + " out of range 0.." + (limit - 1));
        }
        return n;
    }

    private static RegisterCatalogue buildCatalogue() {
        RegisterCatalogue.Builder b = new RegisterCatalogue.Builder(RegArch.S390);
        for (Object[] r : LINUX_IDS) {
            b.add((String) r[0], (long) r[1], Origin.LINUX);
        }
        for (int i = 0; i < 16; i++) {
            b.add("r" + i, gpr(i), Origin.PROJECT);
        }
        b.add("psw_mask", PSW_MASK, Origin.PROJECT);
        b.add("psw_addr", PSW_ADDR, Origin.PROJECT);
        for (int i = 0; i < 16; i++) {
            b.add("a" + i, acr(i), Origin.PROJECT);
        }
        for (int i = 0; i < 16; i++) {
            b.add("c" + i, cr(i), Origin.PROJECT);
        }
        for (int i = 0; i < 32; i++) {
            b.add("v" + i, vr(i), Origin.PROJECT);
        }
        b.add("fpc", FPC, Origin.PROJECT);
        b.add("prefix", PREFIX, Origin.PROJECT);
        return b.build();
    }
}

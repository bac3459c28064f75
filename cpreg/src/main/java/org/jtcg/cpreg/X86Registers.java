package org.jtcg.cpreg;

import org.jtcg.cpreg.RegisterCatalogue.Origin;

/**
 * x86-64 register ids.
 *
 * <p>Linux (6.18+, {@code arch/x86/include/uapi/asm/kvm.h}) encodes x86 ONE_REG ids as
 * {@code KVM_REG_X86 | size | type << 32 | index} with type {@code KVM_X86_REG_TYPE_MSR = 2}
 * (index = MSR number, always U64) and {@code KVM_X86_REG_TYPE_KVM = 3} (KVM-defined registers,
 * e.g. {@code KVM_REG_GUEST_SSP = 0}). MSRs use exactly that encoding.
 *
 * <p>GPRs, segments, descriptor tables, control registers, x87 and SSE state have no Linux id
 * (KVM moves them with KVM_GET_REGS/SREGS/FPU/XSAVE), so jtcg defines project ids with the same
 * layout and type values 0x80-0x84, which Linux does not use (its types are 2 and 3 and bits
 * 40-51 must be zero).
 */
public final class X86Registers {
    /** Bit position of the type byte. */
    public static final int TYPE_SHIFT = 32;
    /** {@code KVM_X86_REG_TYPE_MSR}. */
    public static final int TYPE_MSR = 2;
    /** {@code KVM_X86_REG_TYPE_KVM}. */
    public static final int TYPE_KVM = 3;
    /** Project type: rax..r15 (index = hardware register number), rip = 16, rflags = 17. */
    public static final int TYPE_GPR = 0x80;
    /** Project type: segment registers, index = segment * 4 + field. */
    public static final int TYPE_SEG = 0x81;
    /** Project type: descriptor tables (0-3), control registers (0x10 + n), xcr0 (0x20). */
    public static final int TYPE_SYS = 0x82;
    /** Project type: x87 state. */
    public static final int TYPE_X87 = 0x83;
    /** Project type: SSE state. */
    public static final int TYPE_SSE = 0x84;

    /** GPR names in hardware encoding order (ModRM/REX register numbers 0-15). */
    private static final String[] GPR_NAMES = {
        "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
    };
    /** Segment order: hardware segment register numbers 0-5, then ldtr = 6, tr = 7. */
    private static final String[] SEG_NAMES = {"es", "cs", "ss", "ds", "fs", "gs", "ldtr", "tr"};
    /**
     * Segment fields: selector, base, limit, attributes. Attributes use the VMX access-rights
     * layout: type bits 0-3, S 4, DPL 5-6, P 7, AVL 12, L 13, D/B 14, G 15, unusable 16.
     */
    private static final Object[][] SEG_FIELDS = {
        {"selector", RegSize.U16}, {"base", RegSize.U64}, {"limit", RegSize.U32}, {"attr", RegSize.U32},
    };
    /** Segment field numbers. */
    public static final int SEG_SELECTOR = 0;
    public static final int SEG_BASE = 1;
    public static final int SEG_LIMIT = 2;
    public static final int SEG_ATTR = 3;
    /** Segment numbers. */
    public static final int ES = 0, CS = 1, SS = 2, DS = 3, FS = 4, GS = 5, LDTR = 6, TR = 7;

    public static final long RIP = project(TYPE_GPR, 16, RegSize.U64);
    public static final long RFLAGS = project(TYPE_GPR, 17, RegSize.U64);

    /** System registers as data: name, index, size. */
    private static final Object[][] SYS = {
        {"gdtr.base", 0, RegSize.U64}, {"gdtr.limit", 1, RegSize.U16},
        {"idtr.base", 2, RegSize.U64}, {"idtr.limit", 3, RegSize.U16},
        {"cr0", 0x10, RegSize.U64}, {"cr2", 0x12, RegSize.U64}, {"cr3", 0x13, RegSize.U64},
        {"cr4", 0x14, RegSize.U64}, {"cr8", 0x18, RegSize.U64},
        {"xcr0", 0x20, RegSize.U64},
    };
    /**
     * x87 state as data: name, index, size. st0-st7 are U128 values holding the 80-bit register
     * in the low 80 bits (FXSAVE layout); ftw is the abridged 8-bit tag word (FXSAVE/kvm_fpu.ftwx);
     * fip/fdp are 64-bit (FXSAVE64 layout).
     */
    private static final Object[][] X87 = {
        {"fcw", 8, RegSize.U16}, {"fsw", 9, RegSize.U16}, {"ftw", 10, RegSize.U8},
        {"fop", 11, RegSize.U16}, {"fip", 12, RegSize.U64}, {"fdp", 13, RegSize.U64},
    };
    public static final long MXCSR = project(TYPE_SSE, 16, RegSize.U32);

    /** MSRs as data: name, MSR number (Intel SDM vol. 4 / AMD APM vol. 2). */
    private static final Object[][] MSRS = {
        {"tsc", 0x10L},
        {"apic_base", 0x1bL},
        {"tsc_adjust", 0x3bL},
        {"sysenter_cs", 0x174L},
        {"sysenter_esp", 0x175L},
        {"sysenter_eip", 0x176L},
        {"misc_enable", 0x1a0L},
        {"pat", 0x277L},
        {"xss", 0xda0L},
        {"efer", 0xc0000080L},
        {"star", 0xc0000081L},
        {"lstar", 0xc0000082L},
        {"cstar", 0xc0000083L},
        {"sfmask", 0xc0000084L},
        {"fs_base", 0xc0000100L},
        {"gs_base", 0xc0000101L},
        {"kernel_gs_base", 0xc0000102L},
        {"tsc_aux", 0xc0000103L},
    };
    public static final long MSR_TSC = msr(0x10);
    public static final long MSR_EFER = msr(0xc0000080L);
    public static final long MSR_STAR = msr(0xc0000081L);
    public static final long MSR_LSTAR = msr(0xc0000082L);
    public static final long MSR_CSTAR = msr(0xc0000083L);
    public static final long MSR_SFMASK = msr(0xc0000084L);
    public static final long MSR_FS_BASE = msr(0xc0000100L);
    public static final long MSR_GS_BASE = msr(0xc0000101L);
    public static final long MSR_KERNEL_GS_BASE = msr(0xc0000102L);
    public static final long MSR_TSC_AUX = msr(0xc0000103L);
    /** {@code KVM_X86_REG_KVM(KVM_REG_GUEST_SSP)}. */
    public static final long GUEST_SSP = RegId.make(RegArch.X86, RegSize.U64, (long) TYPE_KVM << TYPE_SHIFT);

    static final RegisterCatalogue CATALOGUE = buildCatalogue();

    private X86Registers() {
    }

    /** {@code KVM_X86_REG_MSR(index)}: MSR ids are always U64. */
    public static long msr(long index) {
        if (index < 0 || index > 0xffff_ffffL) {
            throw new IllegalArgumentException(String.format("MSR index 0x%x does not fit in 32 bits", index));
        }
        return RegId.make(RegArch.X86, RegSize.U64, (long) TYPE_MSR << TYPE_SHIFT | index);
    }

    /** True if {@code id} is exactly a {@code KVM_X86_REG_MSR(...)} id. */
    public static boolean isMsr(long id) {
        return (id & ~0xffff_ffffL) == (RegArch.X86.idBits() | RegSize.U64.idBits() | (long) TYPE_MSR << TYPE_SHIFT);
    }

    /** The MSR number of an MSR id. */
    public static long msrIndex(long id) {
        if (!isMsr(id)) {
            throw new IllegalArgumentException(RegId.hex(id) + " is not an x86 MSR id");
        }
        return id & 0xffff_ffffL;
    }

    /** A project id of the given type (0x80-0xff) and index. */
    public static long project(int type, int index, RegSize size) {
        if (type < 0x80 || type > 0xff || index < 0) {
            throw new IllegalArgumentException("bad x86 project type/index " + type + "/" + index);
        }
        return RegId.make(RegArch.X86, size, (long) type << TYPE_SHIFT | index);
    }

    /** GPR by hardware number (0 = rax ... 15 = r15). */
    public static long gpr(int n) {
        return project(TYPE_GPR, check("gpr", n, 16), RegSize.U64);
    }

    /** Segment field, e.g. {@code seg(FS, SEG_BASE)}. */
    public static long seg(int segment, int field) {
        check("segment", segment, SEG_NAMES.length);
        check("segment field", field, SEG_FIELDS.length);
        return project(TYPE_SEG, segment * 4 + field, (RegSize) SEG_FIELDS[field][1]);
    }

    /** Control register crN (0, 2, 3, 4, 8). */
    public static long cr(int n) {
        if (n != 0 && n != 2 && n != 3 && n != 4 && n != 8) {
            throw new IllegalArgumentException("no control register cr" + n);
        }
        return project(TYPE_SYS, 0x10 + n, RegSize.U64);
    }

    /** x87 register st0..st7 (U128 holding 80 bits). */
    public static long st(int n) {
        return project(TYPE_X87, check("st", n, 8), RegSize.U128);
    }

    /** xmm0..xmm15 (U128). */
    public static long xmm(int n) {
        return project(TYPE_SSE, check("xmm", n, 16), RegSize.U128);
    }

    /** Bits 255:128 of ymm0..ymm15 (U128; the low half is {@link #xmm}): the XSAVE AVX component. */
    public static long ymmHigh(int n) {
        return project(TYPE_SSE, 0x10 + check("ymm", n, 16), RegSize.U128);
    }

    private static int check(String what, int n, int limit) {
        if (n < 0 || n >= limit) {
            throw new IllegalArgumentException(what + " index " + n + " out of range 0.." + (limit - 1));
        }
        return n;
    }

    private static RegisterCatalogue buildCatalogue() {
        RegisterCatalogue.Builder b = new RegisterCatalogue.Builder(RegArch.X86);
        for (int i = 0; i < GPR_NAMES.length; i++) {
            b.add(GPR_NAMES[i], gpr(i), Origin.PROJECT);
        }
        b.add("rip", RIP, Origin.PROJECT);
        b.add("rflags", RFLAGS, Origin.PROJECT);
        for (int s = 0; s < SEG_NAMES.length; s++) {
            for (int f = 0; f < SEG_FIELDS.length; f++) {
                b.add(SEG_NAMES[s] + "." + SEG_FIELDS[f][0], seg(s, f), Origin.PROJECT);
            }
        }
        for (Object[] r : SYS) {
            b.add((String) r[0], project(TYPE_SYS, (int) r[1], (RegSize) r[2]), Origin.PROJECT);
        }
        for (int i = 0; i < 8; i++) {
            b.add("st" + i, st(i), Origin.PROJECT);
        }
        for (Object[] r : X87) {
            b.add((String) r[0], project(TYPE_X87, (int) r[1], (RegSize) r[2]), Origin.PROJECT);
        }
        for (int i = 0; i < 16; i++) {
            b.add("xmm" + i, xmm(i), Origin.PROJECT);
        }
        for (int i = 0; i < 16; i++) {
            b.add("ymmh" + i, ymmHigh(i), Origin.PROJECT);
        }
        b.add("mxcsr", MXCSR, Origin.PROJECT);
        for (Object[] r : MSRS) {
            b.add((String) r[0], msr((long) r[1]), Origin.LINUX);
        }
        b.add("guest_ssp", GUEST_SSP, Origin.LINUX);
        return b.build();
    }
}

package org.jtcg.arm64.translate;

import org.jtcg.core.ir.GuestAtomics;
import org.jtcg.arm64.Arm64Cpu;
import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.Val;
import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;

import static org.jtcg.arm64.translate.A64Table.*;

/**
 * Exceptions and system instructions reachable from EL0: svc, brk, hints (nop, yield, the PAC and
 * BTI hints: all no-ops, as on a CPU without those features), barriers, clrex, cache maintenance
 * (dc zva writes zeros; the others are no-ops for an emulator without caches), and mrs/msr of the
 * registers Linux lets EL0 use. Everything else traps as Linux does: SIGILL.
 */
final class SystemOps {
    private SystemOps() {}

    /** CTR_EL0 of a Cortex-A57 (r1p3 TRM): 64-byte I and D lines, PIPT I-cache. */
    static final long CTR_EL0 = 0x8444_c004L;
    /** DCZID_EL0: dc zva allowed (DZP = 0), block size 4 words << 4 = 64 bytes. */
    static final long DCZID_EL0 = 4;
    static final int ZVA_BYTES = 4 << DCZID_EL0;

    /** System register encodings op0:op1:CRn:CRm:op2 packed as in MRS bits 20..5 (op0 2 bits). */
    static int sysreg(int op0, int op1, int crn, int crm, int op2) {
        return op0 << 14 | op1 << 11 | crn << 7 | crm << 3 | op2;
    }

    static final int NZCV = sysreg(3, 3, 4, 2, 0), FPCR = sysreg(3, 3, 4, 4, 0), FPSR = sysreg(3, 3, 4, 4, 1),
            TPIDR_EL0 = sysreg(3, 3, 13, 0, 2), TPIDRRO_EL0 = sysreg(3, 3, 13, 0, 3),
            CTR = sysreg(3, 3, 0, 0, 1), DCZID = sysreg(3, 3, 0, 0, 7);

    /** FPCR bits ARMv8.0 implements: AHP, DN, FZ, RMode (trap enables are RAZ/WI on Cortex-A57). */
    static final long FPCR_MASK = 0x07c0_0000L;
    /** FPSR bits: QC and the cumulative IDC, IXC, UFC, OFC, DZC, IOC. */
    static final long FPSR_MASK = 0x0800_009fL;

    static void bind(PatternHandlers.Builder<A64Handler> h) {
        h.on("SVC", (c, a) -> {
            c.b.exitSyscall(c.next());
            c.endBlock();
        });
        h.on("BRK", (c, a) -> {
            c.b.exitSignal(Signals.SIGTRAP, SigCodes.TRAP_BRKPT, c.b.const64(c.pc), c.pc,
                    String.format("brk #0x%x at 0x%x", a[IMM16], c.pc));
            c.endBlock();
        });
        h.on("HINT", (c, a) -> { });
        h.on("BARRIER", SystemOps::barrier);
        h.on("ISB", (c, a) -> { });
        h.on("CLREX", (c, a) -> c.b.movi(c.global(Arm64Cpu.EXCL_ARMED), 0));
        h.on("SYS", SystemOps::sys);
        h.on("MRS", SystemOps::mrs);
        h.on("MSR_reg", SystemOps::msr);
    }

    /**
     * DMB and DSB as host fences (issue 13): the CRm types LD (loads before loads and stores) are an acquire
     * fence, ST (stores before stores) a store-store fence, everything else (SY, ISH, OSH, NSH ...) a full fence.
     * The shareability domain makes no difference in user mode. DSB's completion of cache maintenance is moot.
     */
    private static void barrier(A64Ctx c, long[] a) {
        int types = (int) a[CRM] & 3;
        GuestAtomics.emitFence(c.b, types == 1 ? GuestAtomics.Fence.ACQUIRE
                : types == 2 ? GuestAtomics.Fence.STORE_STORE : GuestAtomics.Fence.FULL);
    }

    private static void sys(A64Ctx c, long[] a) {
        int op1 = (int) a[OP1], crn = (int) a[CRN], crm = (int) a[CRM], op2 = (int) a[OP2];
        if (op1 != 3 || crn != 7 || op2 != 1) {
            c.sigill();
            return;
        }
        switch (crm) {
            case 4 -> { // DC ZVA: zero the naturally aligned block
                Val base = c.b.and(c.x((int) a[RD]), c.c(-ZVA_BYTES));
                for (int i = 0; i < ZVA_BYTES; i += 8) {
                    c.store(c.c(0), c.b.add(base, c.c(i)), 8);
                }
            }
            case 5, 10, 11, 14 -> { } // IC IVAU, DC CVAC, DC CVAU, DC CIVAC: no caches to maintain
            default -> c.sigill();
        }
    }

    private static int encoding(long[] a) {
        return sysreg(2 + (int) a[SYSOP0], (int) a[OP1], (int) a[CRN], (int) a[CRM], (int) a[OP2]);
    }

    private static void mrs(A64Ctx c, long[] a) {
        int reg = encoding(a), rt = (int) a[RD];
        Val v;
        if (reg == NZCV) {
            v = Conditions.nzcvWord(c);
        } else if (reg == FPCR) {
            v = c.b.mov(c.global(Arm64Cpu.FPCR));
        } else if (reg == FPSR) {
            v = c.b.mov(c.global(Arm64Cpu.FPSR));
        } else if (reg == TPIDR_EL0) {
            v = c.b.mov(c.global(Arm64Cpu.TPIDR_EL0));
        } else if (reg == TPIDRRO_EL0) {
            v = c.c(0); // Linux keeps it 0 for user tasks
        } else if (reg == CTR) {
            v = c.c(CTR_EL0);
        } else if (reg == DCZID) {
            v = c.c(DCZID_EL0);
        } else {
            c.sigill(); // ID registers: HWCAP_CPUID is not advertised, so Linux would not emulate them
            return;
        }
        c.setX(rt, v);
    }

    private static void msr(A64Ctx c, long[] a) {
        int reg = encoding(a);
        Val v = c.x((int) a[RD]);
        if (reg == NZCV) {
            Conditions.setFromWord(c, v);
        } else if (reg == FPCR) {
            c.b.mov(c.global(Arm64Cpu.FPCR), c.b.and(v, c.c(FPCR_MASK)));
        } else if (reg == FPSR) {
            c.b.mov(c.global(Arm64Cpu.FPSR), c.b.and(v, c.c(FPSR_MASK)));
        } else if (reg == TPIDR_EL0) {
            c.b.mov(c.global(Arm64Cpu.TPIDR_EL0), v);
        } else {
            c.sigill();
        }
    }
}

package org.jtcg.x86;

import org.jtcg.cpreg.RegArch;
import org.jtcg.cpreg.RegisterCatalogue;
import org.jtcg.cpreg.X86Registers;

import java.util.Arrays;

/**
 * The canonical register set of an x86-64 Linux user-mode guest: what every engine (interp,
 * jit, kvm) must be able to read and write by id, what snapshots carry and what diff compares.
 * Supervisor state (CRs, EFER, GDT/IDT, syscall MSRs) belongs to the KVM engine's VM setup,
 * not to the guest, and is deliberately absent.
 */
public final class X86UserRegisters {
    private X86UserRegisters() {}

    private static final RegisterCatalogue CAT = RegisterCatalogue.of(RegArch.X86);

    public static final long FCW = CAT.idOf("fcw");
    public static final long FSW = CAT.idOf("fsw");
    public static final long FTW = CAT.idOf("ftw");
    public static final long FOP = CAT.idOf("fop");
    public static final long FIP = CAT.idOf("fip");
    public static final long FDP = CAT.idOf("fdp");
    public static final long FS_BASE = X86Registers.seg(X86Registers.FS, X86Registers.SEG_BASE);
    public static final long GS_BASE = X86Registers.seg(X86Registers.GS, X86Registers.SEG_BASE);

    private static final long[] IDS = build();

    private static long[] build() {
        long[] ids = new long[16 + 2 + 6 + 2 + 16 + 16 + 1 + 8 + 6];
        int n = 0;
        for (int i = 0; i < 16; i++) {
            ids[n++] = X86Registers.gpr(i);
        }
        ids[n++] = X86Registers.RIP;
        ids[n++] = X86Registers.RFLAGS;
        for (int s = X86Registers.ES; s <= X86Registers.GS; s++) {
            ids[n++] = X86Registers.seg(s, X86Registers.SEG_SELECTOR);
        }
        ids[n++] = FS_BASE;
        ids[n++] = GS_BASE;
        for (int i = 0; i < 16; i++) {
            ids[n++] = X86Registers.xmm(i);
        }
        for (int i = 0; i < 16; i++) {
            ids[n++] = X86Registers.ymmHigh(i);
        }
        ids[n++] = X86Registers.MXCSR;
        for (int i = 0; i < 8; i++) {
            ids[n++] = X86Registers.st(i);
        }
        for (long id : new long[] {FCW, FSW, FTW, FOP, FIP, FDP}) {
            ids[n++] = id;
        }
        Arrays.sort(ids);
        return ids;
    }

    /** All ids of the user-mode set, ascending. */
    public static long[] ids() {
        return IDS.clone();
    }
}

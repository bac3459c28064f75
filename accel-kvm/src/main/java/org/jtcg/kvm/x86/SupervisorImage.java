package org.jtcg.kvm.x86;

import org.jtcg.cpreg.X86Registers;
import org.jtcg.kvm.sys.KvmStructs;
import org.jtcg.kvm.sys.StructLayout;

import java.nio.ByteBuffer;

/**
 * Writes the engine's supervisor structures into the private region (GDT, IDT, TSS, stubs) and
 * knows the supervisor register values that go with them (CRs, EFER, descriptor tables, the
 * SYSCALL MSRs). None of this is part of the guest's canonical CPU state.
 */
public final class SupervisorImage {
    private final ByteBuffer mem;
    private final StubCode stubs = new StubCode();
    /** {@link VmLayout#CR4} plus what the VM enables on top (CR4.OSXSAVE, see {@link AvxStatePlan}). */
    private final long cr4;

    public SupervisorImage(ByteBuffer privateRegion) {
        this(privateRegion, 0);
    }

    public SupervisorImage(ByteBuffer privateRegion, long extraCr4) {
        this.mem = privateRegion;
        this.cr4 = VmLayout.CR4 | extraCr4;
        writeGdt();
        writeIdt();
        writeTss();
        byte[] code = stubs.code();
        for (int i = 0; i < code.length; i++) {
            mem.put(VmLayout.STUBS + i, code[i]);
        }
    }

    /** Guest-virtual address of an offset in the private region. */
    public static long va(int offset) {
        return VmLayout.PRIVATE_VA + offset;
    }

    public long syscallEntryVa() { return va(VmLayout.STUBS + stubs.syscallEntry()); }
    public long syscallResumeVa() { return va(VmLayout.STUBS + stubs.syscallResume()); }
    public long exceptionEntryVa(int vector) { return va(VmLayout.STUBS + stubs.exceptionEntry(vector)); }
    public long kernelStackTopVa() { return va(VmLayout.KSTACK_TOP); }

    private void writeGdt() {
        for (int slot = 0; slot < Segments.GDT.length; slot++) {
            Segments.Desc d = Segments.GDT[slot];
            mem.putLong(VmLayout.GDT + 8 * slot, d == null ? 0 : d.gdtEntry());
        }
        long base = va(VmLayout.TSS);
        long low = 0x67 | (base & 0xff_ffffL) << 16 | 0x8bL << 40 | ((base >>> 24) & 0xff) << 56;
        mem.putLong(VmLayout.GDT + VmLayout.TSS_SEL, low);
        mem.putLong(VmLayout.GDT + VmLayout.TSS_SEL + 8, base >>> 32);
    }

    private void writeIdt() {
        for (int v = 0; v < VmLayout.IDT_VECTORS; v++) {
            long target = exceptionEntryVa(v);
            // #BP and #OF are reachable from user mode with INT3/INTO, as on Linux: gate DPL 3.
            int dpl = v == 3 || v == 4 ? 3 : 0;
            long attr = 0x8e | dpl << 5; // present, 64-bit interrupt gate
            long low = (target & 0xffff) | (long) VmLayout.KERNEL_CS << 16 | attr << 40 | ((target >>> 16) & 0xffff) << 48;
            mem.putLong(VmLayout.IDT + 16 * v, low);
            mem.putLong(VmLayout.IDT + 16 * v + 8, target >>> 32);
        }
    }

    private void writeTss() {
        for (int i = 0; i < 104; i++) {
            mem.put(VmLayout.TSS + i, (byte) 0);
        }
        mem.putLong(VmLayout.TSS + 4, kernelStackTopVa()); // RSP0
        mem.putShort(VmLayout.TSS + 102, (short) 104);     // I/O map base beyond the limit: no I/O bitmap
    }

    /** Fills the supervisor part of a kvm_sregs buffer: CRs, EFER, GDT/IDT, TR/LDT, kernel CS/SS, null data segments. */
    public void initSregs(ByteBuffer sregs, long cr3) {
        StructLayout l = KvmStructs.KVM_SREGS;
        sregs.putLong(l.offset("cr0"), VmLayout.CR0);
        sregs.putLong(l.offset("cr2"), 0);
        sregs.putLong(l.offset("cr3"), cr3);
        sregs.putLong(l.offset("cr4"), cr4);
        sregs.putLong(l.offset("cr8"), 0);
        sregs.putLong(l.offset("efer"), VmLayout.EFER);
        sregs.putLong(l.offset("gdt.base"), va(VmLayout.GDT));
        sregs.putShort(l.offset("gdt.limit"), (short) VmLayout.GDT_LIMIT);
        sregs.putLong(l.offset("idt.base"), va(VmLayout.IDT));
        sregs.putShort(l.offset("idt.limit"), (short) (VmLayout.IDT_VECTORS * 16 - 1));
        for (int i = 0; i < 4; i++) {
            sregs.putLong(l.offset("interrupt_bitmap") + 8 * i, 0);
        }
        Segments.write(sregs, "cs", VmLayout.KERNEL_CS, 0, Segments.KERNEL_CODE);
        Segments.write(sregs, "ss", VmLayout.KERNEL_DS, 0, Segments.KERNEL_DATA);
        for (String s : new String[] {"ds", "es", "fs", "gs"}) {
            Segments.write(sregs, s, 0, 0, Segments.NULL_DATA);
        }
        Segments.writeSystem(sregs, va(VmLayout.TSS));
    }

    /** The CR4 the vCPU runs with. */
    public long cr4() {
        return cr4;
    }

    /** The runtime MSRs the engine owns, with KERNEL_GS_BASE last (its value comes from the CPU state if it has one). */
    public static final long[] RUNTIME_MSRS = {0xc0000081L, 0xc0000082L, 0xc0000083L, 0xc0000084L,
        X86Registers.msrIndex(X86Registers.MSR_KERNEL_GS_BASE)};

    /** Values for {@link #RUNTIME_MSRS}. */
    public long[] runtimeMsrValues(long kernelGsBase) {
        return new long[] {VmLayout.STAR, syscallEntryVa(), syscallEntryVa(), VmLayout.SFMASK, kernelGsBase};
    }
}

package org.jtcg.kvm.x86;

/**
 * Where the engine's private supervisor region lives, in guest-physical and guest-virtual space,
 * and what is inside it. All of it is ring-0-only (U/S = 0 in every mapping) and invisible to
 * the guest program's address space, which ends at 0x7fff_ffff_ffff.
 *
 * <pre>
 * offset    contents
 * 0x00000   PML4 A  } two identical top-level tables; CR3 alternates between them when a
 * 0x01000   PML4 B  } KVM_SET_SREGS entry must flush the guest TLB (same CR3 would not)
 * 0x02000   GDT
 * 0x03000   IDT (vectors 0-31)
 * 0x04000   TSS (RSP0 = kernel stack top)
 * 0x05000   ring-0 stubs (syscall entry/resume, one per exception vector)
 * 0x06000   stub data: TLB-flush-request byte at +0, scratch qword at +8
 * 0x07000   kernel PDPT, 0x08000 kernel PD (2 MiB pages mapping this region)
 * 0x09000   kernel stack (exception frames), top at 0x10000
 * 0x10000   page-table pool for the mirrored user page tables, to the end of the region
 * </pre>
 */
public final class VmLayout {
    private VmLayout() {}

    /** Size of the private region: 16 x 2 MiB pages. */
    public static final long PRIVATE_SIZE = 32L << 20;
    /** Guest-virtual base: the first address of the last PML4 slot (511), far from user space. */
    public static final long PRIVATE_VA = 0xffff_ff80_0000_0000L;

    public static final int PML4_A = 0x0000, PML4_B = 0x1000, GDT = 0x2000, IDT = 0x3000, TSS = 0x4000,
            STUBS = 0x5000, DATA = 0x6000, KPDPT = 0x7000, KPD = 0x8000, KSTACK_BOTTOM = 0x9000,
            KSTACK_TOP = 0x10000, POOL = 0x10000;
    /** Offsets in the data page. */
    public static final int DATA_FLUSH_FLAG = 0, DATA_SCRATCH = 8;

    // GDT selectors, as Linux x86-64 lays them out (arch/x86/include/asm/segment.h)
    public static final int KERNEL_CS = 0x10, KERNEL_DS = 0x18, USER32_CS = 0x23, USER_DS = 0x2b, USER_CS = 0x33,
            TSS_SEL = 0x40;
    public static final int GDT_LIMIT = 0x50 - 1;
    public static final int IDT_VECTORS = 32;

    // Ports the stubs write to (OUT imm8, AL): what the host reads from kvm_run.io.port.
    public static final int PORT_SYSCALL = 0xf0;
    public static final int PORT_EXCEPTION_BASE = 0xc0;

    // supervisor register values
    /** PE | MP | ET | NE | WP | AM | PG (AM so that user-mode alignment checks raise #AC like Linux). */
    public static final long CR0 = 0x8005_0033L;
    /** PAE | OSFXSR | OSXMMEXCPT. */
    public static final long CR4 = 0x620L;
    /** SCE | LME | LMA | NXE. */
    public static final long EFER = 0xd01L;
    /** SYSCALL loads CS = 0x10, SS = 0x18; SYSRET loads CS = 0x23 + 16 = 0x33, SS = 0x23 + 8 = 0x2b. */
    public static final long STAR = (long) USER32_CS << 48 | (long) KERNEL_CS << 32;
    /** RFLAGS bits SYSCALL clears (Linux's value: TF, IF, DF, IOPL, NT, AC). */
    public static final long SFMASK = 0x47700L;

    /** Guest-physical base of the private region: the top of a MAXPHYADDR-bit physical space. */
    public static long privatePhysBase(int physAddrBits) {
        return (1L << physAddrBits) - PRIVATE_SIZE;
    }
}

package org.jtcg.kvm.sys;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The x86-64 KVM UAPI structs the binding uses, declared field by field as in
 * {@code <linux/kvm.h>} / {@code <asm/kvm.h>}; offsets follow from {@link StructLayout}'s C rules
 * and are checked against the host headers by {@code KvmStructsTest}.
 */
public final class KvmStructs {
    private KvmStructs() {}

    /** GPR field names of kvm_regs in declaration order (not hardware order). */
    public static final String[] REGS_FIELDS = {
        "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rsp", "rbp",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rip", "rflags",
    };

    public static final StructLayout KVM_REGS = regs();

    public static final StructLayout KVM_SEGMENT = StructLayout.builder("kvm_segment")
            .u64("base").u32("limit").u16("selector").u8("type").u8("present").u8("dpl").u8("db").u8("s")
            .u8("l").u8("g").u8("avl").u8("unusable").u8("padding").build();

    public static final StructLayout KVM_DTABLE = StructLayout.builder("kvm_dtable")
            .u64("base").u16("limit").array("padding", 3, 2, 2).build();

    /** Segment fields of kvm_sregs in declaration order. */
    public static final String[] SREGS_SEGMENTS = {"cs", "ds", "es", "fs", "gs", "ss", "tr", "ldt"};

    public static final StructLayout KVM_SREGS = sregs();

    public static final StructLayout KVM_FPU = StructLayout.builder("kvm_fpu")
            .array("fpr", 8, 16, 1).u16("fcw").u16("fsw").u8("ftwx").u8("pad1").u16("last_opcode")
            .u64("last_ip").u64("last_dp").array("xmm", 16, 16, 1).u32("mxcsr").u32("pad2").build();

    /**
     * kvm_xsave: the XSAVE image in the standard (non-compacted) format; the first 512 bytes are the
     * FXSAVE legacy area, the XSAVE header (XSTATE_BV, XCOMP_BV) follows at 512.
     */
    public static final StructLayout KVM_XSAVE = StructLayout.builder("kvm_xsave")
            .array("region", 1024, 4, 4).build();

    public static final StructLayout KVM_MSR_ENTRY = StructLayout.builder("kvm_msr_entry")
            .u32("index").u32("reserved").u64("data").build();

    public static final StructLayout KVM_MSRS = StructLayout.builder("kvm_msrs")
            .u32("nmsrs").u32("pad").flexible("entries", 8).build();

    public static final StructLayout KVM_VCPU_EVENTS = StructLayout.builder("kvm_vcpu_events")
            .struct("exception", StructLayout.builder("exception").u8("injected").u8("nr").u8("has_error_code")
                    .u8("pending").u32("error_code").build())
            .struct("interrupt", StructLayout.builder("interrupt").u8("injected").u8("nr").u8("soft").u8("shadow").build())
            .struct("nmi", StructLayout.builder("nmi").u8("injected").u8("pending").u8("masked").u8("pad").build())
            .u32("sipi_vector").u32("flags")
            .struct("smi", StructLayout.builder("smi").u8("smm").u8("pending").u8("smm_inside_nmi").u8("latched_init").build())
            .struct("triple_fault", StructLayout.builder("triple_fault").u8("pending").build())
            .array("reserved", 26, 1, 1).u8("exception_has_payload").u64("exception_payload").build();

    public static final StructLayout KVM_DEBUGREGS = StructLayout.builder("kvm_debugregs")
            .array("db", 4, 8, 8).u64("dr6").u64("dr7").u64("flags").array("reserved", 9, 8, 8).build();

    public static final StructLayout KVM_SYNC_REGS = StructLayout.builder("kvm_sync_regs")
            .struct("regs", KVM_REGS).struct("sregs", KVM_SREGS).struct("events", KVM_VCPU_EVENTS).build();

    public static final StructLayout KVM_RUN = run();

    public static final StructLayout KVM_USERSPACE_MEMORY_REGION = StructLayout.builder("kvm_userspace_memory_region")
            .u32("slot").u32("flags").u64("guest_phys_addr").u64("memory_size").u64("userspace_addr").build();

    public static final StructLayout KVM_CPUID_ENTRY2 = StructLayout.builder("kvm_cpuid_entry2")
            .u32("function").u32("index").u32("flags").u32("eax").u32("ebx").u32("ecx").u32("edx")
            .array("padding", 3, 4, 4).build();

    public static final StructLayout KVM_CPUID2 = StructLayout.builder("kvm_cpuid2")
            .u32("nent").u32("padding").flexible("entries", 4).build();

    public static final StructLayout KVM_GUEST_DEBUG = StructLayout.builder("kvm_guest_debug")
            .u32("control").u32("pad").struct("arch", StructLayout.builder("kvm_guest_debug_arch")
                    .array("debugreg", 8, 8, 8).build()).build();

    public static final StructLayout KVM_DIRTY_LOG = StructLayout.builder("kvm_dirty_log")
            .u32("slot").u32("padding1").u64("dirty_bitmap").build();

    public static final StructLayout KVM_ONE_REG = StructLayout.builder("kvm_one_reg").u64("id").u64("addr").build();

    /** kvm_xcr: one extended control register (index 0 = XCR0, the XSAVE feature mask). */
    public static final StructLayout KVM_XCR = StructLayout.builder("kvm_xcr").u32("xcr").u32("reserved").u64("value").build();

    /** KVM_MAX_XCRS (asm/kvm.h). */
    public static final int MAX_XCRS = 16;

    /** kvm_xcrs: KVM_GET/SET_XCRS; {@code flags} must be 0. */
    public static final StructLayout KVM_XCRS = StructLayout.builder("kvm_xcrs").u32("nr_xcrs").u32("flags")
            .array("xcrs", MAX_XCRS, KVM_XCR.size(), 8).array("padding", 16, 8, 8).build();

    /** Every layout, by C struct name (for the header check). */
    public static Map<String, StructLayout> all() {
        Map<String, StructLayout> m = new LinkedHashMap<>();
        for (StructLayout s : new StructLayout[] {KVM_REGS, KVM_SEGMENT, KVM_DTABLE, KVM_SREGS, KVM_FPU, KVM_XSAVE, KVM_MSRS,
            KVM_MSR_ENTRY, KVM_VCPU_EVENTS, KVM_DEBUGREGS, KVM_RUN, KVM_USERSPACE_MEMORY_REGION, KVM_CPUID2,
            KVM_CPUID_ENTRY2, KVM_GUEST_DEBUG, KVM_DIRTY_LOG, KVM_ONE_REG, KVM_XCR, KVM_XCRS}) {
            m.put(s.name(), s);
        }
        return m;
    }

    private static StructLayout regs() {
        StructLayout.Builder b = StructLayout.builder("kvm_regs");
        for (String f : REGS_FIELDS) {
            b.u64(f);
        }
        return b.build();
    }

    private static StructLayout sregs() {
        StructLayout.Builder b = StructLayout.builder("kvm_sregs");
        for (String s : SREGS_SEGMENTS) {
            b.struct(s, KVM_SEGMENT);
        }
        b.struct("gdt", KVM_DTABLE).struct("idt", KVM_DTABLE);
        for (String cr : new String[] {"cr0", "cr2", "cr3", "cr4", "cr8", "efer", "apic_base"}) {
            b.u64(cr);
        }
        return b.array("interrupt_bitmap", 4, 8, 8).build(); // (KVM_NR_INTERRUPTS 256 + 63) / 64 words
    }

    private static StructLayout run() {
        Map<String, StructLayout> exits = new LinkedHashMap<>();
        exits.put("hw", StructLayout.builder("hw").u64("hardware_exit_reason").build());
        exits.put("fail_entry", StructLayout.builder("fail_entry").u64("hardware_entry_failure_reason").u32("cpu").build());
        exits.put("io", StructLayout.builder("io").u8("direction").u8("size").u16("port").u32("count")
                .u64("data_offset").build());
        exits.put("debug", StructLayout.builder("debug").struct("arch", StructLayout.builder("kvm_debug_exit_arch")
                .u32("exception").u32("pad").u64("pc").u64("dr6").u64("dr7").build()).build());
        exits.put("mmio", StructLayout.builder("mmio").u64("phys_addr").array("data", 8, 1, 1).u32("len")
                .u8("is_write").build());
        exits.put("internal", StructLayout.builder("internal").u32("suberror").u32("ndata").array("data", 16, 8, 8).build());
        return StructLayout.builder("kvm_run")
                .u8("request_interrupt_window").u8("immediate_exit").array("padding1", 6, 1, 1)
                .u32("exit_reason").u8("ready_for_interrupt_injection").u8("if_flag").u16("flags")
                .u64("cr8").u64("apic_base")
                .union("", 256, exits)
                .u64("kvm_valid_regs").u64("kvm_dirty_regs")
                .union("s", 2048, Map.of("regs", KVM_SYNC_REGS))
                .build();
    }
}

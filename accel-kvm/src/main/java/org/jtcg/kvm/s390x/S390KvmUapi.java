package org.jtcg.kvm.s390x;

import org.jtcg.kvm.sys.Ioctl;
import org.jtcg.kvm.sys.KvmIoctls;
import org.jtcg.kvm.sys.StructLayout;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The s390 KVM UAPI facts the plug-in uses, as data: struct layouts ({@code arch/s390/include/uapi/asm/kvm.h}
 * and the s390 arm of {@code struct kvm_run}, which carries the PSW before the exit union), ioctl numbers,
 * the {@code kvm_valid_regs}/{@code kvm_dirty_regs} bits, exit reasons and intercept codes. s390x is LP64 with
 * natural alignment, so {@link StructLayout}'s rules hold; the byte order of every field is big-endian.
 * Every entry is compared with the cross headers by {@code S390UapiProbeTest} (a C probe built with
 * s390x-linux-gnu-gcc and run under qemu-s390x-static).
 */
public final class S390KvmUapi {
    private S390KvmUapi() {}

    /** struct kvm_sync_regs (s390): the registers KVM shares through kvm_run.s.regs. */
    public static final StructLayout KVM_SYNC_REGS = StructLayout.builder("kvm_sync_regs")
            .u64("prefix").array("gprs", 16, 8, 8).array("acrs", 16, 4, 4).array("crs", 16, 8, 8)
            .u64("todpr").u64("cputm").u64("ckc").u64("pp").u64("gbea").u64("pft").u64("pfs").u64("pfc")
            .union("", 0, Map.of(
                    "vrs", StructLayout.builder("vrs").array("v", 32 * 2, 8, 8).build(),
                    "fprs", StructLayout.builder("fprs").array("f", 16, 8, 8).build()))
            .array("reserved", 512, 1, 1).u32("fpc").u8("bpbc_bits").array("padding1", 51, 1, 1)
            .array("riccb", 64, 1, 1).u64("diag318").array("padding2", 184, 1, 1)
            .array("sdnx", 256, 1, 8).build(); // union { __u8 sdnx[SDNXL]; struct { __u64 ... } }: 256 bytes, 8-aligned

    /** struct kvm_run on s390: the common header, psw_mask/psw_addr, the exit union, the sync area. */
    public static final StructLayout KVM_RUN = StructLayout.builder("kvm_run")
            .u8("request_interrupt_window").u8("immediate_exit").array("padding1", 6, 1, 1)
            .u32("exit_reason").u8("ready_for_interrupt_injection").u8("if_flag").u16("flags")
            .u64("cr8").u64("apic_base")
            .u64("psw_mask").u64("psw_addr")
            .union("", 256, exits())
            .u64("kvm_valid_regs").u64("kvm_dirty_regs")
            .union("s", 2048, Map.of("regs", KVM_SYNC_REGS))
            .build();

    private static Map<String, StructLayout> exits() {
        Map<String, StructLayout> m = new LinkedHashMap<>();
        m.put("s390_sieic", StructLayout.builder("s390_sieic").u8("icptcode").u16("ipa").u32("ipb").build());
        m.put("s390_ucontrol", StructLayout.builder("s390_ucontrol").u64("trans_exc_code").u32("pgm_code").build());
        m.put("internal", StructLayout.builder("internal").u32("suberror").u32("ndata").array("data", 16, 8, 8).build());
        return m;
    }

    /** struct kvm_regs (s390): the GPRs. */
    public static final StructLayout KVM_REGS = StructLayout.builder("kvm_regs").array("gprs", 16, 8, 8).build();
    /** struct kvm_sregs (s390): access and control registers. */
    public static final StructLayout KVM_SREGS = StructLayout.builder("kvm_sregs")
            .array("acrs", 16, 4, 4).array("crs", 16, 8, 8).build();
    /** struct kvm_fpu (s390): FPC and the FPRs (the left halves of v0-v15). */
    public static final StructLayout KVM_FPU = StructLayout.builder("kvm_fpu").u32("fpc").array("fprs", 16, 8, 8).build();
    /** struct kvm_s390_psw, for KVM_S390_SET_INITIAL_PSW. */
    public static final StructLayout KVM_S390_PSW = StructLayout.builder("kvm_s390_psw").u64("mask").u64("addr").build();
    public static final StructLayout KVM_ONE_REG = StructLayout.builder("kvm_one_reg").u64("id").u64("addr").build();

    public static final long GET_REGS = Ioctl.ior(KvmIoctls.KVMIO, 0x81, KVM_REGS.size());
    public static final long SET_REGS = Ioctl.iow(KvmIoctls.KVMIO, 0x82, KVM_REGS.size());
    public static final long GET_SREGS = Ioctl.ior(KvmIoctls.KVMIO, 0x83, KVM_SREGS.size());
    public static final long SET_SREGS = Ioctl.iow(KvmIoctls.KVMIO, 0x84, KVM_SREGS.size());
    public static final long GET_FPU = Ioctl.ior(KvmIoctls.KVMIO, 0x8c, KVM_FPU.size());
    public static final long SET_FPU = Ioctl.iow(KvmIoctls.KVMIO, 0x8d, KVM_FPU.size());
    public static final long S390_SET_INITIAL_PSW = Ioctl.iow(KvmIoctls.KVMIO, 0x96, KVM_S390_PSW.size());
    public static final long S390_INITIAL_RESET = Ioctl.io(KvmIoctls.KVMIO, 0x97);
    public static final long S390_NORMAL_RESET = Ioctl.io(KvmIoctls.KVMIO, 0xc3);
    public static final long S390_CLEAR_RESET = Ioctl.io(KvmIoctls.KVMIO, 0xc4);
    public static final long GET_ONE_REG = Ioctl.iow(KvmIoctls.KVMIO, 0xab, KVM_ONE_REG.size());
    public static final long SET_ONE_REG = Ioctl.iow(KvmIoctls.KVMIO, 0xac, KVM_ONE_REG.size());

    /** kvm_valid_regs / kvm_dirty_regs bits ({@code KVM_SYNC_*}). */
    public static final long SYNC_PREFIX = 1L, SYNC_GPRS = 1L << 1, SYNC_ACRS = 1L << 2, SYNC_CRS = 1L << 3,
            SYNC_ARCH0 = 1L << 4, SYNC_PFAULT = 1L << 5, SYNC_VRS = 1L << 6, SYNC_RICCB = 1L << 7, SYNC_FPRS = 1L << 8,
            SYNC_GSCB = 1L << 9, SYNC_BPBC = 1L << 10, SYNC_ETOKEN = 1L << 11, SYNC_DIAG318 = 1L << 12;

    /** Capabilities: sync regs, ONE_REG, vector registers (VRS instead of FPRS in the sync area). */
    public static final int CAP_ONE_REG = 70, CAP_SYNC_REGS = 74, CAP_S390_VECTOR_REGISTERS = 107;
    /** Exit reasons the s390 glue classifies. */
    public static final int EXIT_S390_SIEIC = 13, EXIT_S390_RESET = 14, EXIT_S390_UCONTROL = 20, EXIT_S390_TSCH = 22,
            EXIT_S390_STSI = 25;

    /** Every layout, by C struct name. */
    public static Map<String, StructLayout> structs() {
        Map<String, StructLayout> m = new LinkedHashMap<>();
        for (StructLayout s : new StructLayout[] {KVM_SYNC_REGS, KVM_RUN, KVM_REGS, KVM_SREGS, KVM_FPU, KVM_S390_PSW,
            KVM_ONE_REG}) {
            m.put(s.name(), s);
        }
        return m;
    }

    /** Every ioctl number and constant, by C macro name. */
    public static Map<String, Long> constants() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("KVM_GET_REGS", GET_REGS);
        m.put("KVM_SET_REGS", SET_REGS);
        m.put("KVM_GET_SREGS", GET_SREGS);
        m.put("KVM_SET_SREGS", SET_SREGS);
        m.put("KVM_GET_FPU", GET_FPU);
        m.put("KVM_SET_FPU", SET_FPU);
        m.put("KVM_S390_SET_INITIAL_PSW", S390_SET_INITIAL_PSW);
        m.put("KVM_S390_INITIAL_RESET", S390_INITIAL_RESET);
        m.put("KVM_S390_NORMAL_RESET", S390_NORMAL_RESET);
        m.put("KVM_S390_CLEAR_RESET", S390_CLEAR_RESET);
        m.put("KVM_GET_ONE_REG", GET_ONE_REG);
        m.put("KVM_SET_ONE_REG", SET_ONE_REG);
        m.put("KVM_RUN", KvmIoctls.RUN);
        m.put("KVM_SYNC_PREFIX", SYNC_PREFIX);
        m.put("KVM_SYNC_GPRS", SYNC_GPRS);
        m.put("KVM_SYNC_ACRS", SYNC_ACRS);
        m.put("KVM_SYNC_CRS", SYNC_CRS);
        m.put("KVM_SYNC_ARCH0", SYNC_ARCH0);
        m.put("KVM_SYNC_PFAULT", SYNC_PFAULT);
        m.put("KVM_SYNC_VRS", SYNC_VRS);
        m.put("KVM_SYNC_RICCB", SYNC_RICCB);
        m.put("KVM_SYNC_FPRS", SYNC_FPRS);
        m.put("KVM_SYNC_GSCB", SYNC_GSCB);
        m.put("KVM_SYNC_BPBC", SYNC_BPBC);
        m.put("KVM_SYNC_ETOKEN", SYNC_ETOKEN);
        m.put("KVM_SYNC_DIAG318", SYNC_DIAG318);
        m.put("KVM_CAP_ONE_REG", (long) CAP_ONE_REG);
        m.put("KVM_CAP_SYNC_REGS", (long) CAP_SYNC_REGS);
        m.put("KVM_CAP_S390_VECTOR_REGISTERS", (long) CAP_S390_VECTOR_REGISTERS);
        m.put("KVM_EXIT_S390_SIEIC", (long) EXIT_S390_SIEIC);
        m.put("KVM_EXIT_S390_RESET", (long) EXIT_S390_RESET);
        m.put("KVM_EXIT_S390_UCONTROL", (long) EXIT_S390_UCONTROL);
        m.put("KVM_EXIT_S390_TSCH", (long) EXIT_S390_TSCH);
        m.put("KVM_EXIT_S390_STSI", (long) EXIT_S390_STSI);
        return m;
    }
}

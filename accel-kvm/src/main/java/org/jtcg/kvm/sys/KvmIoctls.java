package org.jtcg.kvm.sys;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.jtcg.kvm.sys.KvmStructs.*;

/** KVM ioctl numbers (from {@code <linux/kvm.h>}), computed from their {@link Ioctl} encoding and the struct sizes. */
public final class KvmIoctls {
    private KvmIoctls() {}

    /** {@code KVMIO}: the ioctl type byte of every KVM ioctl. */
    public static final int KVMIO = 0xAE;

    // system ioctls (on /dev/kvm)
    public static final long GET_API_VERSION = Ioctl.io(KVMIO, 0x00);
    public static final long CREATE_VM = Ioctl.io(KVMIO, 0x01);
    public static final long CHECK_EXTENSION = Ioctl.io(KVMIO, 0x03);
    public static final long GET_VCPU_MMAP_SIZE = Ioctl.io(KVMIO, 0x04);
    public static final long GET_SUPPORTED_CPUID = Ioctl.iowr(KVMIO, 0x05, KVM_CPUID2.size());
    // VM ioctls
    public static final long CREATE_VCPU = Ioctl.io(KVMIO, 0x41);
    public static final long GET_DIRTY_LOG = Ioctl.iow(KVMIO, 0x42, KVM_DIRTY_LOG.size());
    public static final long SET_USER_MEMORY_REGION = Ioctl.iow(KVMIO, 0x46, KVM_USERSPACE_MEMORY_REGION.size());
    public static final long SET_TSS_ADDR = Ioctl.io(KVMIO, 0x47);
    // vCPU ioctls
    public static final long RUN = Ioctl.io(KVMIO, 0x80);
    public static final long GET_REGS = Ioctl.ior(KVMIO, 0x81, KVM_REGS.size());
    public static final long SET_REGS = Ioctl.iow(KVMIO, 0x82, KVM_REGS.size());
    public static final long GET_SREGS = Ioctl.ior(KVMIO, 0x83, KVM_SREGS.size());
    public static final long SET_SREGS = Ioctl.iow(KVMIO, 0x84, KVM_SREGS.size());
    public static final long GET_MSRS = Ioctl.iowr(KVMIO, 0x88, KVM_MSRS.size());
    public static final long SET_MSRS = Ioctl.iow(KVMIO, 0x89, KVM_MSRS.size());
    public static final long GET_FPU = Ioctl.ior(KVMIO, 0x8c, KVM_FPU.size());
    public static final long SET_FPU = Ioctl.iow(KVMIO, 0x8d, KVM_FPU.size());
    public static final long GET_XSAVE = Ioctl.ior(KVMIO, 0xa4, KVM_XSAVE.size());
    public static final long SET_XSAVE = Ioctl.iow(KVMIO, 0xa5, KVM_XSAVE.size());
    public static final long SET_CPUID2 = Ioctl.iow(KVMIO, 0x90, KVM_CPUID2.size());
    public static final long SET_GUEST_DEBUG = Ioctl.iow(KVMIO, 0x9b, KVM_GUEST_DEBUG.size());
    public static final long GET_VCPU_EVENTS = Ioctl.ior(KVMIO, 0x9f, KVM_VCPU_EVENTS.size());
    public static final long SET_VCPU_EVENTS = Ioctl.iow(KVMIO, 0xa0, KVM_VCPU_EVENTS.size());
    public static final long GET_DEBUGREGS = Ioctl.ior(KVMIO, 0xa1, KVM_DEBUGREGS.size());
    public static final long SET_DEBUGREGS = Ioctl.iow(KVMIO, 0xa2, KVM_DEBUGREGS.size());
    public static final long GET_XCRS = Ioctl.ior(KVMIO, 0xa6, KVM_XCRS.size());
    public static final long SET_XCRS = Ioctl.iow(KVMIO, 0xa7, KVM_XCRS.size());
    public static final long GET_ONE_REG = Ioctl.iow(KVMIO, 0xab, KVM_ONE_REG.size());
    public static final long SET_ONE_REG = Ioctl.iow(KVMIO, 0xac, KVM_ONE_REG.size());

    /** The only API version this binding speaks (stable since Linux 2.6.22). */
    public static final int API_VERSION = 12;

    // capabilities (KVM_CHECK_EXTENSION)
    public static final int CAP_NR_MEMSLOTS = 10;
    public static final int CAP_SET_GUEST_DEBUG = 23;
    public static final int CAP_VCPU_EVENTS = 41;
    public static final int CAP_DEBUGREGS = 50;
    public static final int CAP_XSAVE = 55;
    public static final int CAP_XCRS = 56;
    public static final int CAP_ONE_REG = 70;
    public static final int CAP_SYNC_REGS = 74;

    // exit reasons (kvm_run.exit_reason)
    public static final int EXIT_UNKNOWN = 0, EXIT_EXCEPTION = 1, EXIT_IO = 2, EXIT_DEBUG = 4, EXIT_HLT = 5,
            EXIT_MMIO = 6, EXIT_SHUTDOWN = 8, EXIT_FAIL_ENTRY = 9, EXIT_INTR = 10, EXIT_INTERNAL_ERROR = 17;

    // kvm_run.kvm_valid_regs / kvm_dirty_regs bits
    public static final long SYNC_X86_REGS = 1, SYNC_X86_SREGS = 2, SYNC_X86_EVENTS = 4;

    // kvm_guest_debug.control
    public static final int GUESTDBG_ENABLE = 1, GUESTDBG_SINGLESTEP = 2;

    /** kvm_userspace_memory_region.flags */
    public static final int MEM_LOG_DIRTY_PAGES = 1;

    /** Every ioctl number by its C macro name (for the header check and for messages). */
    public static Map<String, Long> all() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("KVM_GET_API_VERSION", GET_API_VERSION);
        m.put("KVM_CREATE_VM", CREATE_VM);
        m.put("KVM_CHECK_EXTENSION", CHECK_EXTENSION);
        m.put("KVM_GET_VCPU_MMAP_SIZE", GET_VCPU_MMAP_SIZE);
        m.put("KVM_CREATE_VCPU", CREATE_VCPU);
        m.put("KVM_SET_USER_MEMORY_REGION", SET_USER_MEMORY_REGION);
        m.put("KVM_GET_DIRTY_LOG", GET_DIRTY_LOG);
        m.put("KVM_RUN", RUN);
        m.put("KVM_GET_REGS", GET_REGS);
        m.put("KVM_SET_REGS", SET_REGS);
        m.put("KVM_GET_SREGS", GET_SREGS);
        m.put("KVM_SET_SREGS", SET_SREGS);
        m.put("KVM_GET_FPU", GET_FPU);
        m.put("KVM_SET_FPU", SET_FPU);
        m.put("KVM_GET_XSAVE", GET_XSAVE);
        m.put("KVM_SET_XSAVE", SET_XSAVE);
        m.put("KVM_GET_MSRS", GET_MSRS);
        m.put("KVM_SET_MSRS", SET_MSRS);
        m.put("KVM_GET_VCPU_EVENTS", GET_VCPU_EVENTS);
        m.put("KVM_SET_VCPU_EVENTS", SET_VCPU_EVENTS);
        m.put("KVM_GET_DEBUGREGS", GET_DEBUGREGS);
        m.put("KVM_SET_DEBUGREGS", SET_DEBUGREGS);
        m.put("KVM_SET_CPUID2", SET_CPUID2);
        m.put("KVM_SET_GUEST_DEBUG", SET_GUEST_DEBUG);
        m.put("KVM_GET_ONE_REG", GET_ONE_REG);
        m.put("KVM_SET_ONE_REG", SET_ONE_REG);
        m.put("KVM_SET_TSS_ADDR", SET_TSS_ADDR);
        m.put("KVM_GET_SUPPORTED_CPUID", GET_SUPPORTED_CPUID);
        m.put("KVM_GET_XCRS", GET_XCRS);
        m.put("KVM_SET_XCRS", SET_XCRS);
        return m;
    }

    /** The macro name of an ioctl number, or its hex value. */
    public static String name(long request) {
        for (Map.Entry<String, Long> e : all().entrySet()) {
            if (e.getValue() == request) {
                return e.getKey();
            }
        }
        return String.format("ioctl 0x%x", request);
    }
}

package org.jtcg.kvm.x86;

/**
 * The x86 plug-in's settings (what {@link org.jtcg.kvm.KvmOptions} leaves to the architecture).
 *
 * @param syscallMode  how guest SYSCALLs reach the host ({@link SyscallMode#forHost()} picks the one that works here)
 * @param shadowPaging the host KVM shadows guest page tables (PVM; hardware KVM without EPT/NPT): after the
 *                     host clears or replaces a present page-table entry, KVM's shadow pages must be dropped
 *                     ({@link #hostShadowsPageTables()} detects it)
 * @param fpuTransport how the x87/SSE state moves; null = {@link FpuTransport#XSAVE} where KVM has
 *                     KVM_CAP_XSAVE, else {@link FpuTransport#FPU}
 */
public record X86KvmOptions(SyscallMode syscallMode, boolean shadowPaging, FpuTransport fpuTransport) {
    /** Syscall mode and paging for this host, FPU transport from KVM's capabilities. */
    public static X86KvmOptions forHost() {
        return new X86KvmOptions(SyscallMode.forHost(), hostShadowsPageTables(), null);
    }

    /**
     * True unless the host's KVM module says it uses two-dimensional paging: PVM always shadows; kvm_intel
     * without EPT and kvm_amd without NPT do too. Unknown answers count as shadowing (dropping shadow pages
     * is only slower, never wrong).
     */
    public static boolean hostShadowsPageTables() {
        if (SyscallMode.forHost() == SyscallMode.LSTAR_FAULT) {
            return true;
        }
        for (String param : new String[] {"/sys/module/kvm_intel/parameters/ept", "/sys/module/kvm_amd/parameters/npt"}) {
            try {
                String v = java.nio.file.Files.readString(java.nio.file.Path.of(param)).trim();
                return !(v.equals("Y") || v.equals("1"));
            } catch (java.io.IOException | RuntimeException e) {
                // not this vendor's module: try the other
            }
        }
        return true;
    }

    public X86KvmOptions withShadowPaging(boolean on) {
        return new X86KvmOptions(syscallMode, on, fpuTransport);
    }

    public X86KvmOptions withSyscallMode(SyscallMode mode) {
        return new X86KvmOptions(mode, shadowPaging, fpuTransport);
    }

    public X86KvmOptions withFpuTransport(FpuTransport t) {
        return new X86KvmOptions(syscallMode, shadowPaging, t);
    }
}

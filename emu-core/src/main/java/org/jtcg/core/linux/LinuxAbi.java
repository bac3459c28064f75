package org.jtcg.core.linux;

/**
 * Per-arch Linux user-mode ABI a frontend provides. PLACEHOLDER: the Linux user-mode
 * work defines the methods here (syscall number table, argument/result registers,
 * initial registers, AT_HWCAP/AT_PLATFORM, arch-specific syscalls such as arch_prctl).
 */
public interface LinuxAbi {
}

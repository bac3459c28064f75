package org.jtcg.s390x;

import org.jtcg.core.linux.SignalFrameLayout;
import org.jtcg.cpreg.S390Registers;

/**
 * The s390x rt_sigframe as data (arch/s390/kernel/signal.c, uapi asm/sigcontext.h and asm/ucontext.h),
 * all big-endian: the 160-byte register save area of the s390x ELF ABI (its first word, the back
 * chain, holds the interrupted r15), the 2-byte svc_insn at 160, the 128-byte siginfo at 168, the
 * ucontext_extended at 296 (uc_flags, uc_link, uc_stack, then _sigregs at uc+40: PSW mask and address,
 * r0-r15, a0-a15 as 32-bit words, fpc and a pad word, f0-f15; uc_sigmask at uc+384 padded to glibc's
 * 1024-bit set). Without the vector facility (jtcg's s390x CPU, and qemu with vx=off) the kernel
 * leaves out _sigregs_ext and sets uc_flags 0: 808 bytes, 8-byte aligned, right below r15 (no red zone).
 *
 * <p>Handler entry: r2 = sig, r3 = &siginfo, r4 = &ucontext, r15 = frame, r14 = the return path:
 * sa_restorer with SA_RESTORER, otherwise the kernel's vDSO rt_sigreturn trampoline, here a
 * jtcg-mapped page holding {@code svc 173} (glibc sets no SA_RESTORER on s390x). rt_sigreturn finds
 * the frame at r15 and restores r0-r15, the PSW address, the CC and program mask of the PSW mask (the
 * other mask bits are the kernel's), a0-a15, the FPC and f0-f15.
 */
final class S390xSignalFrame {
    private S390xSignalFrame() {}

    static final int SAVE_AREA = 160, SIGINFO = 168, UC = SIGINFO + 128, SIGREGS = UC + 40;
    static final int PSW_MASK = SIGREGS, PSW_ADDR = SIGREGS + 8, GPRS = SIGREGS + 16, ACRS = GPRS + 16 * 8,
            FPC = ACRS + 16 * 4, FPRS = FPC + 8, UC_SIGMASK = 40 + 344;
    /** ucontext_extended without _sigregs_ext: 512 bytes. */
    static final int FRAME_SIZE = UC + 512;
    /** PSW mask bits rt_sigreturn takes from the frame: condition code and program mask (bits 18-23). */
    static final long PSW_USER_BITS = 0x0000_3F00_0000_0000L;
    /** {@code svc 173} (rt_sigreturn). */
    static final byte[] SIGTRAMP = {0x0a, (byte) 173};

    static final SignalFrameLayout LAYOUT = build();

    private static SignalFrameLayout build() {
        long r15 = S390Registers.gpr(15);
        SignalFrameLayout l = new SignalFrameLayout()
                .frame(FRAME_SIZE, 8, 0)
                .linkRegister(S390Registers.gpr(14))
                .sigreturnTrampoline(SIGTRAMP)
                .stackPointer(r15)
                .programCounter(S390Registers.PSW_ADDR)
                .resultRegister(S390Registers.gpr(2))
                .argRegisters(S390Registers.gpr(2), S390Registers.gpr(3), S390Registers.gpr(4))
                .ucontextAt(UC).siginfoAt(SIGINFO).ucFlags(0)
                .ucStackAndSigmask(16, UC_SIGMASK)
                .sigreturnSpBias(0);
        l.savedOnlySlot(r15, 0, 8);  // the back chain of the register save area
        l.maskedSlot(S390Registers.PSW_MASK, PSW_MASK, 8, PSW_USER_BITS);
        l.slot(S390Registers.PSW_ADDR, PSW_ADDR, 8);
        for (int i = 0; i < 16; i++) {
            l.slot(S390Registers.gpr(i), GPRS + 8 * i, 8);
        }
        for (int i = 0; i < 16; i++) {
            l.slot(S390Registers.acr(i), ACRS + 4 * i, 4);
        }
        l.slot(S390Registers.FPC, FPC, 4);
        for (int i = 0; i < 16; i++) {
            l.wordSlot(S390Registers.vr(i), 1, FPRS + 8 * i);  // FPR i = the leftmost 64 bits of V i
        }
        return l;
    }
}

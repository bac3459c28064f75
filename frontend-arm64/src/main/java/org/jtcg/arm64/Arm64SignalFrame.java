package org.jtcg.arm64;

import org.jtcg.core.linux.SignalFrameLayout;
import org.jtcg.cpreg.Arm64Registers;

/**
 * The arm64 rt_sigframe as data (arch/arm64/kernel/signal.c, uapi asm/sigcontext.h and asm/ucontext.h):
 * the 128-byte siginfo at 0, the ucontext at 128 (uc_flags, uc_link, uc_stack, uc_sigmask at uc+40
 * padded to glibc's 1024-bit set, the sigcontext at uc+176: fault_address, regs[31], sp, pc, pstate,
 * then the 4096-byte __reserved area at uc+464, 16-byte aligned). The reserved area holds a chain of
 * records; the kernel writes an fpsimd_context (magic FPSIMD_MAGIC, size 528, fpsr, fpcr, vregs[32]
 * as 128-bit little-endian values) and then the zero terminator record. 4688 bytes, 16-byte aligned,
 * below a 16-byte frame record {x29, x30} that the handler's x29 points at. No red zone.
 *
 * <p>Handler entry: x0 = sig, x1 = &siginfo, x2 = &ucontext, sp = frame, x30 = the return path:
 * sa_restorer with SA_RESTORER, otherwise the kernel's vDSO sigtramp, here a jtcg-mapped page with
 * the same two instructions ({@code mov x8, #139; svc #0}: glibc sets no SA_RESTORER on arm64).
 * rt_sigreturn finds the frame at sp and restores x0-x30, sp, pc, NZCV, the V registers, FPSR and
 * FPCR. The kernel's optional records (esr_context for faults, SVE, SME) are not written: jtcg's CPU
 * has neither SVE nor SME, and nothing in glibc reads the ESR.
 */
final class Arm64SignalFrame {
    private Arm64SignalFrame() {}

    static final int SIGINFO = 0, UC = 128, UC_SIGMASK = 40, MCONTEXT = UC + 176;
    static final int FAULT_ADDRESS = MCONTEXT, REGS = MCONTEXT + 8, SP = REGS + 8 * 31, PC = SP + 8, PSTATE = PC + 8;
    /** sigcontext.__reserved: aligned(16) after pstate. */
    static final int RESERVED = MCONTEXT + 288;
    static final int FPSIMD = RESERVED, FPSIMD_MAGIC = 0x46508001, FPSIMD_SIZE = 528;
    static final int FPSR = FPSIMD + 8, FPCR = FPSIMD + 12, VREGS = FPSIMD + 16;
    /** sizeof(struct rt_sigframe): siginfo + ucontext (176 + sigcontext's 288 + 4096). */
    static final int FRAME_SIZE = UC + 176 + 288 + 4096;
    /** PSTATE bits rt_sigreturn takes from the frame: NZCV (the kernel rejects or forces the others for EL0). */
    static final long PSTATE_USER_BITS = 0xF000_0000L;
    static final int NR_RT_SIGRETURN = 139;
    /** arm64's MINSIGSTKSZ (uapi asm/signal.h): the frame with its 4 KiB __reserved area needs more than 2048. */
    static final int MINSIGSTKSZ = 5120;
    /** {@code mov x8, #139; svc #0}, little-endian. */
    static final byte[] SIGTRAMP = {0x68, 0x11, (byte) 0x80, (byte) 0xd2, 0x01, 0x00, 0x00, (byte) 0xd4};

    static final SignalFrameLayout LAYOUT = build();

    private static SignalFrameLayout build() {
        SignalFrameLayout l = new SignalFrameLayout()
                .frame(FRAME_SIZE, 16, 0)
                .frameRecord(Arm64Registers.x(29), Arm64Registers.x(30))
                .linkRegister(Arm64Registers.x(30))
                .sigreturnTrampoline(SIGTRAMP)
                .stackPointer(Arm64Registers.SP)
                .programCounter(Arm64Registers.PC)
                .resultRegister(Arm64Registers.x(0))
                .argRegisters(Arm64Registers.x(0), Arm64Registers.x(1), Arm64Registers.x(2))
                .ucontextAt(UC).siginfoAt(SIGINFO).ucFlags(0)
                .ucStackAndSigmask(16, UC_SIGMASK)
                .faultAddressAt(FAULT_ADDRESS)
                .sigreturnSpBias(0)
                .minSignalStackSize(MINSIGSTKSZ)
                .frameConstant(FPSIMD, 4, FPSIMD_MAGIC)
                .frameConstant(FPSIMD + 4, 4, FPSIMD_SIZE);
        for (int i = 0; i < 31; i++) {
            l.slot(Arm64Registers.x(i), REGS + 8 * i, 8);
        }
        l.slot(Arm64Registers.SP, SP, 8);
        l.slot(Arm64Registers.PC, PC, 8);
        l.maskedSlot(Arm64Registers.PSTATE, PSTATE, 8, PSTATE_USER_BITS);
        l.slot(Arm64Registers.FPSR, FPSR, 4);
        l.slot(Arm64Registers.FPCR, FPCR, 4);
        for (int i = 0; i < 32; i++) {
            l.slot(Arm64Registers.v(i), VREGS + 16 * i, 16);
        }
        return l;
    }
}

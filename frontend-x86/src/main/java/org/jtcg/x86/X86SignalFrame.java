package org.jtcg.x86;

import org.jtcg.core.linux.SignalFrameLayout;
import org.jtcg.cpreg.X86Registers;

/**
 * The x86-64 rt_sigframe as data (arch/x86/include/asm/sigframe.h, uapi asm/sigcontext.h and
 * asm/ucontext.h): {@code pretcode} (the return address, sa_restorer) at 0, the ucontext at 8
 * (uc_flags, uc_link, uc_stack, the 256-byte sigcontext at uc+40, uc_sigmask at uc+296), the
 * 128-byte siginfo at 312; 440 bytes, placed so that (rsp + 8) is 16-byte aligned at handler
 * entry, as after a call. The FP state is an XSAVE-format area above the frame (64-byte aligned),
 * pointed to by sigcontext.fpstate, as Linux writes it on an XSAVE CPU (arch/x86/kernel/fpu/signal.c,
 * uapi asm/sigcontext.h): the FXSAVE legacy area whose software-reserved bytes (464) hold
 * {@code struct _fpx_sw_bytes} (FP_XSTATE_MAGIC1, sizes, xfeatures = x87|SSE|AVX), the XSAVE header
 * at 512 (XSTATE_BV = 7), the AVX component (bits 255:128 of ymm0-15) at 576, and FP_XSTATE_MAGIC2
 * after it; uc_flags has UC_FP_XSTATE. A plain FXSAVE reader still finds x87 and SSE where it expects.
 */
final class X86SignalFrame {
    private X86SignalFrame() {}

    static final int UC = 8, MCONTEXT = UC + 40, SIGINFO = UC + 304, FRAME_SIZE = SIGINFO + 128;
    /** uc_flags: UC_FP_XSTATE | UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS. */
    static final long UC_FLAGS = 0x1 | 0x2 | 0x4;
    /** sigcontext word order: r8-r15, rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp (hardware numbers). */
    private static final int[] GREG_ORDER = {8, 9, 10, 11, 12, 13, 14, 15, 7, 6, 5, 3, 2, 0, 1, 4};
    static final int RIP_WORD = 16, EFLAGS_WORD = 17, CSGSFS_WORD = 18, OLDMASK_WORD = 21, CR2_WORD = 22,
            FPSTATE_WORD = 23;
    /** FXSAVE area: 512 bytes; st0-7 at 32 (16-byte slots, 80 bits used), xmm0-15 at 160. */
    static final int FXSAVE_SIZE = 512, FX_MXCSR = 24, FX_MXCSR_MASK = 28, FX_ST = 32, FX_XMM = 160;
    /** XSAVE parts: _fpx_sw_bytes at 464, header at 512, AVX (YMM_Hi128) at 576, magic2 after the 832-byte image. */
    static final int SW_BYTES = 464, XSAVE_HEADER = 512, YMM_HI = 576, XSTATE_SIZE = 832;
    static final int FP_XSTATE_MAGIC1 = 0x46505853, FP_XSTATE_MAGIC2 = 0x46505845, MAGIC2_SIZE = 4;
    /** XCR0 / XSTATE_BV components in the image: x87, SSE, AVX. */
    static final long XFEATURES = 0b111;
    /** RFLAGS bits cleared on handler entry: TF, DF, RF. */
    static final long ENTRY_CLEARED_FLAGS = 0x100 | 0x400 | 0x1_0000;

    static final SignalFrameLayout LAYOUT = build();

    private static SignalFrameLayout build() {
        long rsp = X86Registers.gpr(4);
        SignalFrameLayout l = new SignalFrameLayout()
                .redZone(128)
                .fpArea(XSTATE_SIZE + MAGIC2_SIZE, 64)
                .frame(FRAME_SIZE, 16, 8)
                .returnAddressAt(0)
                .stackPointer(rsp)
                .programCounter(X86Registers.RIP)
                .resultRegister(X86Registers.gpr(0))
                .argRegisters(X86Registers.gpr(7), X86Registers.gpr(6), X86Registers.gpr(2))
                .flagsClearedOnEntry(X86Registers.RFLAGS, ENTRY_CLEARED_FLAGS)
                .ucontextAt(UC).siginfoAt(SIGINFO).ucFlags(UC_FLAGS)
                .ucStackAndSigmask(16, 296)
                .fpPointerAt(MCONTEXT + 8 * FPSTATE_WORD)
                .faultAddressAt(MCONTEXT + 8 * CR2_WORD)
                .oldMaskAt(MCONTEXT + 8 * OLDMASK_WORD)
                .sigreturnSpBias(8);
        for (int i = 0; i < GREG_ORDER.length; i++) {
            l.slot(X86Registers.gpr(GREG_ORDER[i]), MCONTEXT + 8 * i, 8);
        }
        l.slot(X86Registers.RIP, MCONTEXT + 8 * RIP_WORD, 8);
        l.slot(X86Registers.RFLAGS, MCONTEXT + 8 * EFLAGS_WORD, 8);
        // cs, gs, fs, ss as 16-bit words; the kernel checks rather than loads them on return.
        l.savedOnlySlot(X86Registers.seg(X86Registers.CS, X86Registers.SEG_SELECTOR), MCONTEXT + 8 * CSGSFS_WORD, 2);
        l.savedOnlySlot(X86Registers.seg(X86Registers.SS, X86Registers.SEG_SELECTOR), MCONTEXT + 8 * CSGSFS_WORD + 6, 2);
        l.fpSlot(X86UserRegisters.FCW, 0, 2).fpSlot(X86UserRegisters.FSW, 2, 2).fpSlot(X86UserRegisters.FTW, 4, 1)
                .fpSlot(X86UserRegisters.FOP, 6, 2).fpSlot(X86UserRegisters.FIP, 8, 8).fpSlot(X86UserRegisters.FDP, 16, 8)
                .fpSlot(X86Registers.MXCSR, FX_MXCSR, 4)
                .fpConstant(FX_MXCSR_MASK, 4, 0xffff);
        for (int i = 0; i < 8; i++) l.fpSlot(X86Registers.st(i), FX_ST + 16 * i, 10);
        for (int i = 0; i < 16; i++) l.fpSlot(X86Registers.xmm(i), FX_XMM + 16 * i, 16);
        // the XSAVE extension of the area (what glibc and a restoring kernel look for)
        l.fpConstant(SW_BYTES, 4, FP_XSTATE_MAGIC1).fpConstant(SW_BYTES + 4, 4, XSTATE_SIZE + MAGIC2_SIZE)
                .fpConstant(SW_BYTES + 8, 8, XFEATURES).fpConstant(SW_BYTES + 16, 4, XSTATE_SIZE)
                .fpConstant(XSAVE_HEADER, 8, XFEATURES).fpConstant(XSTATE_SIZE, 4, FP_XSTATE_MAGIC2);
        for (int i = 0; i < 16; i++) l.fpSlot(X86Registers.ymmHigh(i), YMM_HI + 16 * i, 16);
        return l;
    }
}

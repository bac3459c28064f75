package org.jtcg.core.linux;

import java.util.ArrayList;
import java.util.List;

/**
 * How one arch's kernel lays out the rt_sigframe it pushes for a handler, as data (offsets from the
 * UAPI headers asm/sigcontext.h and asm/ucontext.h and the kernel's struct rt_sigframe), and which
 * registers carry the handler's arguments. {@link SignalDelivery} runs the arch-neutral algorithm
 * over it. Built with the fluent setters below by each frontend's LinuxAbi.
 *
 * <p>Offsets named "uc" are relative to the ucontext, "frame" ones to the frame start; register
 * slots are relative to the frame or to the separate FP area (x86-64 puts its fxsave/xsave area
 * above the frame and points at it from the mcontext).
 */
public final class SignalFrameLayout {
    /** Where a register slot lives. */
    public enum Base { FRAME, FP_AREA }

    /**
     * A register saved in the frame: {@code bytes} bytes of register {@code regId} (its 64-bit words
     * from {@code firstWord} on, in the arch's byte order, the last one truncated); restored by
     * rt_sigreturn unless {@code restore} is false (e.g. segment selectors the kernel checks rather
     * than loads), and then only the bits of {@code restoreBits} (the rest keep their current value:
     * the kernel takes only the user-changeable bits of a saved PSW mask or PSTATE).
     */
    public record Slot(long regId, Base base, int offset, int bytes, boolean restore, int firstWord, long restoreBits) {
        Slot(long regId, Base base, int offset, int bytes, boolean restore) {
            this(regId, base, offset, bytes, restore, 0, -1L);
        }
    }

    int redZone;
    int fpAreaSize, fpAreaAlign = 16;
    int frameSize, frameAlign = 16, frameBias;
    int returnAddressOffset = -1;
    long linkRegister;
    long stackPointer, programCounter, resultRegister, flagsRegister;
    long flagsClearedOnEntry;
    long[] argRegisters = new long[3];
    int ucOffset, infoOffset;
    long ucFlags;
    int ucStackOffset, ucSigmaskOffset;
    int fpPointerOffset = -1, faultAddressOffset = -1, oldMaskOffset = -1;
    int sigreturnSpBias;
    int minSignalStackSize = 2048;
    long frameRecordFp, frameRecordLr;
    byte[] trampoline;
    final List<Slot> slots = new ArrayList<>();

    /** Bytes below the interrupted SP the handler's frame must not touch (x86-64: 128). */
    public SignalFrameLayout redZone(int bytes) { redZone = bytes; return this; }
    /** A separate FP state area below the red zone, {@code align}-aligned; 0 size: none. */
    public SignalFrameLayout fpArea(int size, int align) { fpAreaSize = size; fpAreaAlign = align; return this; }
    /** The frame: its size; SP = round_down(sp - size, align) - bias. */
    public SignalFrameLayout frame(int size, int align, int bias) {
        frameSize = size; frameAlign = align; frameBias = bias; return this;
    }
    /** The handler returns through a return address stored at this frame offset (x86-64 pretcode). */
    public SignalFrameLayout returnAddressAt(int offset) { returnAddressOffset = offset; return this; }
    /** The handler returns through this link register (arm64 x30, s390x r14). */
    public SignalFrameLayout linkRegister(long reg) { linkRegister = reg; return this; }
    public SignalFrameLayout stackPointer(long reg) { stackPointer = reg; return this; }
    /** The PC's register id: written by id, not through {@code cpu.pc}, because the KVM engine hooks by-id access. */
    public SignalFrameLayout programCounter(long reg) { programCounter = reg; return this; }
    /** Where rt_sigreturn's "result" lives: the syscall result register, restored from the frame. */
    public SignalFrameLayout resultRegister(long reg) { resultRegister = reg; return this; }
    /** Flags register bits the kernel clears on handler entry (x86-64: DF and TF). */
    public SignalFrameLayout flagsClearedOnEntry(long reg, long bits) {
        flagsRegister = reg; flagsClearedOnEntry = bits; return this;
    }
    /** Registers receiving signo, &siginfo, &ucontext. */
    public SignalFrameLayout argRegisters(long sig, long info, long uc) {
        argRegisters = new long[] {sig, info, uc}; return this;
    }
    public SignalFrameLayout ucontextAt(int frameOffset) { ucOffset = frameOffset; return this; }
    public SignalFrameLayout siginfoAt(int frameOffset) { infoOffset = frameOffset; return this; }
    /** uc_flags value the kernel stores. */
    public SignalFrameLayout ucFlags(long v) { ucFlags = v; return this; }
    /** uc_stack (stack_t: ss_sp, int ss_flags, ss_size at +0/+8/+16) and uc_sigmask, relative to the ucontext. */
    public SignalFrameLayout ucStackAndSigmask(int stackOffset, int sigmaskOffset) {
        ucStackOffset = stackOffset; ucSigmaskOffset = sigmaskOffset; return this;
    }
    /** Frame offset of the mcontext's pointer to the FP area (x86-64 fpstate). */
    public SignalFrameLayout fpPointerAt(int frameOffset) { fpPointerOffset = frameOffset; return this; }
    /** Frame offset of the fault address word (x86-64 cr2, arm64 fault_address). */
    public SignalFrameLayout faultAddressAt(int frameOffset) { faultAddressOffset = frameOffset; return this; }
    /** Frame offset of the old-mask word (x86-64 sigcontext.oldmask). */
    public SignalFrameLayout oldMaskAt(int frameOffset) { oldMaskOffset = frameOffset; return this; }
    /** rt_sigreturn finds the frame at SP - bias (x86-64: 8, the handler's ret popped pretcode). */
    public SignalFrameLayout sigreturnSpBias(int bias) { sigreturnSpBias = bias; return this; }
    /** MINSIGSTKSZ: the smallest stack sigaltstack accepts (2048; arm64 5120). */
    public SignalFrameLayout minSignalStackSize(int bytes) { minSignalStackSize = bytes; return this; }
    public SignalFrameLayout slot(long regId, int frameOffset, int bytes) {
        slots.add(new Slot(regId, Base.FRAME, frameOffset, bytes, true)); return this;
    }
    public SignalFrameLayout savedOnlySlot(long regId, int frameOffset, int bytes) {
        slots.add(new Slot(regId, Base.FRAME, frameOffset, bytes, false)); return this;
    }
    public SignalFrameLayout fpSlot(long regId, int areaOffset, int bytes) {
        slots.add(new Slot(regId, Base.FP_AREA, areaOffset, bytes, true)); return this;
    }
    /** 8 bytes of word {@code word} of a wider register (s390x: FPR n is the leftmost word of vector register n). */
    public SignalFrameLayout wordSlot(long regId, int word, int frameOffset) {
        slots.add(new Slot(regId, Base.FRAME, frameOffset, 8, true, word, -1L)); return this;
    }
    /** A register of which rt_sigreturn restores only {@code restoreBits} (s390x PSW mask: CC and program mask). */
    public SignalFrameLayout maskedSlot(long regId, int frameOffset, int bytes, long restoreBits) {
        slots.add(new Slot(regId, Base.FRAME, frameOffset, bytes, true, 0, restoreBits)); return this;
    }
    /** A constant the kernel writes into the FP area (x86-64 mxcsr_mask), not restored. */
    final List<long[]> fpConstants = new ArrayList<>();
    public SignalFrameLayout fpConstant(int areaOffset, int bytes, long value) {
        fpConstants.add(new long[] {areaOffset, bytes, value}); return this;
    }
    /** A constant the kernel writes into the frame (arm64: the fpsimd_context's magic and size), not restored. */
    final List<long[]> frameConstants = new ArrayList<>();
    public SignalFrameLayout frameConstant(int frameOffset, int bytes, long value) {
        frameConstants.add(new long[] {frameOffset, bytes, value}); return this;
    }
    /**
     * arm64: a 16-byte frame record {fp, lr} (the interrupted values of these registers) sits above the
     * frame, 16-byte aligned, and the handler's {@code fpReg} points at it, so unwinders walk from the
     * handler into the interrupted code.
     */
    public SignalFrameLayout frameRecord(long fpReg, long lrReg) {
        frameRecordFp = fpReg; frameRecordLr = lrReg; return this;
    }
    /**
     * The return path when the action has no SA_RESTORER: this code (the kernel's vDSO sigtramp, an
     * rt_sigreturn syscall), placed in a read-only executable page jtcg maps on first use; the link
     * register then points at it. Without it the handler returns to sa_restorer whatever the flags.
     */
    public SignalFrameLayout sigreturnTrampoline(byte[] code) { trampoline = code.clone(); return this; }

    public List<Slot> slots() { return List.copyOf(slots); }
}

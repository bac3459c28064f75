package org.jtcg.core.linux;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.memory.GuestFault;
import org.jtcg.core.signal.Signals;

/**
 * Runs guest signal handlers, the arch-neutral half of Linux's signal delivery (the arch half is the
 * {@link SignalFrameLayout} data from {@link LinuxAbi#signalFrame()}): picks the stack (the
 * sigaltstack for SA_ONSTACK), pushes the rt_sigframe (siginfo, ucontext with every register the
 * layout names, the FP state, the old blocked mask), points the CPU at the handler with the three
 * arguments and the return path to sa_restorer, and updates the blocked mask and disposition
 * (sa_mask, SA_NODEFER, SA_RESETHAND). {@link #sigreturn} undoes it from the frame, honouring any
 * change the handler made to the saved registers.
 */
public final class SignalDelivery {
    public static final long SA_SIGINFO = 4, SA_ONSTACK = 0x0800_0000L, SA_RESTART = 0x1000_0000L,
            SA_NODEFER = 0x4000_0000L, SA_RESETHAND = 0x8000_0000L, SA_RESTORER = 0x0400_0000L;

    private final LinuxProcess proc;
    private final SignalFrameLayout layout;
    private final SigreturnTrampoline trampoline;

    SignalDelivery(LinuxProcess proc) {
        this.proc = proc;
        this.layout = proc.abi().signalFrame();
        this.trampoline = layout != null && layout.trampoline != null ? new SigreturnTrampoline(layout.trampoline) : null;
    }

    /** True when this arch can run handlers (its LinuxAbi describes a signal frame). */
    public boolean supported() {
        return layout != null;
    }

    /**
     * Delivers a synchronous fault to its handler. Returns false when the fault must take the default
     * action instead: no handler, SIG_IGN or blocked (Linux's force_sig_info unblocks such a signal and
     * resets it to SIG_DFL: re-running the instruction would only fault again), or no frame layout.
     */
    public boolean deliverFault(CpuState cpu, SigInfo info) {
        SignalState.Action a = proc.signals().action(info.signo());
        if (!supported() || a.handler() == SignalState.SIG_DFL || a.handler() == SignalState.SIG_IGN
                || (proc.signals().blocked() & SignalState.bit(info.signo())) != 0) {
            return false;
        }
        return pushFrame(cpu, info, a);
    }

    /**
     * Delivers every pending, unblocked signal (each handler's frame nests on the previous one, as Linux
     * does before returning to user mode); a signal whose action is the default one ends the guest.
     */
    public void deliverPending(CpuState cpu) {
        SignalState s = proc.signals();
        SigInfo info;
        while (!proc.exited() && (info = s.takeDeliverable()) != null) {
            SignalState.Action a = s.action(info.signo());
            if (a.handler() == SignalState.SIG_IGN) continue;
            if (a.handler() == SignalState.SIG_DFL || !supported()) {
                proc.defaultAction(info, a);
                continue;
            }
            if (!pushFrame(cpu, info, a)) return;
        }
        s.restoreSuspendMask();  // rt_sigsuspend's mask, when no handler frame took it over
    }

    private boolean pushFrame(CpuState cpu, SigInfo info, SignalState.Action a) {
        SignalFrameLayout l = layout;
        SignalState s = proc.signals();
        GuestIo io = proc.io();
        long sp = cpu.getReg(l.stackPointer);
        long altSp = s.altStackSp(), altSize = s.altStackSize();
        int altFlags = s.altStackFlags();
        if ((a.flags() & SA_ONSTACK) != 0 && SignalAltStack.state(s, sp) == 0) {  // kernel: !sas_ss_flags(sp)
            sp = altSp + altSize;
        } else {
            sp -= l.redZone;
        }
        long record = 0;
        if (l.frameRecordFp != 0) {
            sp = Math.floorDiv(sp - 16, 16L) * 16;
            record = sp;
        }
        long fpArea = 0;
        if (l.fpAreaSize > 0) {
            sp = Math.floorDiv(sp - l.fpAreaSize, (long) l.fpAreaAlign) * l.fpAreaAlign;
            fpArea = sp;
        }
        long frame = Math.floorDiv(sp - l.frameSize, (long) l.frameAlign) * l.frameAlign - l.frameBias;
        long returnPath = a.restorer();
        if (trampoline != null && (a.flags() & SA_RESTORER) == 0) {
            returnPath = trampoline.address(proc.memory());
            if (returnPath == 0) {
                proc.kill(Signals.SIGSEGV, String.format("at pc 0x%x: no room to map the sigreturn trampoline for %s",
                        cpu.getReg(l.programCounter), Signals.name(info.signo())));
                return false;
            }
        }
        long current = s.blocked();
        long oldBlocked = s.takeMaskForFrame();
        try {
            io.putBytes(frame, new byte[l.frameSize], 0, l.frameSize);
            if (l.fpAreaSize > 0) io.putBytes(fpArea, new byte[l.fpAreaSize], 0, l.fpAreaSize);
            for (SignalFrameLayout.Slot slot : l.slots) {
                long base = slot.base() == SignalFrameLayout.Base.FRAME ? frame : fpArea;
                storeRegister(cpu, slot, base + slot.offset());
            }
            for (long[] c : l.fpConstants) store(fpArea + c[0], (int) c[1], c[2]);
            for (long[] c : l.frameConstants) store(frame + c[0], (int) c[1], c[2]);
            if (record != 0) {
                store(record, 8, cpu.getReg(l.frameRecordFp));
                store(record + 8, 8, cpu.getReg(l.frameRecordLr));
            }
            long uc = frame + l.ucOffset;
            io.put64(uc, l.ucFlags);
            io.put64(uc + 8, 0);  // uc_link
            io.put64(uc + l.ucStackOffset, altSp);
            io.put32(uc + l.ucStackOffset + 8, altFlags);  // __save_altstack: the stored flags
            io.put64(uc + l.ucStackOffset + 16, altSize);
            io.put64(uc + l.ucSigmaskOffset, oldBlocked);
            if (l.fpPointerOffset >= 0) io.put64(frame + l.fpPointerOffset, fpArea);
            if (l.oldMaskOffset >= 0) io.put64(frame + l.oldMaskOffset, oldBlocked);
            if (l.faultAddressOffset >= 0) io.put64(frame + l.faultAddressOffset, info.address());
            info.writeTo(io, frame + l.infoOffset);
            if (l.returnAddressOffset >= 0) io.put64(frame + l.returnAddressOffset, returnPath);
        } catch (GuestFault f) {
            // Linux: a frame that cannot be written forces SIGSEGV with the default action.
            proc.kill(Signals.SIGSEGV, String.format(
                    "at pc 0x%x: the frame for %s could not be written at 0x%x (stack overflow without a usable sigaltstack?)",
                    cpu.getReg(l.programCounter), Signals.name(info.signo()), frame));
            return false;
        }
        cpu.setReg(l.argRegisters[0], info.signo());
        cpu.setReg(l.argRegisters[1], frame + l.infoOffset);
        cpu.setReg(l.argRegisters[2], frame + l.ucOffset);
        cpu.setReg(l.stackPointer, frame);
        if (l.linkRegister != 0) cpu.setReg(l.linkRegister, returnPath);
        if (record != 0) cpu.setReg(l.frameRecordFp, record);
        if (l.flagsClearedOnEntry != 0) {
            cpu.setReg(l.flagsRegister, cpu.getReg(l.flagsRegister) & ~l.flagsClearedOnEntry);
        }
        cpu.setReg(l.programCounter, a.handler());
        if ((altFlags & SignalAltStack.SS_AUTODISARM) != 0) s.setAltStack(0, 0, SignalState.SS_DISABLE);
        long add = a.mask() | ((a.flags() & SA_NODEFER) == 0 ? SignalState.bit(info.signo()) : 0);
        s.setBlocked(current | add);
        if ((a.flags() & SA_RESETHAND) != 0) s.setAction(info.signo(), SignalState.Action.DEFAULT);
        return true;
    }

    /**
     * rt_sigreturn: restores the registers and the blocked mask from the frame at SP (minus the arch's
     * bias) and returns the restored result register, which the syscall layer then stores unchanged.
     */
    long sigreturn(CpuState cpu) {
        SignalFrameLayout l = layout;
        if (l == null) throw new SyscallException(Errno.ENOSYS);
        long frame = cpu.getReg(l.stackPointer) - l.sigreturnSpBias;
        GuestIo io = proc.io();
        long fpArea = l.fpPointerOffset >= 0 ? io.u64(frame + l.fpPointerOffset) : 0;
        long mask = io.u64(frame + l.ucOffset + l.ucSigmaskOffset);
        for (SignalFrameLayout.Slot slot : l.slots) {
            if (!slot.restore()) continue;
            if (slot.base() == SignalFrameLayout.Base.FP_AREA && fpArea == 0) continue;  // no FP state saved
            long base = slot.base() == SignalFrameLayout.Base.FRAME ? frame : fpArea;
            loadRegister(cpu, slot, base + slot.offset());
        }
        proc.signals().setBlocked(mask);
        long ucStack = frame + l.ucOffset + l.ucStackOffset;
        try {  // restore_altstack: errors (EPERM while still on the alternate stack, ...) are ignored
            SignalAltStack.set(proc.signals(), cpu.getReg(l.stackPointer), io.u64(ucStack), (int) io.u32(ucStack + 8),
                    io.u64(ucStack + 16), l.minSignalStackSize);
        } catch (SyscallException e) {
            // kept as it is
        }
        return cpu.getReg(l.resultRegister);
    }

    /** sigaltstack(2): needs the caller's stack pointer (SS_ONSTACK, EPERM); see {@link SignalAltStack}. */
    long sigaltstack(CpuState cpu, long ss, long oldSs) {
        long sp = layout != null ? cpu.getReg(layout.stackPointer) : 0;
        return SignalAltStack.sigaltstack(proc, sp, ss, oldSs, layout != null ? layout.minSignalStackSize : 2048);
    }

    private void storeRegister(CpuState cpu, SignalFrameLayout.Slot slot, long addr) {
        long[] words = cpu.readWords(slot.regId());
        for (int i = 0; slot.firstWord() + i < words.length && 8 * i < slot.bytes(); i++) {
            store(addr + 8L * i, Math.min(8, slot.bytes() - 8 * i), words[slot.firstWord() + i]);
        }
    }

    /** Loads a slot's words into the register; words outside the slot and bits outside restoreBits keep their value. */
    private void loadRegister(CpuState cpu, SignalFrameLayout.Slot slot, long addr) {
        long[] current = cpu.readWords(slot.regId());
        long[] words = new long[current.length];
        for (int i = 0; i < words.length; i++) {
            int k = i - slot.firstWord();
            if (k < 0 || 8 * k >= slot.bytes()) {
                words[i] = current[i];
                continue;
            }
            long saved = proc.memory().load(addr + 8L * k, Math.min(8, slot.bytes() - 8 * k), proc.abi().bigEndian());
            words[i] = (current[i] & ~slot.restoreBits()) | (saved & slot.restoreBits());
        }
        cpu.writeWords(slot.regId(), words);
    }

    private void store(long addr, int size, long v) {
        proc.memory().store(addr, size, v, proc.abi().bigEndian());
    }
}

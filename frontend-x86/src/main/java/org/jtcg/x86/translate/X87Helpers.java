package org.jtcg.x86.translate;

import org.jtcg.core.memory.GuestFault;
import org.jtcg.x86.X86Cpu;
import org.jtcg.x86.sse.Mxcsr;
import org.jtcg.x86.x87.X87Images;
import org.jtcg.core.signal.SigCodes;

/**
 * x87 helpers that need guest memory or the whole FP state: FNSTENV/FLDENV, FNSAVE/FRSTOR and
 * FXSAVE/FXRSTOR (x87 image from {@link X87Images}, MXCSR, MXCSR_MASK and XMM0-15 added here), and
 * the SIGFPE si_code of a pending x87 exception. They touch no hot registers (helper flags 0) and
 * may throw {@link GuestFault}: a memory fault, or #GP (SIGSEGV SI_KERNEL, address 0) for a
 * misaligned FXSAVE area or an FXRSTOR image with reserved MXCSR bits — always before any state
 * changes.
 */
public final class X87Helpers {
    private X87Helpers() {}

    /** SIGFPE si_code for #MF, from FSW's flags not masked by FCW (Linux's {@code swd & ~cwd}). */
    public static long mfSiCode(X86Cpu cpu) {
        return Ctx.fpeSiCode(cpu.x87.fsw() & ~cpu.x87.fcw & 0x3f);
    }

    public static void fnstenv(X86Cpu cpu, long addr) {
        byte[] buf = new byte[X87Images.ENV_SIZE];
        cpu.memory().read(addr, buf, 0, buf.length); // fault before the state changes (FNSTENV masks exceptions)
        X87Images.fnstenv(cpu.x87, buf, 0);
        cpu.memory().write(addr, buf, 0, buf.length);
    }

    public static void fldenv(X86Cpu cpu, long addr) {
        byte[] buf = new byte[X87Images.ENV_SIZE];
        cpu.memory().read(addr, buf, 0, buf.length);
        X87Images.fldenv(cpu.x87, buf, 0);
    }

    public static void fnsave(X86Cpu cpu, long addr) {
        byte[] buf = new byte[X87Images.SAVE_SIZE];
        cpu.memory().read(addr, buf, 0, buf.length);
        X87Images.fnsave(cpu.x87, buf, 0);
        cpu.memory().write(addr, buf, 0, buf.length);
    }

    public static void frstor(X86Cpu cpu, long addr) {
        byte[] buf = new byte[X87Images.SAVE_SIZE];
        cpu.memory().read(addr, buf, 0, buf.length);
        X87Images.frstor(cpu.x87, buf, 0);
    }

    private static void checkAligned(long addr, GuestFault.Access access) {
        if ((addr & 15) != 0) {
            throw new GuestFault(0, access, SigCodes.SI_KERNEL);
        }
    }

    /**
     * FXSAVE/FXSAVE64 (rexW != 0): the 512-byte image. Bytes the instruction does not define (the
     * reserved and software-available areas after XMM15) keep their memory contents.
     */
    public static void fxsave(X86Cpu cpu, long addr, long rexW) {
        checkAligned(addr, GuestFault.Access.WRITE);
        byte[] buf = new byte[X87Images.FXSAVE_SIZE];
        cpu.memory().read(addr, buf, 0, buf.length);
        X87Images.fxsave(cpu.x87, buf, 0, rexW != 0);
        put32(buf, X87Images.FXSAVE_MXCSR, cpu.sse.mxcsr);
        put32(buf, X87Images.FXSAVE_MXCSR_MASK, Mxcsr.WRITABLE);
        for (int i = 0; i < 16; i++) {
            put64(buf, X87Images.FXSAVE_XMM + 16 * i, cpu.sse.lo(i));
            put64(buf, X87Images.FXSAVE_XMM + 16 * i + 8, cpu.sse.hi(i));
        }
        cpu.memory().write(addr, buf, 0, buf.length);
    }

    /** FXRSTOR/FXRSTOR64: reserved MXCSR bits in the image are #GP with nothing restored. */
    public static void fxrstor(X86Cpu cpu, long addr, long rexW) {
        checkAligned(addr, GuestFault.Access.READ);
        byte[] buf = new byte[X87Images.FXSAVE_SIZE];
        cpu.memory().read(addr, buf, 0, buf.length);
        int mxcsr = (int) get64(buf, X87Images.FXSAVE_MXCSR);
        if (!Mxcsr.isValid(mxcsr)) {
            throw new GuestFault(0, GuestFault.Access.READ, SigCodes.SI_KERNEL);
        }
        X87Images.fxrstor(cpu.x87, buf, 0, rexW != 0);
        cpu.sse.mxcsr = mxcsr;
        for (int i = 0; i < 16; i++) {
            cpu.sse.set(i, get64(buf, X87Images.FXSAVE_XMM + 16 * i), get64(buf, X87Images.FXSAVE_XMM + 16 * i + 8));
        }
    }

    private static void put32(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    private static void put64(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    private static long get64(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }
}

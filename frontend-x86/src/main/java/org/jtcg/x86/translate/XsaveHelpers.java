package org.jtcg.x86.translate;

import org.jtcg.core.memory.GuestFault;
import org.jtcg.core.signal.SigCodes;
import org.jtcg.x86.X86Cpu;
import org.jtcg.x86.sse.Mxcsr;
import org.jtcg.x86.x87.X87Images;

/**
 * XSAVE/XRSTOR (standard, non-compacted format; Intel SDM vol. 1 ch. 13) and XGETBV for the state
 * components jtcg has: x87 (0), SSE (1) and AVX (2, bits 255:128 of ymm0-15 at offset 576). XCR0 is
 * fixed (the emulated OS enabled everything advertised). Faults are #GP (SIGSEGV SI_KERNEL, address
 * 0), raised before any state or memory changes: a misaligned area, XGETBV with ecx != 0, and an
 * XRSTOR header that is compacted, names components outside XCR0 or has reserved bytes set, or an
 * MXCSR with reserved bits.
 */
public final class XsaveHelpers {
    private XsaveHelpers() {}

    /** Standard-format offsets: the XSAVE header and the AVX component. */
    public static final int HEADER = 512, XSTATE_BV = 512, XCOMP_BV = 520, AVX = 576, SIZE = 832;
    public static final long X87 = 1, SSE = 2, YMM = 4;
    /** XCR0 while AVX is advertised: x87 | SSE | AVX. */
    public static final long XCR0 = X87 | SSE | YMM;

    private static GuestFault gp(GuestFault.Access access) {
        return new GuestFault(0, access, SigCodes.SI_KERNEL);
    }

    /** XGETBV: edx:eax = XCR{ecx}; only XCR0 exists. */
    public static void xgetbv(X86Cpu cpu) {
        if ((int) cpu.rcx != 0) {
            throw gp(GuestFault.Access.READ);
        }
        cpu.rax = XCR0 & 0xffffffffL;
        cpu.rdx = XCR0 >>> 32;
    }

    /** XSAVE/XSAVE64 of the components in {@code mask} (edx:eax) & XCR0. */
    public static void xsave(X86Cpu cpu, long addr, long mask, long rexW) {
        if ((addr & 63) != 0) {
            throw gp(GuestFault.Access.WRITE);
        }
        long rfbm = mask & XCR0;
        byte[] buf = new byte[SIZE];
        cpu.memory().read(addr, buf, 0, buf.length);
        if ((rfbm & X87) != 0) {
            byte[] legacy = new byte[X87Images.FXSAVE_SIZE];
            System.arraycopy(buf, 0, legacy, 0, legacy.length);
            X87Images.fxsave(cpu.x87, legacy, 0, rexW != 0);
            // the x87 part only: bytes 0-23 and the st registers (32-159)
            System.arraycopy(legacy, 0, buf, 0, 24);
            System.arraycopy(legacy, X87Images.FXSAVE_ST, buf, X87Images.FXSAVE_ST, 128);
        }
        if ((rfbm & (SSE | YMM)) != 0) {
            put(buf, X87Images.FXSAVE_MXCSR, cpu.sse.mxcsr, 4);
            put(buf, X87Images.FXSAVE_MXCSR_MASK, Mxcsr.WRITABLE, 4);
        }
        boolean upperInUse = false;
        for (int i = 0; i < 16; i++) {
            if ((rfbm & SSE) != 0) {
                put(buf, X87Images.FXSAVE_XMM + 16 * i, cpu.sse.lo(i), 8);
                put(buf, X87Images.FXSAVE_XMM + 16 * i + 8, cpu.sse.hi(i), 8);
            }
            if ((rfbm & YMM) != 0) {
                put(buf, AVX + 16 * i, cpu.sse.upperLo(i), 8);
                put(buf, AVX + 16 * i + 8, cpu.sse.upperHi(i), 8);
            }
            upperInUse |= (cpu.sse.upperLo(i) | cpu.sse.upperHi(i)) != 0;
        }
        // XSTATE_BV[i] = XINUSE[i] for the saved components: x87 and SSE are treated as in use, AVX when an upper half is non-zero
        long inUse = X87 | SSE | (upperInUse ? YMM : 0);
        long bv = get(buf, XSTATE_BV, 8);
        put(buf, XSTATE_BV, (bv & ~rfbm) | (inUse & rfbm), 8);
        cpu.memory().write(addr, buf, 0, buf.length);
    }

    /** XRSTOR/XRSTOR64: components in mask & XCR0 from the area where XSTATE_BV has them, else their init state. */
    public static void xrstor(X86Cpu cpu, long addr, long mask, long rexW) {
        if ((addr & 63) != 0) {
            throw gp(GuestFault.Access.READ);
        }
        byte[] buf = new byte[SIZE];
        cpu.memory().read(addr, buf, 0, buf.length);
        long bv = get(buf, XSTATE_BV, 8);
        if (get(buf, XCOMP_BV, 8) != 0 || (bv & ~XCR0) != 0) {
            throw gp(GuestFault.Access.READ);
        }
        for (int at = HEADER + 16; at < AVX; at += 8) {
            if (get(buf, at, 8) != 0) {
                throw gp(GuestFault.Access.READ);
            }
        }
        long rfbm = mask & XCR0;
        int mxcsr = (int) get(buf, X87Images.FXSAVE_MXCSR, 4);
        if ((rfbm & (SSE | YMM)) != 0 && !Mxcsr.isValid(mxcsr)) {
            throw gp(GuestFault.Access.READ);
        }
        if ((rfbm & X87) != 0) {
            if ((bv & X87) != 0) {
                byte[] legacy = new byte[X87Images.FXSAVE_SIZE];
                System.arraycopy(buf, 0, legacy, 0, legacy.length);
                X87Images.fxrstor(cpu.x87, legacy, 0, rexW != 0);
            } else {
                org.jtcg.x86.x87.X87.fninit(cpu.x87);
                for (int i = 0; i < 8; i++) {
                    cpu.x87.significand[i] = 0;
                    cpu.x87.signExp[i] = 0;
                }
            }
        }
        if ((rfbm & (SSE | YMM)) != 0) {
            cpu.sse.mxcsr = mxcsr;
        }
        for (int i = 0; i < 16; i++) {
            if ((rfbm & SSE) != 0) {
                boolean load = (bv & SSE) != 0;
                cpu.sse.set(i, load ? get(buf, X87Images.FXSAVE_XMM + 16 * i, 8) : 0,
                        load ? get(buf, X87Images.FXSAVE_XMM + 16 * i + 8, 8) : 0);
            }
            if ((rfbm & YMM) != 0) {
                boolean load = (bv & YMM) != 0;
                cpu.sse.setUpper(i, load ? get(buf, AVX + 16 * i, 8) : 0, load ? get(buf, AVX + 16 * i + 8, 8) : 0);
            }
        }
    }

    private static void put(byte[] b, int at, long v, int bytes) {
        for (int i = 0; i < bytes; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    private static long get(byte[] b, int at, int bytes) {
        long v = 0;
        for (int i = bytes - 1; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }
}

package org.jtcg.x86.fuzz;

import org.jtcg.cpreg.RegisterList;
import org.jtcg.cpreg.X86Registers;

import java.util.random.RandomGenerator;

/**
 * The machine state a sequence starts from: GPRs (with the reserved rsp, r14, r15 values), the
 * arithmetic RFLAGS bits, xmm0-15, MXCSR and the scratch block's bytes. Everything else is the
 * CPU's reset state.
 *
 * @param gprs    16 values in hardware order
 * @param rflags  RFLAGS (bit 1 and IF set, arithmetic bits random)
 * @param xmm     32 words: xmm{i} is words 2i (low) and 2i+1 (high)
 * @param mxcsr   MXCSR
 * @param scratch the scratch block ({@link FuzzLayout#SCRATCH_SIZE} bytes)
 */
public record InitialState(long[] gprs, long rflags, long[] xmm, int mxcsr, byte[] scratch) {
    public InitialState {
        if (gprs.length != 16 || xmm.length != 32 || scratch.length != FuzzLayout.SCRATCH_SIZE) {
            throw new IllegalArgumentException("initial state needs 16 GPRs, 16 xmm and " + FuzzLayout.SCRATCH_SIZE + " scratch bytes");
        }
        gprs = gprs.clone();
        xmm = xmm.clone();
        scratch = scratch.clone();
    }

    @Override
    public long[] gprs() {
        return gprs.clone();
    }

    @Override
    public long[] xmm() {
        return xmm.clone();
    }

    @Override
    public byte[] scratch() {
        return scratch.clone();
    }

    /** A random state. */
    public static InitialState random(RandomGenerator r) {
        long[] g = new long[16];
        for (int i = 0; i < 16; i++) {
            g[i] = Values.integer(r);
        }
        g[4] = FuzzLayout.RSP_VALUE;
        g[FuzzLayout.BASE_REG] = FuzzLayout.BASE_VALUE;
        g[FuzzLayout.INDEX_REG] = 16L * r.nextInt(FuzzLayout.MAX_INDEX_VALUE / 16 + 1);
        long flags = 0x202 | (r.nextLong() & FlagBits.ALL);
        long[] x = new long[32];
        for (int i = 0; i < 32; i++) {
            x[i] = Values.lane(r);
        }
        byte[] s = new byte[FuzzLayout.SCRATCH_SIZE];
        for (int off = 0; off < s.length; off += 8) {
            long v = r.nextInt(3) == 0 ? r.nextLong() : Values.lane(r);
            for (int b = 0; b < 8; b++) {
                s[off + b] = (byte) (v >>> (8 * b));
            }
        }
        return new InitialState(g, flags, x, 0x1f80, s);
    }

    /** The registers to load (ids of {@code org.jtcg.x86.X86UserRegisters}; RIP is the code start). */
    public RegisterList registers() {
        RegisterList.Builder b = RegisterList.builder();
        for (int i = 0; i < 16; i++) {
            b.put(X86Registers.gpr(i), gprs[i]);
        }
        b.put(X86Registers.RFLAGS, rflags);
        b.put(X86Registers.RIP, FuzzLayout.CODE);
        for (int i = 0; i < 16; i++) {
            b.put(X86Registers.xmm(i), xmm[2 * i], xmm[2 * i + 1]);
        }
        b.put(X86Registers.MXCSR, mxcsr & 0xffff_ffffL);
        return b.build();
    }

    /** The value of GPR {@code n}. */
    public long gpr(int n) {
        return gprs[n];
    }
}

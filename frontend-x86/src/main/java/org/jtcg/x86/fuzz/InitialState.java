package org.jtcg.x86.fuzz;

import org.jtcg.cpreg.RegisterList;
import org.jtcg.cpreg.X86Registers;
import org.jtcg.fuzz.FuzzState;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The machine state a sequence starts from: GPRs (with the reserved rsp, r14, r15 values), the
 * arithmetic RFLAGS bits, xmm0-15, the upper halves of ymm0-15, MXCSR and the scratch block's bytes.
 * Everything else is the CPU's reset state.
 *
 * @param gprs    16 values in hardware order
 * @param rflags  RFLAGS (bit 1 and IF set, arithmetic bits random)
 * @param xmm     32 words: xmm{i} is words 2i (low) and 2i+1 (high)
 * @param mxcsr   MXCSR
 * @param scratch the scratch block ({@link X86FuzzLayout#SCRATCH_SIZE} bytes)
 * @param ymmh    32 words: bits 255:128 of ymm{i} are words 2i (bits 191:128) and 2i+1
 */
public record InitialState(long[] gprs, long rflags, long[] xmm, int mxcsr, byte[] scratch, long[] ymmh) implements FuzzState {
    /** Keywords of the reproducer lines {@link #lines()} writes. */
    static final Set<String> LINE_KEYWORDS = Set.of("gpr", "rflags", "xmm", "ymmh", "mxcsr");

    public InitialState {
        if (gprs.length != 16 || xmm.length != 32 || ymmh.length != 32 || scratch.length != X86FuzzLayout.SCRATCH_SIZE) {
            throw new IllegalArgumentException("initial state needs 16 GPRs, 16 xmm, 16 ymm upper halves and "
                    + X86FuzzLayout.SCRATCH_SIZE + " scratch bytes");
        }
        gprs = gprs.clone();
        xmm = xmm.clone();
        ymmh = ymmh.clone();
        scratch = scratch.clone();
    }

    @Override
    public long[] ymmh() {
        return ymmh.clone();
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
        g[4] = X86FuzzLayout.RSP_VALUE;
        g[X86FuzzLayout.BASE_REG] = X86FuzzLayout.BASE_VALUE;
        g[X86FuzzLayout.INDEX_REG] = 16L * r.nextInt(X86FuzzLayout.MAX_INDEX_VALUE / 16 + 1);
        long flags = 0x202 | (r.nextLong() & FlagBits.ALL);
        long[] x = new long[32];
        for (int i = 0; i < 32; i++) {
            x[i] = Values.lane(r);
        }
        byte[] s = new byte[X86FuzzLayout.SCRATCH_SIZE];
        for (int off = 0; off < s.length; off += 8) {
            long v = r.nextInt(3) == 0 ? r.nextLong() : Values.lane(r);
            for (int b = 0; b < 8; b++) {
                s[off + b] = (byte) (v >>> (8 * b));
            }
        }
        return new InitialState(g, flags, x, 0x1f80, s, upperHalves(g, x));
    }

    /**
     * Random ymm upper halves drawn from their own generator, seeded from the GPR and xmm values already drawn:
     * the main generator is not advanced, so every seed keeps the sequences it produced before the upper
     * halves were part of the state.
     */
    private static long[] upperHalves(long[] g, long[] x) {
        long seed = 0x9e3779b97f4a7c15L;
        for (long v : g) {
            seed = (seed ^ v) * 0xbf58476d1ce4e5b9L;
        }
        for (long v : x) {
            seed = (seed ^ v) * 0x94d049bb133111ebL;
        }
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        long[] h = new long[32];
        for (int i = 0; i < 32; i++) {
            h[i] = Values.lane(r);
        }
        return h;
    }

    /** The registers to load (ids of {@code org.jtcg.x86.X86UserRegisters}; RIP is the code start). */
    public RegisterList registers() {
        RegisterList.Builder b = RegisterList.builder();
        for (int i = 0; i < 16; i++) {
            b.put(X86Registers.gpr(i), gprs[i]);
        }
        b.put(X86Registers.RFLAGS, rflags);
        b.put(X86Registers.RIP, X86FuzzLayout.CODE);
        for (int i = 0; i < 16; i++) {
            b.put(X86Registers.xmm(i), xmm[2 * i], xmm[2 * i + 1]);
        }
        for (int i = 0; i < 16; i++) {
            b.put(X86Registers.ymmHigh(i), ymmh[2 * i], ymmh[2 * i + 1]);
        }
        b.put(X86Registers.MXCSR, mxcsr & 0xffff_ffffL);
        return b.build();
    }

    /** The value of GPR {@code n}. */
    public long gpr(int n) {
        return gprs[n];
    }

    /**
     * Reproducer lines: {@code gpr N 0x..}, {@code rflags 0x..}, {@code xmm N 0xHIGH_LOW}, {@code ymmh N 0xHIGH_LOW}
     * (bits 255:128 of ymm N; only the non-zero ones), {@code mxcsr 0x..}.
     */
    List<String> lines() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            out.add(String.format("gpr %d 0x%x", i, gprs[i]));
        }
        out.add(String.format("rflags 0x%x", rflags));
        for (int i = 0; i < 16; i++) {
            out.add(String.format("xmm %d 0x%016x_%016x", i, xmm[2 * i + 1], xmm[2 * i]));
        }
        for (int i = 0; i < 16; i++) {
            if ((ymmh[2 * i] | ymmh[2 * i + 1]) != 0) {
                out.add(String.format("ymmh %d 0x%016x_%016x", i, ymmh[2 * i + 1], ymmh[2 * i]));
            }
        }
        out.add(String.format("mxcsr 0x%x", mxcsr));
        return out;
    }

    /**
     * The state from {@link #lines()}-style lines (split at white space); registers without a line
     * are zero (RFLAGS 0x202, MXCSR 0x1f80), so reproducers written before the ymm upper halves load as before.
     *
     * @throws IllegalArgumentException for a malformed line
     */
    static InitialState parse(List<String[]> lines, byte[] scratch) {
        long[] g = new long[16];
        long flags = 0x202;
        long[] x = new long[32];
        long[] h = new long[32];
        int csr = 0x1f80;
        for (String[] f : lines) {
            try {
                switch (f[0]) {
                    case "gpr" -> g[Integer.parseInt(f[1])] = Long.parseUnsignedLong(hex(f[2]), 16);
                    case "rflags" -> flags = Long.parseUnsignedLong(hex(f[1]), 16);
                    case "xmm", "ymmh" -> {
                        long[] into = f[0].equals("xmm") ? x : h;
                        int i = Integer.parseInt(f[1]);
                        String[] w = hex(f[2]).split("_");
                        into[2 * i + 1] = Long.parseUnsignedLong(w[0], 16);
                        into[2 * i] = Long.parseUnsignedLong(w[1], 16);
                    }
                    case "mxcsr" -> csr = Integer.parseUnsignedInt(hex(f[1]), 16);
                    default -> throw new IllegalArgumentException("unknown line '" + f[0] + "'");
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("'" + String.join(" ", f) + "': " + (e.getMessage() == null ? e : e.getMessage()), e);
            }
        }
        return new InitialState(g, flags, x, csr, scratch, h);
    }

    private static String hex(String s) {
        if (!s.startsWith("0x")) {
            throw new IllegalArgumentException("expected a 0x value");
        }
        return s.substring(2);
    }
}

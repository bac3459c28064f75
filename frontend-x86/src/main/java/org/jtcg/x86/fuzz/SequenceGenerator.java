package org.jtcg.x86.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds random {@link X86FuzzCase}s from a {@link PatternTable}, deterministically: case {@code i} of
 * seed {@code s} depends only on {@code (s, i)}, the table and the length.
 *
 * <p>Constraints (see docs/fuzz.md): rsp, r14 and r15 are never written; memory operands stay in
 * the scratch block ([r15 + r14*scale + disp], [rip + disp32], or 32-bit forms of those, with
 * 16-byte alignment where the form needs it); an instruction that would read a flag left undefined
 * by an earlier one is not chosen; div/idiv get guard instructions that make #DE rare.
 */
public final class SequenceGenerator {
    private static final int MAX_TRIES = 1000;

    private final PatternTable table;
    private final MaskTable masks;
    private final int length;
    private final Guards guards;

    /**
     * @param table  the forms to draw from
     * @param masks  undefined-flag table
     * @param length generated instructions per case (guards not counted)
     */
    public SequenceGenerator(PatternTable table, MaskTable masks, int length) {
        if (table.patterns().isEmpty()) {
            throw new IllegalArgumentException("no instruction forms to generate from");
        }
        if (length < 1) {
            throw new IllegalArgumentException("sequence length must be at least 1");
        }
        this.table = table;
        this.masks = masks;
        this.length = length;
        this.guards = new Guards(PatternTable.builtIn());
    }

    public int length() {
        return length;
    }

    /** Case {@code index} of run {@code seed}. */
    public X86FuzzCase generate(long seed, long index) {
        SplittableRandom r = new SplittableRandom(mix(seed, index));
        InitialState init = InitialState.random(r);
        FlagTracker flags = new FlagTracker(masks);
        List<List<FuzzInsn>> items = new ArrayList<>();
        for (int n = 0; n < length; n++) {
            List<FuzzInsn> item = null;
            for (int tries = 0; item == null; tries++) {
                if (tries == MAX_TRIES) {
                    throw new IllegalStateException("no instruction form fits after " + MAX_TRIES + " tries (flags "
                            + FlagBits.format(flags.undefined()) + " undefined)");
                }
                item = tryItem(r, init, flags);
            }
            items.add(item);
        }
        return new X86FuzzCase(seed, index, init, items, masks);
    }

    /** An item whose instructions can all run given the flag state, applied to {@code flags}; or null. */
    private List<FuzzInsn> tryItem(SplittableRandom r, InitialState init, FlagTracker flags) {
        Pattern p = table.patterns().get(r.nextInt(table.patterns().size()));
        FuzzInsn insn = instantiate(r, p, init);
        if (insn == null) {
            return null;
        }
        List<FuzzInsn> item = new ArrayList<>(guards.before(insn));
        item.add(insn);
        FlagTracker probe = flags.copy();
        for (FuzzInsn i : item) {
            if (!probe.canRun(i)) {
                return null;
            }
            probe.apply(i);
        }
        for (FuzzInsn i : item) {
            flags.apply(i);
        }
        return item;
    }

    /** Chooses operands for {@code p}; null if this draw cannot be encoded (e.g. ah with REX). */
    FuzzInsn instantiate(SplittableRandom r, Pattern p, InitialState init) {
        int[] sizes = p.sizes();
        int bits = sizes.length == 0 ? 0 : sizes[r.nextInt(sizes.length)];
        int opBytes = bits / 8;
        List<Arg> args = new ArrayList<>();
        for (int i = 0; i < p.operands().size(); i++) {
            OperandForm f = p.operands().get(i);
            boolean written = !p.readOnly() && (i == 0 || (i == 1 && p.writesSecond()));
            boolean divisor = p.guard() != null;
            args.add(switch (f.kind()) {
                case E -> r.nextInt(3) == 0 ? memory(r, p, f, opBytes, init) : gpr(r, f.regBytes(opBytes), written, divisor);
                case G, R, Z, B -> gpr(r, f.regBytes(opBytes), written, divisor);
                case M -> memory(r, p, f, opBytes, init);
                case MA -> address(r);
                case V, U, H -> new Arg.Xmm(r.nextInt(16));
                case W -> r.nextInt(3) == 0 ? memory(r, p, f, opBytes, init) : new Arg.Xmm(r.nextInt(16));
                case I -> immediate(r, p, f.immBytes(opBytes), bits);
                case IBS -> immediate(r, p, 1, bits);
                case AL, RAX, CL, ONE -> new Arg.Implicit(f.kind());
            });
        }
        FuzzInsn insn = new FuzzInsn(p, bits, args, r.nextInt(16) == 0);
        try {
            insn.encode(X86FuzzLayout.CODE);
        } catch (IllegalArgumentException e) {
            return null; // e.g. ah..bh together with a register that needs REX
        }
        return insn;
    }

    private static Arg.Gpr gpr(SplittableRandom r, int bytes, boolean written, boolean divisor) {
        while (true) {
            int n = r.nextInt(16);
            boolean high8 = bytes == 1 && n >= 4 && n < 8 && r.nextBoolean();
            int reg = high8 ? n - 4 : n;
            if ((written || divisor) && !high8 && X86FuzzLayout.reserved(reg)) {
                continue; // a guard writes the divisor (or src, 1)
            }
            if (divisor && (reg == 0 || reg == 2)) {
                continue; // the guards set rax/rdx up as the dividend
            }
            return new Arg.Gpr(reg, bytes, high8);
        }
    }

    private static Arg.Imm immediate(SplittableRandom r, Pattern p, int bytes, int bits) {
        long v;
        if (p.hasImmRange()) {
            v = p.immLo() + r.nextLong(p.immHi() - p.immLo() + 1);
        } else if (p.shift() && bytes == 1) {
            int size = bits == 0 ? 8 : bits;
            long[] counts = {0, 1, 2, size - 1, size, size + 1, 31, 32, 33, 63, 64, 255};
            v = r.nextBoolean() ? counts[r.nextInt(counts.length)] : r.nextInt(256);
        } else {
            v = Values.immediate(r, bytes);
        }
        return new Arg.Imm(v, bytes);
    }

    /** A memory operand inside the scratch block. */
    private static Arg.Mem memory(SplittableRandom r, Pattern p, OperandForm f, int opBytes, InitialState init) {
        int size = f.memBytes(opBytes);
        int align = p.aligned16() ? 16 : 1;
        int limit = X86FuzzLayout.SCRATCH_SIZE - size; // largest offset in the block
        boolean addr32 = r.nextInt(8) == 0;
        if (r.nextInt(8) == 0) {
            long target = X86FuzzLayout.SCRATCH + pick(r, 0, limit, align);
            return new Arg.Mem(-1, -1, 1, 0, 4, true, target, false, false, size);
        }
        int index = r.nextInt(3) == 0 ? X86FuzzLayout.INDEX_REG : -1;
        int scale = index < 0 ? 1 : 1 << r.nextInt(4);
        long indexPart = index < 0 ? 0 : init.gpr(X86FuzzLayout.INDEX_REG) * scale;
        long base = X86FuzzLayout.BASE_VALUE - X86FuzzLayout.SCRATCH + indexPart; // offset with disp 0
        int form = r.nextInt(3);
        long disp;
        int dispBytes;
        if (form == 0 && base % align == 0 && base <= limit) {
            disp = 0;
            dispBytes = 0;
        } else if (form == 1) {
            long lo = Math.max(-128, -base), hi = Math.min(127, limit - base);
            disp = pick(r, lo + base, hi + base, align) - base;
            dispBytes = 1;
            if (disp < lo || disp > hi) {
                disp = pick(r, -base, limit - base, align);
                dispBytes = 4;
            }
        } else {
            disp = pick(r, 0, limit, align) - base;
            dispBytes = 4;
        }
        boolean forceSib = index < 0 && r.nextInt(4) == 0;
        return new Arg.Mem(X86FuzzLayout.BASE_REG, index, scale, disp, dispBytes, false, 0, addr32, forceSib, size);
    }

    /** A random multiple of {@code align} in [lo, hi] (lo rounded up); lo if none. */
    private static long pick(SplittableRandom r, long lo, long hi, int align) {
        long first = Math.floorDiv(lo + align - 1, align);
        long last = Math.floorDiv(hi, align);
        if (last < first) {
            return lo;
        }
        return (first + r.nextLong(last - first + 1)) * align;
    }

    /** An address for lea: any registers, any displacement, sometimes rip-relative or 32-bit. */
    private static Arg.Mem address(SplittableRandom r) {
        boolean addr32 = r.nextInt(6) == 0;
        if (r.nextInt(8) == 0) {
            return new Arg.Mem(-1, -1, 1, 0, 4, true, X86FuzzLayout.SCRATCH + r.nextInt(X86FuzzLayout.SCRATCH_SIZE), addr32, false, 0);
        }
        int base = r.nextInt(16);
        int index = r.nextInt(3) == 0 ? -1 : r.nextInt(15);
        if (index == 4) {
            index = -1;
        }
        int dispBytes = new int[] {0, 1, 4}[r.nextInt(3)];
        if (dispBytes == 0 && (base & 7) == 5) {
            dispBytes = 1;
        }
        long disp = dispBytes == 0 ? 0 : dispBytes == 1 ? r.nextInt(256) - 128 : (int) Values.integer(r);
        return new Arg.Mem(base, index, 1 << r.nextInt(4), disp, dispBytes, false, 0, addr32, index < 0 && r.nextInt(4) == 0, 0);
    }

    /** SplitMix-style mixing of (seed, index) into one stream seed. */
    static long mix(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index * 0xC2B2AE3D27D4EB4FL + 0x165667B19E3779F9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

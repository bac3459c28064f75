package org.jtcg.core.ir;

import org.jtcg.core.engine.TestCpu;
import org.jtcg.core.engine.TestHelpers;

import org.jtcg.core.memory.AtomicOp;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates random but valid IR blocks over {@link TestCpu}: every value op at both widths with
 * edge-biased operands, forward branches, conditional exits, loads/stores (mostly inside the test
 * memory, sometimes crossing a page or faulting), and helper calls with every flag combination.
 */
final class RandomProgram {
    static final long BASE = 0x10000;
    static final int MEM_SIZE = 0x2000;
    static final long PC = 0x4000;

    static final HelperRef MIX = HelperRef.of(TestHelpers.class, "mix", HelperRef.PURE);
    static final HelperRef MIX32 = HelperRef.of(TestHelpers.class, "mix32", HelperRef.PURE);
    static final HelperRef ACC = HelperRef.of(TestHelpers.class, "accumulate", HelperRef.READS_GLOBALS | HelperRef.WRITES_GLOBALS);
    static final HelperRef SUM = HelperRef.of(TestHelpers.class, "sumRegs", HelperRef.READS_GLOBALS);
    static final HelperRef SET6 = HelperRef.of(TestHelpers.class, "setR6", HelperRef.WRITES_GLOBALS);
    static final HelperRef FAULT = HelperRef.of(TestHelpers.class, "faultIfOdd", 0);

    private static final Opcode[] BINARY, UNARY;
    private static final Opcode[] VECTOR_BINARY = java.util.Arrays.stream(Opcode.values())
            .filter(Opcode::isVectorBinary).toArray(Opcode[]::new);
    private static final Cond[] CONDS = Cond.values();

    static {
        List<Opcode> bin = new ArrayList<>(), un = new ArrayList<>();
        for (Opcode o : Opcode.values()) {
            if (o.shape == Opcode.Shape.BINARY && o != Opcode.DEPOSIT) {
                bin.add(o);
            } else if (o.shape == Opcode.Shape.UNARY && o != Opcode.EXTRACT && o != Opcode.SEXTRACT) {
                un.add(o);
            }
        }
        BINARY = bin.toArray(new Opcode[0]);
        UNARY = un.toArray(new Opcode[0]);
    }

    private final Random rnd;
    private final IrBuilder b;
    private final List<Val> t32 = new ArrayList<>(), t64 = new ArrayList<>();
    private final List<Label> open = new ArrayList<>();
    private final List<Val> fresh = new ArrayList<>();

    private RandomProgram(long seed) {
        this.rnd = new Random(seed);
        this.b = new IrBuilder(TestCpu.LAYOUT, PC);
    }

    /** An edge-biased 64-bit value. */
    static long edge(Random r) {
        return switch (r.nextInt(12)) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> -1;
            case 3 -> Long.MIN_VALUE;
            case 4 -> Long.MAX_VALUE;
            case 5 -> Integer.MIN_VALUE;
            case 6 -> Integer.MAX_VALUE;
            case 7 -> 1L << r.nextInt(64);
            case 8 -> (1L << r.nextInt(64)) - 1;
            case 9 -> r.nextInt(130) - 65;
            case 10 -> 0xffffffffL;
            default -> r.nextLong();
        };
    }

    static IrBlock generate(long seed) {
        return new RandomProgram(seed).build();
    }

    private Val pick(Type t) {
        List<Val> pool = t == Type.I32 ? t32 : t64;
        int k = rnd.nextInt(10);
        if (k < 2 || pool.isEmpty()) {
            if (t == Type.I64 && k == 0) {
                return b.global(rnd.nextInt(9));
            }
            Val c = b.constant(t, edge(rnd));
            pool.add(c);
            return c;
        }
        if (t == Type.I64 && k < 5) {
            return b.global(rnd.nextInt(9));
        }
        if (t == Type.I32 && k < 4) {
            Val v = b.trunc(b.global(rnd.nextInt(9)));
            pool.add(v);
            return v;
        }
        return pool.get(rnd.nextInt(pool.size()));
    }

    /** A destination: fresh temp, existing temp, or (for I64) a global. */
    private Val dest(Type t) {
        List<Val> pool = t == Type.I32 ? t32 : t64;
        int k = rnd.nextInt(10);
        if (t == Type.I64 && k < 3) {
            return b.global(rnd.nextInt(9));
        }
        if (k < 5 && !pool.isEmpty()) {
            return pool.get(rnd.nextInt(pool.size()));
        }
        Val v = b.temp(t);
        fresh.add(v); // joins the pool once the op writing it is emitted
        return v;
    }

    private void commit() {
        for (Val v : fresh) {
            (v.type() == Type.I32 ? t32 : t64).add(v);
        }
        fresh.clear();
    }

    private Type type() {
        return rnd.nextBoolean() ? Type.I32 : Type.I64;
    }

    private Val address(int size) {
        int k = rnd.nextInt(100);
        long off;
        if (k < 3) {
            return b.const64(BASE + MEM_SIZE - rnd.nextInt(size)); // faults (partly or fully outside)
        } else if (k < 10) {
            off = 0x1000 - rnd.nextInt(size);                      // at or across the page boundary
        } else if (k < 40) {
            // computed from a value: stays inside the region
            Val v = pick(Type.I64);
            Val masked = b.and(v, b.const64(MEM_SIZE - 8 - 1));
            return b.add(masked, b.const64(BASE));
        } else {
            off = rnd.nextInt(MEM_SIZE - 8);
        }
        return b.const64(BASE + off);
    }

    private void valueOp() {
        Type t = type();
        int k = rnd.nextInt(100);
        if (k < 40) {
            b.binary(BINARY[rnd.nextInt(BINARY.length)], dest(t), pick(t), pick(t));
        } else if (k < 60) {
            Opcode o = UNARY[rnd.nextInt(UNARY.length)];
            if (t == Type.I32 && (o == Opcode.BSWAP64 || o == Opcode.EXT32S || o == Opcode.EXT32U)) {
                t = Type.I64;
            }
            b.unary(o, dest(t), pick(t));
        } else if (k < 66) {
            int len = 1 + rnd.nextInt(t.bits);
            int pos = rnd.nextInt(t.bits - len + 1);
            if (rnd.nextBoolean()) {
                b.extract(dest(t), pick(t), pos, len, rnd.nextBoolean());
            } else {
                b.deposit(dest(t), pick(t), pick(t), pos, len);
            }
        } else if (k < 72) {
            switch (rnd.nextInt(3)) {
                case 0 -> b.trunc(dest(Type.I32), pick(Type.I64));
                case 1 -> b.extu(dest(Type.I64), pick(Type.I32));
                default -> b.exts(dest(Type.I64), pick(Type.I32));
            }
        } else if (k < 78) {
            b.setcond(CONDS[rnd.nextInt(CONDS.length)], dest(t), pick(t), pick(t));
        } else if (k < 83) {
            Type ct = type();
            b.movcond(CONDS[rnd.nextInt(CONDS.length)], dest(t), pick(ct), pick(ct), pick(t), pick(t));
        } else if (k < 90) {
            b.mov(dest(t), pick(t));
        } else {
            b.movi(dest(t), edge(rnd));
        }
    }

    /** A vector op on the test CPU's four vector registers (sources and destination may coincide). */
    private void vectorOp() {
        VectorBuilder v = b.vectors();
        int n = TestCpu.VECTOR_REGISTERS;
        int esize = 8 << rnd.nextInt(4);
        int k = rnd.nextInt(10);
        if (k < 5) {
            v.binary(VECTOR_BINARY[rnd.nextInt(VECTOR_BINARY.length)], esize, rnd.nextInt(n), rnd.nextInt(n), rnd.nextInt(n));
        } else if (k < 7) {
            Opcode o = new Opcode[]{Opcode.VSHLI, Opcode.VSHRI, Opcode.VSARI}[rnd.nextInt(3)];
            int count = rnd.nextInt(4) == 0 ? rnd.nextInt(256) : rnd.nextInt(esize);
            v.shift(o, esize, rnd.nextInt(n), rnd.nextInt(n), count);
        } else if (k < 8) {
            v.mov(rnd.nextInt(n), rnd.nextInt(n));
        } else if (k < 9) {
            Val lane = v.get(esize, rnd.nextInt(n), rnd.nextInt(128 / esize));
            if (rnd.nextBoolean()) {
                b.mov(dest(Type.I64), lane);
            } else {
                t64.add(lane);
            }
        } else {
            Type t = esize == 64 ? Type.I64 : type();
            v.set(esize, rnd.nextInt(n), rnd.nextInt(128 / esize), pick(t));
        }
    }

    private void memoryOp() {
        int size = 1 << rnd.nextInt(4);
        Type t = size == 8 ? Type.I64 : type();
        boolean be = rnd.nextBoolean();
        if (rnd.nextInt(4) == 0) {
            atomicOp(size, be);
            return;
        }
        b.orderMemoryAccesses(rnd.nextBoolean());
        Val addr = address(size);
        if (rnd.nextBoolean()) {
            b.load(dest(t), addr, size, rnd.nextBoolean(), be);
        } else {
            b.store(pick(t), addr, size, be);
        }
    }

    /** Guest atomics and fences (helper calls into the memory's atomic API, GuestAtomics). */
    private void atomicOp(int size, boolean be) {
        switch (rnd.nextInt(5)) {
            case 0 -> t64.add(GuestAtomics.emitCompareAndSwap(b, address(size),
                    rnd.nextBoolean() ? pick(Type.I64) : b.const64(0), pick(Type.I64), size, be));
            case 1 -> t64.add(GuestAtomics.emitFetchAndOp(b, AtomicOp.values()[rnd.nextInt(AtomicOp.values().length)],
                    address(size), pick(Type.I64), size, be));
            case 2 -> {
                Val[] old = GuestAtomics.emitCompareAndSwap128(b, address(16), pick(Type.I64), pick(Type.I64),
                        pick(Type.I64), pick(Type.I64), be);
                t64.add(old[0]);
                t64.add(old[1]);
            }
            case 3 -> t64.add(GuestAtomics.emitLoad128(b, address(16), be)[1]);
            default -> GuestAtomics.emitFence(b, GuestAtomics.Fence.values()[rnd.nextInt(GuestAtomics.Fence.values().length)]);
        }
    }

    private void helperCall() {
        switch (rnd.nextInt(6)) {
            case 0 -> b.call(MIX, dest(Type.I64), pick(Type.I64), pick(Type.I64));
            case 1 -> b.call(MIX32, dest(Type.I32), pick(Type.I32), pick(Type.I64));
            case 2 -> b.call(ACC, rnd.nextBoolean() ? dest(Type.I64) : null, pick(Type.I64));
            case 3 -> b.call(SUM, dest(Type.I64));
            case 4 -> b.call(SET6, null, pick(Type.I32));
            default -> b.call(FAULT, dest(Type.I64), rnd.nextInt(4) == 0 ? pick(Type.I64) : b.const64(rnd.nextInt(100) * 2));
        }
    }

    private void exit(long nextPc) {
        switch (rnd.nextInt(5)) {
            case 0 -> b.gotoIndirect(pick(Type.I64));
            case 1 -> b.exitSyscall(nextPc);
            case 2 -> b.exitSignal(1 + rnd.nextInt(31), rnd.nextInt(5), pick(Type.I64), nextPc - 4);
            case 3 -> b.exitHalt(nextPc);
            default -> b.gotoDirect(edge(rnd));
        }
    }

    private IrBlock build() {
        int insns = 1 + rnd.nextInt(12);
        long pc = PC;
        for (int i = 0; i < insns; i++) {
            b.insnStart(pc);
            int n = 1 + rnd.nextInt(6);
            for (int j = 0; j < n; j++) {
                int k = rnd.nextInt(100);
                if (k < 55) {
                    valueOp();
                } else if (k < 62) {
                    vectorOp();
                } else if (k < 80) {
                    memoryOp();
                } else if (k < 87) {
                    helperCall();
                } else if (k < 94) {
                    Label l = b.newLabel();
                    Type t = type();
                    b.brcond(CONDS[rnd.nextInt(CONDS.length)], pick(t), pick(t), l);
                    open.add(l);
                } else if (k < 97 && !open.isEmpty()) {
                    b.setLabel(open.remove(rnd.nextInt(open.size())));
                } else {
                    // conditional exit: skip over it unless the condition says otherwise
                    Label skip = b.newLabel();
                    Type t = type();
                    b.brcond(CONDS[rnd.nextInt(CONDS.length)], pick(t), pick(t), skip);
                    exit(pc + 4);
                    b.setLabel(skip);
                }
                commit();
            }
            pc += 4;
        }
        while (!open.isEmpty()) {
            b.setLabel(open.remove(open.size() - 1));
        }
        exit(pc);
        return b.finish(pc);
    }
}

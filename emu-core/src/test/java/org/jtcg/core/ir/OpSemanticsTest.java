package org.jtcg.core.ir;

import org.jtcg.core.engine.BlockCode;
import org.jtcg.core.engine.Engines;
import org.jtcg.core.engine.ExecContext;
import org.jtcg.core.engine.FlatMemory;
import org.jtcg.core.engine.TestCpu;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.function.BiFunction;

import static org.jtcg.core.ir.Opcode.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Edge-value semantics of every value op, at both widths, under both engines. Each case runs in
 * three modes: inputs in globals (no passes), inputs in globals (passes), inputs as constants
 * with passes (so the constant folder computes it).
 */
class OpSemanticsTest {
    static final long MIN = Long.MIN_VALUE, MAX = Long.MAX_VALUE;
    static final int MIN32 = Integer.MIN_VALUE, MAX32 = Integer.MAX_VALUE;

    /** Runs body(builder, [a, b]) -> result value; returns the result as stored in r2. */
    static long eval(String engine, int mode, long a, long b, BiFunction<IrBuilder, Val[], Val> body) {
        IrBuilder bd = new IrBuilder(TestCpu.LAYOUT, 0x1000);
        bd.insnStart(0x1000);
        Val[] in = mode == 2 ? new Val[]{bd.const64(a), bd.const64(b)} : new Val[]{bd.global(0), bd.global(1)};
        Val r = body.apply(bd, in);
        bd.mov(bd.global(2), r.type() == Type.I64 ? r : bd.exts(r));
        bd.gotoDirect(0x2000);
        IrBlock block = bd.finish(0x1004);
        if (mode >= 1) {
            block = Passes.optimize(block);
        }
        TestCpu cpu = new TestCpu();
        cpu.r0 = a;
        cpu.r1 = b;
        FlatMemory mem = new FlatMemory(0x10000, 0x3000);
        BlockCode code = Engines.compiler(engine).compile(block);
        int exit = code.exec(cpu, new ExecContext(mem));
        assertEquals(0, exit, "exit index");
        assertEquals(0x2000, cpu.pc);
        return cpu.r2;
    }

    static void bin64(String e, Opcode op, long a, long b, long expect) {
        for (int mode = 0; mode < 3; mode++) {
            long r = eval(e, mode, a, b, (bd, in) -> bd.binary(op, in[0], in[1]));
            assertEquals(expect, r, () -> String.format("%s.i64(0x%x, 0x%x)", op, a, b));
        }
    }

    static void bin32(String e, Opcode op, int a, int b, int expect) {
        for (int mode = 0; mode < 3; mode++) {
            long r = eval(e, mode, a, b, (bd, in) -> bd.binary(op, bd.trunc(in[0]), bd.trunc(in[1])));
            assertEquals((long) expect, r, () -> String.format("%s.i32(0x%x, 0x%x)", op, a, b));
        }
    }

    static void un64(String e, Opcode op, long a, long expect) {
        for (int mode = 0; mode < 3; mode++) {
            long r = eval(e, mode, a, 0, (bd, in) -> bd.unary(op, in[0]));
            assertEquals(expect, r, () -> String.format("%s.i64(0x%x)", op, a));
        }
    }

    static void un32(String e, Opcode op, int a, int expect) {
        for (int mode = 0; mode < 3; mode++) {
            long r = eval(e, mode, a, 0, (bd, in) -> bd.unary(op, bd.trunc(in[0])));
            assertEquals((long) expect, r, () -> String.format("%s.i32(0x%x)", op, a));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit", "nodes"})
    void arithmetic(String e) {
        bin64(e, ADD, MAX, 1, MIN);
        bin32(e, ADD, MAX32, 1, MIN32);
        bin64(e, SUB, 0, 1, -1);
        bin32(e, SUB, MIN32, 1, MAX32);
        bin64(e, MUL, MIN, -1, MIN);
        bin32(e, MUL, 0x10000, 0x10000, 0);
        bin64(e, MUL, 0x100000000L, 0x100000000L, 0);
        bin64(e, MULHU, -1, -1, 0xfffffffffffffffeL);
        bin64(e, MULHS, -1, -1, 0);
        bin64(e, MULHS, MIN, MIN, 0x4000000000000000L);
        bin64(e, MULHU, MIN, 2, 1);
        bin64(e, MULHS, MIN, 2, -1);
        bin32(e, MULHU, -1, -1, 0xfffffffe);
        bin32(e, MULHS, -1, -1, 0);
        bin32(e, MULHS, MIN32, MIN32, 0x40000000);
        bin32(e, MULHS, MIN32, 2, -1);
        un64(e, NEG, MIN, MIN);
        un64(e, NEG, 1, -1);
        un32(e, NEG, MIN32, MIN32);
        un32(e, NEG, 0, 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit", "nodes"})
    void division(String e) {
        bin64(e, DIVS, 7, -2, -3);
        bin64(e, DIVS, MIN, -1, MIN);
        bin64(e, DIVS, 5, 0, 0);
        bin64(e, REMS, 7, -2, 1);
        bin64(e, REMS, -7, 2, -1);
        bin64(e, REMS, MIN, -1, 0);
        bin64(e, REMS, 5, 0, 5);
        bin64(e, DIVU, -1, 2, MAX);
        bin64(e, DIVU, 5, 0, 0);
        bin64(e, REMU, -1, 10, 5);
        bin64(e, REMU, -5, 0, -5);
        bin32(e, DIVS, MIN32, -1, MIN32);
        bin32(e, DIVS, -7, 2, -3);
        bin32(e, DIVS, 9, 0, 0);
        bin32(e, REMS, MIN32, -1, 0);
        bin32(e, REMS, -9, 0, -9);
        bin32(e, DIVU, -1, 2, MAX32);
        bin32(e, DIVU, -1, 0, 0);
        bin32(e, REMU, -1, 10, 5);
        bin32(e, REMU, -1, 0, -1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit", "nodes"})
    void logic(String e) {
        bin64(e, AND, 0xff00ff00ff00ff00L, 0x0ff00ff00ff00ff0L, 0x0f000f000f000f00L);
        bin64(e, OR, 0xf0, 0x0f, 0xff);
        bin64(e, XOR, -1, 0x0f, 0xfffffffffffffff0L);
        bin64(e, ANDC, 0xff, 0x0f, 0xf0);
        bin64(e, ORC, 0, 0, -1);
        bin64(e, ORC, 0x0f, -1, 0x0f);
        bin32(e, AND, -1, MIN32, MIN32);
        bin32(e, ANDC, -1, 1, -2);
        bin32(e, ORC, 0, -2, 1);
        bin32(e, XOR, MIN32, -1, MAX32);
        un64(e, NOT, 0, -1);
        un32(e, NOT, MIN32, MAX32);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit", "nodes"})
    void shifts(String e) {
        long x = 0x8000000000000001L;
        bin64(e, SHL, x, 0, x);
        bin64(e, SHL, 1, 63, MIN);
        bin64(e, SHL, x, 64, x);
        bin64(e, SHL, 3, 65, 6);
        bin64(e, SHL, 1, -1, MIN);
        bin64(e, SHR, MIN, 63, 1);
        bin64(e, SHR, MIN, 64, MIN);
        bin64(e, SAR, MIN, 63, -1);
        bin64(e, SAR, MIN, 64, MIN);
        bin64(e, SAR, MIN, 1, 0xc000000000000000L);
        bin64(e, ROTL, x, 1, 3);
        bin64(e, ROTL, 1, 65, 2);
        bin64(e, ROTL, x, 0, x);
        bin64(e, ROTR, 1, 1, MIN);
        bin64(e, ROTR, 1, 64, 1);
        bin32(e, SHL, 1, 31, MIN32);
        bin32(e, SHL, 5, 32, 5);
        bin32(e, SHL, 5, 33, 10);
        bin32(e, SHR, MIN32, 31, 1);
        bin32(e, SHR, MIN32, 32, MIN32);
        bin32(e, SAR, MIN32, 31, -1);
        bin32(e, SAR, MIN32, 0, MIN32);
        bin32(e, ROTL, MIN32, 1, 1);
        bin32(e, ROTR, 1, 33, MIN32);
        bin32(e, ROTR, 1, 0, 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit", "nodes"})
    void bitCounts(String e) {
        un64(e, CLZ, 0, 64);
        un64(e, CLZ, 1, 63);
        un64(e, CLZ, -1, 0);
        un64(e, CTZ, 0, 64);
        un64(e, CTZ, MIN, 63);
        un64(e, POPCNT, -1, 64);
        un64(e, POPCNT, 0, 0);
        un32(e, CLZ, 0, 32);
        un32(e, CLZ, MIN32, 0);
        un32(e, CTZ, 0, 32);
        un32(e, CTZ, MIN32, 31);
        un32(e, POPCNT, -1, 32);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit", "nodes"})
    void byteSwapsAndExtensions(String e) {
        un64(e, BSWAP16, 0x12345678abcdL, 0xcdab);
        un64(e, BSWAP32, 0x1122334455667788L, 0x88776655L);
        un64(e, BSWAP64, 0x0102030405060708L, 0x0807060504030201L);
        un32(e, BSWAP16, 0x11223344, 0x4433);
        un32(e, BSWAP32, 0x11223344, 0x44332211);
        un64(e, EXT8S, 0x80, -128);
        un64(e, EXT8S, 0x17f, 127);
        un64(e, EXT8U, -1, 0xff);
        un64(e, EXT16S, 0x8000, -32768);
        un64(e, EXT16S, 0x7fff, 0x7fff);
        un64(e, EXT16U, -1, 0xffff);
        un64(e, EXT32S, 0x80000000L, 0xffffffff80000000L);
        un64(e, EXT32S, 0x17fffffffL, 0x7fffffffL);
        un64(e, EXT32U, -1, 0xffffffffL);
        un32(e, EXT8S, 0x180, -128);
        un32(e, EXT8U, -1, 0xff);
        un32(e, EXT16S, 0x18000, -32768);
        un32(e, EXT16U, -1, 0xffff);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit", "nodes"})
    void bitfieldsAndConversions(String e) {
        for (int mode = 0; mode < 3; mode++) {
            assertEquals(0xbcL, eval(e, mode, 0xabcd, 0, (b, in) -> b.extract(in[0], 4, 8, false)));
            assertEquals(0xffffffffffffffbcL, eval(e, mode, 0xabcd, 0, (b, in) -> b.extract(in[0], 4, 8, true)));
            assertEquals(-1L, eval(e, mode, -1, 0, (b, in) -> b.extract(in[0], 0, 64, false)));
            assertEquals(1L, eval(e, mode, MIN, 0, (b, in) -> b.extract(in[0], 63, 1, false)));
            assertEquals(-1L, eval(e, mode, MIN, 0, (b, in) -> b.extract(in[0], 63, 1, true)));
            assertEquals(1L, eval(e, mode, MIN32, 0, (b, in) -> b.extract(b.trunc(in[0]), 31, 1, false)));
            assertEquals(-1L, eval(e, mode, MIN32, 0, (b, in) -> b.extract(b.trunc(in[0]), 31, 1, true)));
            assertEquals((long) MIN32, eval(e, mode, MIN32, 0, (b, in) -> b.extract(b.trunc(in[0]), 0, 32, false)));
            assertEquals(0xf00fL, eval(e, mode, 0xffff, 0, (b, in) -> b.deposit(in[0], in[1], 4, 8)));
            assertEquals(0xf000000000000000L, eval(e, mode, 0, -1, (b, in) -> b.deposit(in[0], in[1], 60, 4)));
            assertEquals(0L, eval(e, mode, -1, 0, (b, in) -> b.deposit(in[0], in[1], 0, 64)));
            assertEquals((long) 0xf0000000, eval(e, mode, 0, -1, (b, in) -> b.deposit(b.trunc(in[0]), b.trunc(in[1]), 28, 4)));
            assertEquals(0xffffffff80000000L, eval(e, mode, 0x180000000L, 0, (b, in) -> b.exts(b.trunc(in[0]))));
            assertEquals(0x80000000L, eval(e, mode, 0x180000000L, 0, (b, in) -> b.extu(b.trunc(in[0]))));
            assertEquals(5L, eval(e, mode, 0xffffffff00000005L, 0, (b, in) -> b.trunc(in[0])));
        }
    }

    static void cond(String e, Cond c, Type t, long a, long b, boolean expect) {
        for (int mode = 0; mode < 3; mode++) {
            long r = eval(e, mode, a, b, (bd, in) -> t == Type.I64 ? bd.setcond(c, in[0], in[1])
                    : bd.setcond(c, bd.trunc(in[0]), bd.trunc(in[1])));
            assertEquals(expect ? 1L : 0L, r, () -> String.format("setcond %s.%s(0x%x, 0x%x)", c, t, a, b));
            long m = eval(e, mode, a, b, (bd, in) -> bd.movcond(c, t == Type.I64 ? in[0] : bd.trunc(in[0]),
                    t == Type.I64 ? in[1] : bd.trunc(in[1]), bd.const64(11), bd.const64(22)));
            assertEquals(expect ? 11L : 22L, m, () -> String.format("movcond %s.%s(0x%x, 0x%x)", c, t, a, b));
            long br = eval(e, mode, a, b, (bd, in) -> {
                Val out = bd.const64(0);
                Label skip = bd.newLabel();
                if (t == Type.I64) {
                    bd.brcond(c, in[0], in[1], skip);
                } else {
                    bd.brcond(c, bd.trunc(in[0]), bd.trunc(in[1]), skip);
                }
                bd.movi(out, 7);
                bd.setLabel(skip);
                return out;
            });
            assertEquals(expect ? 0L : 7L, br, () -> String.format("brcond %s.%s(0x%x, 0x%x)", c, t, a, b));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit", "nodes"})
    void conditions(String e) {
        for (Type t : Type.values()) {
            long m = t == Type.I64 ? MIN : MIN32;
            cond(e, Cond.EQ, t, 5, 5, true);
            cond(e, Cond.NE, t, 5, 5, false);
            cond(e, Cond.LT, t, -1, 1, true);
            cond(e, Cond.LTU, t, -1, 1, false);
            cond(e, Cond.LE, t, 1, 1, true);
            cond(e, Cond.LEU, t, 1, 1, true);
            cond(e, Cond.GT, t, m, 0, false);
            cond(e, Cond.GTU, t, m, 0, true);
            cond(e, Cond.GE, t, m, m, true);
            cond(e, Cond.GEU, t, 0, -1, false);
            cond(e, Cond.TSTEQ, t, 0xf0, 0x0f, true);
            cond(e, Cond.TSTNE, t, 0xf0, 0x1f, true);
        }
        // I32 compares ignore the upper half of the global
        cond(e, Cond.EQ, Type.I32, 0x100000005L, 5, true);
        cond(e, Cond.LT, Type.I32, 0x1_8000_0000L, 0, true);
    }
}

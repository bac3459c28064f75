package org.jtcg.x86;

import org.jtcg.cpreg.RegisterList;
import org.jtcg.cpreg.X86Registers;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class X86CpuTest {
    private static X86Cpu randomCpu(long seed) {
        Random r = new Random(seed);
        X86Cpu c = new X86Cpu();
        c.rax = r.nextLong(); c.rbx = r.nextLong(); c.r15 = r.nextLong(); c.rsp = r.nextLong();
        c.pc = 0x401234;
        c.ccOp = LazyFlags.op(LazyFlags.SUB, 4);
        c.ccSrc = 5; c.ccSrc2 = 7; c.ccDst = -2 & 0xffffffffL;
        c.rflagsRest = 0x602;
        c.fsBase = 0x4ac380; c.gsBase = 0x1000;
        for (int i = 0; i < 16; i++) {
            c.sse.set(i, r.nextLong(), r.nextLong());
        }
        c.sse.mxcsr = 0x1fa0;
        c.x87.top = 5;
        for (int i = 0; i < 8; i++) {
            c.x87.significand[i] = r.nextLong() | Long.MIN_VALUE;
            c.x87.signExp[i] = 0x3fff + i;
        }
        c.x87.tags = 0xf0f0; // registers 0,1,4,5 valid; 2,3,6,7 empty
        c.x87.fcw = 0x27f; c.x87.fswFlags = 0x41; c.x87.fop = 0x123; c.x87.fip = 0x401000; c.x87.fdp = 0x7fff0000L;
        return c;
    }

    @Test
    void registerListRoundTripsThroughAFreshCpu() {
        X86Cpu a = randomCpu(1);
        RegisterList list = RegisterList.capture(a);
        assertEquals(X86UserRegisters.ids().length, list.size());
        X86Cpu b = new X86Cpu();
        list.loadInto(b);
        assertEquals(list, RegisterList.capture(b));
        for (int i = 0; i < 8; i++) {
            long id = X86Registers.st(i);
            assertArrayEquals(a.readWords(id), b.readWords(id), "st" + i);
        }
        assertEquals(a.x87.tags, b.x87.tags);
        assertEquals(a.rflags(), b.rflags());
    }

    @Test
    void rflagsFoldsLazyFlagsAndWritesMakeThemExplicit() {
        X86Cpu c = new X86Cpu();
        c.ccOp = LazyFlags.op(LazyFlags.SUB, 4); // cmp 5, 7 at 32 bits: borrow, negative
        c.ccSrc = 5; c.ccSrc2 = 7; c.ccDst = (5 - 7) & 0xffffffffL;
        long f = c.getReg(X86Registers.RFLAGS);
        assertEquals(0x202 | LazyFlags.CF | LazyFlags.SF | LazyFlags.AF, f);
        assertEquals(LazyFlags.EFLAGS, c.ccOp, "a by-id read folds the lazy state");
        c.setReg(X86Registers.RFLAGS, 0x240 | 0x400);
        assertEquals(LazyFlags.EFLAGS, c.ccOp);
        assertEquals(0x642, c.getReg(X86Registers.RFLAGS));
    }

    @Test
    void stRegistersAreStackRelativeAndSurviveATopChange() {
        X86Cpu c = new X86Cpu();
        c.writeWords(X86Registers.st(0), new long[] {0x8000000000000000L, 0x3fff});
        c.setReg(X86UserRegisters.FSW, 6 << 11);
        assertArrayEquals(new long[] {0x8000000000000000L, 0x3fff}, c.readWords(X86Registers.st(0)));
        assertEquals(0x8000000000000000L, c.x87.significand[6]);
    }

    @Test
    void unknownRegisterIsAClearError() {
        X86Cpu c = new X86Cpu();
        assertThrows(IllegalArgumentException.class, () -> c.getReg(X86Registers.cr(0)));
    }

    @Test
    void lazyFlagsMatchDirectComputation() {
        // add 0x7f + 1 at 8 bits: OF, SF, AF
        assertEquals(LazyFlags.OF | LazyFlags.SF | LazyFlags.AF,
                LazyFlags.compute(LazyFlags.op(LazyFlags.ADD, 1), 0x80, 0x7f, 1));
        // 64-bit sub 0 - 1: CF, SF, AF, PF
        assertEquals(LazyFlags.CF | LazyFlags.SF | LazyFlags.AF | LazyFlags.PF,
                LazyFlags.compute(LazyFlags.op(LazyFlags.SUB, 8), -1, 0, 1));
    }
}

package org.jtcg.s390x;

import org.jtcg.cpreg.S390Registers;
import org.junit.jupiter.api.Test;

import static org.jtcg.s390x.S390xCc.compute;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Condition codes of the lazy kinds at their edges, with the values the Principles of Operation give. */
class S390xCcTest {
    @Test
    void signedAddAndSubtract() {
        assertEquals(3, compute(S390xCc.ADD_S32, 0x7fffffff, 1, 0x80000000L));
        assertEquals(0, compute(S390xCc.ADD_S32, -1, 1, 0));
        assertEquals(1, compute(S390xCc.ADD_S32, -2, 1, -1));
        assertEquals(2, compute(S390xCc.ADD_S32, 0xffffffff_00000001L, 1, 2), "only the low word counts");
        assertEquals(3, compute(S390xCc.ADD_S64, Long.MAX_VALUE, 1, Long.MIN_VALUE));
        assertEquals(3, compute(S390xCc.SUB_S32, Integer.MIN_VALUE, 1, Integer.MAX_VALUE));
        assertEquals(3, compute(S390xCc.SUB_S64, 0, Long.MIN_VALUE, Long.MIN_VALUE), "lcgr of the most negative");
        assertEquals(2, compute(S390xCc.SUB_S64, 5, 3, 2));
    }

    @Test
    void logicalAddAndSubtract() {
        assertEquals(0, compute(S390xCc.ADD_U32, 0, 0, 0));
        assertEquals(1, compute(S390xCc.ADD_U32, 1, 1, 2));
        assertEquals(2, compute(S390xCc.ADD_U32, 0xffffffffL, 1, 0x1_00000000L), "zero, carry");
        assertEquals(3, compute(S390xCc.ADD_U32, 0xffffffffL, 2, 0x1_00000001L), "not zero, carry");
        assertEquals(2, compute(S390xCc.ADD_U64, -1, 1, 0));
        assertEquals(2, compute(S390xCc.SUB_U32, 5, 5, 0), "zero, no borrow");
        assertEquals(1, compute(S390xCc.SUB_U32, 3, 5, -2), "not zero, borrow");
        assertEquals(3, compute(S390xCc.SUB_U32, 5, 3, 2), "not zero, no borrow");
        assertEquals(1, compute(S390xCc.SUB_U64, 0, 1, -1));
    }

    @Test
    void comparesAndTests() {
        assertEquals(1, compute(S390xCc.CMP_S64, -1, 1, 0));
        assertEquals(2, compute(S390xCc.CMP_U64, -1, 1, 0));
        assertEquals(0, compute(S390xCc.CMP_U32, 0x1_00000005L, 5, 0), "32-bit compare ignores the high word");
        assertEquals(2, compute(S390xCc.CMP_S32, 0, 0xffffffffL, 0));
        assertEquals(0, compute(S390xCc.NZ32, 0, 0, 0x1_00000000L));
        assertEquals(1, compute(S390xCc.NZ64, 0, 0, 0x1_00000000L));
        assertEquals(0, compute(S390xCc.TM, 0, 0x81, 0));
        assertEquals(3, compute(S390xCc.TM, 0x81, 0x81, 0));
        assertEquals(1, compute(S390xCc.TM, 0x80, 0x81, 0));
        assertEquals(2, compute(S390xCc.TMX, 0x8000, 0x8001, 0), "mixed, leftmost selected bit one");
        assertEquals(1, compute(S390xCc.TMX, 0x0001, 0x8001, 0), "mixed, leftmost selected bit zero");
        assertEquals(1, compute(S390xCc.ICM, 0x80, 8, 0));
        assertEquals(2, compute(S390xCc.ICM, 0x7fff, 16, 0));
        assertEquals(0, compute(S390xCc.ICM, 0, 32, 0));
        assertEquals(3, compute(S390xCc.ABS32, Integer.MIN_VALUE, 0, 0));
        assertEquals(2, compute(S390xCc.ABS64, -5, 0, 0));
        assertEquals(1, compute(S390xCc.NABS64, 5, 0, 0));
        assertEquals(0, compute(S390xCc.NABS32, 0x1_00000000L, 0, 0));
    }

    @Test
    void foldPutsTheCcIntoThePswMaskAndAWriteTakesItBack() {
        S390xCpu cpu = new S390xCpu();
        cpu.ccOp = S390xCc.SUB_U64;
        cpu.ccA = 5;
        cpu.ccB = 3;
        cpu.ccR = 2;
        assertEquals(S390xCpu.INITIAL_PSW_MASK | 3L << 44, cpu.getReg(S390Registers.PSW_MASK));
        cpu.setReg(S390Registers.PSW_MASK, S390xCpu.INITIAL_PSW_MASK | 1L << 44);
        assertEquals(1, cpu.cc());
        assertEquals(S390xCc.CONST, cpu.ccOp);
    }
}

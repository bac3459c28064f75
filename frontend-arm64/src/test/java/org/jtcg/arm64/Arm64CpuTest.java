package org.jtcg.arm64;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.cpreg.Arm64Registers;
import org.jtcg.cpreg.RegId;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Arm64Cpu by canonical id: Linux ONE_REG ids, NZCV folded into PSTATE, V registers as U128. */
class Arm64CpuTest {
    @Test
    void idsAreLinuxOneRegIds() {
        long[] ids = new Arm64Cpu().ids();
        assertEquals(31 + 3 + 32 + 2 + 1, ids.length); // x0-x30, sp, pc, pstate, v0-v31, fpsr, fpcr, tpidr_el0
        assertTrue(Arrays.stream(ids).anyMatch(i -> i == 0x6030000000100000L)); // x0
        assertTrue(Arrays.stream(ids).anyMatch(i -> i == 0x6040000000100054L)); // v0, 16-byte aligned in kvm_regs
        assertTrue(Arrays.stream(ids).anyMatch(i -> i == 0x60200000001000d4L)); // fpsr (U32)
        assertTrue(Arrays.stream(ids).anyMatch(i -> i == 0x603000000013de82L)); // tpidr_el0
        assertTrue(Arrays.stream(ids).anyMatch(i -> i == Arm64Registers.PSTATE));
    }

    @Test
    void flagsFoldIntoPstate() {
        Arm64Cpu cpu = new Arm64Cpu();
        cpu.n = 1;
        cpu.c = 1;
        assertEquals(0xa000_0000L, cpu.getReg(Arm64Registers.PSTATE));
        cpu.setReg(Arm64Registers.PSTATE, 0x6000_0000L);
        assertEquals(0, cpu.n);
        assertEquals(1, cpu.z);
        assertEquals(1, cpu.c);
        assertEquals(0, cpu.v);
    }

    @Test
    void vectorAndFpRegisters() {
        Arm64Cpu cpu = new Arm64Cpu();
        cpu.writeWords(Arm64Registers.v(31), new long[] {0x1111, 0x2222});
        assertEquals(0x1111, cpu.v31lo);
        assertEquals(0x2222, cpu.v31hi);
        assertArrayEquals(new long[] {0x1111, 0x2222}, cpu.readWords(Arm64Registers.v(31)));
        cpu.setReg(Arm64Registers.FPCR, 0x1_0040_0000L); // U32: the upper bits do not exist
        assertEquals(0x0040_0000L, cpu.fpcr);
        assertEquals(2, RegId.words(Arm64Registers.v(0)));
    }

    @Test
    void everyIdRoundTrips() {
        Arm64Cpu a = new Arm64Cpu();
        long k = 1;
        for (long id : a.ids()) {
            long[] w = new long[RegId.words(id)];
            for (int i = 0; i < w.length; i++) {
                w[i] = (k++ * 0x9e37_79b9_7f4a_7c15L) & RegId.size(id).wordMask();
            }
            if (id == Arm64Registers.PSTATE) {
                w[0] = 0x9000_0000L;
            }
            a.writeWords(id, w);
        }
        CpuState b = new Arm64Cpu();
        for (long id : a.ids()) {
            b.writeWords(id, a.readWords(id));
        }
        for (long id : a.ids()) {
            assertArrayEquals(a.readWords(id), b.readWords(id), RegId.hex(id));
        }
    }

    @Test
    void unknownIdIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Arm64Cpu().getReg(Arm64Registers.MIDR_EL1));
        assertTrue(e.getMessage().contains("not part of this CPU state"), e.getMessage());
    }
}

package org.jtcg.kvm.x86;

import org.jtcg.cpreg.X86Registers;
import org.jtcg.kvm.RegisterSetLayout;
import org.jtcg.kvm.SyncLevel;
import org.jtcg.x86.X86UserRegisters;
import org.jtcg.x86.decoder.X86Decoder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The x86 plug-in's data without KVM: its register-set layout and the REP-string test of single-stepping. */
class X86PluginTablesTest {
    @Test
    void layoutKeepsTheSetsLevelsAndPutOrderOfTheEngine() {
        RegisterSetLayout l = RegSetTable.layout();
        assertEquals(RegSet.values().length, l.size());
        for (RegSet s : RegSet.values()) {
            assertEquals(s.name(), l.name(s.ordinal()));
        }
        assertEquals(RegSet.mask(RegSet.REGS, RegSet.SREGS, RegSet.FPU, RegSet.MSRS_RUNTIME), l.levelMask(SyncLevel.RUNTIME));
        assertEquals(RegSet.mask(RegSet.REGS, RegSet.SREGS, RegSet.FPU, RegSet.MSRS_RUNTIME, RegSet.EVENTS, RegSet.DEBUGREGS),
                l.levelMask(SyncLevel.RESET));
        assertEquals(RegSet.ALL, l.levelMask(SyncLevel.FULL));
        int[] order = {RegSet.SREGS.ordinal(), RegSet.REGS.ordinal(), RegSet.FPU.ordinal(), RegSet.MSRS_RUNTIME.ordinal(),
            RegSet.MSRS_FULL.ordinal(), RegSet.EVENTS.ordinal(), RegSet.DEBUGREGS.ordinal()};
        assertArrayEquals(order, l.putOrder());
        assertEquals(X86Registers.RIP, l.pcId());
        assertEquals(RegSet.REGS.ordinal(), l.pcSet());
        assertEquals(RegSetTable.RIP, l.pcWord());
        for (long id : X86UserRegisters.ids()) {
            assertEquals(RegSetTable.setOf(id).ordinal(), l.setOf(id));
        }
        assertTrue(l.spec(RegSet.FPU.ordinal()).required() && !l.spec(RegSet.MSRS_RUNTIME.ordinal()).required());
        assertTrue(l.spec(RegSet.MSRS_RUNTIME.ordinal()).verified() && !l.spec(RegSet.MSRS_FULL.ordinal()).verified());
    }

    private static boolean repString(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return X86KvmVcpu.isRepString(X86Decoder.decode(b, 0x1000));
    }

    @Test
    void repStringInstructionsAreRecognisedThroughTheDecoder() {
        assertTrue(repString(0xf3, 0xa4));             // rep movsb
        assertTrue(repString(0xf3, 0x48, 0xa5));       // rep movsq
        assertTrue(repString(0x66, 0xf3, 0xab));       // rep stosw
        assertTrue(repString(0xf3, 0xaa));             // rep stosb
        assertTrue(repString(0xf3, 0xac));             // rep lodsb
        assertTrue(repString(0xf2, 0xae));             // repne scasb
        assertTrue(repString(0xf3, 0xa6));             // repe cmpsb
        assertTrue(repString(0xf3, 0x64, 0xa4));       // rep fs movsb
        assertFalse(repString(0xa4));                  // movsb without a prefix: one iteration
        assertFalse(repString(0xf3, 0x90));            // pause
        assertFalse(repString(0xf3, 0xc3));            // rep ret
        assertFalse(repString(0xf3, 0x0f, 0xb8, 0xc0)); // popcnt
        assertFalse(repString(0xf2, 0x0f, 0x10, 0xc1)); // movsd xmm (SSE2, not the string op)
        assertFalse(repString(0xf3, 0x00, 0xc0));       // rep add: not a string op
        assertFalse(repString(0xf3));                  // truncated
    }
}

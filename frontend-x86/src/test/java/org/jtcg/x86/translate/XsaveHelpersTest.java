package org.jtcg.x86.translate;

import org.jtcg.core.memory.GuestFault;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** XSAVE/XRSTOR/XGETBV semantics on the CPU state (the instructions need x86-64-v3 selected to translate). */
class XsaveHelpersTest {
    static final long AREA = SnippetRunner.DATA + 0x1000;

    private static SnippetRunner withState() {
        SnippetRunner r = new SnippetRunner("interp");
        for (int i = 0; i < 16; i++) {
            r.cpu.sse.set(i, 0x1000L + i, 0x2000L + i);
            r.cpu.sse.setUpper(i, 0x3000L + i, 0x4000L + i);
        }
        r.cpu.sse.mxcsr = 0x1f80 | 0x6000;
        return r;
    }

    private static long read64(SnippetRunner r, long at) {
        byte[] b = new byte[8];
        r.mem.read(at, b, 0, 8);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[i] & 0xff);
        }
        return v;
    }

    private static void write64(SnippetRunner r, long at, long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        r.mem.write(at, b, 0, 8);
    }

    @Test
    void saveAndRestoreTheYmmUpperHalvesThroughTheStandardLayout() {
        SnippetRunner r = withState();
        XsaveHelpers.xsave(r.cpu, AREA, -1L, 1);
        assertEquals(0x1005L, read64(r, AREA + 160 + 16 * 5));
        assertEquals(0x3007L, read64(r, AREA + 576 + 16 * 7));
        assertEquals(0x400fL, read64(r, AREA + 576 + 16 * 15 + 8));
        assertEquals(7L, read64(r, AREA + 512), "XSTATE_BV: x87, SSE, AVX");
        for (int i = 0; i < 16; i++) {
            r.cpu.sse.set(i, 0, 0);
            r.cpu.sse.setUpper(i, 0, 0);
        }
        r.cpu.sse.mxcsr = 0x1f80;
        XsaveHelpers.xrstor(r.cpu, AREA, -1L, 1);
        assertEquals(0x3009L, r.cpu.sse.upperLo(9));
        assertEquals(0x2003L, r.cpu.sse.hi(3));
        assertEquals(0x7f80, r.cpu.sse.mxcsr);
    }

    @Test
    void theMaskSelectsComponentsAndClearXstateBvBitsRestoreTheInitState() {
        SnippetRunner r = withState();
        XsaveHelpers.xsave(r.cpu, AREA, XsaveHelpers.SSE, 0);   // SSE only: the AVX area stays as it was (zero)
        assertEquals(0L, read64(r, AREA + 576));
        assertEquals(2L, read64(r, AREA + 512));
        XsaveHelpers.xrstor(r.cpu, AREA, -1L, 0);                // AVX bit clear in XSTATE_BV: upper halves zeroed
        assertEquals(0L, r.cpu.sse.upperLo(0));
        assertEquals(0x1000L, r.cpu.sse.lo(0));
        SnippetRunner r2 = withState();
        XsaveHelpers.xrstor(r2.cpu, AREA, XsaveHelpers.YMM, 0);  // only AVX requested: xmm untouched
        assertEquals(0x1001L, r2.cpu.sse.lo(1));
        assertEquals(0L, r2.cpu.sse.upperHi(1));
    }

    @Test
    void faultsAreGeneralProtectionBeforeAnyChange() {
        SnippetRunner r = withState();
        assertThrows(GuestFault.class, () -> XsaveHelpers.xsave(r.cpu, AREA + 16, -1L, 0));
        XsaveHelpers.xsave(r.cpu, AREA, -1L, 0);
        write64(r, AREA + 520, 1L << 63);                        // compacted format: not supported
        assertThrows(GuestFault.class, () -> XsaveHelpers.xrstor(r.cpu, AREA, -1L, 0));
        write64(r, AREA + 520, 0);
        write64(r, AREA + 512, 0x8007L);                         // a component outside XCR0
        assertThrows(GuestFault.class, () -> XsaveHelpers.xrstor(r.cpu, AREA, -1L, 0));
        write64(r, AREA + 512, 7);
        write64(r, AREA + 540, 1);                               // reserved header bytes
        assertThrows(GuestFault.class, () -> XsaveHelpers.xrstor(r.cpu, AREA, -1L, 0));
        write64(r, AREA + 540, 0);
        r.cpu.rcx = 1;
        assertThrows(GuestFault.class, () -> XsaveHelpers.xgetbv(r.cpu));
        r.cpu.rcx = 0;
        XsaveHelpers.xgetbv(r.cpu);
        assertEquals(7L, r.cpu.rax);
        assertEquals(0L, r.cpu.rdx);
    }
}

package org.jtcg.x86.x87;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/** FNSTENV/FLDENV, FNSAVE/FRSTOR, FXSAVE/FXRSTOR images and tag-word conversions. */
class X87ImagesTest {

    /** The sequence x87images.c runs, on the soft x87. */
    private static X87State sequence() {
        X87State s = new X87State();
        X87.fninit(s);
        X87.fldcw(s, 0x0b7f);
        X87.fld1(s);
        X87.fldz(s);
        X87.fldMem80(s, 0x0000000012345678L, 0x0000);
        X87.fldMem80(s, 0x8000000000000001L, 0x7fff);
        X87.fldMem80(s, 0x4000000000000000L, 0x3fff);
        X87.fldpi(s);
        X87.fld1(s);
        X87.fchs(s);
        X87.fsqrt(s);
        X87.ffree(s, 2, false);
        X87.fincstp(s);
        return s;
    }

    /** Zeroes the byte ranges that hold instruction/operand pointers and selectors (not modelled). */
    private static byte[] maskPointers(byte[] b, int... ranges) {
        byte[] c = b.clone();
        for (int i = 0; i < ranges.length; i += 2) {
            for (int k = ranges[i]; k < ranges[i + 1]; k++) {
                c[k] = 0;
            }
        }
        return c;
    }

    @Test
    void imagesMatchHardware() throws Exception {
        Path exe = NativeX87Probe.compile("x87images.c"); // skips without gcc, fails when it does not build
        List<String> lines = NativeX87Probe.runProgram(exe);
        HexFormat hex = HexFormat.of();
        byte[] hwEnv = hex.parseHex(lines.get(0));
        byte[] hwFx = hex.parseHex(lines.get(1));
        byte[] hwSave = hex.parseHex(lines.get(2));
        byte[] hwFx2 = hex.parseHex(lines.get(3));

        X87State s = sequence();
        byte[] env = new byte[X87Images.ENV_SIZE];
        X87Images.fnstenv(s, env, 0);
        X87Images.fldenv(s, env, 0);
        byte[] fx = new byte[X87Images.FXSAVE_SIZE];
        X87Images.fxsave(s, fx, 0, false);
        byte[] save = new byte[X87Images.SAVE_SIZE];
        X87Images.fnsave(s, save, 0);
        X87Images.frstor(s, save, 0);
        byte[] fx2 = new byte[X87Images.FXSAVE_SIZE];
        X87Images.fxsave(s, fx2, 0, false);

        int[] envPtrs = {12, 26};
        assertEquals(hex.formatHex(maskPointers(hwEnv, envPtrs)), hex.formatHex(maskPointers(env, envPtrs)), "fnstenv");
        int[] fxPtrs = {6, 32};
        assertEquals(hex.formatHex(maskPointers(hwFx, fxPtrs)),
                hex.formatHex(maskPointers(java.util.Arrays.copyOf(fx, 160), fxPtrs)), "fxsave");
        assertEquals(hex.formatHex(maskPointers(hwSave, envPtrs)), hex.formatHex(maskPointers(save, envPtrs)), "fnsave");
        assertEquals(hex.formatHex(maskPointers(hwFx2, fxPtrs)),
                hex.formatHex(maskPointers(java.util.Arrays.copyOf(fx2, 160), fxPtrs)), "fxsave after frstor");
    }

    @Test
    void fnsaveReinitialisesAndFrstorRestoresEverything() {
        X87State s = sequence();
        s.fip = 0x401234;
        s.fdp = 0x7fff0010;
        s.fop = 0x5f0;
        int tags = X87Images.fullTagWord(s), fsw = s.fsw(), fcw = s.fcw;
        long[] sig = s.significand.clone();
        int[] se = s.signExp.clone();
        byte[] img = new byte[X87Images.SAVE_SIZE];
        X87Images.fnsave(s, img, 0);
        assertEquals(0xffff, s.tags);
        assertEquals(X87State.FCW_RESET, s.fcw);
        assertEquals(0, s.fsw());
        X87Images.frstor(s, img, 0);
        assertEquals(tags, s.tags);
        assertEquals(fsw, s.fsw());
        assertEquals(fcw, s.fcw);
        assertArrayEquals(sig, s.significand);
        assertArrayEquals(se, s.signExp);
        assertEquals(0x401234, s.fip);
        assertEquals(0x7fff0010, s.fdp);
        assertEquals(0x5f0, s.fop);
    }

    @Test
    void fxsave64KeepsFullPointersAndRoundTrips() {
        X87State s = sequence();
        s.fip = 0x7f00_1234_5678L;
        s.fdp = 0x7ffd_0000_0010L;
        byte[] img = new byte[X87Images.FXSAVE_SIZE];
        X87Images.fxsave(s, img, 0, true);
        assertEquals(0x7f00_1234_5678L, X87Images.get64(img, 8));
        X87State t = new X87State();
        X87Images.fxrstor(t, img, 0, true);
        assertEquals(s.tags, t.tags);
        assertEquals(s.fsw(), t.fsw());
        assertEquals(s.fcw, t.fcw);
        assertEquals(s.fip, t.fip);
        assertEquals(s.fdp, t.fdp);
        assertArrayEquals(s.significand, t.significand);
        assertArrayEquals(s.signExp, t.signExp);
    }

    @Test
    void tagWordConversionsClassifyContents() {
        X87State s = new X87State();
        X87.fninit(s);
        X87.fldz(s);                                      // zero     01
        X87.fld1(s);                                      // valid    00
        X87.fldMem80(s, 0x0000000000000001L, 0);          // denormal 10
        X87.fldMem80(s, 0x4000000000000000L, 0x3fff);     // unnormal 10
        assertEquals(0xf0, X87Images.abridgedTags(s), "four registers in use");
        // physical 7 = fldz, 6 = fld1, 5 = denormal, 4 = unnormal
        assertEquals(0b01_00_10_10_11_11_11_11, X87Images.fullTagWord(s));
        s.tags = 0; // garbage tags: abridged conversion recomputes from contents
        X87Images.setAbridgedTags(s, 0xf0);
        assertEquals(0b01_00_10_10_11_11_11_11, s.tags);
        X87Images.setFullTagWord(s, 0b11_00_11_11_11_11_11_11); // only "empty or not" is used
        assertEquals(0b11_00_11_11_11_11_11_11, s.tags);
    }

    @Test
    void fnstenvMasksExceptionsAfterStoring() {
        X87State s = new X87State();
        X87.fninit(s);
        X87.fldcw(s, 0x0360);
        byte[] env = new byte[X87Images.ENV_SIZE];
        X87Images.fnstenv(s, env, 0);
        assertEquals(0x0360, X87Images.get16(env, 0));
        assertEquals(0x037f, s.fcw);
        assertEquals(0xffff, X87Images.get16(env, 8));
    }
}

package org.jtcg.x86.translate;

import org.jtcg.x86.sse.SseFloat;
import org.jtcg.x86.sse.SseInt;
import org.jtcg.x86.sse.SseState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The SSE instructions the translator emits as IR vector ops (SseIntOps): each, translated and run
 * under an engine, must leave xmm0 as the SSE library op (checked against the host CPU by
 * NativeCrossCheckTest) does on the same inputs. Every snippet runs 60 times so that under the jit
 * engine the last runs execute JIT-compiled code (blocks tier up after 50 runs).
 */
class SseVectorOpsTest {
    private static final long D = SnippetRunner.DATA;

    /** Library op over (state, dst, src). */
    private interface LibOp {
        void apply(SseState s, int dst, int src);
    }

    /** Mnemonic, encoding of "op xmm0, xmm1", library op. */
    private static final Object[][] REG_REG = {
        {"pand", "66 0f db c1", (LibOp) SseInt::pand}, {"pandn", "66 0f df c1", (LibOp) SseInt::pandn},
        {"por", "66 0f eb c1", (LibOp) SseInt::por}, {"pxor", "66 0f ef c1", (LibOp) SseInt::pxor},
        {"andnps", "0f 55 c1", (LibOp) SseFloat::andnps}, {"xorpd", "66 0f 57 c1", (LibOp) SseFloat::xorpd},
        {"pcmpeqb", "66 0f 74 c1", (LibOp) SseInt::pcmpeqb}, {"pcmpeqw", "66 0f 75 c1", (LibOp) SseInt::pcmpeqw},
        {"pcmpeqd", "66 0f 76 c1", (LibOp) SseInt::pcmpeqd}, {"pcmpgtb", "66 0f 64 c1", (LibOp) SseInt::pcmpgtb},
        {"pcmpgtw", "66 0f 65 c1", (LibOp) SseInt::pcmpgtw}, {"pcmpgtd", "66 0f 66 c1", (LibOp) SseInt::pcmpgtd},
        {"pminub", "66 0f da c1", (LibOp) SseInt::pminub}, {"pmaxub", "66 0f de c1", (LibOp) SseInt::pmaxub},
        {"pminsw", "66 0f ea c1", (LibOp) SseInt::pminsw}, {"pmaxsw", "66 0f ee c1", (LibOp) SseInt::pmaxsw},
        {"paddb", "66 0f fc c1", (LibOp) SseInt::paddb}, {"paddw", "66 0f fd c1", (LibOp) SseInt::paddw},
        {"paddd", "66 0f fe c1", (LibOp) SseInt::paddd}, {"paddq", "66 0f d4 c1", (LibOp) SseInt::paddq},
        {"psubb", "66 0f f8 c1", (LibOp) SseInt::psubb}, {"psubq", "66 0f fb c1", (LibOp) SseInt::psubq},
        {"paddusb", "66 0f dc c1", (LibOp) SseInt::paddusb}, {"paddusw", "66 0f dd c1", (LibOp) SseInt::paddusw},
        {"psubusb", "66 0f d8 c1", (LibOp) SseInt::psubusb}, {"psubusw", "66 0f d9 c1", (LibOp) SseInt::psubusw},
        {"paddsb", "66 0f ec c1", (LibOp) SseInt::paddsb}, {"paddsw", "66 0f ed c1", (LibOp) SseInt::paddsw},
        {"psubsb", "66 0f e8 c1", (LibOp) SseInt::psubsb}, {"psubsw", "66 0f e9 c1", (LibOp) SseInt::psubsw},
        {"pandn xmm0,xmm0", "66 0f df c0", (LibOp) (s, d, x) -> SseInt.pandn(s, 0, 0)},
    };

    /** Mnemonic, encoding of "op xmm0, imm8" without the imm8, library op over (state, dst, imm). */
    private static final Object[][] SHIFT_IMM = {
        {"psllw", "66 0f 71 f0", 'w', 0}, {"psrlw", "66 0f 71 d0", 'w', 1}, {"psraw", "66 0f 71 e0", 'w', 2},
        {"pslld", "66 0f 72 f0", 'd', 0}, {"psrld", "66 0f 72 d0", 'd', 1}, {"psrad", "66 0f 72 e0", 'd', 2},
        {"psllq", "66 0f 73 f0", 'q', 0}, {"psrlq", "66 0f 73 d0", 'q', 1},
    };

    private static void libShift(SseState s, char size, int kind, int imm) {
        switch ("" + size + kind) {
            case "w0" -> SseInt.psllwImm(s, 0, imm);
            case "w1" -> SseInt.psrlwImm(s, 0, imm);
            case "w2" -> SseInt.psrawImm(s, 0, imm);
            case "d0" -> SseInt.pslldImm(s, 0, imm);
            case "d1" -> SseInt.psrldImm(s, 0, imm);
            case "d2" -> SseInt.psradImm(s, 0, imm);
            case "q0" -> SseInt.psllqImm(s, 0, imm);
            default -> SseInt.psrlqImm(s, 0, imm);
        }
    }

    private static long[] edgeWords(Random r) {
        long[] pool = {0, -1, 0x8080808080808080L, 0x7f7f7f7f7f7f7f7fL, 0x8000800080008000L, 0x00ff00ff00ff00ffL};
        long[] v = new long[4];
        for (int i = 0; i < 4; i++) {
            v[i] = r.nextInt(3) == 0 ? pool[r.nextInt(pool.length)] : r.nextLong();
        }
        return v;
    }

    /** Runs hex 60 times from xmm0 = {a0, a1}, xmm1 = {b0, b1}; returns xmm0 after the last run. */
    private static long[] run(SnippetRunner r, String hex, long[] v) {
        r.code(hex);
        for (int i = 0; i < 60; i++) {
            r.cpu.sse.set(0, v[0], v[1]);
            r.cpu.sse.set(1, v[2], v[3]);
            r.runToEnd();
        }
        return new long[]{r.cpu.sse.lo(0), r.cpu.sse.hi(0)};
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void registerFormsMatchTheLibrary(String engine) {
        Random rnd = new Random(7);
        for (Object[] row : REG_REG) {
            SnippetRunner r = new SnippetRunner(engine);
            long[] v = edgeWords(rnd);
            SseState expect = new SseState();
            expect.set(0, v[0], v[1]);
            expect.set(1, v[2], v[3]);
            ((LibOp) row[2]).apply(expect, 0, 1);
            long[] got = run(r, (String) row[1], v);
            assertEquals(expect.lo(0), got[0], row[0] + " low");
            assertEquals(expect.hi(0), got[1], row[0] + " high");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void shiftsByImmediateMatchTheLibrary(String engine) {
        Random rnd = new Random(11);
        for (Object[] row : SHIFT_IMM) {
            for (int imm : new int[]{0, 1, 7, 15, 16, 31, 32, 63, 64, 200}) {
                SnippetRunner r = new SnippetRunner(engine);
                long[] v = edgeWords(rnd);
                SseState expect = new SseState();
                expect.set(0, v[0], v[1]);
                libShift(expect, (char) row[2], (int) row[3], imm);
                long[] got = run(r, row[1] + String.format(" %02x", imm), v);
                assertEquals(expect.lo(0), got[0], row[0] + " " + imm + " low");
                assertEquals(expect.hi(0), got[1], row[0] + " " + imm + " high");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void memorySourceAndStoreGoThroughVectorLaneMoves(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        r.mem.store(D, 8, 0x0102030405060708L, false);
        r.mem.store(D + 8, 8, 0x1112131415161718L, false);
        r.cpu.rbx = D;
        // paddb xmm0,[rbx]; movdqu [rbx+0x20],xmm0; movhps [rbx+0x40],xmm0
        long[] got = run(r, "66 0f fc 03  f3 0f 7f 43 20  0f 17 43 40", new long[]{0x0101010101010101L, -1L, 0, 0});
        assertEquals(0x0203040506070809L, got[0]);
        assertEquals(0x1011121314151617L, got[1]);
        assertEquals(got[0], r.mem.load(D + 0x20, 8, false));
        assertEquals(got[1], r.mem.load(D + 0x28, 8, false));
        assertEquals(got[1], r.mem.load(D + 0x40, 8, false));
    }
}

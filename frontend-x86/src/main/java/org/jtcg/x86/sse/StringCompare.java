package org.jtcg.x86.sse;

/**
 * SSE4.2 packed string compares pcmpestri/pcmpestrm/pcmpistri/pcmpistrm as the SDM defines them
 * (Vol. 2B "PCMPxSTRx", section 4.1): the first operand (xmm1) is the set, ranges or needle, the
 * second (xmm2/m128, here {@code src}) the text; imm8[1:0] the element format (unsigned/signed
 * bytes/words), imm8[3:2] the aggregation, imm8[5:4] the polarity, imm8[6] the index or mask form.
 *
 * <p>{@link #compare} returns the result word: bits 0-15 IntRes2, bits 16-21 the RFLAGS bits
 * (CF = IntRes2 ≠ 0, ZF = the text ends inside the register, SF = the first operand does, OF =
 * IntRes2 bit 0; AF = PF = 0), so the translator gets the index, mask and flags from one call.
 */
public final class StringCompare {
    private StringCompare() {}

    /** Bit position of the RFLAGS bits in the result word. */
    public static final int FLAGS_SHIFT = 16;
    private static final int CF = 1, ZF = 0x40, SF = 0x80, OF = 0x800;
    private static final int EQUAL_ANY = 0, RANGES = 1, EQUAL_EACH = 2, EQUAL_ORDERED = 3;

    /** Number of elements: 16 bytes or 8 words. */
    private static int count(int imm8) {
        return (imm8 & 1) != 0 ? 8 : 16;
    }

    /** Elements of reg by imm8's format (signed formats sign-extended). */
    private static long[] elements(SseState s, int reg, int imm8) {
        int bits = (imm8 & 1) != 0 ? 16 : 8;
        return (imm8 & 2) != 0 ? LaneArrays.getSigned(s, reg, bits) : LaneArrays.get(s, reg, bits);
    }

    /** Implicit length: index of the first zero element, or the element count. */
    private static int implicitLength(long[] v) {
        for (int i = 0; i < v.length; i++) {
            if (v[i] == 0) return i;
        }
        return v.length;
    }

    /** Explicit length: |len| saturated to the element count (len is 32 or 64 bits wide by REX.W). */
    public static int explicitLength(long len, int width, int imm8) {
        long v = width == 64 ? len : (int) len;
        int n = count(imm8);
        if (v == Long.MIN_VALUE) return n;
        return (int) Math.min(Math.abs(v), n);
    }

    /** pcmpistri/pcmpistrm: lengths from the first zero element of each operand. */
    public static long pcmpistr(SseState s, int a, int b, int imm8) {
        long[] x = elements(s, a, imm8), y = elements(s, b, imm8);
        return compare(x, y, implicitLength(x), implicitLength(y), imm8);
    }

    /** pcmpestri/pcmpestrm: {@code lenA} = |rax/eax|, {@code lenB} = |rdx/edx| already saturated. */
    public static long pcmpestr(SseState s, int a, int b, long lenA, long lenB, int imm8) {
        return compare(elements(s, a, imm8), elements(s, b, imm8), (int) lenA, (int) lenB, imm8);
    }

    private static long compare(long[] a, long[] b, int la, int lb, int imm8) {
        int n = a.length;
        int intRes1 = 0;
        switch (imm8 >> 2 & 3) {
            case EQUAL_ANY:
                for (int j = 0; j < lb; j++) {
                    for (int i = 0; i < la; i++) {
                        if (a[i] == b[j]) { intRes1 |= 1 << j; break; }
                    }
                }
                break;
            case RANGES:
                for (int j = 0; j < lb; j++) {
                    for (int i = 0; i + 1 < la; i += 2) {
                        if (a[i] <= b[j] && b[j] <= a[i + 1]) { intRes1 |= 1 << j; break; }
                    }
                }
                break;
            case EQUAL_EACH:
                for (int i = 0; i < n; i++) {
                    boolean va = i < la, vb = i < lb;
                    // both invalid compare true, one invalid false
                    if (va && vb ? a[i] == b[i] : !va && !vb) intRes1 |= 1 << i;
                }
                break;
            default: // EQUAL_ORDERED: needle a found at text position j (a past its end always matches)
                for (int j = 0; j < n; j++) {
                    boolean match = true;
                    for (int i = 0; i + j < n && i < la; i++) {
                        if (i + j >= lb || a[i] != b[i + j]) { match = false; break; }
                    }
                    if (match) intRes1 |= 1 << j;
                }
                break;
        }
        int all = (1 << n) - 1;
        int intRes2;
        switch (imm8 >> 4 & 3) {
            case 1: intRes2 = ~intRes1 & all; break;
            case 3: intRes2 = intRes1 ^ ((1 << lb) - 1); break; // negated only where the text is valid
            default: intRes2 = intRes1; break;
        }
        int flags = (intRes2 != 0 ? CF : 0) | (lb < n ? ZF : 0) | (la < n ? SF : 0) | ((intRes2 & 1) != 0 ? OF : 0);
        return intRes2 | (long) flags << FLAGS_SHIFT;
    }

    /** The RFLAGS bits of a result word. */
    public static long flags(long result) {
        return result >>> FLAGS_SHIFT;
    }

    /** pcmp?stri's ECX: index of the least (imm8[6] = 0) or most significant set bit, or the element count. */
    public static long index(long result, int imm8) {
        int res = (int) (result & 0xffff);
        if (res == 0) return count(imm8);
        return (imm8 & 0x40) != 0 ? 31 - Integer.numberOfLeadingZeros(res) : Integer.numberOfTrailingZeros(res);
    }

    /** pcmp?strm's XMM0: the bit mask zero-extended (imm8[6] = 0) or expanded to element masks. */
    public static void mask(SseState s, long result, int imm8) {
        int res = (int) (result & 0xffff);
        if ((imm8 & 0x40) == 0) {
            s.set(0, res, 0);
            return;
        }
        int bits = (imm8 & 1) != 0 ? 16 : 8;
        long[] v = new long[128 / bits];
        for (int i = 0; i < v.length; i++) {
            v[i] = (res >>> i & 1) != 0 ? -1L : 0;
        }
        LaneArrays.set(s, 0, bits, v);
    }
}

package org.jtcg.arm64.translate;

import org.jtcg.arm64.Arm64Cpu;
import org.jtcg.arm64.fp.ArmFastFp;
import org.jtcg.arm64.fp.ArmFp;
import org.jtcg.arm64.fp.ArmFpPure;
import org.jtcg.arm64.fp.HostFpKernels;
import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.ir.Label;
import org.jtcg.core.ir.Val;

import java.util.Arrays;

/**
 * Emits an FP operation as a fast path with the bit-exact soft-float ({@link ArmFpPure}) behind it.
 * The fast path is either an inlined {@link HostFpKernels} kernel with IR checks ({@link #arithmetic},
 * {@link #fusedMultiplyAdd}, {@link #squareRoot}) or a pure {@link ArmFastFp} call ({@link #call}):
 *
 * <pre>
 *   r = fast(args..., fpcr, fpsr)
 *   brcond ne r, SLOW -> done
 *   r = slow(args..., fpcr, RESULT)
 *   fpsr |= slow(args..., fpcr, FLAGS)
 * done:
 * </pre>
 *
 * Every call is pure (FPCR and FPSR travel as values), so none of them makes the JIT write back
 * and reload the region's register locals.
 */
final class FpFastPath {
    private FpFastPath() {}

    static final HelperRef BINARY = pure(ArmFastFp.class, "binary");
    static final HelperRef FROM_INT = pure(ArmFastFp.class, "fromInt");
    static final HelperRef TO_INT = pure(ArmFastFp.class, "toInt");
    static final HelperRef LANES_BINARY = pure(ArmFastFp.class, "lanesBinary");
    static final HelperRef LANES_FUSED = pure(ArmFastFp.class, "lanesFused");
    private static final HelperRef COMPARE = pure(ArmFastFp.class, "compare");

    static final HelperRef SLOW_BINARY = pure(ArmFpPure.class, "binary");
    static final HelperRef SLOW_FUSED = pure(ArmFpPure.class, "fused");
    static final HelperRef SLOW_SQRT = pure(ArmFpPure.class, "sqrt");
    static final HelperRef SLOW_FROM_INT = pure(ArmFpPure.class, "fromInt");
    static final HelperRef SLOW_TO_INT = pure(ArmFpPure.class, "toInt");
    static final HelperRef SLOW_LANES_BINARY = pure(ArmFpPure.class, "lanesBinary");
    static final HelperRef SLOW_LANES_FUSED = pure(ArmFpPure.class, "lanesFused");
    private static final HelperRef SLOW_COMPARE = pure(ArmFpPure.class, "compare");

    /** Kernels by {@link ArmFp} code (FMUL, FDIV, FADD, FSUB) and type (0 single, 1 double). */
    private static final HelperRef[][] KERNEL = {
        {pure(HostFpKernels.class, "mulS"), pure(HostFpKernels.class, "mulD")},
        {pure(HostFpKernels.class, "divS"), pure(HostFpKernels.class, "divD")},
        {pure(HostFpKernels.class, "addS"), pure(HostFpKernels.class, "addD")},
        {pure(HostFpKernels.class, "subS"), pure(HostFpKernels.class, "subD")},
    };
    private static final HelperRef[] FMA_KERNEL = {pure(HostFpKernels.class, "fmaS"), pure(HostFpKernels.class, "fmaD")};
    private static final HelperRef[] SQRT_KERNEL = {pure(HostFpKernels.class, "sqrtS"), pure(HostFpKernels.class, "sqrtD")};

    /** FPCR.RMode, FZ, DN (all 0 by default) and FPSR.IXC. */
    private static final long CONTROL = 0xfL << 22, IXC = 0x10;
    /** Per type: sign bit, magnitude mask, smallest normal and infinity (as magnitudes). */
    private static final long[] SIGN = {1L << 31, 1L << 63};
    private static final long[] MAGNITUDE = {0x7fff_ffffL, Long.MAX_VALUE};
    private static final long[] MIN_NORMAL = {0x0080_0000L, 0x0010_0000_0000_0000L};
    private static final long[] INFINITY = {0x7f80_0000L, 0x7ff0_0000_0000_0000L};

    /** Whether {@link #arithmetic} inlines this {@link ArmFp} code. */
    static boolean inlinable(int op) {
        return op == ArmFp.FMUL || op == ArmFp.FDIV || op == ArmFp.FADD || op == ArmFp.FSUB || op == ArmFp.FNMUL;
    }

    /**
     * FMUL/FDIV/FADD/FSUB/FNMUL of one element (type 0 single, 1 double) inlined as host arithmetic,
     * the soft-float {@code slow(slowArgs, FPCR, ...)} behind it.
     */
    static Val arithmetic(A64Ctx c, int op, int type, Val a, Val b, HelperRef slow, Val... slowArgs) {
        int k = op == ArmFp.FNMUL ? ArmFp.FMUL : op;
        boolean sum = op == ArmFp.FADD || op == ArmFp.FSUB;
        return inline(c, type, KERNEL[k][type], new Val[] {a, b}, sum, op == ArmFp.FNMUL ? SIGN[type] : 0, slow, slowArgs);
    }

    /** n*m + addend with one rounding, the operands already negated as the instruction asks. */
    static Val fusedMultiplyAdd(A64Ctx c, int type, Val n, Val m, Val addend, HelperRef slow, Val... slowArgs) {
        return inline(c, type, FMA_KERNEL[type], new Val[] {n, m, addend}, false, 0, slow, slowArgs);
    }

    static Val squareRoot(A64Ctx c, int type, Val a, HelperRef slow, Val... slowArgs) {
        return inline(c, type, SQRT_KERNEL[type], new Val[] {a}, false, 0, slow, slowArgs);
    }

    /** {@code v} with its sign bit (of the type) flipped when {@code negate}. */
    static Val negateIf(A64Ctx c, int type, Val v, boolean negate) {
        return negate ? c.b.xor(v, c.c(SIGN[type])) : v;
    }

    /**
     * The inlined form:
     * <pre>
     *   brcond ne (fpcr &amp; CONTROL) | (IXC &amp; ~fpsr), 0 -&gt; slow
     *   r = kernel(args)                       (C1 inlines it)
     *   brcond leu |r|, MIN_NORMAL -&gt; slow       (not for sums: a tiny sum is exact, so no Underflow)
     *   brcond geu |r|, INFINITY -&gt; slow         (NaN, overflow, or a NaN/infinite operand)
     *   r ^= resultXor; br done
     * slow: soft-float result and flags
     * </pre>
     * A result strictly above the smallest normal was not tiny before rounding either (round to
     * nearest moves it by at most half an ulp), so Arm raises neither Underflow nor anything but
     * Inexact, which is already set.
     */
    private static Val inline(A64Ctx c, int type, HelperRef kernel, Val[] kernelArgs, boolean sum, long resultXor,
            HelperRef slow, Val[] slowArgs) {
        Val fpcr = c.b.mov(c.global(Arm64Cpu.FPCR));
        Val fpsr = c.b.mov(c.global(Arm64Cpu.FPSR));
        Val r = c.b.temp64();
        Label slowPath = c.b.newLabel(), done = c.b.newLabel();
        Val control = c.b.or(c.b.and(fpcr, c.c(CONTROL)), c.b.andc(c.c(IXC), fpsr));
        c.b.brcond(Cond.NE, control, c.c(0), slowPath);
        c.b.call(kernel, r, kernelArgs);
        Val magnitude = c.b.and(r, c.c(MAGNITUDE[type]));
        if (!sum) {
            c.b.brcond(Cond.LEU, magnitude, c.c(MIN_NORMAL[type]), slowPath);
        }
        c.b.brcond(Cond.GEU, magnitude, c.c(INFINITY[type]), slowPath);
        if (resultXor != 0) {
            c.b.xor(r, r, c.c(resultXor));
        }
        c.b.br(done);
        c.b.setLabel(slowPath);
        slowInto(c, r, slow, slowArgs, fpcr);
        c.b.setLabel(done);
        return r;
    }

    private static HelperRef pure(Class<?> owner, String name) {
        return HelperRef.of(owner, name, HelperRef.PURE);
    }

    /** {@code fast(args, FPCR, FPSR)}, else the soft-float {@code slow(args, FPCR, ...)}: the result in one temp. */
    static Val call(A64Ctx c, HelperRef fast, HelperRef slow, Val... args) {
        Val fpcr = c.b.mov(c.global(Arm64Cpu.FPCR));
        Val[] fastArgs = Arrays.copyOf(args, args.length + 2);
        fastArgs[args.length] = fpcr;
        fastArgs[args.length + 1] = c.b.mov(c.global(Arm64Cpu.FPSR));
        return withFallback(c, fast, fastArgs, slow, args, fpcr);
    }

    /** FCMP/FCMPE (type, a, b, signaling): the fast path needs no signaling argument (it declines NaNs). */
    static Val compare(A64Ctx c, Val type, Val a, Val b, Val signaling) {
        Val fpcr = c.b.mov(c.global(Arm64Cpu.FPCR));
        return withFallback(c, COMPARE, new Val[] {type, a, b, fpcr}, SLOW_COMPARE, new Val[] {type, a, b, signaling}, fpcr);
    }

    /** An operation without a fast path: the soft-float result, its flags ORed into FPSR. */
    static Val slow(A64Ctx c, HelperRef slow, Val... args) {
        Val r = c.b.temp64();
        slowInto(c, r, slow, args, c.b.mov(c.global(Arm64Cpu.FPCR)));
        return r;
    }

    private static Val withFallback(A64Ctx c, HelperRef fast, Val[] fastArgs, HelperRef slow, Val[] slowArgs, Val fpcr) {
        Val r = c.b.temp64();
        Label done = c.b.newLabel();
        c.b.call(fast, r, fastArgs);
        c.b.brcond(Cond.NE, r, c.c(ArmFastFp.SLOW), done);
        slowInto(c, r, slow, slowArgs, fpcr);
        c.b.setLabel(done);
        return r;
    }

    private static void slowInto(A64Ctx c, Val r, HelperRef slow, Val[] args, Val fpcr) {
        Val[] a = Arrays.copyOf(args, args.length + 2);
        a[args.length] = fpcr;
        a[args.length + 1] = c.b.const32(ArmFpPure.RESULT);
        c.b.call(slow, r, a);
        Val[] f = a.clone();
        f[args.length + 1] = c.b.const32(ArmFpPure.FLAGS);
        Val flags = c.b.callValue(slow, f);
        Val fpsr = c.global(Arm64Cpu.FPSR);
        c.b.or(fpsr, fpsr, flags);
    }
}

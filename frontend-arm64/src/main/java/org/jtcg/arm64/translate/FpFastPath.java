package org.jtcg.arm64.translate;

import org.jtcg.arm64.Arm64Cpu;
import org.jtcg.arm64.fp.ArmFastFp;
import org.jtcg.arm64.fp.ArmFpPure;
import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.ir.Label;
import org.jtcg.core.ir.Val;

import java.util.Arrays;

/**
 * Emits an FP operation as a pure {@link ArmFastFp} call with the bit-exact soft-float
 * ({@link ArmFpPure}) behind it:
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
 * and reload the region's register locals; the FP instruction costs a static call on the fast path.
 */
final class FpFastPath {
    private FpFastPath() {}

    static final HelperRef BINARY = pure(ArmFastFp.class, "binary");
    static final HelperRef FUSED = pure(ArmFastFp.class, "fused");
    static final HelperRef SQRT = pure(ArmFastFp.class, "sqrt");
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

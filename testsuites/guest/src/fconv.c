/* float<->int conversions (incl. out of range), rounding modes (fesetround + rint/nearbyint/lrint),
 * fenv exception flags, and scalar double/float code. Built at -O0..-O3. */
#include <fenv.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static volatile double vd[] = {0.0, -0.0, 0.5, -0.5, 1.5, 2.5, -2.5, 1e10, -1e10, 2147483647.5, 2147483648.0, -2147483649.0,
                               9.3e18, -9.3e18, 1.8e19, 1e300, INFINITY, -INFINITY, NAN, 4294967295.9, 0x1p63, -0x1p63};
static volatile long long vl[] = {0, 1, -1, 16777217, 9007199254740993LL, LLONG_MAX, LLONG_MIN, 123456789};

static void flags(const char *what) {
    int f = fetestexcept(FE_ALL_EXCEPT);
    printf("%s:%s%s%s%s%s\n", what, f & FE_INVALID ? " invalid" : "", f & FE_DIVBYZERO ? " divbyzero" : "",
           f & FE_OVERFLOW ? " overflow" : "", f & FE_UNDERFLOW ? " underflow" : "", f & FE_INEXACT ? " inexact" : "");
    feclearexcept(FE_ALL_EXCEPT);
}

static double poly(double x, int n) { /* scalar double code for the optimiser */
    double s = 0, t = 1;
    for (int i = 1; i <= n; i++) {
        t *= x / i;
        s += (i & 1 ? t : -t) / (1.0 + s * s);
    }
    return s;
}

static float polyf(float x, int n) {
    float s = 0, t = 1;
    for (int i = 1; i <= n; i++) {
        t = t * x / (float) i;
        s = s + ((i & 1) ? t : -t) / (1.0f + s * s);
    }
    return s;
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 2000;
    for (unsigned i = 0; i < sizeof vd / sizeof vd[0]; i++) {
        double d = vd[i];
        feclearexcept(FE_ALL_EXCEPT);
        int ii = (int) d;
        long long ll = (long long) d;
        unsigned uu = (unsigned) d;
        unsigned long long ull = (unsigned long long) d;
        float f = (float) d;
        long lr = lrint(d);
        printf("%-22.17g -> int %d ll %lld u %u ull %llu f %.9g lrint %ld llround %lld ", d, ii, ll, uu, ull, f, lr, llround(d));
        flags("");
    }
    for (unsigned i = 0; i < sizeof vl / sizeof vl[0]; i++)
        printf("%lld -> d %.17g f %.9g ld %.21Lg ud %.17g\n", vl[i], (double) vl[i], (float) vl[i], (long double) vl[i],
               (double) (unsigned long long) vl[i]);
    int modes[] = {FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO};
    const char *names[] = {"nearest", "down", "up", "zero"};
    for (int m = 0; m < 4; m++) {
        fesetround(modes[m]);
        volatile double one = 1.0, three = 3.0;
        volatile long double lone = 1.0L, lthree = 3.0L;
        printf("%s: rint %g %g %g %g nearbyint %g %g lrint %ld %ld 1/3=%.17g -1/3=%.17g ld=%.21Lg f=%.9g sqrt2=%.17g ldrint=%Lg\n",
               names[m], rint(2.5), rint(-2.5), rint(3.5), rint(-0.4), nearbyint(0.5), nearbyint(-1.5), lrint(2.5),
               lrint(-2.5), one / three, -one / three, lone / lthree, (float) one / (float) three, sqrt(2.0 * one),
               rintl(2.5L * lone));
    }
    fesetround(FE_TONEAREST);
    feclearexcept(FE_ALL_EXCEPT);
    volatile double zero = 0.0, one = 1.0, big = 1e308, tiny = 1e-308;
    volatile double r = one / zero;
    flags("1/0");
    r = zero / zero;
    flags("0/0");
    r = big * 10;
    flags("overflow");
    r = tiny / 1e10;
    flags("underflow");
    r = one / 3;
    flags("1/3");
    r = one + one;
    flags("exact");
    volatile long double lz = 0.0L, lo = 1.0L;
    volatile long double lr = lo / lz;
    flags("x87 1/0");
    lr = lz / lz;
    flags("x87 0/0");
    lr = lo / 3;
    flags("x87 1/3");
    volatile float fz = 0.0f;
    volatile float fr = 1.0f / fz;
    flags("float 1/0");
    printf("r=%g lr=%Lg fr=%g\n", r, lr, fr);
    printf("poly=%.17g polyf=%.9g\n", poly(0.7, n), polyf(0.7f, n));
    double acc = 0;
    for (int i = 1; i <= n; i++) acc += (double) (i % 7) / i - (float) i * 1e-7f + (i % 3 ? 0.5 : -0.25) * acc / (i + 1.0);
    printf("acc=%.17g\n", acc);
    return 0;
}

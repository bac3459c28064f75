/* libm (double and float) at -O2: SSE2 code paths of glibc. No long double transcendentals
 * (glibc implements expl/logl/sinl... with x87 transcendental instructions, which jtcg does not have). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 200;
    double acc = 0;
    for (int i = 0; i < n; i++) {
        double x = (i - n / 2) * 0.137 + 0.01;
        double ax = fabs(x) + 1e-3;
        acc += sqrt(ax) + floor(x) + ceil(x) + round(x) + trunc(x) + fmod(x, 1.7) + exp(x / 10) + log(ax) + pow(ax, 0.37) +
               sin(x) + cos(x) + tan(x / 3) + atan2(x, 1.5) + atan(x) + asin(x / (n * 0.2)) + acos(x / (n * 0.2)) +
               sinh(x / 20) + cosh(x / 20) + tanh(x) + log10(ax) + log2(ax) + exp2(x / 5) + expm1(x / 9) + log1p(ax) +
               cbrt(x) + hypot(x, 2.5) + erf(x / 4) + lgamma(ax) + rint(x) + nearbyint(x * 1.5);
        int e;
        double m = frexp(x, &e);
        acc += ldexp(m, e + 1) + e + modf(x, &m) + m + scalbn(x, 3) + copysign(1.0, x) + fmin(x, 0.3) + fmax(x, 0.3) + fma(x, 1.1, 0.2);
        float xf = (float) x, af = (float) ax;
        acc += sqrtf(af) + expf(xf / 10) + logf(af) + powf(af, 1.3f) + sinf(xf) + cosf(xf) + atan2f(xf, 2.0f) + floorf(xf) + roundf(xf);
        if (i % (n / 10 > 0 ? n / 10 : 1) == 0)
            printf("x=%.6f sin=%.17g cos=%.17g exp=%.17g log=%.17g pow=%.17g atan2=%.17g tan=%.17g sinf=%.9g expf=%.9g\n", x, sin(x),
                   cos(x), exp(x / 10), log(ax), pow(ax, 0.37), atan2(x, 1.5), tan(x / 3), sinf(xf), expf(xf / 10));
    }
    printf("acc=%.17g\n", acc);
    printf("special: %g %g %g %g %g %g\n", sqrt(-1.0), log(0.0), pow(0.0, -1.0), exp(1000.0), atan2(0.0, -0.0), fmod(1.0, 0.0));
    return 0;
}

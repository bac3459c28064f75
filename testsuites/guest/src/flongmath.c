/* long double libm on x87 transcendentals (glibc's expl, logl, powl, sinl, atan2l... use fsin, fcos,
 * fsincos, fptan, fpatan, f2xm1, fyl2x, fyl2xp1). Printed with 15 significant digits: the emulated
 * instructions are correctly rounded while the hardware's are within one ulp (2^-64 relative), so the
 * last of the 64 bits may differ from a native run; 15 digits (about 50 bits) hide that difference. */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

typedef long double (*fn1)(long double);
static const struct { const char *name; fn1 f; } F1[] = {
    {"exp", expl}, {"exp2", exp2l}, {"exp10", exp10l}, {"expm1", expm1l}, {"log", logl}, {"log2", log2l},
    {"log10", log10l}, {"log1p", log1pl}, {"sin", sinl}, {"cos", cosl}, {"tan", tanl}, {"atan", atanl},
    {"asin", asinl}, {"acos", acosl}, {"sinh", sinhl}, {"cosh", coshl}, {"tanh", tanhl}, {"asinh", asinhl},
    {"acosh", acoshl}, {"atanh", atanhl}, {"cbrt", cbrtl}, {"sqrt", sqrtl},
};

static void line(const char *name, long double x, long double y) {
    printf("%s(%.15Lg) = %.15Lg\n", name, x, y);
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 60;
    static const long double edge[] = {0.0L, -0.0L, 1.0L, -1.0L, 0.5L, 2.0L, 1e-4000L, -1e-30L, 1e18L, -1e300L,
                                       1e4000L, 3.14159265358979323846L, 1.5707963267948966192L, 0.99999L,
                                       1.00001L, 700.0L, -11400.0L, 11356.0L};
    for (unsigned k = 0; k < sizeof F1 / sizeof F1[0]; k++) {
        for (unsigned i = 0; i < sizeof edge / sizeof edge[0]; i++) {
            line(F1[k].name, edge[i], F1[k].f(edge[i]));
        }
        line(F1[k].name, INFINITY, F1[k].f(INFINITY));
        line(F1[k].name, -INFINITY, F1[k].f(-INFINITY));
        for (int i = 0; i < n; i++) {
            long double x = (i - n / 3) * 0.3183098861837906715L + i * 1e-7L;
            line(F1[k].name, x, F1[k].f(x));
        }
    }
    for (int i = 0; i < n; i++) {
        long double x = (i - n / 2) * 0.7310585786300049L, y = (n / 3 - i) * 1.1283791670955125739L;
        long double s, c;
        sincosl(x * 1e3L, &s, &c);
        printf("atan2(%.15Lg,%.15Lg)=%.15Lg pow=%.15Lg hypot=%.15Lg sincos=%.15Lg,%.15Lg\n", y, x, atan2l(y, x),
               powl(fabsl(x) + 0.5L, y / 7), hypotl(x, y), s, c);
    }
    printf("atan2 zeros %Lg %Lg %Lg %Lg\n", atan2l(0.0L, -0.0L), atan2l(-0.0L, -0.0L), atan2l(-0.0L, 1.0L),
           atan2l(INFINITY, -INFINITY));
    printf("pow %.15Lg %.15Lg %.15Lg %Lg\n", powl(2.0L, 0.5L), powl(10.0L, -4930.0L), powl(-8.0L, 1.0L / 3), powl(0.0L, -1.0L));
    long double acc = 0;
    for (int i = 1; i <= 10 * n; i++) {
        acc += sinl(i) * expl(-i * 1e-3L) + logl(i) / i;
    }
    printf("sum %.15Lg\n", acc);
    return 0;
}

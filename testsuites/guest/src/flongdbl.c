/* long double (x87) arithmetic: + - * / sqrt, comparisons, conversions, fabsl/floorl/ceill/roundl/truncl/
 * fmodl/remainderl/frexpl/ldexpl/scalbnl, and a series sum. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 3000;
    long double s = 0, p = 1, e = 1, f = 1;
    for (int i = 1; i <= n; i++) {
        s += 1.0L / ((long double) i * i);
        p *= 1.0L + 1.0L / (4.0L * i * i - 1);
        if (i < 30) {
            f *= i;
            e += 1.0L / f;
        }
    }
    printf("basel=%.21Lg wallis=%.21Lg e=%.21Lg\n", s, 2 * p, e);
    volatile long double v[] = {0.0L, -0.0L, 1.5L, -2.5L, 1e-4940L, 1e4930L, 7.0L / 3, -1e19L, 12345.6789L, 0.49999999999999999997L};
    for (unsigned i = 0; i < sizeof v / sizeof v[0]; i++) {
        long double x = v[i];
        int ex;
        long double m = frexpl(x, &ex);
        printf("%.21Lg: sqrt %.21Lg floor %Lg ceil %Lg round %Lg trunc %Lg rint %Lg fmod %.21Lg rem %.21Lg frexp %.21Lg,%d "
               "ldexp %.21Lg fabs %Lg ll %lld d %.17g f %.9g cmp %d%d%d\n",
               x, sqrtl(fabsl(x)), floorl(x), ceill(x), roundl(x), truncl(x), rintl(x), fmodl(x, 0.7L), remainderl(x, 0.7L), m,
               ex, ldexpl(x, -3), fabsl(x), fabsl(x) < 9e18L ? (long long) x : 0LL, (double) x, (float) x, x < 1.0L,
               x == 1.5L, x >= -2.5L);
    }
    long double a = 1.0L, b = 3.0L;
    printf("1/3=%.25Lg sub=%.25Lg mul=%.25Lg cbrt-ish=%.21Lg\n", a / b, a - 1 / b, (a / b) * b, sqrtl(sqrtl(2.0L)));
    printf("nan cmp %d %d inf %Lg\n", (0.0L / 0.0L) == (0.0L / 0.0L), isnan(0.0L / 0.0L), 1.0L / 0.0L);
    return 0;
}

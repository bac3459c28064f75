/* Floating point through printf/strtod and libm (needs the SSE and x87 libraries). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    double x = strtod("3.14159265358979", NULL);
    printf("%.10f %.3e %g\n", x, x * 1e10, x / 7);
    printf("sqrt=%.12f sin=%.12f exp=%.12f log=%.12f pow=%.6f\n", sqrt(2.0), sin(1.0), exp(1.5), log(10.0), pow(2.5, 3.7));
    float f = 1.0f / 3.0f;
    printf("float=%.9g long double=%.15Lg\n", f, (long double)x / 3);
    double s = 0;
    for (int i = 1; i <= 1000; i++) s += 1.0 / ((double)i * i);
    printf("basel=%.15f\n", s);
    return 0;
}

/* printf of float, double and long double in many formats (glibc's printf_fp: SSE + x87 long double). */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static const double D[] = {0.0, -0.0, 1.0, -1.5, 0.1, 1.0 / 3, 2.5, 3.5, 1e-5, 123456.789, 1e15, 1e16, 1e22, 1e300,
                           DBL_MAX, DBL_MIN, 4.9406564584124654e-324, 2.2250738585072009e-308, 9007199254740993.0,
                           0.5e-323, 6.02214076e23, 299792458.0, -273.15};
static const char *FMT[] = {"%f", "%.0f", "%.3f", "%e", "%.0e", "%.10e", "%g", "%.3g", "%.17g", "%a", "%.3a",
                            "%+12.4f", "%-12.2e|", "%#g", "%#.0f", "%010.3f"};

int main(int argc, char **argv) {
    int reps = argc > 1 ? atoi(argv[1]) : 1;
    char buf[512];
    unsigned long h = 0;
    for (int r = 0; r < reps; r++) {
        for (unsigned i = 0; i < sizeof D / sizeof D[0]; i++) {
            for (unsigned f = 0; f < sizeof FMT / sizeof FMT[0]; f++) {
                if (D[i] > 1e100 && FMT[f][1] != 'a' && FMT[f][2] != 'a' && (FMT[f][1] == 'f' || FMT[f][1] == '.' && FMT[f][3] == 'f'))
                    continue; /* keep %f of huge values short */
                snprintf(buf, sizeof buf, FMT[f], D[i]);
                if (r == 0) printf("%s ", buf);
                for (char *p = buf; *p; p++) h = h * 31 + (unsigned char) *p;
            }
            if (r == 0) printf("\n");
        }
    }
    float fl[] = {1.0f / 3, 16777217.0f, FLT_MAX, FLT_MIN, 1e-45f, -0.1f};
    for (unsigned i = 0; i < sizeof fl / sizeof fl[0]; i++) printf("%.9g %a %e\n", fl[i], fl[i], fl[i]);
    long double ld[] = {1.0L / 3, 0.1L, -2.5L, 1e4000L, LDBL_MAX, LDBL_MIN, 3.14159265358979323846264338327950288L,
                        1.0L + LDBL_EPSILON, 18446744073709551615.0L, 1e-4950L};
    for (unsigned i = 0; i < sizeof ld / sizeof ld[0]; i++)
        printf("%Lf | %.20Lg | %Le | %La | %.0Lf\n", i == 3 || i == 4 ? 0.0L : ld[i], ld[i], ld[i], ld[i], i == 3 || i == 4 ? 1.0L : ld[i]);
    printf("inf=%f %e %g nan=%f %F %LF\n", INFINITY, -INFINITY, HUGE_VAL, NAN, -NAN, (long double) INFINITY);
    printf("hash=%lx\n", h);
    return 0;
}

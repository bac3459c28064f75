/* s390x BFP traps: argv[1] names one IEEE exception and a format; the program enables that exception
 * with feenableexcept and runs an operation that raises it, so it dies of SIGFPE (exit 136, no
 * handler) at that instruction, as Linux does for a data exception with an IEEE DXC. Kinds:
 * trap-inv-f, trap-inv-ld, trap-inv-conv, trap-div-ld, trap-ovf-d, trap-ovf-ld, trap-unf-f,
 * trap-unf-ld, trap-inx-d, trap-inx-ld. */
#define _GNU_SOURCE
#include <fenv.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

volatile float f1 = 1.0f, ftiny = 1e-38f, fzero = 0.0f;
volatile double d1 = 1.0, d3 = 3.0, dbig = 1e308;
volatile long double l1 = 1.0L, l3 = 3.0L, lbig = 1e4932L, ltiny = 1e-4931L, lzero = 0.0L, lneg = -2.0L;

static int trap(const char *kind) {
    volatile float rf; volatile double rd; volatile long double rl; volatile long rg;
    (void) rf; (void) rd; (void) rl; (void) rg;
    printf("trap %s\n", kind);
    fflush(stdout);
    if (!strcmp(kind, "trap-inv-f")) { feenableexcept(FE_INVALID); rf = fzero / fzero; }
    else if (!strcmp(kind, "trap-inv-ld")) { feenableexcept(FE_INVALID); rl = sqrtl(lneg); }
    else if (!strcmp(kind, "trap-inv-conv")) { feenableexcept(FE_INVALID); rg = (long) lbig; }
    else if (!strcmp(kind, "trap-div-ld")) { feenableexcept(FE_DIVBYZERO); rl = l1 / lzero; }
    else if (!strcmp(kind, "trap-ovf-d")) { feenableexcept(FE_OVERFLOW); rd = dbig * dbig; }
    else if (!strcmp(kind, "trap-ovf-ld")) { feenableexcept(FE_OVERFLOW); rl = lbig * lbig; }
    else if (!strcmp(kind, "trap-unf-f")) { feenableexcept(FE_UNDERFLOW); rf = ftiny * ftiny; }
    else if (!strcmp(kind, "trap-unf-ld")) { feenableexcept(FE_UNDERFLOW); rl = ltiny * ltiny; }
    else if (!strcmp(kind, "trap-inx-d")) { feenableexcept(FE_INEXACT); rd = d1 / d3; }
    else if (!strcmp(kind, "trap-inx-ld")) { feenableexcept(FE_INEXACT); rl = l1 / l3; }
    else { printf("unknown trap kind\n"); return 2; }
    printf("not reached\n");
    return 1;
}

int main(int argc, char **argv) {
    return trap(argc > 1 ? argv[1] : "trap-div-ld");
}

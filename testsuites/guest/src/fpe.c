/* Unmasked floating-point exceptions: feenableexcept then a faulting operation dies of SIGFPE
 * (exit 136). argv[1]: sse-div, sse-inv, sse-ovf, x87-div (x87: at the next waiting instruction). */
#define _GNU_SOURCE
#include <fenv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    const char *what = argc > 1 ? argv[1] : "sse-div";
    volatile double zero = 0.0, big = 1e308;
    volatile long double lzero = 0.0L;
    printf("before\n");
    fflush(stdout);
    if (!strcmp(what, "sse-div")) {
        feenableexcept(FE_DIVBYZERO);
        volatile double r = 1.0 / zero;
        printf("r=%g\n", r);
    } else if (!strcmp(what, "sse-inv")) {
        feenableexcept(FE_INVALID);
        volatile double r = zero / zero;
        printf("r=%g\n", r);
    } else if (!strcmp(what, "sse-ovf")) {
        feenableexcept(FE_OVERFLOW);
        volatile double r = big * big;
        printf("r=%g\n", r);
    } else {
        feenableexcept(FE_DIVBYZERO);
        volatile long double r = 1.0L / lzero;
        printf("r=%Lg\n", r);
    }
    printf("not reached\n");
    return 0;
}

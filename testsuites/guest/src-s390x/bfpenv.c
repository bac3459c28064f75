/* s390x BFP environment: the four rounding modes (fesetround, SRNM, SRNMB, the M3 field of the -A
 * conversions), the IEEE flags after each class of operation (fetestexcept and the FPC itself, read
 * with EFPC/STFPC), the XxC inexact-suppression bit, LFPC/STFPC, and exception masks that are
 * enabled but not raised. float, double and long double (binary128 on s390x) throughout. bfptrap.c
 * has the enabled exceptions that trap. */
#define _GNU_SOURCE
#include <fenv.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const int modes[] = {FE_TONEAREST, FE_TOWARDZERO, FE_UPWARD, FE_DOWNWARD};
static const char *modeNames[] = {"nearest", "zero", "up", "down"};

static unsigned efpc(void) {
    unsigned v;
    __asm__ volatile("efpc %0" : "=d"(v));
    return v;
}

static void flags(const char *what) {
    int f = fetestexcept(FE_ALL_EXCEPT);
    printf("  %-22s %s%s%s%s%s fpc=%08x\n", what, f & FE_INVALID ? "i" : "-", f & FE_DIVBYZERO ? "z" : "-",
           f & FE_OVERFLOW ? "o" : "-", f & FE_UNDERFLOW ? "u" : "-", f & FE_INEXACT ? "x" : "-", efpc());
    feclearexcept(FE_ALL_EXCEPT);
}

static void pf(float v) { uint32_t b; memcpy(&b, &v, 4); printf(" %08x", b); }
static void pd(double v) { uint64_t b; memcpy(&b, &v, 8); printf(" %016llx", (unsigned long long) b); }
static void pl(long double v) { uint64_t b[2]; memcpy(b, &v, 16); printf(" %016llx%016llx", (unsigned long long) b[0], (unsigned long long) b[1]); }

volatile float f1 = 1.0f, f3 = 3.0f, fbig = 3e38f, ftiny = 1e-38f, fzero = 0.0f, fneg = -2.0f;
volatile double d1 = 1.0, d3 = 3.0, dbig = 1e308, dtiny = 1e-308, dzero = 0.0, dneg = -2.0, dhalf = 2.5;
volatile long double l1 = 1.0L, l3 = 3.0L, lbig = 1e4932L, ltiny = 1e-4931L, lzero = 0.0L, lneg = -2.0L, lhalf = 2.5L;
volatile long long ibig = 0x7fffffffffffff01LL;

static void arithmetic(void) {
    volatile float rf; volatile double rd; volatile long double rl;
    printf(" div"); rf = f1 / f3; pf(rf); rd = d1 / d3; pd(rd); rl = l1 / l3; pl(rl); printf("\n"); flags("1/3");
    printf(" sub"); rf = fzero - fzero; pf(rf); rd = dzero - dzero; pd(rd); rl = lzero - lzero; pl(rl); printf("\n"); flags("0-0");
    printf(" sqrt"); rf = sqrtf(f3); pf(rf); rd = sqrt(d3); pd(rd); rl = sqrtl(l3); pl(rl); printf("\n"); flags("sqrt 3");
    printf(" ovf"); rf = fbig * fbig; pf(rf); rd = dbig * dbig; pd(rd); rl = lbig * lbig; pl(rl); printf("\n"); flags("overflow");
    printf(" unf"); rf = ftiny * ftiny; pf(rf); rd = dtiny * dtiny; pd(rd); rl = ltiny * ltiny; pl(rl); printf("\n"); flags("underflow");
    printf(" dz"); rf = f1 / fzero; pf(rf); rd = d1 / dzero; pd(rd); rl = l1 / lzero; pl(rl); printf("\n"); flags("divide by zero");
    printf(" inv"); rf = fzero / fzero; pf(rf); rd = sqrt(dneg); pd(rd); rl = lzero / lzero; pl(rl); printf("\n"); flags("invalid");
    printf(" narrow"); rf = (float) (d1 / d3); pf(rf); rd = (double) (l1 / l3); pd(rd); rf = (float) (l1 / l3); pf(rf); printf("\n"); flags("narrowing");
    printf(" rint"); rf = rintf(2.5f); pf(rf); rd = rint(dhalf); pd(rd); rl = rintl(lhalf); pl(rl); printf("\n"); flags("rint 2.5");
    printf(" nearbyint"); rd = nearbyint(-dhalf); pd(rd); rl = nearbyintl(-lhalf); pl(rl); printf("\n"); flags("nearbyint -2.5");
    printf(" lrint %ld %ld %ld", lrintf(-2.5f), lrint(-dhalf), lrintl(lhalf)); printf("\n"); flags("lrint");
    printf(" tolong %ld %ld", (long) (d1 / d3 * 10), (long) (l1 / l3 * 10)); printf("\n"); flags("truncating (long)");
    printf(" badint %ld %ld %d", (long) dbig, (long) (lzero / lzero), (int) lbig); printf("\n"); flags("out-of-range (long)");
    printf(" fromll"); rd = (double) ibig; pd(rd); rf = (float) ibig; pf(rf); rl = (long double) ibig; pl(rl); printf("\n"); flags("from long long");
    printf(" cmp %d %d", d1 < dzero / dzero, l1 == lzero / lzero); printf("\n"); flags("ordered compare NaN");
    printf(" fma"); rd = fma(d1 / d3, d3, -d1); pd(rd); printf("\n"); flags("fma");
}

/* The -A forms with an explicit rounding method in M3 (1 ties away, 3 round to odd, 4 ties even, 5 zero,
 * 6 up, 7 down)
 * and M4 XxC = 4 (inexact suppressed). */
static void explicitRounding(void) {
    volatile double x = -2.5, y = 1.0 / 3.0;
    volatile long double lx = -2.5L, ly = 1.0L / 3.0L;
    feclearexcept(FE_ALL_EXCEPT);
#define M3(m) do { long r; long double rl; double rd; float rf; \
        __asm__ volatile("cgdbra %0," #m ",%1,0" : "=d"(r) : "f"(x) : "cc"); printf(" cgdbra/" #m " %ld", r); \
        __asm__ volatile("cgxbra %0," #m ",%1,0" : "=d"(r) : "f"(lx) : "cc"); printf(" cgxbra %ld", r); \
        __asm__ volatile("fixbra %0," #m ",%1,0" : "=f"(rl) : "f"(lx)); pl(rl); \
        __asm__ volatile("fidbra %0," #m ",%1,0" : "=f"(rd) : "f"(x)); pd(rd); \
        __asm__ volatile("ldxbra %0," #m ",%1,0" : "=f"(rd) : "f"(ly)); pd(rd); \
        __asm__ volatile("ledbra %0," #m ",%1,0" : "=f"(rf) : "f"(y)); pf(rf); \
        __asm__ volatile("cdgbra %0," #m ",%1,0" : "=f"(rd) : "d"(ibig)); pd(rd); \
        __asm__ volatile("celgbr %0," #m ",%1,0" : "=f"(rf) : "d"(ibig)); pf(rf); \
        printf("\n"); flags("M3=" #m); } while (0)
    M3(1); M3(3); M3(4); M3(5); M3(6); M3(7);
    long r;
    double rd;
    __asm__ volatile("cgdbra %0,5,%1,4" : "=d"(r) : "f"(y) : "cc");
    __asm__ volatile("ldxbra %0,0,%1,4" : "=f"(rd) : "f"(ly));
    printf(" xxc %ld", r); pd(rd); printf("\n"); flags("XxC: no inexact");
}

static void controlRegister(void) {
    unsigned saved, v = 0x00000001, got;
    __asm__ volatile("stfpc %0" : "=Q"(saved));
    __asm__ volatile("lfpc %0" : : "Q"(v));
    __asm__ volatile("stfpc %0" : "=Q"(got));
    printf(" lfpc/stfpc %08x fegetround=%d\n", got, fegetround() == FE_TOWARDZERO);
    for (int m = 0; m < 4; m++) {
        volatile double r;
        __asm__ volatile("srnm 0(%0)" : : "a"(m));
        r = d1 / d3;
        printf(" srnm %d fpc=%08x", m, efpc()); pd(r);
        __asm__ volatile("srnmb 0(%0)" : : "a"(3 - m));
        r = d1 / d3;
        printf(" srnmb %d fpc=%08x", 3 - m, efpc()); pd(r); printf("\n");
    }
    /* mode 7: round to prepare for shorter precision (round to odd) */
    __asm__ volatile("srnmb 7");
    {
        volatile double r = d1 / d3, big = dbig * dbig;
        volatile long double rl = l1 / l3;
        volatile float rf = (float) (d1 / d3);
        printf(" srnmb 7 fpc=%08x", efpc()); pd(r); pd(big); pl(rl); pf(rf); printf(" %ld\n", lrint(dhalf));
    }
    __asm__ volatile("srnm 2");
    printf(" srnm 2 after srnmb 7: fpc=%08x\n", efpc());
    __asm__ volatile("lfpc %0" : : "Q"(saved));
    feclearexcept(FE_ALL_EXCEPT);
    printf(" restored fpc=%08x\n", efpc());
}

int main(void) {
    for (int m = 0; m < 4; m++) {
        fesetround(modes[m]);
        feclearexcept(FE_ALL_EXCEPT);
        printf("mode %s (fegetround ok=%d)\n", modeNames[m], fegetround() == modes[m]);
        arithmetic();
    }
    fesetround(FE_TONEAREST);
    printf("explicit rounding\n");
    explicitRounding();
    printf("control register\n");
    controlRegister();
    /* enabled but not raised: the masks are visible in the FPC, nothing traps */
    feenableexcept(FE_DIVBYZERO | FE_OVERFLOW);
    volatile double r = d1 / d3;
    printf("masks fpc=%08x", efpc()); pd(r); printf(" enabled=%x\n", fegetexcept());
    fedisableexcept(FE_ALL_EXCEPT);
    return 0;
}

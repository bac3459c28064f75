/* Generates binary128-qemu.tsv, the expected values of SoftFloat128Test: binary128 (s390x long
 * double) operations on a fixed table of operands under the four rounding modes, with the IEEE
 * flags, as qemu-s390x computes them. Build and run:
 *   s390x-linux-gnu-gcc -O1 -static -o oracle binary128-oracle.c -lm
 *   qemu-s390x-static -cpu qemu,vx=off,vxeh=off,vxeh2=off ./oracle > binary128-qemu.tsv
 * fma lines come from glibc's fmal (the ldbl-128 software fma, correctly rounded with exact flags).
 * Line: op mode a b [c] -> result flags; binary128 values as hi_lo hex, flags as the letters
 * i(nvalid) z(divide) o(verflow) u(nderflow) x(inexact) or '-'. */
#include <fenv.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct { uint64_t hi, lo; } q128;
static long double ld(q128 q) { long double v; memcpy(&v, &q, 16); return v; }
static q128 bits(long double v) { q128 q; memcpy(&q, &v, 16); return q; }
static const int modes[] = {FE_TONEAREST, FE_TOWARDZERO, FE_UPWARD, FE_DOWNWARD};
static const char *modeNames[] = {"rn", "rz", "ru", "rd"};

static q128 special[] = {
    {0, 0}, {0x8000000000000000ull, 0},                       /* +0 -0 */
    {0x3fff000000000000ull, 0}, {0xbfff000000000000ull, 0},   /* 1 -1 */
    {0x3fff800000000000ull, 0}, {0x4000800000000000ull, 0},   /* 1.5 3 */
    {0x3ffb999999999999ull, 0x999999999999999aull},           /* 0.1 */
    {0x3fff000000000000ull, 1}, {0x3ffeffffffffffffull, 0xffffffffffffffffull}, /* 1+ulp, 1-ulp/2 */
    {0x7ffeffffffffffffull, 0xffffffffffffffffull},           /* max */
    {0x0001000000000000ull, 0}, {0x8001000000000000ull, 0},   /* min normal */
    {0, 1}, {0x0000800000000000ull, 3},                       /* denormals */
    {0x7fff000000000000ull, 0}, {0xffff000000000000ull, 0},   /* inf */
    {0x7fff800000000000ull, 0x1234}, {0x7fff400000000000ull, 5}, /* qnan snan */
    {0x4070000000000000ull, 0}, {0x406f000000000000ull, 1},   /* 2^113, 2^112+1 */
    {0x3ffd555555555555ull, 0x5555555555555555ull},           /* 1/3 */
    {0x43fe000000000000ull, 0x0000000000000003ull},           /* 2^1023 (1+tiny) */
    {0x3c00000000000000ull, 0x8000000000000000ull},           /* 2^-1023 (1+2^-49) */
};
#define NS (sizeof special / sizeof special[0])

static uint64_t seed = 0x9e3779b97f4a7c15ull;
static uint64_t next(void) { seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17; return seed; }
static q128 randomOperand(int wide) {
    q128 q = {next(), next()};
    uint64_t e = wide ? next() & 0x7fff : 0x3fff - 120 + next() % 240;
    if (e == 0x7fff) e = 0x7ffe;
    q.hi = (q.hi & 0x8000ffffffffffffull) | e << 48;
    return q;
}

static void flags(void) {
    int f = fetestexcept(FE_ALL_EXCEPT);
    if (!f) { printf(" -\n"); return; }
    printf(" %s%s%s%s%s\n", f & FE_INVALID ? "i" : "", f & FE_DIVBYZERO ? "z" : "", f & FE_OVERFLOW ? "o" : "",
           f & FE_UNDERFLOW ? "u" : "", f & FE_INEXACT ? "x" : "");
}
static void pq(q128 q) { printf(" %016llx_%016llx", (unsigned long long) q.hi, (unsigned long long) q.lo); }

static void binary(int m, q128 a, q128 b) {
    static const char *ops[] = {"add", "sub", "mul", "div"};
    for (int op = 0; op < 4; op++) {
        volatile long double x = ld(a), y = ld(b), r;
        fesetround(modes[m]);
        feclearexcept(FE_ALL_EXCEPT);
        switch (op) { case 0: r = x + y; break; case 1: r = x - y; break; case 2: r = x * y; break; default: r = x / y; }
        q128 rb = bits(r);
        int f = fetestexcept(FE_ALL_EXCEPT);
        fesetround(FE_TONEAREST);
        printf("%s %s", ops[op], modeNames[m]); pq(a); pq(b); printf(" ->"); pq(rb);
        feclearexcept(FE_ALL_EXCEPT); feraiseexcept(f); flags();
    }
}

static void unary(int m, q128 a) {
    volatile long double x = ld(a), r;
    volatile double d; volatile float s; volatile long l; volatile unsigned long ul; volatile int i;
    int f;
#define RUN(NAME, EXPR, PRINT) do { fesetround(modes[m]); feclearexcept(FE_ALL_EXCEPT); EXPR; \
        f = fetestexcept(FE_ALL_EXCEPT); fesetround(FE_TONEAREST); \
        printf("%s %s", NAME, modeNames[m]); pq(a); printf(" ->"); PRINT; \
        feclearexcept(FE_ALL_EXCEPT); feraiseexcept(f); flags(); } while (0)
    RUN("sqrt", __asm__ volatile("sqxbr %0,%1" : "=f"(r) : "f"(x)), pq(bits(r)));
    RUN("rint", __asm__ volatile("fixbr %0,0,%1" : "=f"(r) : "f"(x)), pq(bits(r)));
    RUN("todouble", d = x, printf(" %016llx", (unsigned long long) *(volatile uint64_t *) &d));
    RUN("tofloat", s = x, printf(" %08x", *(volatile uint32_t *) &s));
    RUN("tolong", __asm__ volatile("cgxbr %0,0,%1" : "=d"(l) : "f"(x) : "cc"), printf(" %016lx", (unsigned long) l));
    RUN("toint", __asm__ volatile("cfxbr %0,0,%1" : "=d"(i) : "f"(x) : "cc"), printf(" %08x", (unsigned) i));
    RUN("toulong", __asm__ volatile("clgxbr %0,0,%1,0" : "=d"(ul) : "f"(x) : "cc"), printf(" %016lx", ul));
}

static void fused(int m, q128 a, q128 b, q128 c) {
    volatile long double x = ld(a), y = ld(b), z = ld(c), r;
    fesetround(modes[m]);
    feclearexcept(FE_ALL_EXCEPT);
    r = fmal(x, y, z);
    int f = fetestexcept(FE_ALL_EXCEPT);
    fesetround(FE_TONEAREST);
    printf("fma %s", modeNames[m]); pq(a); pq(b); pq(c); printf(" ->"); pq(bits(r));
    feclearexcept(FE_ALL_EXCEPT); feraiseexcept(f); flags();
}

int main(void) {
    for (int m = 0; m < 4; m++) {
        for (unsigned i = 0; i < NS; i++) {
            for (unsigned j = 0; j < NS; j++) binary(m, special[i], special[j]);
            unary(m, special[i]);
        }
        seed = 0x9e3779b97f4a7c15ull;
        for (int k = 0; k < 80; k++) {
            q128 a = randomOperand(k % 4 == 0), b = randomOperand(k % 4 == 0);
            if (k % 3 == 0) { b = a; b.lo ^= next() & 0xffff; b.hi ^= 0x8000000000000000ull; } /* cancellation */
            binary(m, a, b);
            unary(m, a);
        }
        for (int k = 0; k < 120; k++) { /* fused multiply-add: random triples, some cancelling exactly */
            q128 a = randomOperand(k % 5 == 0), b = randomOperand(k % 5 == 0), c = randomOperand(k % 5 == 0);
            if (k % 3 == 0) { volatile long double p = ld(a) * ld(b); c = bits(-p); c.lo ^= next() & 3; }
            if (k % 7 == 0) c = special[next() % NS];
            fused(m, a, b, c);
        }
        for (int k = 0; k < 60; k++) { /* integers and from-integer/double conversions */
            volatile long v = (long) next() >> (next() % 64);
            volatile unsigned long u = next();
            volatile double dv; uint64_t db = next(); memcpy((void *) &dv, &db, 8);
            volatile long double r1, r2, r3;
            fesetround(modes[m]); feclearexcept(FE_ALL_EXCEPT);
            r1 = v; r2 = u; r3 = dv;
            int f = fetestexcept(FE_ALL_EXCEPT); fesetround(FE_TONEAREST);
            printf("fromlong %s %016lx ->", modeNames[m], (unsigned long) v); pq(bits(r1));
            printf(" fromulong %016lx ->", u); pq(bits(r2));
            printf(" fromdouble %016llx ->", (unsigned long long) db); pq(bits(r3));
            feclearexcept(FE_ALL_EXCEPT); feraiseexcept(f); flags();
        }
    }
    return 0;
}

/* x86-64-v3 floating-point extensions (issue 15): every FMA3 form (vfmadd/vfmsub/vfnmadd/vfnmsub 132/213/231
 * ps/pd/ss/sd, vfmaddsub/vfmsubadd ps/pd; 128-bit by inline asm, 256-bit through the intrinsics), fma()/fmaf()
 * and the a*b+c contractions gcc makes at -march=x86-64-v3, and F16C vcvtph2ps/vcvtps2ph (every rounding
 * selector, 128 and 256 bits), on edge operands (zeros, denormals, infinities, NaNs, values whose product
 * cancels the addend) under the four rounding modes, with FTZ/DAZ, and the MXCSR flags they raise. One
 * checksum line per group. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <math.h>
#include <immintrin.h>

static uint64_t state = 0x2545f4914f6cdd1dull;
static uint64_t rnd(void) {
    state ^= state << 13; state ^= state >> 7; state ^= state << 17;
    return state;
}
static uint64_t mix(uint64_t h, uint64_t v) { return h ^ (v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2)); }

static const uint32_t F32[] = {0, 0x80000000, 0x3f800000, 0xbf800000, 0x00000001, 0x807fffff, 0x00800000,
    0x7f7fffff, 0xff7fffff, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00001, 0x7f800001, 0x3f800001, 0x3effffff,
    0x33800000, 0x4b000001, 0x40490fdb, 0xc2c80000, 0x1a000000, 0x65000000};
static const uint64_t F64[] = {0, 0x8000000000000000ull, 0x3ff0000000000000ull, 0xbff0000000000000ull, 1,
    0x800fffffffffffffull, 0x0010000000000000ull, 0x7fefffffffffffffull, 0x7ff0000000000000ull,
    0xfff0000000000000ull, 0x7ff8000000000000ull, 0xfff8000000000001ull, 0x7ff0000000000001ull,
    0x3ff0000000000001ull, 0x3fdfffffffffffffull, 0x400921fb54442d18ull, 0x4330000000000001ull,
    0x1e00000000000000ull, 0x6000000000000000ull};
#define N32 (sizeof F32 / sizeof F32[0])
#define N64 (sizeof F64 / sizeof F64[0])

static uint32_t f32(void) {
    uint64_t r = rnd();
    return (r & 3) ? F32[(r >> 8) % N32] ^ ((r & 4) ? (uint32_t) (r >> 32) & 7 : 0) : (uint32_t) (r >> 32);
}
static uint64_t f64(void) {
    uint64_t r = rnd();
    return (r & 3) ? F64[(r >> 8) % N64] ^ ((r & 4) ? (r >> 40) & 7 : 0) : rnd();
}

typedef struct { uint64_t lo, hi; } v128;
static v128 vf32(void) { v128 v; v.lo = f32() | (uint64_t) f32() << 32; v.hi = f32() | (uint64_t) f32() << 32; return v; }
static v128 vf64(void) { v128 v; v.lo = f64(); v.hi = f64(); return v; }

static uint64_t h[64];
static const unsigned CSR[] = {0x1f80, 0x3f80, 0x5f80, 0x7f80, 0x9f80, 0x1fc0, 0x9fc0, 0xdfc0};

/* runs "insn c, b, a" (AT&T: a = dst/src1, b = vvvv, c = r/m) under csr; folds a and MXCSR into h[slot] */
#define FMA_CASE(slot, insn) do { \
        __m128i A, B, C; memcpy(&A, &a, 16); memcpy(&B, &b, 16); memcpy(&C, &c, 16); unsigned out; \
        __asm__ volatile("vldmxcsr %[ci]\n\t" insn " %[c], %[b], %[a]\n\tvstmxcsr %[co]\n\tvldmxcsr %[rs]" \
            : [a] "+x"(A), [co] "=m"(out) : [b] "x"(B), [c] "x"(C), [ci] "m"(csr), [rs] "m"(rs)); \
        v128 r; memcpy(&r, &A, 16); h[slot] = mix(mix(mix(h[slot], r.lo), r.hi), out); } while (0)

#define FOUR(slot, k, o) FMA_CASE(slot, "v" k o "ps"); FMA_CASE(slot + 1, "v" k o "pd"); \
        FMA_CASE(slot + 2, "v" k o "ss"); FMA_CASE(slot + 3, "v" k o "sd")
#define TWO(slot, k, o) FMA_CASE(slot, "v" k o "ps"); FMA_CASE(slot + 1, "v" k o "pd")

static const char *NAMES[64];

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 2000;
    const unsigned rs = 0x1f80;
    int k = 0;
    const char *kinds4[] = {"fmadd", "fmsub", "fnmadd", "fnmsub"}, *kinds2[] = {"fmaddsub", "fmsubadd"};
    for (int i = 0; i < n; i++) {
        unsigned csr = CSR[i % 8];
        /* the addend cancels the product of lane 0 a third of the time */
        for (int t = 0; t < 2; t++) {
            v128 a = t ? vf64() : vf32(), b = t ? vf64() : vf32(), c = t ? vf64() : vf32();
            if (i % 3 == 0) {
                if (t) { double x, y; memcpy(&x, &a.lo, 8); memcpy(&y, &b.lo, 8); double p = -(x * y); memcpy(&c.lo, &p, 8); }
                else { float x, y; uint32_t u = (uint32_t) a.lo, w = (uint32_t) b.lo; memcpy(&x, &u, 4); memcpy(&y, &w, 4);
                       float p = -(x * y); uint32_t q; memcpy(&q, &p, 4); c.lo = (c.lo & ~0xffffffffull) | q; }
            }
            FOUR(0, "fmadd", "132"); FOUR(4, "fmadd", "213"); FOUR(8, "fmadd", "231");
            FOUR(12, "fmsub", "132"); FOUR(16, "fmsub", "213"); FOUR(20, "fmsub", "231");
            FOUR(24, "fnmadd", "132"); FOUR(28, "fnmadd", "213"); FOUR(32, "fnmadd", "231");
            FOUR(36, "fnmsub", "132"); FOUR(40, "fnmsub", "213"); FOUR(44, "fnmsub", "231");
            TWO(48, "fmaddsub", "132"); TWO(50, "fmaddsub", "213"); TWO(52, "fmaddsub", "231");
            TWO(54, "fmsubadd", "132"); TWO(56, "fmsubadd", "213"); TWO(58, "fmsubadd", "231");
        }
    }
    for (int q = 0; q < 4; q++) for (int o = 0; o < 3; o++) for (int t = 0; t < 4; t++) NAMES[k++] = kinds4[q];
    for (int q = 0; q < 2; q++) for (int o = 0; o < 3; o++) for (int t = 0; t < 2; t++) NAMES[k++] = kinds2[q];
    const char *orders[] = {"132", "213", "231"}, *types4[] = {"ps", "pd", "ss", "sd"}, *types2[] = {"ps", "pd"};
    for (int s = 0; s < 60; s++) {
        const char *o = s < 48 ? orders[(s / 4) % 3] : orders[((s - 48) / 2) % 3];
        const char *t = s < 48 ? types4[s % 4] : types2[s % 2];
        printf("v%s%s%s %016llx\n", NAMES[s], o, t, (unsigned long long) h[s]);
    }

    /* 256-bit forms, fma()/fmaf() and contracted a*b+c loops: results and the sticky MXCSR flags */
    uint64_t g = 0;
    float xs[64], ys[64], zs[64];
    double xd[64], yd[64], zd[64];
    for (int round = 0; round < 4; round++) {
        _mm_setcsr(CSR[round]);
        for (int i = 0; i < 64; i++) {
            uint32_t u = f32(), v = f32(), w = f32(); memcpy(&xs[i], &u, 4); memcpy(&ys[i], &v, 4); memcpy(&zs[i], &w, 4);
            uint64_t p = f64(), q = f64(), r = f64(); memcpy(&xd[i], &p, 8); memcpy(&yd[i], &q, 8); memcpy(&zd[i], &r, 8);
        }
        for (int i = 0; i < 64; i += 8) {
            __m256 a = _mm256_loadu_ps(xs + i), b = _mm256_loadu_ps(ys + i), c = _mm256_loadu_ps(zs + i);
            __m256 r[6] = {_mm256_fmadd_ps(a, b, c), _mm256_fmsub_ps(a, b, c), _mm256_fnmadd_ps(a, b, c),
                _mm256_fnmsub_ps(a, b, c), _mm256_fmaddsub_ps(a, b, c), _mm256_fmsubadd_ps(a, b, c)};
            for (int j = 0; j < 6; j++) { uint64_t w[4]; memcpy(w, &r[j], 32); for (int l = 0; l < 4; l++) g = mix(g, w[l]); }
        }
        for (int i = 0; i < 64; i += 4) {
            __m256d a = _mm256_loadu_pd(xd + i), b = _mm256_loadu_pd(yd + i), c = _mm256_loadu_pd(zd + i);
            __m256d r[6] = {_mm256_fmadd_pd(a, b, c), _mm256_fmsub_pd(a, b, c), _mm256_fnmadd_pd(a, b, c),
                _mm256_fnmsub_pd(a, b, c), _mm256_fmaddsub_pd(a, b, c), _mm256_fmsubadd_pd(a, b, c)};
            for (int j = 0; j < 6; j++) { uint64_t w[4]; memcpy(w, &r[j], 32); for (int l = 0; l < 4; l++) g = mix(g, w[l]); }
        }
        float sf = 0; double sd = 0;
        for (int i = 0; i < 64; i++) {
            sf = sf * 0.5f + xs[i] * ys[i];
            sd = sd * 0.5 + xd[i] * yd[i];
            float ff = fmaf(xs[i], ys[i], zs[i]); double fd = fma(xd[i], yd[i], zd[i]);
            uint32_t u; uint64_t v; memcpy(&u, &ff, 4); memcpy(&v, &fd, 8); g = mix(mix(g, u), v);
        }
        uint32_t u; uint64_t v; memcpy(&u, &sf, 4); memcpy(&v, &sd, 8);
        g = mix(mix(mix(g, u), v), _mm_getcsr());
        _mm_setcsr(0x1f80);
    }
    printf("fma256/fma()/contracted %016llx\n", (unsigned long long) g);

    /* F16C */
    static const uint16_t HALF[] = {0, 0x8000, 1, 0x3ff, 0x400, 0x3c00, 0x7bff, 0x7c00, 0xfc00, 0x7c01, 0x7e00, 0xfe01,
        0x83ff, 0x3555, 0xc000, 0x0200};
    uint64_t ph = 0, ps[9] = {0};
    for (int i = 0; i < n; i++) {
        unsigned csr = CSR[i % 8];
        uint16_t hv[8];
        for (int l = 0; l < 8; l++) hv[l] = (rnd() & 1) ? HALF[rnd() % 16] : (uint16_t) rnd();
        __m128i hx; memcpy(&hx, hv, 16);
        _mm_setcsr(csr);
        __m128 s4 = _mm_cvtph_ps(hx);
        __m256 s8 = _mm256_cvtph_ps(hx);
        unsigned out = _mm_getcsr();
        _mm_setcsr(0x1f80);
        uint64_t w[6]; memcpy(w, &s4, 16); memcpy(w + 2, &s8, 32);
        for (int l = 0; l < 6; l++) ph = mix(ph, w[l]);
        ph = mix(ph, out);
        float fv[8];
        for (int l = 0; l < 8; l++) { uint32_t u = f32(); if (rnd() & 1) u = (u & 0x807fffff) | ((uint32_t) (103 + rnd() % 50) << 23); memcpy(&fv[l], &u, 4); }
        __m128 f4 = _mm_loadu_ps(fv);
        __m256 f8 = _mm256_loadu_ps(fv);
#define PS2PH(slot, imm) do { _mm_setcsr(csr); __m128i r4 = _mm_cvtps_ph(f4, imm); __m128i r8 = _mm256_cvtps_ph(f8, imm); \
        unsigned o = _mm_getcsr(); _mm_setcsr(0x1f80); uint64_t x[4]; memcpy(x, &r4, 16); memcpy(x + 2, &r8, 16); \
        for (int l = 0; l < 4; l++) ps[slot] = mix(ps[slot], x[l]); ps[slot] = mix(ps[slot], o); } while (0)
        PS2PH(0, 0); PS2PH(1, 1); PS2PH(2, 2); PS2PH(3, 3); PS2PH(4, 4); PS2PH(5, 5); PS2PH(6, 6); PS2PH(7, 7); PS2PH(8, 0xf8);
    }
    printf("vcvtph2ps %016llx\n", (unsigned long long) ph);
    for (int s = 0; s < 9; s++) printf("vcvtps2ph/%d %016llx\n", s == 8 ? 0xf8 : s, (unsigned long long) ps[s]);
    return 0;
}

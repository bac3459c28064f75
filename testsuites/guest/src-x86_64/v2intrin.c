/* x86-64-v2 intrinsics (SSE3, SSSE3, SSE4.1, SSE4.2, POPCNT) on pseudo-random and edge data: one
 * checksum line per intrinsic, so a wrong lane, flag or rounding shows which instruction it was.
 * Built with -march=x86-64-v2; compared with a native run under interp and jit. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <fenv.h>
#include <math.h>
#include <nmmintrin.h>

static uint64_t seed = 0x9e3779b97f4a7c15ULL;
static uint64_t next(void) {
    seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17;
    return seed;
}

static const float FEDGE[] = {0.0f, -0.0f, 0.5f, -0.5f, 1.5f, -1.5f, 2.5f, -2.5f, 1e-40f, -1e-40f,
    8388607.5f, -8388608.0f, 3e38f, INFINITY, -INFINITY, NAN, 0.49999997f, 1.0f / 3};
static const double DEDGE[] = {0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 1e-310, -1e-310,
    4503599627370495.5, -4503599627370496.0, 1e308, INFINITY, -INFINITY, NAN, 0.49999999999999994, 1.0 / 3};

static __m128i ri(void) { return _mm_set_epi64x((long long) next(), (long long) next()); }
/* integer data with more edge lanes: 0, -1, 0x80.., 0x7f.. */
static __m128i rie(void) {
    uint64_t m = next(), v = next();
    if ((m & 3) == 0) v &= 0x8080808080808080ULL | (m >> 8);
    if ((m & 12) == 0) v |= 0x7f7f00007fff0000ULL;
    return _mm_set_epi64x((long long) v, (long long) next());
}
static __m128 rf(void) {
    float f[4];
    for (int i = 0; i < 4; i++) {
        uint64_t r = next();
        f[i] = (r & 1) ? FEDGE[(r >> 1) % (sizeof FEDGE / sizeof FEDGE[0])] : (float) ((int64_t) r >> 40) / (float) ((r >> 8 & 0xff) + 1);
    }
    return _mm_loadu_ps(f);
}
static __m128d rd(void) {
    double d[2];
    for (int i = 0; i < 2; i++) {
        uint64_t r = next();
        d[i] = (r & 1) ? DEDGE[(r >> 1) % (sizeof DEDGE / sizeof DEDGE[0])] : (double) ((int64_t) r >> 12) / (double) ((r >> 8 & 0xfff) + 1);
    }
    return _mm_loadu_pd(d);
}

static uint64_t sum;
static void mix(__m128i v) {
    uint64_t a = (uint64_t) _mm_cvtsi128_si64(v), b = (uint64_t) _mm_extract_epi64(v, 1);
    sum = (sum ^ a) * 0x100000001b3ULL + b;
}
static void mixps(__m128 v) { mix(_mm_castps_si128(v)); }
static void mixpd(__m128d v) { mix(_mm_castpd_si128(v)); }
static void mixi(uint64_t v) { sum = (sum ^ v) * 0x100000001b3ULL + 7; }
static void report(const char *name) {
    printf("%-12s %016llx mxcsr=%04x\n", name, (unsigned long long) sum, _mm_getcsr() & 0x3f);
    sum = 0;
    _mm_setcsr(0x1f80);
}

#define N 400
#define LOOP for (int it = 0; it < N; it++)
#define INT2(name, f) do { LOOP mix(f(rie(), rie())); report(name); } while (0)
#define PS2(name, f) do { LOOP mixps(f(rf(), rf())); report(name); } while (0)
#define PD2(name, f) do { LOOP mixpd(f(rd(), rd())); report(name); } while (0)

/* the string-compare modes: data formats x aggregations x polarities, index lsb/msb, mask bit/byte */
#define MODES(X) X(0x00) X(0x04) X(0x08) X(0x0c) X(0x01) X(0x05) X(0x09) X(0x0d) X(0x02) X(0x06) X(0x0a) \
    X(0x0e) X(0x03) X(0x07) X(0x0b) X(0x0f) X(0x10) X(0x14) X(0x18) X(0x1c) X(0x30) X(0x34) X(0x38) X(0x3c) \
    X(0x40) X(0x44) X(0x48) X(0x4c) X(0x71) X(0x75) X(0x79) X(0x7d) X(0x22) X(0x2a) X(0x33) X(0x3b)

static const char ALPHA[] = "abcAZ09 \0\x80\xff-.";
static __m128i text(void) {
    unsigned char b[16];
    uint64_t r = next(), s = next();
    for (int i = 0; i < 16; i++) b[i] = (unsigned char) ALPHA[((i < 8 ? r : s) >> (8 * (i & 7))) % (sizeof ALPHA - 1)];
    if ((r & 7) == 0) memset(b + (s & 15), 'a', 16 - (s & 15));
    return _mm_loadu_si128((const __m128i *) b);
}

static void strings(void) {
#define STRI(imm) LOOP { __m128i a = text(), b = text(); int la = (int) (next() % 40) - 20, lb = (int) (next() % 40) - 20; \
        mixi((uint64_t) _mm_cmpistri(a, b, imm) | (uint64_t) _mm_cmpistrc(a, b, imm) << 8 | (uint64_t) _mm_cmpistrz(a, b, imm) << 9 \
             | (uint64_t) _mm_cmpistrs(a, b, imm) << 10 | (uint64_t) _mm_cmpistro(a, b, imm) << 11 | (uint64_t) _mm_cmpistra(a, b, imm) << 12); \
        mix(_mm_cmpistrm(a, b, imm)); \
        mixi((uint64_t) _mm_cmpestri(a, la, b, lb, imm) | (uint64_t) _mm_cmpestrc(a, la, b, lb, imm) << 8 \
             | (uint64_t) _mm_cmpestrz(a, la, b, lb, imm) << 9 | (uint64_t) _mm_cmpestrs(a, la, b, lb, imm) << 10 \
             | (uint64_t) _mm_cmpestro(a, la, b, lb, imm) << 11); \
        mix(_mm_cmpestrm(a, la, b, lb, imm)); } report("pcmpstr/" #imm);
    MODES(STRI)
}

static void float_ops(void) {
    PS2("addsubps", _mm_addsub_ps); PD2("addsubpd", _mm_addsub_pd);
    PS2("haddps", _mm_hadd_ps); PD2("haddpd", _mm_hadd_pd);
    PS2("hsubps", _mm_hsub_ps); PD2("hsubpd", _mm_hsub_pd);
    LOOP { mixps(_mm_moveldup_ps(rf())); mixps(_mm_movehdup_ps(rf())); mixpd(_mm_movedup_pd(rd())); } report("movdup");
#define ROUND(m) LOOP { mixps(_mm_round_ps(rf(), m)); mixpd(_mm_round_pd(rd(), m)); \
        mixps(_mm_round_ss(rf(), rf(), m)); mixpd(_mm_round_sd(rd(), rd(), m)); } report("round/" #m);
    ROUND(0) ROUND(1) ROUND(2) ROUND(3) ROUND(4) ROUND(8) ROUND(9) ROUND(10) ROUND(11) ROUND(12)
    static const int modes[] = {FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO};
    for (int m = 0; m < 4; m++) {
        fesetround(modes[m]);
        LOOP { mixps(_mm_round_ps(rf(), _MM_FROUND_CUR_DIRECTION)); mixpd(_mm_round_pd(rd(), _MM_FROUND_CUR_DIRECTION));
               mixps(_mm_dp_ps(rf(), rf(), 0xff)); mixpd(_mm_dp_pd(rd(), rd(), 0x33)); }
        printf("mode %d: ", m);
        report("round/cur");
        fesetround(FE_TONEAREST);
    }
#define DP(imm) LOOP { mixps(_mm_dp_ps(rf(), rf(), imm)); mixpd(_mm_dp_pd(rd(), rd(), imm)); } report("dp/" #imm);
    DP(0xff) DP(0xf1) DP(0x7f) DP(0x3c) DP(0x12) DP(0x00) DP(0x31) DP(0x22)
    LOOP { mixps(_mm_blend_ps(rf(), rf(), 5)); mixpd(_mm_blend_pd(rd(), rd(), 2));
           mixps(_mm_blendv_ps(rf(), rf(), rf())); mixpd(_mm_blendv_pd(rd(), rd(), rd())); } report("blendf");
    LOOP { __m128 a = rf(), b = rf(); mixps(_mm_insert_ps(a, b, 0x5a)); mixps(_mm_insert_ps(a, b, 0xc1));
           mixi((uint64_t) _mm_extract_ps(a, 2)); } report("insertps");
    /* libm: floor/ceil/trunc/rint/nearbyint become roundsd/roundss at -march=x86-64-v2 */
    LOOP { double d = _mm_cvtsd_f64(rd()); float f = _mm_cvtss_f32(rf());
           mixpd(_mm_set_pd(floor(d), ceil(d))); mixpd(_mm_set_pd(trunc(d), rint(d))); mixpd(_mm_set_pd(nearbyint(d), floorf(f)));
           mixps(_mm_set_ps(ceilf(f), truncf(f), rintf(f), nearbyintf(f))); } report("libm round");
}

static void int_ops(void) {
    INT2("pshufb", _mm_shuffle_epi8);
    LOOP { __m128i a = rie(), b = rie(); mix(_mm_alignr_epi8(a, b, 0)); mix(_mm_alignr_epi8(a, b, 5));
           mix(_mm_alignr_epi8(a, b, 16)); mix(_mm_alignr_epi8(a, b, 23)); mix(_mm_alignr_epi8(a, b, 32)); } report("palignr");
    INT2("phaddw", _mm_hadd_epi16); INT2("phaddd", _mm_hadd_epi32); INT2("phaddsw", _mm_hadds_epi16);
    INT2("phsubw", _mm_hsub_epi16); INT2("phsubd", _mm_hsub_epi32); INT2("phsubsw", _mm_hsubs_epi16);
    INT2("pmaddubsw", _mm_maddubs_epi16); INT2("pmulhrsw", _mm_mulhrs_epi16);
    INT2("psignb", _mm_sign_epi8); INT2("psignw", _mm_sign_epi16); INT2("psignd", _mm_sign_epi32);
    LOOP { mix(_mm_abs_epi8(rie())); mix(_mm_abs_epi16(rie())); mix(_mm_abs_epi32(rie())); } report("pabs");
    INT2("pminsb", _mm_min_epi8); INT2("pminsd", _mm_min_epi32); INT2("pminuw", _mm_min_epu16); INT2("pminud", _mm_min_epu32);
    INT2("pmaxsb", _mm_max_epi8); INT2("pmaxsd", _mm_max_epi32); INT2("pmaxuw", _mm_max_epu16); INT2("pmaxud", _mm_max_epu32);
    INT2("pmulld", _mm_mullo_epi32); INT2("pmuldq", _mm_mul_epi32); INT2("packusdw", _mm_packus_epi32);
    INT2("pcmpeqq", _mm_cmpeq_epi64); INT2("pcmpgtq", _mm_cmpgt_epi64);
    LOOP { __m128i a = rie(), b = rie(); mix(_mm_blend_epi16(a, b, 0xa5)); mix(_mm_blendv_epi8(a, b, rie())); } report("pblend");
    LOOP { __m128i a = rie(); mix(_mm_cvtepi8_epi16(a)); mix(_mm_cvtepi8_epi32(a)); mix(_mm_cvtepi8_epi64(a));
           mix(_mm_cvtepi16_epi32(a)); mix(_mm_cvtepi16_epi64(a)); mix(_mm_cvtepi32_epi64(a));
           mix(_mm_cvtepu8_epi16(a)); mix(_mm_cvtepu8_epi32(a)); mix(_mm_cvtepu8_epi64(a));
           mix(_mm_cvtepu16_epi32(a)); mix(_mm_cvtepu16_epi64(a)); mix(_mm_cvtepu32_epi64(a)); } report("pmovsx/zx");
    LOOP { __m128i a = rie(); mix(_mm_minpos_epu16(a)); mixi((uint64_t) _mm_testz_si128(a, rie()) << 2 | (uint64_t) _mm_testc_si128(a, rie()) << 1
                  | (uint64_t) _mm_testnzc_si128(a, rie())); } report("phminpos/ptest");
    LOOP { __m128i a = rie(), b = rie(); mix(_mm_mpsadbw_epu8(a, b, 0)); mix(_mm_mpsadbw_epu8(a, b, 5)); mix(_mm_mpsadbw_epu8(a, b, 7)); } report("mpsadbw");
    LOOP { __m128i a = rie(); uint64_t g = next();
           mixi((uint64_t) _mm_extract_epi8(a, 13) | (uint64_t) _mm_extract_epi16(a, 5) << 8 | (uint64_t) _mm_extract_epi32(a, 3) << 24);
           mixi((uint64_t) _mm_extract_epi64(a, 1));
           mix(_mm_insert_epi8(a, (int) g, 9)); mix(_mm_insert_epi32(a, (int) g, 2)); mix(_mm_insert_epi64(a, (long long) g, 0)); } report("pextr/pinsr");
    static unsigned char buf[4096] __attribute__((aligned(16)));
    for (int i = 0; i < 4096; i++) buf[i] = (unsigned char) next();
    uint32_t c32 = 0xffffffff; uint64_t c64 = 0xffffffff;
    for (int i = 0; i < 4096; i++) c32 = _mm_crc32_u8(c32, buf[i]);
    for (int i = 0; i < 4096; i += 2) c32 = _mm_crc32_u16(c32, (uint16_t) (buf[i] | buf[i + 1] << 8));
    for (int i = 0; i < 4096; i += 4) { uint32_t w; memcpy(&w, buf + i, 4); c32 = _mm_crc32_u32(c32, w); }
    for (int i = 0; i < 4096; i += 8) { uint64_t w; memcpy(&w, buf + i, 8); c64 = _mm_crc32_u64(c64, w); }
    printf("crc32c       %08x %016llx\n", c32 ^ 0xffffffffu, (unsigned long long) c64);
    uint64_t pc = 0;
    LOOP { uint64_t v = next() >> (next() & 63); pc = pc * 31 + (uint64_t) __builtin_popcountll(v) + (uint64_t) __builtin_popcount((unsigned) v); }
    printf("popcnt       %016llx\n", (unsigned long long) pc);
    LOOP { mix(_mm_lddqu_si128((const __m128i *) (buf + (next() & 4000)))); mix(_mm_stream_load_si128((__m128i *) (buf + (next() & 4000 & ~15)))); } report("lddqu/ntdqa");
}

int main(void) {
    int_ops();
    float_ops();
    strings();
    return 0;
}

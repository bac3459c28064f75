/* AVX/AVX2 guest program: loops gcc auto-vectorises at -O3 -mavx2 (256-bit integer and FP arithmetic,
 * compares and blends, conversions, reductions, shuffles), explicit AVX/AVX2 intrinsics for what the
 * vectoriser rarely emits (broadcasts, 128-bit lane permutes and inserts, vpermd/vpermq, masked loads
 * and stores, variable shifts, vtestps, vzeroall), and the ymm state across a signal handler that
 * itself uses AVX. One checksum line per part; compared with a native run under interp and jit. */
#include <immintrin.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <math.h>
#include <unistd.h>

#define N 1000
static uint64_t seed = 0x2545f4914f6cdd1dULL;
static uint64_t next(void) { seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17; return seed; }

static int32_t ia[N], ib[N], ic[N];
static int16_t sa[N], sb[N];
static uint8_t ba[N], bb[N];
static float fa[N], fb[N], fc[N];
static double da[N], db[N];
static uint64_t sum;

static void mixbytes(const void *p, size_t n) {
    const uint8_t *b = p;
    for (size_t i = 0; i < n; i++) sum = (sum ^ b[i]) * 0x100000001b3ULL;
}
static void report(const char *name) {
    printf("%-10s %016llx\n", name, (unsigned long long) sum);
    sum = 0;
}

static void fill(void) {
    static const float FE[] = {0.0f, -0.0f, 1.5f, -2.5f, 1e-40f, 3e38f, INFINITY, -INFINITY, NAN, 1.0f / 3};
    for (int i = 0; i < N; i++) {
        uint64_t r = next();
        ia[i] = (int32_t) r; ib[i] = (int32_t) (r >> 32) % 1000; ic[i] = (int32_t) (r >> 17);
        sa[i] = (int16_t) r; sb[i] = (int16_t) (r >> 24);
        ba[i] = (uint8_t) r; bb[i] = (uint8_t) (r >> 40);
        fa[i] = (r & 7) == 0 ? FE[(r >> 3) % 10] : (float) ((int64_t) r >> 40) / 977.0f;
        fb[i] = (float) ((int32_t) (r >> 20) % 5000) / 7.0f;
        da[i] = (double) ((int64_t) r >> 20) / 1013.0;
        db[i] = (r & 15) == 1 ? -0.0 : (double) ((int32_t) (r >> 8)) / 3.0;
    }
}

__attribute__((noinline)) static void loops(void) {
    int32_t r[N]; float f[N]; double d[N]; int16_t s[N]; uint8_t b[N];
    for (int i = 0; i < N; i++) r[i] = ia[i] * ib[i] + (ic[i] >> 3) - (ia[i] ^ ic[i]);
    mixbytes(r, sizeof r); report("intarith");
    for (int i = 0; i < N; i++) r[i] = ia[i] > ic[i] ? ia[i] : ib[i] < 10 ? ic[i] : -ib[i];
    mixbytes(r, sizeof r); report("intselect");
    for (int i = 0; i < N; i++) s[i] = (int16_t) ((sa[i] * sb[i]) >> 4) + (sa[i] < 0 ? 1 : -1);
    mixbytes(s, sizeof s); report("int16");
    for (int i = 0; i < N; i++) b[i] = (uint8_t) (ba[i] > bb[i] ? ba[i] - bb[i] : (ba[i] + bb[i]) >> 1);
    mixbytes(b, sizeof b); report("bytes");
    for (int i = 0; i < N; i++) f[i] = fa[i] * fb[i] + fb[i] / (fa[i] == 0 ? 1.0f : fa[i]);
    mixbytes(f, sizeof f); report("floatarith");
    for (int i = 0; i < N; i++) f[i] = fa[i] < fb[i] ? sqrtf(fabsf(fb[i])) : fminf(fa[i], 2.0f);
    mixbytes(f, sizeof f); report("floatcmp");
    for (int i = 0; i < N; i++) d[i] = da[i] * db[i] - da[i] / 3.0 + (double) ia[i];
    mixbytes(d, sizeof d); report("double");
    for (int i = 0; i < N; i++) r[i] = (int32_t) (fb[i] * 3.0f);
    mixbytes(r, sizeof r); report("cvt");
    for (int i = 0; i < N; i++) f[i] = (float) ia[i] + (float) da[i];
    mixbytes(f, sizeof f); report("cvt2");
    int64_t acc = 0; float facc = 0; double dacc = 0; int32_t mx = INT32_MIN;
    for (int i = 0; i < N; i++) { acc += ia[i]; facc += fb[i]; dacc += da[i]; mx = ia[i] > mx ? ia[i] : mx; }
    mixbytes(&acc, 8); mixbytes(&facc, 4); mixbytes(&dacc, 8); mixbytes(&mx, 4); report("reduce");
    for (int i = 0; i < N; i++) r[i] = ia[N - 1 - i] + (ib[i] << (i & 7)) + ((uint32_t) ic[i] >> (ib[i] & 15));
    mixbytes(r, sizeof r); report("shuffle");
}

__attribute__((noinline)) static void intrinsics(void) {
    __m256 f = _mm256_loadu_ps(fb);
    __m256i v = _mm256_loadu_si256((const __m256i *) ia);
    __m256i w = _mm256_loadu_si256((const __m256i *) ib);
    __m256 x;
    __m256i y;
    x = _mm256_broadcast_ss(&fb[3]); mixbytes(&x, 32);
    y = _mm256_broadcastb_epi8(_mm_loadu_si128((const __m128i *) ba)); mixbytes(&y, 32);
    y = _mm256_broadcastw_epi16(_mm_loadu_si128((const __m128i *) sa)); mixbytes(&y, 32);
    y = _mm256_permute2x128_si256(v, w, 0x21); mixbytes(&y, 32);
    x = _mm256_permute2f128_ps(f, f, 0x83); mixbytes(&x, 32);
    y = _mm256_inserti128_si256(v, _mm_loadu_si128((const __m128i *) ic), 1); mixbytes(&y, 32);
    __m128i h = _mm256_extracti128_si256(w, 1); mixbytes(&h, 16);
    y = _mm256_permutevar8x32_epi32(v, w); mixbytes(&y, 32);
    y = _mm256_permute4x64_epi64(v, 0x9c); mixbytes(&y, 32);
    x = _mm256_permutevar_ps(f, w); mixbytes(&x, 32);
    x = _mm256_permute_ps(f, 0x1b); mixbytes(&x, 32);
    y = _mm256_maskload_epi32(ic, v); mixbytes(&y, 32);
    x = _mm256_maskload_ps(fa + 8, v); mixbytes(&x, 32);
    int32_t out[8] = {0};
    _mm256_maskstore_epi32(out, w, v); mixbytes(out, 32);
    y = _mm256_sllv_epi32(v, w); mixbytes(&y, 32);
    y = _mm256_srav_epi32(v, _mm256_and_si256(w, _mm256_set1_epi32(63))); mixbytes(&y, 32);
    y = _mm256_srlv_epi64(v, w); mixbytes(&y, 32);
    y = _mm256_blend_epi32(v, w, 0xa5); mixbytes(&y, 32);
    x = _mm256_blendv_ps(f, _mm256_castsi256_ps(w), _mm256_castsi256_ps(v)); mixbytes(&x, 32);
    int t = _mm256_testz_ps(f, _mm256_castsi256_ps(v)) + 2 * _mm256_testc_si256(v, w) + 4 * _mm256_movemask_ps(f);
    mixbytes(&t, 4);
    x = _mm256_cmp_ps(f, _mm256_loadu_ps(fa), _CMP_NGE_UQ); mixbytes(&x, 32);
    __m256d dd = _mm256_cvtps_pd(_mm_loadu_ps(fa)); mixbytes(&dd, 32);
    __m128 nf = _mm256_cvtpd_ps(_mm256_loadu_pd(da)); mixbytes(&nf, 16);
    y = _mm256_cvtepu8_epi32(_mm_loadu_si128((const __m128i *) ba)); mixbytes(&y, 32);
    report("intrinsic");
}

static volatile int handled;
static void handler(int sig) {
    /* the handler's own AVX work must not leak into the interrupted code's ymm registers */
    __m256 z = _mm256_set1_ps((float) sig);
    __asm__ volatile("vmovups %0, %%ymm3\n\tvmovups %0, %%ymm12\n\tvzeroall" : : "m"(z) : "xmm3", "xmm12");
    handled++;
}

__attribute__((noinline)) static void signals(void) {
    signal(SIGUSR1, handler);
    float in[8] = {1, 2, 3, 4, 5, 6, 7, 8}, out[16];
    long pid = getpid();
    __asm__ volatile("vmovups %2, %%ymm3\n\tvaddps %%ymm3, %%ymm3, %%ymm12\n\t"
                     "mov $62, %%eax\n\tsyscall\n\t"            /* kill(getpid(), SIGUSR1) */
                     "vmovups %%ymm3, %0\n\tvmovups %%ymm12, %1"
                     : "=m"(*(float (*)[8]) out), "=m"(*(float (*)[8]) (out + 8))
                     : "m"(in), "D"(pid), "S"(SIGUSR1)
                     : "rax", "rcx", "r11", "xmm3", "xmm12", "memory");
    mixbytes(out, sizeof out);
    mixbytes((const void *) &handled, 4);
    report("signal");
}

int main(void) {
    fill();
    loops();
    intrinsics();
    signals();
    return 0;
}

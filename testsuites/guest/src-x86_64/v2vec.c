/* Loops gcc auto-vectorises at -O3 -march=x86-64-v2 (pmulld, pminsb/pmaxud, pabsd, pcmpgtq, pmovsx/zx,
 * pshufb, phadd, roundps, blendv, popcnt) and string code on glibc's SSE4.2 paths; checksums printed,
 * compared with a native run under interp and jit. */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#define N 4099
static int32_t a32[N], b32[N], c32[N];
static int8_t a8[N], b8[N], c8[N];
static uint16_t a16[N], c16[N];
static uint32_t u32[N];
static int64_t a64[N], b64[N], c64[N];
static float fa[N], fb[N], fc[N];
static double da[N], dc[N];
static unsigned char bytes[N + 16];

static uint64_t seed = 88172645463325252ULL;
static uint64_t rnd(void) { seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17; return seed; }

static uint64_t h;
static void mixv(const void *p, size_t n) {
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 0x100000001b3ULL;
}
#define OUT(name, arr) do { h = 0xcbf29ce484222325ULL; mixv(arr, sizeof arr); printf("%-10s %016llx\n", name, (unsigned long long) h); } while (0)

__attribute__((noinline)) static void mul32(void) { for (int i = 0; i < N; i++) c32[i] = a32[i] * b32[i] + (a32[i] >> 3); }
__attribute__((noinline)) static void minmax8(void) { for (int i = 0; i < N; i++) c8[i] = a8[i] < b8[i] ? (a8[i] > -5 ? a8[i] : -5) : b8[i]; }
__attribute__((noinline)) static void maxu32(void) { for (int i = 0; i < N; i++) u32[i] = (uint32_t) a32[i] > (uint32_t) b32[i] ? (uint32_t) a32[i] : (uint32_t) b32[i]; }
__attribute__((noinline)) static void minu16(void) { for (int i = 0; i < N; i++) c16[i] = a16[i] < 1000 ? a16[i] : (uint16_t) 1000; }
__attribute__((noinline)) static void abs32(void) { for (int i = 0; i < N; i++) c32[i] = abs(a32[i]) + abs(b32[i] >> 4); }
__attribute__((noinline)) static void gt64(void) { for (int i = 0; i < N; i++) c64[i] = a64[i] > b64[i] ? a64[i] : b64[i] * 3; }
__attribute__((noinline)) static void widen(void) { for (int i = 0; i < N; i++) c64[i] = (int64_t) a8[i] + (int64_t) a16[i] + (int64_t) u32[i]; }
__attribute__((noinline)) static void reverse(void) { for (int i = 0; i < N; i++) bytes[i] = bytes[N - 1 - i] ^ (unsigned char) i; }
__attribute__((noinline)) static void floors(void) { for (int i = 0; i < N; i++) { fc[i] = floorf(fa[i]) + ceilf(fb[i]); dc[i] = trunc(da[i]) - rint(da[i] * 0.5); } }
__attribute__((noinline)) static void choose(void) { for (int i = 0; i < N; i++) fc[i] = fa[i] < fb[i] ? fa[i] * 2 : fb[i]; }
__attribute__((noinline)) static int64_t dot(void) { int64_t s = 0; for (int i = 0; i < N; i++) s += (int64_t) a32[i] * b32[i]; return s; }
__attribute__((noinline)) static float fdot(void) { float s = 0; for (int i = 0; i < N; i++) s += fa[i] * fb[i]; return s; }
__attribute__((noinline)) static int popcounts(void) { int s = 0; for (int i = 0; i < N; i++) s += __builtin_popcountll((uint64_t) a64[i]); return s; }

/* only the sign of strcmp/memcmp is specified (glibc's variants return different magnitudes) */
static long sign(int v) { return (v > 0) - (v < 0); }

int main(void) {
    for (int i = 0; i < N; i++) {
        uint64_t r = rnd(), s = rnd();
        a32[i] = (int32_t) r; b32[i] = (int32_t) (r >> 32); a8[i] = (int8_t) s; b8[i] = (int8_t) (s >> 8);
        a16[i] = (uint16_t) (s >> 16); u32[i] = (uint32_t) (s >> 32); a64[i] = (int64_t) r; b64[i] = (int64_t) (s ^ r);
        if (i % 7 == 0) { a32[i] = INT32_MIN; a8[i] = -128; a64[i] = INT64_MIN; }
        fa[i] = (float) ((int32_t) r) / 65536.0f; fb[i] = (float) ((int32_t) s) / 1e6f; da[i] = (double) (int64_t) r / 1e9;
        bytes[i] = (unsigned char) r;
    }
    mul32(); OUT("mul32", c32);
    minmax8(); OUT("minmax8", c8);
    maxu32(); OUT("maxu32", u32);
    minu16(); OUT("minu16", c16);
    abs32(); OUT("abs32", c32);
    gt64(); OUT("gt64", c64);
    widen(); OUT("widen", c64);
    reverse(); OUT("reverse", bytes);
    floors(); OUT("floors", fc); OUT("floors-d", dc);
    choose(); OUT("choose", fc);
    printf("dot        %lld\n", (long long) dot());
    printf("fdot       %a\n", fdot());
    printf("popcount   %d\n", popcounts());
    /* glibc string functions (its SSE4.2/SSSE3 variants when CPUID offers them) */
    char hay[600], needle[8];
    long acc = 0;
    for (int k = 0; k < 300; k++) {
        int len = (int) (rnd() % 590);
        for (int i = 0; i < len; i++) hay[i] = "abcab"[rnd() % 5];
        hay[len] = 0;
        int nl = 1 + (int) (rnd() % 5);
        for (int i = 0; i < nl; i++) needle[i] = "abcab"[rnd() % 5];
        needle[nl] = 0;
        char *p = strstr(hay, needle), *q = strchr(hay, 'c'), *r = strrchr(hay, 'b');
        acc = acc * 31 + (p ? p - hay : -1) + (q ? q - hay : -2) * 7 + (r ? r - hay : -3) * 13 + (long) strlen(hay)
              + (long) strspn(hay, "ab") * 3 + (long) strcspn(hay, "c") * 5 + sign(strcmp(hay, needle)) + 3 * sign(memcmp(hay, needle, 2));
    }
    printf("strings    %ld\n", acc);
    return 0;
}

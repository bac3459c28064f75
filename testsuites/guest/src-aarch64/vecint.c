/* Integer loops that gcc -O3 vectorises for AdvSIMD: sums, min/max, saturating clamps, widening
 * multiplies, dot products, averages, absolute differences, byte shuffles and string-like scans
 * over int8/16/32/64 arrays. Prints checksums; an argument scales the repetitions. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 1027 /* not a multiple of the vector length: the scalar tails run too */

static int8_t s8a[N], s8b[N];
static uint8_t u8a[N], u8b[N], u8c[N];
static int16_t s16a[N], s16b[N], s16c[N];
static uint16_t u16a[N];
static int32_t s32a[N], s32b[N], s32c[N];
static uint32_t u32a[N];
static int64_t s64a[N], s64b[N];
static char text[N + 1];

static uint64_t mix(uint64_t h, uint64_t v) { return (h ^ v) * 0x100000001b3ULL; }

__attribute__((noinline)) static int32_t sum8(const int8_t *a) { int32_t s = 0; for (int i = 0; i < N; i++) s += a[i]; return s; }
__attribute__((noinline)) static uint32_t sumu8(const uint8_t *a) { uint32_t s = 0; for (int i = 0; i < N; i++) s += a[i]; return s; }
__attribute__((noinline)) static int64_t sum32(const int32_t *a) { int64_t s = 0; for (int i = 0; i < N; i++) s += a[i]; return s; }
__attribute__((noinline)) static int64_t sum64(const int64_t *a) { int64_t s = 0; for (int i = 0; i < N; i++) s += a[i]; return s; }
__attribute__((noinline)) static int16_t max16(const int16_t *a) { int16_t m = a[0]; for (int i = 0; i < N; i++) m = a[i] > m ? a[i] : m; return m; }
__attribute__((noinline)) static uint8_t minu8(const uint8_t *a) { uint8_t m = 255; for (int i = 0; i < N; i++) m = a[i] < m ? a[i] : m; return m; }
__attribute__((noinline)) static int32_t min32(const int32_t *a) { int32_t m = a[0]; for (int i = 0; i < N; i++) m = a[i] < m ? a[i] : m; return m; }
__attribute__((noinline)) static uint32_t maxu32(const uint32_t *a) { uint32_t m = 0; for (int i = 0; i < N; i++) m = a[i] > m ? a[i] : m; return m; }

__attribute__((noinline)) static void satadd8(uint8_t *d, const uint8_t *a, const uint8_t *b) {
    for (int i = 0; i < N; i++) { unsigned s = a[i] + b[i]; d[i] = s > 255 ? 255 : s; }
}
__attribute__((noinline)) static void satsub8(uint8_t *d, const uint8_t *a, const uint8_t *b) {
    for (int i = 0; i < N; i++) { int s = a[i] - b[i]; d[i] = s < 0 ? 0 : s; }
}
__attribute__((noinline)) static void clamp16(int16_t *d, const int32_t *a) {
    for (int i = 0; i < N; i++) { int32_t v = a[i] >> 4; d[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v; }
}
__attribute__((noinline)) static void clampu8(uint8_t *d, const int16_t *a) {
    for (int i = 0; i < N; i++) { int v = a[i]; d[i] = v > 255 ? 255 : v < 0 ? 0 : v; }
}
__attribute__((noinline)) static void widemul16(int32_t *d, const int16_t *a, const int16_t *b) {
    for (int i = 0; i < N; i++) d[i] = (int32_t) a[i] * b[i];
}
__attribute__((noinline)) static void widemulu8(uint16_t *d, const uint8_t *a, const uint8_t *b) {
    for (int i = 0; i < N; i++) d[i] = (uint16_t) (a[i] * b[i]);
}
__attribute__((noinline)) static void widemul32(int64_t *d, const int32_t *a, const int32_t *b) {
    for (int i = 0; i < N; i++) d[i] = (int64_t) a[i] * b[i];
}
__attribute__((noinline)) static int32_t dot16(const int16_t *a, const int16_t *b) {
    int32_t s = 0; for (int i = 0; i < N; i++) s += a[i] * b[i]; return s;
}
__attribute__((noinline)) static int64_t dot32(const int32_t *a, const int32_t *b) {
    int64_t s = 0; for (int i = 0; i < N; i++) s += (int64_t) a[i] * b[i]; return s;
}
__attribute__((noinline)) static uint32_t dotu8(const uint8_t *a, const uint8_t *b) {
    uint32_t s = 0; for (int i = 0; i < N; i++) s += a[i] * b[i]; return s;
}
__attribute__((noinline)) static void avg8(uint8_t *d, const uint8_t *a, const uint8_t *b) {
    for (int i = 0; i < N; i++) d[i] = (a[i] + b[i] + 1) >> 1;
}
__attribute__((noinline)) static uint32_t sad8(const uint8_t *a, const uint8_t *b) {
    uint32_t s = 0; for (int i = 0; i < N; i++) s += abs(a[i] - b[i]); return s;
}
__attribute__((noinline)) static void absdiff16(int16_t *d, const int16_t *a, const int16_t *b) {
    for (int i = 0; i < N; i++) d[i] = abs(a[i] - b[i]);
}
__attribute__((noinline)) static void shifts32(int32_t *d, const int32_t *a, const int32_t *b) {
    for (int i = 0; i < N; i++) d[i] = (a[i] >> 3) + ((uint32_t) b[i] >> 7) + (a[i] << 2);
}
__attribute__((noinline)) static void shiftv32(int32_t *d, const int32_t *a, const int32_t *b) {
    for (int i = 0; i < N; i++) d[i] = a[i] << (b[i] & 15);
}
__attribute__((noinline)) static void narrow32(int16_t *d, const int32_t *a) {
    for (int i = 0; i < N; i++) d[i] = (int16_t) (a[i] >> 16);
}
__attribute__((noinline)) static void widen8(int32_t *d, const int8_t *a) {
    for (int i = 0; i < N; i++) d[i] = a[i] * 3;
}
__attribute__((noinline)) static void neg64(int64_t *d, const int64_t *a) {
    for (int i = 0; i < N; i++) d[i] = a[i] < 0 ? -a[i] : a[i] * 2;
}
__attribute__((noinline)) static void select32(int32_t *d, const int32_t *a, const int32_t *b) {
    for (int i = 0; i < N; i++) d[i] = a[i] > b[i] ? a[i] - b[i] : b[i] & 0xff;
}
__attribute__((noinline)) static void bytesrev(uint8_t *d, const uint8_t *a) {
    for (int i = 0; i < N; i++) d[i] = a[N - 1 - i];
}
__attribute__((noinline)) static void interleave(uint8_t *d, const uint8_t *a, const uint8_t *b) {
    for (int i = 0; i < N / 2; i++) { d[2 * i] = a[i]; d[2 * i + 1] = b[i]; }
}
__attribute__((noinline)) static void deinterleave3(int16_t *x, int16_t *y, int16_t *z, const int16_t *p) {
    for (int i = 0; i < N / 3; i++) { x[i] = p[3 * i]; y[i] = p[3 * i + 1] * 2; z[i] = p[3 * i + 2] - 1; }
}
__attribute__((noinline)) static void rgba(uint8_t *d, const uint8_t *s) {
    for (int i = 0; i < N / 4; i++) {
        d[i] = (uint8_t) ((s[4 * i] * 77 + s[4 * i + 1] * 150 + s[4 * i + 2] * 29) >> 8);
    }
}
__attribute__((noinline)) static int upper(char *d, const char *s) {
    int n = 0;
    for (int i = 0; i < N; i++) { char c = s[i]; int is = c >= 'a' && c <= 'z'; d[i] = is ? c - 32 : c; n += is; }
    return n;
}
__attribute__((noinline)) static int countchar(const char *s, char c) {
    int n = 0; for (int i = 0; i < N; i++) n += s[i] == c; return n;
}
__attribute__((noinline)) static uint32_t popcounts(const uint32_t *a) {
    uint32_t s = 0; for (int i = 0; i < N; i++) s += __builtin_popcount(a[i]); return s;
}
__attribute__((noinline)) static void mulacc16(int16_t *d, const int16_t *a, const int16_t *b) {
    for (int i = 0; i < N; i++) d[i] += a[i] * b[i] - (a[i] >> 1);
}
__attribute__((noinline)) static void mul64(int64_t *d, const int64_t *a, const int64_t *b) {
    for (int i = 0; i < N; i++) d[i] = a[i] * b[i] + (a[i] >> 9);
}
__attribute__((noinline)) static void u16avg(uint16_t *d, const uint16_t *a) {
    for (int i = 1; i < N; i++) d[i] = (uint16_t) ((a[i] + a[i - 1]) >> 1);
}

static uint64_t hash(const void *p, size_t n) {
    const uint8_t *b = p; uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) h = mix(h, b[i]);
    return h;
}

int main(int argc, char **argv) {
    int reps = argc > 1 ? atoi(argv[1]) : 20;
    uint32_t seed = 12345;
    for (int i = 0; i < N; i++) {
        seed = seed * 1103515245u + 12345u;
        uint32_t r = seed >> 1;
        s8a[i] = (int8_t) r; s8b[i] = (int8_t) (r >> 8); u8a[i] = (uint8_t) (r >> 3); u8b[i] = (uint8_t) (r >> 11);
        s16a[i] = (int16_t) (r >> 2); s16b[i] = (int16_t) (r >> 9); u16a[i] = (uint16_t) (r * 7);
        s32a[i] = (int32_t) (r * 2654435761u); s32b[i] = (int32_t) (r ^ (r << 13)); u32a[i] = r * 40503u;
        s64a[i] = (int64_t) r * (int64_t) (r ^ 0x5bd1e995) - (1LL << 40); s64b[i] = (int64_t) (r >> 5) - 1000000;
        text[i] = (char) (" abcdefghijklmnopqrstuvwxyzABC.,!0123456789"[r % 44]);
    }
    text[N] = 0;
    uint64_t h = 0;
    static int16_t t16[N], x16[N], y16[N], z16[N];
    static int32_t t32[N];
    static int64_t t64[N];
    static uint16_t tu16[N];
    static char up[N];
    for (int k = 0; k < reps; k++) {
        h = mix(h, (uint64_t) sum8(s8a)); h = mix(h, sumu8(u8a)); h = mix(h, (uint64_t) sum32(s32a)); h = mix(h, (uint64_t) sum64(s64a));
        h = mix(h, (uint64_t) max16(s16a)); h = mix(h, minu8(u8b)); h = mix(h, (uint64_t) min32(s32b)); h = mix(h, maxu32(u32a));
        satadd8(u8c, u8a, u8b); h = mix(h, hash(u8c, N));
        satsub8(u8c, u8a, u8b); h = mix(h, hash(u8c, N));
        clamp16(t16, s32a); h = mix(h, hash(t16, sizeof t16));
        clampu8(u8c, s16a); h = mix(h, hash(u8c, N));
        widemul16(t32, s16a, s16b); h = mix(h, hash(t32, sizeof t32));
        widemulu8(tu16, u8a, u8b); h = mix(h, hash(tu16, sizeof tu16));
        widemul32(t64, s32a, s32b); h = mix(h, hash(t64, sizeof t64));
        h = mix(h, (uint64_t) dot16(s16a, s16b)); h = mix(h, (uint64_t) dot32(s32a, s32b)); h = mix(h, dotu8(u8a, u8b));
        avg8(u8c, u8a, u8b); h = mix(h, hash(u8c, N));
        h = mix(h, sad8(u8a, u8b));
        absdiff16(t16, s16a, s16b); h = mix(h, hash(t16, sizeof t16));
        shifts32(t32, s32a, s32b); h = mix(h, hash(t32, sizeof t32));
        shiftv32(t32, s32a, s32b); h = mix(h, hash(t32, sizeof t32));
        narrow32(t16, s32a); h = mix(h, hash(t16, sizeof t16));
        widen8(t32, s8a); h = mix(h, hash(t32, sizeof t32));
        neg64(t64, s64a); h = mix(h, hash(t64, sizeof t64));
        select32(t32, s32a, s32b); h = mix(h, hash(t32, sizeof t32));
        bytesrev(u8c, u8a); h = mix(h, hash(u8c, N));
        interleave(u8c, u8a, u8b); h = mix(h, hash(u8c, N));
        deinterleave3(x16, y16, z16, s16a); h = mix(h, hash(x16, sizeof x16) ^ hash(y16, sizeof y16) ^ hash(z16, sizeof z16));
        rgba(u8c, u8a); h = mix(h, hash(u8c, N / 4));
        h = mix(h, (uint64_t) upper(up, text)); h = mix(h, hash(up, N));
        h = mix(h, (uint64_t) countchar(text, 'e'));
        h = mix(h, popcounts(u32a));
        memcpy(t16, s16a, sizeof t16); mulacc16(t16, s16a, s16b); h = mix(h, hash(t16, sizeof t16));
        mul64(t64, s64a, s64b); h = mix(h, hash(t64, sizeof t64));
        u16avg(tu16, u16a); h = mix(h, hash(tu16, sizeof tu16));
        s8a[k % N] ^= 0x55; u8b[(k * 7) % N] += 3; s32a[(k * 13) % N] -= 77;
        if (k == 0 || k == reps - 1) printf("rep %d: %016llx\n", k, (unsigned long long) h);
    }
    printf("sum8 %d sumu8 %u sum32 %lld max16 %d minu8 %u dot16 %d sad8 %u upper %d e %d\n", sum8(s8a), sumu8(u8a),
           (long long) sum32(s32a), max16(s16a), minu8(u8b), dot16(s16a, s16b), sad8(u8a, u8b), upper(up, text), countchar(text, 'e'));
    return 0;
}

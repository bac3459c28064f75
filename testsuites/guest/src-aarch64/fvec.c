/* Vectorisable float and double loops (built at -O2 and -O3, where gcc turns them into AdvSIMD FP:
 * fadd/fmul/fmla/fdiv/fsqrt/fmaxnm/fminnm/fabs/fneg, frint*, scvtf/ucvtf/fcvtzs/fcvtzu, fcvtl/fcvtn,
 * pairwise and across-lanes reductions in the fast-math functions). Prints checksums of the bit
 * patterns and a few values. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define N 1003 /* not a multiple of the vector length: the scalar tail runs too */

static float fa[N], fb[N], fc[N], fr[N];
static double da[N], db[N], dc[N], dr[N];
static int32_t ia[N], ir[N];
static uint32_t ua[N];
static int64_t la[N], lr[N];

static uint64_t hash;

static void mix(const void *p, size_t n) {
  const unsigned char *b = p;
  for (size_t i = 0; i < n; i++) {
    hash ^= b[i];
    hash *= 0x100000001b3ULL;
  }
}

static void report(const char *what, const void *p, size_t n) {
  hash = 0xcbf29ce484222325ULL;
  mix(p, n);
  printf("%-10s %016llx\n", what, (unsigned long long) hash);
}

static void init(void) {
  uint32_t s = 12345;
  for (int i = 0; i < N; i++) {
    s = s * 1103515245u + 12345u;
    fa[i] = (float) ((int32_t) s >> 8) / 65536.0f;
    s = s * 1103515245u + 12345u;
    fb[i] = (float) (s >> 9) / 4194304.0f + 0.25f;
    fc[i] = (i % 17 == 0) ? -0.0f : (float) (i - N / 2) * 0.37f;
    da[i] = (double) fa[i] * 1.0000001;
    db[i] = (double) fb[i] + 1e-9 * i;
    dc[i] = (i % 13 == 0) ? 1e-310 : (double) (i - N / 3) * 1.1;
    ia[i] = (int32_t) (s ^ (s << 7)) >> (i % 20);
    ua[i] = s * 2654435761u;
    la[i] = (int64_t) s << (i % 40) ^ i;
  }
  fa[7] = INFINITY;
  fb[9] = -INFINITY;
  fa[11] = NAN;
  da[5] = -INFINITY;
  db[6] = NAN;
}

static void elementwise(void) {
  for (int i = 0; i < N; i++) fr[i] = fa[i] + fb[i] * fc[i];
  report("f madd", fr, sizeof fr);
  for (int i = 0; i < N; i++) fr[i] = fmaf(fa[i], fb[i], fc[i]);
  report("f fma", fr, sizeof fr);
  for (int i = 0; i < N; i++) fr[i] = fa[i] / fb[i] - fc[i];
  report("f div", fr, sizeof fr);
  for (int i = 0; i < N; i++) fr[i] = sqrtf(fb[i]) * 3.0f;
  report("f sqrt", fr, sizeof fr);
  for (int i = 0; i < N; i++) fr[i] = fmaxf(fa[i], fc[i]) - fminf(fb[i], fc[i]);
  report("f minmax", fr, sizeof fr);
  for (int i = 0; i < N; i++) fr[i] = fabsf(fa[i]) + -fc[i];
  report("f absneg", fr, sizeof fr);
  for (int i = 0; i < N; i++) fr[i] = floorf(fa[i]) + ceilf(fc[i]) + truncf(fb[i] * 7.0f) + roundf(fa[i] * 3.0f);
  report("f round", fr, sizeof fr);
  for (int i = 0; i < N; i++) fr[i] = rintf(fa[i] * 5.5f) + nearbyintf(fc[i]);
  report("f rint", fr, sizeof fr);
  for (int i = 0; i < N; i++) dr[i] = da[i] * db[i] + dc[i];
  report("d madd", dr, sizeof dr);
  for (int i = 0; i < N; i++) dr[i] = fma(da[i], db[i], dc[i]);
  report("d fma", dr, sizeof dr);
  for (int i = 0; i < N; i++) dr[i] = da[i] / db[i];
  report("d div", dr, sizeof dr);
  for (int i = 0; i < N; i++) dr[i] = sqrt(db[i]) + fabs(dc[i]);
  report("d sqrt", dr, sizeof dr);
  for (int i = 0; i < N; i++) dr[i] = fmax(da[i], dc[i]) * fmin(db[i], dc[i]);
  report("d minmax", dr, sizeof dr);
  for (int i = 0; i < N; i++) dr[i] = floor(dc[i]) - ceil(da[i]) + trunc(db[i] * 3.0) + round(dc[i] * 0.5);
  report("d round", dr, sizeof dr);
}

static void conversions(void) {
  for (int i = 0; i < N; i++) fr[i] = (float) ia[i];
  report("i2f", fr, sizeof fr);
  for (int i = 0; i < N; i++) fr[i] = (float) ua[i];
  report("u2f", fr, sizeof fr);
  for (int i = 0; i < N; i++) ir[i] = (int32_t) (fc[i] * 1000.0f);
  report("f2i", ir, sizeof ir);
  for (int i = 0; i < N; i++) ir[i] = (int32_t) (uint32_t) (fb[i] * 1e6f);
  report("f2u", ir, sizeof ir);
  for (int i = 0; i < N; i++) dr[i] = (double) la[i];
  report("l2d", dr, sizeof dr);
  for (int i = 0; i < N; i++) lr[i] = (int64_t) (dc[i] * 1e6);
  report("d2l", lr, sizeof lr);
  for (int i = 0; i < N; i++) dr[i] = (double) fa[i] * 0.1;
  report("f2d", dr, sizeof dr);
  for (int i = 0; i < N; i++) fr[i] = (float) (dc[i] * 1.5);
  report("d2f", fr, sizeof fr);
  for (int i = 0; i < N; i++) ir[i] = (int32_t) lrintf(fa[i] * 100.0f);
  report("lrintf", ir, sizeof ir);
  for (int i = 0; i < N; i++) fr[i] = (float) i * 0.125f + (float) (i & 7);
  report("idx2f", fr, sizeof fr);
}

__attribute__((optimize("fast-math"))) static void reductions(void) {
  float fs = 0, fd = 0, fmx = -INFINITY, fmn = INFINITY;
  double ds = 0, dd = 0, dmx = -INFINITY, dmn = INFINITY;
  for (int i = 0; i < N; i++) {
    if (i == 7 || i == 11) continue;
    fs += fa[i];
    fd += fa[i] * fb[i];
    fmx = fa[i] > fmx ? fa[i] : fmx;
    fmn = fb[i] < fmn ? fb[i] : fmn;
  }
  for (int i = 0; i < N; i++) {
    if (i == 5 || i == 6) continue;
    ds += da[i];
    dd += da[i] * db[i];
    dmx = fmax(dmx, dc[i]);
    dmn = fmin(dmn, da[i]);
  }
  printf("fsum %.9g fdot %.9g fmax %.9g fmin %.9g\n", fs, fd, fmx, fmn);
  printf("dsum %.17g ddot %.17g dmax %.17g dmin %.17g\n", ds, dd, dmx, dmn);
}

int main(void) {
  init();
  elementwise();
  conversions();
  reductions();
  return 0;
}

/* FP environment: every rounding mode set through fesetround (FPCR.RMode), FZ and DN set with an
 * inline "msr fpcr", and the cumulative exception flags read back with fetestexcept and raw FPSR
 * (IDC has no fenv name) after each class of operation: invalid, divide-by-zero, overflow,
 * underflow, inexact, in scalar and AdvSIMD (arm_neon.h) code. Prints results as bit patterns. */
#include <arm_neon.h>
#include <fenv.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static volatile double vd[] = {1.0, 3.0, 2.0, -1.0, 0.0, 1e308, 2.2250738585072014e-308, 4.9e-324, 0.5, 2.5,
                               -2.5, 1e-300, 123456789.987654321, -0.0, 7.0, 1.0000000000000002};
static volatile float vf[] = {1.0f, 3.0f, 2.0f, -1.0f, 0.0f, 3e38f, 1.17549435e-38f, 1e-45f, 0.5f, 2.5f,
                              -2.5f, 1e-30f, 16777217.0f, -0.0f, 7.0f, 1.00000012f};

static uint64_t dbits(double x) { uint64_t u; memcpy(&u, &x, 8); return u; }
static uint32_t fbits(float x) { uint32_t u; memcpy(&u, &x, 4); return u; }

static uint64_t fpsr(void) { uint64_t v; __asm__ volatile("mrs %0, fpsr" : "=r"(v)); return v; }
static void set_fpcr(uint64_t v) { __asm__ volatile("msr fpcr, %0" : : "r"(v)); }
static uint64_t get_fpcr(void) { uint64_t v; __asm__ volatile("mrs %0, fpcr" : "=r"(v)); return v; }

static void flags(const char *what) {
  int e = fetestexcept(FE_ALL_EXCEPT);
  printf("  %-18s %s%s%s%s%s fpsr=%02llx\n", what, e & FE_INVALID ? "I" : "-", e & FE_DIVBYZERO ? "Z" : "-",
         e & FE_OVERFLOW ? "O" : "-", e & FE_UNDERFLOW ? "U" : "-", e & FE_INEXACT ? "X" : "-",
         (unsigned long long) (fpsr() & 0x9f));
  feclearexcept(FE_ALL_EXCEPT);
  __asm__ volatile("msr fpsr, xzr");
}

static void scalar_ops(void) {
  double a = vd[0], b = vd[1];
  printf("  div %016llx sqrt2 %016llx fma %016llx\n", (unsigned long long) dbits(a / b),
         (unsigned long long) dbits(sqrt(vd[2])), (unsigned long long) dbits(fma(vd[12], vd[1], vd[15])));
  printf("  f32 div %08x sum %08x cvt %08x\n", fbits(vf[0] / vf[1]), fbits(vf[12] + vf[0]), fbits((float) vd[12]));
  printf("  rint %g %g %g nearbyint %g lrint %ld %ld trunc-cast %d %d\n", rint(vd[9]), rint(vd[10]), rint(vd[8]),
         nearbyint(vd[12]), lrint(vd[9]), lrint(vd[10]), (int) vd[9], (int) vd[10]);
  flags("scalar mixed");
  volatile double z = vd[4] / vd[4];
  (void) z;
  flags("0/0");
  z = sqrt(vd[3]);
  flags("sqrt(-1)");
  z = vd[0] / vd[4];
  flags("1/0");
  z = vd[5] * 10.0;
  printf("  overflow %016llx\n", (unsigned long long) dbits(z));
  flags("max*10");
  z = vd[11] * vd[11];
  printf("  underflow %016llx\n", (unsigned long long) dbits(z));
  flags("1e-300^2");
  z = vd[6] / 4.0;
  printf("  exact-tiny %016llx\n", (unsigned long long) dbits(z));
  flags("min/4 (denormal)");
  z = vd[0] / vd[1];
  flags("1/3");
  volatile int i = (int) vd[5];
  printf("  (int)1e308 %d\n", i);
  flags("cvt overflow");
  volatile float f = (float) vd[5];
  printf("  (float)1e308 %08x\n", fbits(f));
  flags("narrow overflow");
  f = vf[6] * vf[8];
  printf("  f32 tiny %08x\n", fbits(f));
  flags("f32 min*0.5");
}

/* Vector values are printed through whole-register stores (vst1q) into arrays. */
static void p4f(const char *what, float32x4_t v) {
  uint32_t t[4];
  vst1q_u32(t, vreinterpretq_u32_f32(v));
  printf("  %s %08x %08x %08x %08x\n", what, t[0], t[1], t[2], t[3]);
}

static void p4i(const char *what, int32x4_t v) {
  int32_t t[4];
  vst1q_s32(t, v);
  printf("  %s %d %d %d %d\n", what, t[0], t[1], t[2], t[3]);
}

static void p2d(const char *what, float64x2_t v) {
  uint64_t t[2];
  vst1q_u64(t, vreinterpretq_u64_f64(v));
  printf("  %s %016llx %016llx\n", what, (unsigned long long) t[0], (unsigned long long) t[1]);
}

static void vector_ops(void) {
  /* whole-register loads only */
  float fx[4] = {vf[0], vf[1], vf[12], vf[15]}, fy[4] = {vf[1], vf[2], vf[8], vf[14]};
  double dp[2] = {vd[0], vd[12]}, dq[2] = {vd[1], vd[14]};
  float32x4_t x = vld1q_f32(fx), y = vld1q_f32(fy);
  float64x2_t p = vld1q_f64(dp), q = vld1q_f64(dq);
  float32x4_t r = vdivq_f32(x, y);
  p4f("v div", r);
  p2d("v fma", vfmaq_f64(p, p, q));
  p4f("v frinti", vrndiq_f32(vmulq_f32(x, vdupq_n_f32(0.75f))));
  p4i("v fcvtzs", vcvtq_s32_f32(vmulq_f32(x, vdupq_n_f32(-1.5f))));
  p4i("v fcvtns", vcvtnq_s32_f32(vmulq_f32(x, vdupq_n_f32(2.5f))));
  float32x4_t e = vrecpeq_f32(x);
  p4f("v recpe", e);
  p4f("v recps", vrecpsq_f32(x, e));
  p4f("v rsqrte", vrsqrteq_f32(y));
  p4f("v fcvtn", vcombine_f32(vcvt_f32_f64(vmulq_f64(p, q)), vcvt_f32_f64(q)));
  p4f("v half", vcvt_f32_f16(vcvt_f16_f32(r)));
  flags("vector mixed");
  float32x4_t zero = vdupq_n_f32(0.0f);
  float32x4_t nan = vdivq_f32(zero, zero);
  p4f("v 0/0", nan);
  flags("v 0/0");
  p4f("v 1/0", vdivq_f32(x, zero));
  flags("v 1/0");
  p4f("v overflow", vmulq_f32(vdupq_n_f32(vf[5]), vdupq_n_f32(vf[5])));
  flags("v max*max");
  p4f("v underflow", vmulq_f32(vdupq_n_f32(vf[11]), vdupq_n_f32(vf[11])));
  flags("v 1e-30^2");
  p2d("v sqrt(-x)", vsqrtq_f64(vnegq_f64(q)));
  flags("v sqrt(-x)");
  p4i("v nan<x", vreinterpretq_s32_u32(vcltq_f32(nan, x)));
  flags("v fcmlt NaN");
  p4i("v nan==x", vreinterpretq_s32_u32(vceqq_f32(nan, x)));
  flags("v fcmeq NaN");
  p4f("v maxnm", vmaxnmq_f32(nan, x));
  flags("v fmaxnm NaN");
  p4f("v max", vmaxq_f32(nan, x));
  flags("v fmax NaN");
  p4f("v tiny*0.5", vmulq_f32(vdupq_n_f32(vf[6]), vdupq_n_f32(0.5f)));
  flags("v min*0.5");
  p4f("v denorm+0", vaddq_f32(vdupq_n_f32(vf[7]), zero));
  flags("v denorm+0");
}

static const char *NAMES[] = {"nearest", "upward", "downward", "towardzero"};
static const int MODES[] = {FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO};

int main(void) {
  for (int k = 0; k < 4; k++) {
    if (fesetround(MODES[k]) != 0) {
      printf("fesetround %s failed\n", NAMES[k]);
      return 1;
    }
    printf("mode %s: fegetround ok %d fpcr=%llx\n", NAMES[k], fegetround() == MODES[k], (unsigned long long) get_fpcr());
    feclearexcept(FE_ALL_EXCEPT);
    scalar_ops();
    vector_ops();
  }
  fesetround(FE_TONEAREST);
  printf("FZ:\n");
  set_fpcr(1 << 24);
  scalar_ops();
  vector_ops();
  printf("DN:\n");
  set_fpcr(1 << 25);
  scalar_ops();
  vector_ops();
  printf("FZ+DN+RZ:\n");
  set_fpcr(1 << 24 | 1 << 25 | 3 << 22);
  scalar_ops();
  vector_ops();
  set_fpcr(0);
  return 0;
}

/* AdvSIMD and scalar FP instructions over edge-case operands (zeros, denormals, infinities, quiet and
 * signaling NaNs with payloads, rounding ties, integer limits) under every FPCR rounding mode,
 * FZ, DN and AHP: each result (all 128 bits, a general register where there is one) and FPSR after it.
 * Prints one FNV-1a checksum per instruction; "simdfp -v" prints every result line instead (to find
 * a mismatch). Compared against qemu-aarch64 by Arm64GuestProgramsTest. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef uint64_t u64;

#define OPS(X) \
  X(fadd_4s, "fadd v0.4s, v1.4s, v2.4s") X(fadd_2d, "fadd v0.2d, v1.2d, v2.2d") X(fadd_2s, "fadd v0.2s, v1.2s, v2.2s") \
  X(fsub_4s, "fsub v0.4s, v1.4s, v2.4s") X(fsub_2d, "fsub v0.2d, v1.2d, v2.2d") \
  X(fmul_4s, "fmul v0.4s, v1.4s, v2.4s") X(fmul_2d, "fmul v0.2d, v1.2d, v2.2d") \
  X(fdiv_4s, "fdiv v0.4s, v1.4s, v2.4s") X(fdiv_2d, "fdiv v0.2d, v1.2d, v2.2d") \
  X(fmulx_4s, "fmulx v0.4s, v1.4s, v2.4s") X(fmulx_2d, "fmulx v0.2d, v1.2d, v2.2d") \
  X(fabd_4s, "fabd v0.4s, v1.4s, v2.4s") X(fabd_2d, "fabd v0.2d, v1.2d, v2.2d") \
  X(fmla_4s, "fmla v0.4s, v1.4s, v2.4s") X(fmla_2d, "fmla v0.2d, v1.2d, v2.2d") \
  X(fmls_4s, "fmls v0.4s, v1.4s, v2.4s") X(fmls_2d, "fmls v0.2d, v1.2d, v2.2d") X(fmla_2s, "fmla v0.2s, v1.2s, v2.2s") \
  X(fmax_4s, "fmax v0.4s, v1.4s, v2.4s") X(fmax_2d, "fmax v0.2d, v1.2d, v2.2d") X(fmin_4s, "fmin v0.4s, v1.4s, v2.4s") \
  X(fmaxnm_4s, "fmaxnm v0.4s, v1.4s, v2.4s") X(fmaxnm_2d, "fmaxnm v0.2d, v1.2d, v2.2d") \
  X(fminnm_4s, "fminnm v0.4s, v1.4s, v2.4s") X(fminnm_2d, "fminnm v0.2d, v1.2d, v2.2d") \
  X(faddp_4s, "faddp v0.4s, v1.4s, v2.4s") X(faddp_2d, "faddp v0.2d, v1.2d, v2.2d") X(faddp_2s, "faddp v0.2s, v1.2s, v2.2s") \
  X(fmaxp_4s, "fmaxp v0.4s, v1.4s, v2.4s") X(fminp_2d, "fminp v0.2d, v1.2d, v2.2d") \
  X(fmaxnmp_4s, "fmaxnmp v0.4s, v1.4s, v2.4s") X(fminnmp_4s, "fminnmp v0.4s, v1.4s, v2.4s") \
  X(fcmeq_4s, "fcmeq v0.4s, v1.4s, v2.4s") X(fcmeq_2d, "fcmeq v0.2d, v1.2d, v2.2d") X(fcmge_4s, "fcmge v0.4s, v1.4s, v2.4s") \
  X(fcmgt_2d, "fcmgt v0.2d, v1.2d, v2.2d") X(facge_4s, "facge v0.4s, v1.4s, v2.4s") X(facgt_2d, "facgt v0.2d, v1.2d, v2.2d") \
  X(frecps_4s, "frecps v0.4s, v1.4s, v2.4s") X(frecps_2d, "frecps v0.2d, v1.2d, v2.2d") \
  X(frsqrts_4s, "frsqrts v0.4s, v1.4s, v2.4s") X(frsqrts_2d, "frsqrts v0.2d, v1.2d, v2.2d") \
  X(fmulx_s, "fmulx s0, s1, s2") X(fmulx_d, "fmulx d0, d1, d2") X(fcmeq_s, "fcmeq s0, s1, s2") X(fcmge_d, "fcmge d0, d1, d2") \
  X(fcmgt_s, "fcmgt s0, s1, s2") X(facge_d, "facge d0, d1, d2") X(facgt_s, "facgt s0, s1, s2") X(fabd_s, "fabd s0, s1, s2") \
  X(fabd_d, "fabd d0, d1, d2") X(frecps_s, "frecps s0, s1, s2") X(frecps_d, "frecps d0, d1, d2") X(frsqrts_s, "frsqrts s0, s1, s2") \
  X(frsqrts_d, "frsqrts d0, d1, d2") \
  X(fmla_e4s, "fmla v0.4s, v1.4s, v2.s[1]") X(fmla_e2d, "fmla v0.2d, v1.2d, v2.d[1]") X(fmls_e4s, "fmls v0.4s, v1.4s, v2.s[3]") \
  X(fmul_e4s, "fmul v0.4s, v1.4s, v2.s[2]") X(fmul_e2d, "fmul v0.2d, v1.2d, v2.d[0]") X(fmulx_e4s, "fmulx v0.4s, v1.4s, v2.s[0]") \
  X(fmla_e2s, "fmla v0.2s, v1.2s, v2.s[3]") X(fmla_es, "fmla s0, s1, v2.s[3]") X(fmul_ed, "fmul d0, d1, v2.d[1]") \
  X(fmulx_es, "fmulx s0, s1, v2.s[1]") X(fmls_ed, "fmls d0, d1, v2.d[0]") \
  X(faddp_s, "faddp s0, v1.2s") X(faddp_d, "faddp d0, v1.2d") X(fmaxp_s, "fmaxp s0, v1.2s") X(fminp_d, "fminp d0, v1.2d") \
  X(fmaxnmp_s, "fmaxnmp s0, v1.2s") X(fminnmp_d, "fminnmp d0, v1.2d") \
  X(fmaxv, "fmaxv s0, v1.4s") X(fminv, "fminv s0, v1.4s") X(fmaxnmv, "fmaxnmv s0, v1.4s") X(fminnmv, "fminnmv s0, v1.4s") \
  X(fabs_4s, "fabs v0.4s, v1.4s") X(fneg_2d, "fneg v0.2d, v1.2d") X(fsqrt_4s, "fsqrt v0.4s, v1.4s") X(fsqrt_2d, "fsqrt v0.2d, v1.2d") \
  X(frintn_4s, "frintn v0.4s, v1.4s") X(frintm_2d, "frintm v0.2d, v1.2d") X(frintp_4s, "frintp v0.4s, v1.4s") \
  X(frintz_2d, "frintz v0.2d, v1.2d") X(frinta_4s, "frinta v0.4s, v1.4s") X(frintx_4s, "frintx v0.4s, v1.4s") \
  X(frinti_2d, "frinti v0.2d, v1.2d") X(frintx_2s, "frintx v0.2s, v1.2s") \
  X(fcmgt0_4s, "fcmgt v0.4s, v1.4s, #0.0") X(fcmeq0_2d, "fcmeq v0.2d, v1.2d, #0.0") X(fcmlt0_4s, "fcmlt v0.4s, v1.4s, #0.0") \
  X(fcmge0_2d, "fcmge v0.2d, v1.2d, #0.0") X(fcmle0_4s, "fcmle v0.4s, v1.4s, #0.0") \
  X(frecpe_4s, "frecpe v0.4s, v1.4s") X(frecpe_2d, "frecpe v0.2d, v1.2d") X(frsqrte_4s, "frsqrte v0.4s, v1.4s") \
  X(frsqrte_2d, "frsqrte v0.2d, v1.2d") X(urecpe_4s, "urecpe v0.4s, v1.4s") X(ursqrte_4s, "ursqrte v0.4s, v1.4s") \
  X(fcvtns_4s, "fcvtns v0.4s, v1.4s") X(fcvtnu_2d, "fcvtnu v0.2d, v1.2d") X(fcvtms_2d, "fcvtms v0.2d, v1.2d") \
  X(fcvtmu_4s, "fcvtmu v0.4s, v1.4s") X(fcvtps_4s, "fcvtps v0.4s, v1.4s") X(fcvtpu_2d, "fcvtpu v0.2d, v1.2d") \
  X(fcvtzs_4s, "fcvtzs v0.4s, v1.4s") X(fcvtzu_2d, "fcvtzu v0.2d, v1.2d") X(fcvtas_2d, "fcvtas v0.2d, v1.2d") \
  X(fcvtau_4s, "fcvtau v0.4s, v1.4s") X(scvtf_4s, "scvtf v0.4s, v1.4s") X(ucvtf_2d, "ucvtf v0.2d, v1.2d") \
  X(ucvtf_4s, "ucvtf v0.4s, v1.4s") X(scvtf_2d, "scvtf v0.2d, v1.2d") \
  X(fcvtn_4h, "fcvtn v0.4h, v1.4s") X(fcvtn_2s, "fcvtn v0.2s, v1.2d") X(fcvtn2_8h, "fcvtn2 v0.8h, v1.4s") \
  X(fcvtn2_4s, "fcvtn2 v0.4s, v1.2d") X(fcvtl_4s, "fcvtl v0.4s, v1.4h") X(fcvtl_2d, "fcvtl v0.2d, v1.2s") \
  X(fcvtl2_4s, "fcvtl2 v0.4s, v1.8h") X(fcvtl2_2d, "fcvtl2 v0.2d, v1.4s") X(fcvtxn_2s, "fcvtxn v0.2s, v1.2d") \
  X(fcvtxn2_4s, "fcvtxn2 v0.4s, v1.2d") X(fcvtxn_s, "fcvtxn s0, d1") \
  X(fcvtns_s, "fcvtns s0, s1") X(fcvtmu_d, "fcvtmu d0, d1") X(fcvtzs_d, "fcvtzs d0, d1") X(fcvtau_s, "fcvtau s0, s1") \
  X(scvtf_s, "scvtf s0, s1") X(ucvtf_d, "ucvtf d0, d1") X(fcmgt0_s, "fcmgt s0, s1, #0.0") X(fcmle0_d, "fcmle d0, d1, #0.0") \
  X(frecpe_s, "frecpe s0, s1") X(frecpe_d, "frecpe d0, d1") X(frsqrte_s, "frsqrte s0, s1") X(frsqrte_d, "frsqrte d0, d1") \
  X(frecpx_s, "frecpx s0, s1") X(frecpx_d, "frecpx d0, d1") \
  X(scvtf_f4s, "scvtf v0.4s, v1.4s, #5") X(ucvtf_f2d, "ucvtf v0.2d, v1.2d, #40") X(fcvtzs_f4s, "fcvtzs v0.4s, v1.4s, #3") \
  X(fcvtzu_f2d, "fcvtzu v0.2d, v1.2d, #17") X(scvtf_fs, "scvtf s0, s1, #7") X(fcvtzs_fd, "fcvtzs d0, d1, #60") \
  X(fcvtzu_fs, "fcvtzu s0, s1, #32") X(ucvtf_fd, "ucvtf d0, d1, #64") \
  X(scvtf_gsw, "scvtf s0, w1, #16") X(scvtf_gdx, "scvtf d0, x1, #10") X(ucvtf_gsx, "ucvtf s0, x1, #64") \
  X(ucvtf_gdw, "ucvtf d0, w1, #1") X(fcvtzs_gws, "fcvtzs w0, s1, #8") X(fcvtzs_gxd, "fcvtzs x0, d1, #33") \
  X(fcvtzu_gwd, "fcvtzu w0, d1, #31") X(fcvtzu_gxs, "fcvtzu x0, s1, #64") \
  X(fadd_s, "fadd s0, s1, s2") X(fmul_d, "fmul d0, d1, d2") X(fdiv_s, "fdiv s0, s1, s2") X(fsqrt_d, "fsqrt d0, d1") \
  X(fmadd_s, "fmadd s0, s1, s2, s0") X(fnmsub_d, "fnmsub d0, d1, d2, d0") X(fnmul_s, "fnmul s0, s1, s2") \
  X(fmsub_d, "fmsub d0, d1, d2, d0") X(fnmadd_s, "fnmadd s0, s1, s2, s0") X(fmaxnm_d, "fmaxnm d0, d1, d2") \
  X(fcvt_sd, "fcvt s0, d1") X(fcvt_ds, "fcvt d0, s1") X(fcvt_hs, "fcvt h0, s1") X(fcvt_sh, "fcvt s0, h1") \
  X(fcvt_hd, "fcvt h0, d1") X(fcvt_dh, "fcvt d0, h1") X(frinta_s, "frinta s0, s1") X(frintx_d, "frintx d0, d1") \
  X(fcvtzs_ws, "fcvtzs w0, s1") X(fcvtau_xd, "fcvtau x0, d1") X(scvtf_sx, "scvtf s0, x1") X(ucvtf_dw, "ucvtf d0, w1")

#define DEF(id, text) \
  static void f_##id(u64 *o, const u64 *n, const u64 *m) { \
    __asm__ volatile("ldr q0, [%0]\n\tldr q1, [%1]\n\tldr q2, [%2]\n\tldr x1, [%1]\n\tmov x0, #0\n\t" text \
                     "\n\tstr q0, [%0]\n\tstr x0, [%0, #16]" \
                     : : "r"(o), "r"(n), "r"(m) : "v0", "v1", "v2", "x0", "x1", "memory"); \
  }
OPS(DEF)

#define ENTRY(id, text) {#id, f_##id},
static const struct { const char *name; void (*fn)(u64 *, const u64 *, const u64 *); } ops[] = {OPS(ENTRY)};

static const uint32_t S_SPECIAL[] = {
  0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x3fc00000, 0x40000000, 0x40400000, 0x00000001,
  0x807fffff, 0x00800000, 0x7f7fffff, 0xff7fffff, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc12345,
  0x7f800001, 0xff812345, 0x3eaaaaab, 0x4b000001, 0xcf000000, 0x4f800000, 0x5f000000, 0x3f000000,
  0x3fc00001, 0xbfc00000, 0x40200000, 0x00400000, 0x7e800000, 0x01000000, 0x42c80000, 0x00000003,
  0xffffffff, 0x7fffffff, 0x00ffffff, 0x01000001, 0x3effffff, 0x7effffff, 0x3f7fffff, 0xc0200000,
};
static const u64 D_SPECIAL[] = {
  0, 0x8000000000000000, 0x3ff0000000000000, 0xbff0000000000000, 0x3ff8000000000000, 0x4000000000000000,
  0x4008000000000000, 1, 0x800fffffffffffff, 0x0010000000000000, 0x7fefffffffffffff, 0xffefffffffffffff,
  0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000, 0xfff8000012345678, 0x7ff0000000000001,
  0xfff0000012345678, 0x3fd5555555555555, 0x43e0000000000000, 0xc3e0000000000000, 0x43f0000000000000,
  0x41dfffffffc00000, 0x3fe0000000000000, 0x4004000000000000, 0xbff8000000000000, 0x36a0000000000000,
  0x47efffffe0000000, 0x47efffffffffffff, 0x3ff0000010000000, 0x380fffffffffffff, 0x4340000000000001,
  0xffffffffffffffff, 0x7fffffffffffffff, 0x0020000000000001, 0x3ff0000030000000, 0x7fe0000000000000,
  0x36a8000000000000, 0x3e60000000000000, 0x40f0000800000000,
};
#define NS (sizeof S_SPECIAL / sizeof S_SPECIAL[0])
#define ND (sizeof D_SPECIAL / sizeof D_SPECIAL[0])
#define NRAND 24
#define N (NS + NRAND)

static uint32_t spool[N];
static u64 dpool[N];
static u64 rng = 0x2545f4914f6cdd1dULL;

static u64 next(void) {
  rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17;
  return rng;
}

static void fill(void) {
  for (unsigned i = 0; i < N; i++) {
    u64 r = next();
    if (i < NS) {
      spool[i] = S_SPECIAL[i];
    } else { /* exponents near 1.0 (and some tiny/huge), random sign and fraction */
      uint32_t e = (i & 3) == 0 ? (uint32_t) (r >> 40) % 254 + 1 : 127 - 24 + (uint32_t) (r >> 40) % 56;
      spool[i] = (uint32_t) (r >> 63) << 31 | e << 23 | ((uint32_t) r & 0x7fffff);
    }
    if (i < ND) {
      dpool[i] = D_SPECIAL[i];
    } else {
      u64 s = next();
      u64 e = (i & 3) == 0 ? (s >> 20) % 2046 + 1 : 1023 - 60 + (s >> 20) % 124;
      dpool[i] = (r >> 63) << 63 | e << 52 | (s & 0xfffffffffffffULL);
    }
  }
}

/* A 128-bit operand from pool position i: four singles for s-lane ops, two doubles otherwise;
   which one an op reads depends on its lanes, so each operand mixes both: low half singles, high
   half a double, alternating with the position. */
static void operand(u64 *v, unsigned i) {
  if (i & 1) {
    v[0] = spool[i % N] | (u64) spool[(i + 1) % N] << 32;
    v[1] = spool[(i + 2) % N] | (u64) spool[(i + 3) % N] << 32;
  } else {
    v[0] = dpool[i % N];
    v[1] = dpool[(i + 1) % N];
  }
}

/* RN, RP, RM, RZ, FZ, DN, FZ+DN+RM, AHP (alternative half precision), AHP+DN+RZ */
static const u64 FPCR[] = {0, 1 << 22, 2 << 22, 3 << 22, 1 << 24, 1 << 25, 1 << 24 | 1 << 25 | 2 << 22, 1 << 26,
                           1 << 26 | 1 << 25 | 3 << 22};

int main(int argc, char **argv) {
  int verbose = argc > 1 && strcmp(argv[1], "-v") == 0;
  fill();
  for (unsigned k = 0; k < sizeof ops / sizeof ops[0]; k++) {
    u64 h = 0xcbf29ce484222325ULL;
    for (unsigned f = 0; f < sizeof FPCR / sizeof FPCR[0]; f++) {
      for (unsigned i = 0; i < 2 * N; i++) {
        u64 o[3], n[2], m[2];
        operand(n, i);
        operand(m, (i * 7 + 3) % (2 * N));
        operand(o, (i * 13 + 5) % (2 * N));
        if (i >= N) { /* second round: n and m from the same kind, o from the other */
          operand(m, i + 2 * ((i * 5) % 7));
        }
        u64 fpsr;
        __asm__ volatile("msr fpcr, %0\n\tmsr fpsr, xzr" : : "r"(FPCR[f]));
        ops[k].fn(o, n, m);
        __asm__ volatile("mrs %0, fpsr\n\tmsr fpcr, xzr" : "=r"(fpsr));
        u64 vals[4] = {o[0], o[1], o[2], fpsr};
        for (int j = 0; j < 4; j++) {
          for (int b = 0; b < 8; b++) {
            h ^= (vals[j] >> (8 * b)) & 0xff;
            h *= 0x100000001b3ULL;
          }
        }
        if (verbose) {
          printf("%s fpcr=%llx n=%016llx:%016llx m=%016llx:%016llx -> %016llx:%016llx x=%llx fpsr=%llx\n", ops[k].name,
                 (unsigned long long) FPCR[f], (unsigned long long) n[1], (unsigned long long) n[0],
                 (unsigned long long) m[1], (unsigned long long) m[0], (unsigned long long) o[1],
                 (unsigned long long) o[0], (unsigned long long) o[2], (unsigned long long) fpsr);
        }
      }
    }
    if (!verbose) {
      printf("%-12s %016llx\n", ops[k].name, (unsigned long long) h);
    }
  }
  return 0;
}

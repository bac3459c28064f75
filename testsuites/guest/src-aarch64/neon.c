/* AdvSIMD integer instructions through arm_neon.h intrinsics, including the forms gcc does not
 * emit on its own: structure loads/stores, widening/narrowing, saturating and rounding ops
 * (with FPSR.QC after each), permutes and table lookups. Prints every result in hex; the
 * output is compared with qemu's. An argument selects one group (1-4), none runs all. */
#include <arm_neon.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint8_t A[64], B[64], C[64], M[256];
static uint8_t R[64];

static unsigned long getfpsr(void) { unsigned long r; __asm__ volatile("mrs %0, fpsr" : "=r"(r) :: "memory"); return r; }
static void setfpsr(unsigned long v) { __asm__ volatile("msr fpsr, %0" :: "r"(v) : "memory"); }

static void dump(const char *name, const uint8_t *b, int n, int qc) {
    printf("%-44.44s ", name);
    for (int i = n - 1; i >= 0; i--) printf("%02x", b[i]);
    printf(qc >= 0 ? " qc=%d\n" : "\n", qc);
}

/* E: evaluate, print; Q: also FPSR.QC, cleared before (inputs come from memory after the clear) */
#define E(v) do { __typeof__(v) _t = (v); memcpy(R, &_t, sizeof _t); dump(#v, R, sizeof _t, -1); } while (0)
#define Q(v) do { setfpsr(0); __typeof__(v) _t = (v); memcpy(R, &_t, sizeof _t); \
                  dump(#v, R, sizeof _t, (int) (getfpsr() >> 27 & 1)); } while (0)

#define a8  vld1q_s8((int8_t *) A)
#define b8  vld1q_s8((int8_t *) B)
#define c8  vld1q_s8((int8_t *) C)
#define a16 vld1q_s16((int16_t *) A)
#define b16 vld1q_s16((int16_t *) B)
#define c16 vld1q_s16((int16_t *) C)
#define a32 vld1q_s32((int32_t *) A)
#define b32 vld1q_s32((int32_t *) B)
#define c32 vld1q_s32((int32_t *) C)
#define a64 vld1q_s64((int64_t *) A)
#define b64 vld1q_s64((int64_t *) B)
#define ua8  vld1q_u8(A)
#define ub8  vld1q_u8(B)
#define uc8  vld1q_u8(C)
#define ua16 vld1q_u16((uint16_t *) A)
#define ub16 vld1q_u16((uint16_t *) B)
#define uc16 vld1q_u16((uint16_t *) C)
#define ua32 vld1q_u32((uint32_t *) A)
#define ub32 vld1q_u32((uint32_t *) B)
#define uc32 vld1q_u32((uint32_t *) C)
#define ua64 vld1q_u64((uint64_t *) A)
#define ub64 vld1q_u64((uint64_t *) B)
#define d8  vld1_s8((int8_t *) A)
#define e8  vld1_s8((int8_t *) B + 8)
#define d16 vld1_s16((int16_t *) A)
#define e16 vld1_s16((int16_t *) B + 4)
#define d32 vld1_s32((int32_t *) A)
#define e32 vld1_s32((int32_t *) B + 2)
#define ud8  vld1_u8(A + 8)
#define ue8  vld1_u8(B)
#define ud16 vld1_u16((uint16_t *) A + 4)
#define ue16 vld1_u16((uint16_t *) B)
#define ud32 vld1_u32((uint32_t *) A + 2)
#define ue32 vld1_u32((uint32_t *) B)

static void structures(void) {
    uint8x16x2_t l2 = vld2q_u8(M); E(l2.val[0]); E(l2.val[1]);
    uint16x8x3_t l3 = vld3q_u16((uint16_t *) M); E(l3.val[0]); E(l3.val[1]); E(l3.val[2]);
    uint32x4x4_t l4 = vld4q_u32((uint32_t *) M); E(l4.val[0]); E(l4.val[1]); E(l4.val[2]); E(l4.val[3]);
    uint8x8x4_t l4b = vld4_u8(M + 3); E(l4b.val[0]); E(l4b.val[3]);
    uint16x4x2_t l2h = vld2_u16((uint16_t *) M + 1); E(l2h.val[0]); E(l2h.val[1]);
    int64x2x2_t l2d = vld2q_s64((int64_t *) M); E(l2d.val[0]); E(l2d.val[1]);
    uint8x16x4_t l1x4 = vld1q_u8_x4(M); E(l1x4.val[3]);
    uint16x4x3_t l1x3 = vld1_u16_x3((uint16_t *) M); E(l1x3.val[2]);
    uint8x16_t lane = vld1q_lane_u8(M + 77, ua8, 13); E(lane);
    E(vld1q_lane_u16((uint16_t *) M + 9, ua16, 5));
    E(vld1q_lane_u32((uint32_t *) M + 9, ua32, 3));
    E(vld1q_lane_u64((uint64_t *) M + 9, ua64, 1));
    E(vld1_lane_u32((uint32_t *) M + 9, ue32, 1));
    uint16x8x2_t ln2 = vld2q_lane_u16((uint16_t *) M + 3, (uint16x8x2_t) {{ua16, ub16}}, 6); E(ln2.val[0]); E(ln2.val[1]);
    uint32x4x3_t ln3 = vld3q_lane_u32((uint32_t *) M + 3, (uint32x4x3_t) {{ua32, ub32, uc32}}, 2); E(ln3.val[2]);
    uint8x16x4_t ln4 = vld4q_lane_u8(M + 30, (uint8x16x4_t) {{ua8, ub8, uc8, ua8}}, 15); E(ln4.val[0]); E(ln4.val[3]);
    E(vld1q_dup_u16((uint16_t *) M + 7));
    E(vld1_dup_u8(M + 200));
    uint32x4x2_t r2 = vld2q_dup_u32((uint32_t *) M + 5); E(r2.val[0]); E(r2.val[1]);
    uint8x8x3_t r3 = vld3_dup_u8(M + 100); E(r3.val[2]);
    uint64x2x4_t r4 = vld4q_dup_u64((uint64_t *) M + 2); E(r4.val[3]);
    uint8_t out[128];
    memset(out, 0xee, sizeof out);
    vst2q_u8(out, (uint8x16x2_t) {{ua8, ub8}}); E(vld1q_u8(out)); E(vld1q_u8(out + 16));
    vst3q_u16((uint16_t *) out, (uint16x8x3_t) {{ua16, ub16, uc16}}); E(vld1q_u8(out + 16)); E(vld1q_u8(out + 32));
    vst4_u32((uint32_t *) out, (uint32x2x4_t) {{ud32, ue32, ud32, ue32}}); E(vld1q_u8(out)); E(vld1q_u8(out + 16));
    vst4q_u8(out, (uint8x16x4_t) {{ua8, ub8, uc8, ub8}}); E(vld1q_u8(out + 48));
    vst1q_lane_u16((uint16_t *) out + 1, ua16, 7); E(vld1q_u8(out));
    vst2_lane_u8(out + 5, (uint8x8x2_t) {{ud8, ue8}}, 6); E(vld1q_u8(out));
    vst3q_lane_u32((uint32_t *) out + 1, (uint32x4x3_t) {{ua32, ub32, uc32}}, 3); E(vld1q_u8(out));
    vst4q_lane_u64((uint64_t *) out, (uint64x2x4_t) {{ua64, ub64, ua64, ub64}}, 1); E(vld1q_u8(out + 16));
    vst1q_u32_x2((uint32_t *) out, (uint32x4x2_t) {{ua32, ub32}}); E(vld1q_u8(out + 16));
    /* post-index by register and by immediate, through inline asm */
    const uint8_t *p = M; long step = 5;
    uint8x16_t v0, v1;
    __asm__("ld2 {%0.16b, %1.16b}, [%2], %3" : "=w"(v0), "=w"(v1), "+r"(p) : "r"(step));
    E(v0); printf("post %ld\n", (long) (p - M));
    __asm__("ld1r {%0.8h}, [%1], #2" : "=w"(v0), "+r"(p));
    E(v0); printf("post %ld\n", (long) (p - M));
    __asm__("ld3 {v16.s, v17.s, v18.s}[1], [%1], #12\n\tmov %0.16b, v17.16b" : "=w"(v0), "+r"(p) :: "v16", "v17", "v18");
    E(v0); printf("post %ld\n", (long) (p - M));
    __asm__("ld4r {v16.4s, v17.4s, v18.4s, v19.4s}, [%1], %2\n\tmov %0.16b, v19.16b" : "=w"(v0), "+r"(p) : "r"(step) : "v16", "v17", "v18", "v19");
    E(v0); printf("post %ld\n", (long) (p - M));
    uint8_t *q = out;
    __asm__ volatile("st4 {v0.8b, v1.8b, v2.8b, v3.8b}, [%0], #32" : "+r"(q) :: "memory");
    printf("post %ld\n", (long) (q - out));
}

static void widening(void) {
    E(vaddl_s8(d8, e8)); E(vaddl_high_u8(ua8, ub8)); E(vsubl_s16(d16, e16)); E(vsubl_high_u32(ua32, ub32));
    E(vaddw_s8(a16, e8)); E(vaddw_high_u16(ua32, ub16)); E(vsubw_s32(a64, e32)); E(vsubw_high_u8(ua16, ub8));
    E(vmull_s8(d8, e8)); E(vmull_u16(ud16, ue16)); E(vmull_s32(d32, e32)); E(vmull_high_u8(ua8, ub8));
    E(vmull_high_s16(a16, b16)); E(vmull_high_u32(ua32, ub32));
    E(vmlal_s8(a16, d8, e8)); E(vmlal_high_u16(ua32, ua16, ub16)); E(vmlsl_s32(a64, d32, e32)); E(vmlsl_high_u8(ua16, ua8, ub8));
    E(vmull_lane_s16(d16, e16, 3)); E(vmull_laneq_u32(ud32, ub32, 3)); E(vmull_high_lane_s32(a32, e32, 1));
    E(vmlal_lane_u16(ua32, ud16, ue16, 2)); E(vmlsl_high_laneq_s16(a32, a16, b16, 7)); E(vmlal_high_lane_s32(a64, a32, e32, 0));
    Q(vqdmull_s16(d16, e16)); Q(vqdmull_high_s32(a32, b32)); Q(vqdmlal_s16(a32, d16, e16)); Q(vqdmlsl_high_s32(a64, a32, b32));
    Q(vqdmull_lane_s16(d16, e16, 1)); Q(vqdmlal_laneq_s32(a64, d32, b32, 2)); Q(vqdmullh_s16(-32768, -32768));
    Q(vqdmulls_s32(0x7fffffff, -5)); Q(vqdmlalh_s16(0x7ffffff0, 300, 300)); Q(vqdmlsls_s32(-5, -0x80000000, 0x7fffffff));
    Q(vqdmullh_lane_s16(-32768, e16, 2)); Q(vqdmlals_laneq_s32(77, 0x40000000, b32, 1));
    E(vmovl_s8(d8)); E(vmovl_high_u16(ua16)); E(vshll_n_s16(d16, 9)); E(vshll_high_n_u8(ua8, 8)); E(vshll_n_u32(ud32, 32));
    E(vshll_n_u8(ud8, 8)); E(vshll_high_n_s16(a16, 16));
    E(vmovn_s16(a16)); E(vmovn_high_u32(ud16, ub32));
    Q(vqmovn_s16(a16)); Q(vqmovn_u32(ua32)); Q(vqmovun_s64(a64)); Q(vqmovn_high_s32(d16, b32)); Q(vqmovun_high_s16(ud8, b16));
    Q(vqmovnh_s16(-200)); Q(vqmovns_u32(70000)); Q(vqmovund_s64(-1)); Q(vqmovnd_s64(0x80000000LL)); Q(vqmovnh_u16(255));
    E(vaddhn_s16(a16, b16)); E(vraddhn_u32(ua32, ub32)); E(vsubhn_s64(a64, b64)); E(vrsubhn_high_u16(ud8, ua16, ub16));
    E(vraddhn_s16(vdupq_n_s16(0x7f80), vdupq_n_s16(0x7f80))); E(vraddhn_high_u64(ud32, ua64, ub64));
    E(vabal_s8(a16, d8, e8)); E(vabal_high_u16(ua32, ua16, ub16)); E(vabdl_s32(d32, e32)); E(vabdl_high_u8(ua8, ub8));
    E(vmull_p8(vreinterpret_p8_u8(ud8), vreinterpret_p8_u8(ue8)));
    E(vmull_high_p8(vreinterpretq_p8_u8(ua8), vreinterpretq_p8_u8(ub8)));
    E(vmul_p8(vreinterpret_p8_u8(ud8), vreinterpret_p8_u8(ue8)));
    E(vmulq_lane_s16(a16, e16, 2)); E(vmul_laneq_u32(ud32, ub32, 3)); E(vmlaq_laneq_s16(a16, b16, c16, 5)); E(vmls_lane_u32(ud32, ue32, ue32, 1));
    E(vmlaq_lane_s32(a32, b32, e32, 0)); E(vmlsq_laneq_u16(ua16, ub16, uc16, 7));
    Q(vqdmulhq_s16(a16, b16)); Q(vqrdmulhq_s32(a32, b32)); Q(vqdmulh_s32(d32, e32)); Q(vqrdmulh_s16(d16, e16));
    Q(vqdmulhq_s16(vdupq_n_s16(-32768), vdupq_n_s16(-32768))); Q(vqrdmulhq_laneq_s16(a16, b16, 3)); Q(vqdmulh_lane_s32(d32, e32, 1));
    Q(vqdmulhh_s16(-32768, -32768)); Q(vqrdmulhs_s32(0x40000000, 0x40000000)); Q(vqdmulhs_laneq_s32(0x12345678, b32, 2));
    Q(vqrdmulhh_lane_s16(1000, e16, 3));
}

static void saturating(void) {
    Q(vqaddq_s8(a8, b8)); Q(vqaddq_u8(ua8, ub8)); Q(vqsubq_s16(a16, b16)); Q(vqsubq_u32(ua32, ub32)); Q(vqaddq_s64(a64, b64));
    Q(vqsubq_u64(ua64, ub64)); Q(vqadd_s32(d32, e32)); Q(vqsub_u8(ud8, ue8));
    Q(vqaddq_s64(vdupq_n_s64(0x7fffffffffffffffLL), vdupq_n_s64(1))); Q(vqaddq_u64(ua64, vdupq_n_u64(~0ULL)));
    Q(vqaddb_s8(100, 100)); Q(vqaddh_u16(60000, 6000)); Q(vqsubs_s32(-0x7fffffff, 9)); Q(vqsubd_u64(3, 4)); Q(vqaddd_s64(-5, 3));
    Q(vuqaddq_s8(a8, ub8)); Q(vsqaddq_u16(ua16, b16)); Q(vuqadd_s32(d32, ue32)); Q(vsqaddq_u64(ua64, b64));
    Q(vuqaddb_s8(100, 200)); Q(vsqaddh_u16(5, -9)); Q(vuqaddd_s64(0x7fffffffffff0000LL, 0x10000ULL));
    Q(vqabsq_s8(a8)); Q(vqnegq_s16(b16)); Q(vqabs_s32(vdup_n_s32(-0x7fffffff - 1))); Q(vqnegq_s64(vdupq_n_s64(-0x7fffffffffffffffLL - 1)));
    Q(vqabsb_s8(-128)); Q(vqnegh_s16(-32768)); Q(vqabsd_s64(-7)); Q(vqnegs_s32(5));
    E(vhaddq_s8(a8, b8)); E(vhaddq_u16(ua16, ub16)); E(vrhaddq_u8(ua8, ub8)); E(vrhadd_s32(d32, e32)); E(vhsubq_s16(a16, b16));
    E(vhsub_u8(ud8, ue8)); E(vhaddq_u32(ua32, ub32)); E(vrhaddq_s16(a16, b16));
    E(vabdq_s8(a8, b8)); E(vabdq_u16(ua16, ub16)); E(vabd_s32(d32, e32)); E(vabaq_u8(ua8, ub8, uc8)); E(vaba_s16(d16, e16, d16));
    Q(vqshlq_s8(a8, vdupq_n_s8(3))); Q(vqshlq_u16(ua16, vld1q_s16((int16_t *) C))); Q(vqshlq_s32(a32, vdupq_n_s32(-5)));
    Q(vqshlq_s64(a64, vdupq_n_s64(40))); Q(vqshlq_u64(ua64, vdupq_n_s64(-70))); Q(vqshl_u8(ud8, e8));
    E(vrshlq_s8(a8, vld1q_s8((int8_t *) C))); E(vrshlq_u32(ua32, vdupq_n_s32(-31))); E(vrshlq_s64(a64, vdupq_n_s64(-64)));
    E(vrshlq_u64(ua64, vdupq_n_s64(-1))); E(vrshl_s16(d16, vdup_n_s16(-16)));
    Q(vqrshlq_s16(a16, vld1q_s16((int16_t *) C))); Q(vqrshlq_u8(ua8, vld1q_s8((int8_t *) C))); Q(vqrshl_s32(d32, vdup_n_s32(-3)));
    Q(vqrshlq_u64(ua64, vdupq_n_s64(2)));
    Q(vqshlb_s8(64, 1)); Q(vqshlh_u16(0x8000, 1)); Q(vqshls_s32(-1, 31)); Q(vqshld_u64(1, 63)); Q(vqrshld_s64(-0x1234567, -4));
    Q(vqrshls_u32(0xffffffff, -1)); E(vrshld_s64(-9, -2)); E(vrshld_u64(0xffffffffffffffffULL, -1)); E(vshld_s64(5, 3));
    E(vsraq_n_s8(a8, b8, 3)); E(vsraq_n_u16(ua16, ub16, 16)); E(vsra_n_s32(d32, e32, 31)); E(vsraq_n_u64(ua64, ub64, 64));
    E(vsrad_n_s64(5, -100, 3)); E(vsrad_n_u64(5, 100, 64));
    E(vrshrq_n_s8(a8, 1)); E(vrshrq_n_u16(ua16, 16)); E(vrshr_n_s32(d32, 7)); E(vrshrq_n_s64(a64, 64)); E(vrshrq_n_u64(ua64, 63));
    E(vrshrd_n_s64(-5, 1)); E(vrshrd_n_u64(0xffffffffffffffffULL, 64));
    E(vrsraq_n_u8(ua8, ub8, 8)); E(vrsraq_n_s16(a16, b16, 5)); E(vrsrad_n_s64(1, 3, 1)); E(vrsra_n_u32(ud32, ue32, 32));
    E(vsriq_n_u8(ua8, ub8, 3)); E(vsriq_n_u16(ua16, ub16, 16)); E(vsri_n_u32(ud32, ue32, 1)); E(vsriq_n_u64(ua64, ub64, 64));
    E(vslid_n_u64(0x123, 0xffff, 60)); E(vsrid_n_s64(-1, 0x5555, 4));
    E(vsliq_n_u8(ua8, ub8, 0)); E(vsliq_n_u16(ua16, ub16, 15)); E(vsli_n_u32(ud32, ue32, 9)); E(vsliq_n_u64(ua64, ub64, 33));
    Q(vqshluq_n_s8(a8, 2)); Q(vqshluq_n_s16(a16, 0)); Q(vqshlu_n_s32(d32, 20)); Q(vqshluq_n_s64(a64, 63)); Q(vqshlub_n_s8(-1, 1));
    Q(vqshlus_n_s32(0x1000, 19)); Q(vqshlud_n_s64(0x1000, 51));
    Q(vqshlq_n_s8(a8, 7)); Q(vqshlq_n_u16(ua16, 4)); Q(vqshl_n_s32(d32, 1)); Q(vqshlq_n_u64(ua64, 1)); Q(vqshlb_n_u8(200, 1));
    Q(vqshlh_n_s16(-20000, 1)); Q(vqshld_n_s64(3, 62));
    E(vshrn_n_s16(a16, 3)); E(vrshrn_n_u32(ua32, 16)); E(vrshrn_n_s64(a64, 1)); E(vrshrn_high_n_u16(ud8, ua16, 8));
    Q(vqshrn_n_s16(a16, 1)); Q(vqshrn_n_u32(ua32, 8)); Q(vqrshrn_n_s64(a64, 17)); Q(vqrshrn_high_n_u16(ud8, ua16, 2));
    Q(vqshrun_n_s16(a16, 2)); Q(vqrshrun_n_s32(a32, 1)); Q(vqshrun_high_n_s64(ud32, a64, 32)); Q(vqrshrun_n_s16(a16, 8));
    Q(vqshrnh_n_s16(-1000, 2)); Q(vqrshrns_n_u32(0x7fffffff, 15)); Q(vqshrund_n_s64(0x123456789LL, 1)); Q(vqrshrunh_n_s16(-3, 1));
    Q(vqrshrnd_n_s64(-0x7fffffffffffffffLL, 32)); Q(vqshrnd_n_u64(0xffffffffffffffffULL, 32));
    E(vpaddlq_s8(a8)); E(vpaddlq_u16(ua16)); E(vpaddl_s32(d32)); E(vpaddl_u8(ud8)); E(vpadalq_s16(a32, a16)); E(vpadalq_u32(ua64, ub32));
    E(vpadal_s8(d16, e8)); E(vpadal_u32(vld1_u64((uint64_t *) A), ue32));
    E(vrecpeq_u32(ua32)); E(vrsqrteq_u32(ub32)); E(vrecpe_u32(vdup_n_u32(0x80000000u))); E(vrsqrte_u32(vdup_n_u32(0x40000001u)));
}

static void rest(void) {
    E(vaddvq_u8(ua8)); E(vaddv_s16(d16)); E(vaddvq_s32(a32)); E(vaddvq_u64(ua64)); E(vaddlvq_s8(a8)); E(vaddlv_u16(ud16));
    E(vaddlvq_u32(ua32)); E(vmaxvq_s8(a8)); E(vmaxv_u16(ud16)); E(vminvq_s32(a32)); E(vminvq_u8(ua8)); E(vmaxvq_u32(ub32));
    E(vpaddq_u8(ua8, ub8)); E(vpadd_s32(d32, e32)); E(vpaddq_s64(a64, b64)); E(vpaddd_u64(ua64)); E(vpmaxq_s16(a16, b16));
    E(vpmin_u8(ud8, ue8)); E(vpmaxq_u32(ua32, ub32)); E(vpminq_s8(a8, b8));
    E(vabsq_s8(a8)); E(vabs_s16(d16)); E(vabsq_s64(a64)); E(vabsd_s64(-3)); E(vnegq_s32(a32)); E(vnegd_s64(9)); E(vnegq_s64(b64));
    E(vcntq_u8(ua8)); E(vclzq_u16(ua16)); E(vclz_s32(d32)); E(vclsq_s8(a8)); E(vcls_s16(e16)); E(vrbitq_u8(ua8));
    E(vrev16q_u8(ua8)); E(vrev32q_u16(ua16)); E(vrev64q_u32(ua32)); E(vrev64_u8(ud8)); E(vmvnq_u8(ua8)); E(vmvn_s16(d16));
    E(vtstq_u8(ua8, ub8)); E(vtst_s32(d32, e32)); E(vtstq_u64(ua64, ub64)); E(vtstd_u64(4, 5)); E(vtstd_s64(4, 3));
    E(vceqzq_s8(b8)); E(vcgtzq_s16(b16)); E(vclezq_s32(b32)); E(vcltzq_s64(b64)); E(vcgezd_s64(-1)); E(vceqd_u64(7, 7));
    E(vcgtd_s64(-1, 1)); E(vcltd_u64(1, 2)); E(vcgeq_u16(ua16, ub16)); E(vcleq_s8(a8, b8));
    uint8x16_t t0 = ua8, t1 = ub8, t2 = uc8, t3 = vld1q_u8(M);
    uint8x16_t idx = vld1q_u8(M + 40);
    E(vqtbl1q_u8(t0, idx)); E(vqtbl2q_u8((uint8x16x2_t) {{t0, t1}}, idx)); E(vqtbl3q_u8((uint8x16x3_t) {{t0, t1, t2}}, idx));
    E(vqtbl4q_u8((uint8x16x4_t) {{t0, t1, t2, t3}}, idx)); E(vqtbx1q_u8(ua8, t1, idx)); E(vqtbx4_u8(ud8, (uint8x16x4_t) {{t0, t1, t2, t3}}, ue8));
    E(vqtbl1_u8(t2, vand_u8(ue8, vdup_n_u8(15))));
    E(vextq_u8(ua8, ub8, 5)); E(vext_u16(ud16, ue16, 3)); E(vextq_u64(ua64, ub64, 1));
    E(vzip1q_u8(ua8, ub8)); E(vzip2q_u16(ua16, ub16)); E(vuzp1q_u32(ua32, ub32)); E(vuzp2_u8(ud8, ue8)); E(vtrn1q_u8(ua8, ub8));
    E(vtrn2q_u64(ua64, ub64)); E(vzip1_u32(ud32, ue32)); E(vtrn2_u16(ud16, ue16));
    E(vmulq_u8(ua8, ub8)); E(vmlaq_s16(a16, b16, c16)); E(vmlsq_u32(ua32, ub32, uc32));
    E(vshlq_s8(a8, vld1q_s8((int8_t *) C))); E(vshlq_u64(ua64, vdupq_n_s64(-63))); E(vshld_u64(5, -1));
    E(vshrq_n_s8(a8, 8)); E(vshrd_n_u64(0xffff, 64)); E(vshld_n_u64(1, 63)); E(vshrd_n_s64(-100, 64));
    E(vdupb_laneq_u8(ua8, 9)); E(vduph_lane_s16(d16, 3)); E(vdups_laneq_u32(ua32, 2)); E(vdupd_laneq_u64(ua64, 1));
    E(vbslq_u8(ua8, ub8, uc8)); E(vbicq_u16(ua16, ub16)); E(vornq_s32(a32, b32));
}

int main(int argc, char **argv) {
    int only = argc > 1 ? atoi(argv[1]) : 0;
    static const uint8_t edge[] = {0x00, 0x7f, 0x80, 0xff, 0x01, 0xfe, 0x81, 0x7e};
    for (int i = 0; i < 64; i++) {
        A[i] = (uint8_t) (i * 37 + 11);
        B[i] = i % 3 == 0 ? edge[i % 8] : (uint8_t) (i * 91 + 200);
        C[i] = (uint8_t) (i * i * 13 + 7);
    }
    for (int i = 0; i < 256; i++) M[i] = (uint8_t) (i * 7 + 3);
    if (!only || only == 1) structures();
    if (!only || only == 2) widening();
    if (!only || only == 3) saturating();
    if (!only || only == 4) rest();
    return 0;
}

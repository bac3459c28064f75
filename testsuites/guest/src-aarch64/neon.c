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
    return 0;
}

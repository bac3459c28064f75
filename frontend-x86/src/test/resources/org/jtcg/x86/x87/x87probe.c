/*
 * Native oracle for the x87 cross-check test: runs one x87 instruction per input line on the host
 * FPU and prints the results. Compiled at test time with gcc -masm=intel.
 *
 * Input line (hex):  op fcw a_sig a_se b_sig b_se mem
 * Output line (hex): r_sig r_se fsw r2_sig r2_se mout eflags
 * Stack before the op: ST0 = a, ST1 = b (loaded as m80, which raises nothing), flags cleared.
 * After the op: FSW is stored, then ST0 -> r and (for two-result ops) ST1 -> r2.
 */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

typedef struct __attribute__((packed)) { uint64_t sig; uint16_t se; } f80;

static f80 A, B, R, R2;
static uint16_t cw, sw;
static uint64_t mem, mout;
static uint8_t zf, pf, cf;

#define PRO "fninit\n fldcw word ptr [%[pcw]]\n fld tbyte ptr [%[pb]]\n fld tbyte ptr [%[pa]]\n fnclex\n"
#define EPI "fnstsw word ptr [%[psw]]\n fstp tbyte ptr [%[pr]]\n fstp tbyte ptr [%[pr2]]\n fninit\n"
#define ARGS : : [pcw] "r"(&cw), [pa] "r"(&A), [pb] "r"(&B), [pr] "r"(&R), [pr2] "r"(&R2), \
    [psw] "r"(&sw), [pm] "r"(&mem), [pmo] "r"(&mout), [pz] "r"(&zf), [pp] "r"(&pf), [pc] "r"(&cf) : "memory", "cc"
#define OP(n, insn) case n: __asm__ volatile(PRO insn "\n" EPI ARGS); break;

int main(void) {
    unsigned op, fcw, ase, bse;
    unsigned long long asig, bsig, m;
    while (scanf("%x %x %llx %x %llx %x %llx", &op, &fcw, &asig, &ase, &bsig, &bse, &m) == 7) {
        cw = fcw; A.sig = asig; A.se = ase; B.sig = bsig; B.se = bse; mem = m; mout = 0;
        zf = pf = cf = 0;
        memset(&R, 0, sizeof R); memset(&R2, 0, sizeof R2);
        switch (op) {
            OP(0, "fadd st(0), st(1)")
            OP(1, "fsub st(0), st(1)")
            OP(2, "fsubr st(0), st(1)")
            OP(3, "fmul st(0), st(1)")
            OP(4, "fdiv st(0), st(1)")
            OP(5, "fdivr st(0), st(1)")
            OP(6, "fsqrt")
            OP(7, "frndint")
            OP(8, "fscale")
            OP(9, "fprem")
            OP(10, "fprem1")
            OP(11, "fcom st(1)")
            OP(12, "fucom st(1)")
            OP(13, "fcomi st(0), st(1)\n setz byte ptr [%[pz]]\n setp byte ptr [%[pp]]\n setc byte ptr [%[pc]]")
            OP(14, "fucomi st(0), st(1)\n setz byte ptr [%[pz]]\n setp byte ptr [%[pp]]\n setc byte ptr [%[pc]]")
            OP(15, "fxam")
            OP(16, "ftst")
            OP(17, "fxtract")
            OP(18, "fst dword ptr [%[pmo]]")
            OP(19, "fst qword ptr [%[pmo]]")
            OP(20, "fist word ptr [%[pmo]]")
            OP(21, "fist dword ptr [%[pmo]]")
            OP(22, "fistp qword ptr [%[pmo]]")
            OP(23, "fisttp word ptr [%[pmo]]")
            OP(24, "fisttp dword ptr [%[pmo]]")
            OP(25, "fisttp qword ptr [%[pmo]]")
            OP(26, "fld dword ptr [%[pm]]")
            OP(27, "fld qword ptr [%[pm]]")
            OP(28, "fild word ptr [%[pm]]")
            OP(29, "fild dword ptr [%[pm]]")
            OP(30, "fild qword ptr [%[pm]]")
            OP(31, "fadd dword ptr [%[pm]]")
            OP(32, "fadd qword ptr [%[pm]]")
            OP(33, "fsubr dword ptr [%[pm]]")
            OP(34, "fdiv qword ptr [%[pm]]")
            OP(35, "fcom dword ptr [%[pm]]")
            OP(36, "fcom qword ptr [%[pm]]")
            OP(37, "fldpi")
            OP(38, "fldl2e")
            OP(39, "fldl2t")
            OP(40, "fldlg2")
            OP(41, "fldln2")
            OP(42, "fld1")
            OP(43, "fiadd dword ptr [%[pm]]")
            OP(44, "ficom word ptr [%[pm]]")
            OP(45, "fchs")
            OP(46, "fabs")
            OP(47, "fmul dword ptr [%[pm]]")
            OP(48, "fdivr qword ptr [%[pm]]")
            /* stack faults: 6 x "fld st(0)" fills the stack (a, b + 6 copies) */
            OP(49, "ffree st(1)\n fadd st(0), st(1)")
            OP(50, "ffree st(0)\n fsqrt")
            OP(51, "fld st(0)\n fld st(0)\n fld st(0)\n fld st(0)\n fld st(0)\n fld st(0)\n fld1")
            OP(52, "ffree st(0)\n fst dword ptr [%[pmo]]")
            OP(53, "ffree st(0)\n fistp dword ptr [%[pmo]]")
            OP(54, "ffree st(1)\n fcom st(1)")
            OP(55, "ffree st(1)\n fcomi st(0), st(1)\n setz byte ptr [%[pz]]\n setp byte ptr [%[pp]]\n setc byte ptr [%[pc]]")
            OP(56, "ffree st(0)\n fxam")
            OP(57, "ffree st(1)\n fxch st(1)")
            OP(58, "ffree st(0)\n fchs")
            OP(59, "fxch st(1)")
            OP(60, "ffree st(1)\n fprem")
            OP(61, "fld st(0)\n fld st(0)\n fld st(0)\n fld st(0)\n fld st(0)\n fld st(0)\n fxtract")
            OP(62, "fld st(0)\n fld st(0)\n fld st(0)\n fld st(0)\n fld st(0)\n fld st(0)\n fld dword ptr [%[pm]]")
            OP(63, "ffree st(0)\n fld st(0)")
            OP(64, "ffree st(0)\n fstp st(1)")
            OP(65, "faddp st(1), st(0)")
            OP(66, "fsubrp st(1), st(0)")
            OP(67, "fcompp")
            OP(68, "fucomip st(0), st(1)\n setz byte ptr [%[pz]]\n setp byte ptr [%[pp]]\n setc byte ptr [%[pc]]")
            OP(69, "fincstp")
            OP(70, "fdecstp\n fdecstp")
            OP(71, "ffree st(1)\n fscale")
            OP(72, "ffree st(0)\n fld qword ptr [%[pm]]\n fld st(2)")
            OP(73, "ffree st(1)\n clc\n fcmovb st(0), st(1)")
            OP(74, "stc\n fcmovb st(0), st(1)")
            OP(75, "ffree st(1)\n stc\n fcmovb st(0), st(1)")
            /* transcendentals: one result in ST0 (and ST1 for fsincos/fptan, which push) */
            OP(76, "fsin")
            OP(77, "fcos")
            OP(78, "fsincos")
            OP(79, "fptan")
            OP(80, "fpatan")
            OP(81, "f2xm1")
            OP(82, "fyl2x")
            OP(83, "fyl2xp1")
            OP(84, "fld st(0)\n fld st(0)\n fld st(0)\n fld st(0)\n fld st(0)\n fld st(0)\n fsincos")
            OP(85, "fld st(0)\n fld st(0)\n fld st(0)\n fld st(0)\n fld st(0)\n fld st(0)\n fptan")
            OP(86, "ffree st(0)\n fsin")
            OP(87, "ffree st(1)\n fpatan")
            default: fprintf(stderr, "bad op %u\n", op); return 2;
        }
        printf("%016llx %04x %04x %016llx %04x %016llx %x\n", (unsigned long long) R.sig, R.se, sw,
               (unsigned long long) R2.sig, R2.se, (unsigned long long) mout, (zf << 6) | (pf << 2) | cf);
    }
    return 0;
}

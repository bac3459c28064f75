/*
 * Native oracle for the x87 image test: runs a fixed instruction sequence, then prints the
 * FNSTENV, FXSAVE (first 160 bytes), FNSAVE images and an FXSAVE taken after FRSTOR, one per line
 * in hex. Compiled at test time with gcc (AT&T syntax).
 */
#include <stdio.h>
#include <string.h>
#include <stdint.h>

typedef struct __attribute__((packed)) { uint64_t sig; uint16_t se; } f80;

static void dump(const unsigned char *p, int n) {
    for (int i = 0; i < n; i++) printf("%02x", p[i]);
    printf("\n");
}

int main(void) {
    static unsigned char env[28], sv[108], fx[512] __attribute__((aligned(16))), fx2[512] __attribute__((aligned(16)));
    static f80 denorm = {0x0000000012345678ull, 0x0000}, snan = {0x8000000000000001ull, 0x7fff},
               unnormal = {0x4000000000000000ull, 0x3fff};
    static uint16_t cw = 0x0b7f;
    __asm__ volatile(
        "fninit\n fldcw %[cw]\n"
        "fld1\n fldz\n fldt %[dn]\n fldt %[sn]\n fldt %[un]\n fldpi\n"
        "fld1\n fchs\n fsqrt\n"      /* IE */
        "ffree %%st(2)\n fincstp\n"
        "fnstenv %[env]\n fldenv %[env]\n fxsave %[fx]\n fnsave %[sv]\n frstor %[sv]\n fxsave %[fx2]\n fninit\n"
        : [env] "+m"(env), [sv] "+m"(sv), [fx] "+m"(fx), [fx2] "+m"(fx2)
        : [cw] "m"(cw), [dn] "m"(denorm), [sn] "m"(snan), [un] "m"(unnormal)
        : "memory");
    dump(env, 28);
    dump(fx, 160);
    dump(sv, 108);
    dump(fx2, 160);
    return 0;
}

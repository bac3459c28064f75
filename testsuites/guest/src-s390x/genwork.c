/* s390x general instructions on pseudo-random operands: arithmetic left shifts, compare under mask,
 * high-word facility, EXECUTE of several targets, the long moves and compares (lengths across jtcg's
 * 4096-byte chunk), translate and test, compare double and swap. Prints one hash per group (results and
 * condition codes), so any difference from qemu shows up as a different line. Argument: rounds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long seed = 0x1234567887654321ULL;
static unsigned long long rnd(void) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return seed ^ (seed >> 29);
}
static unsigned long long h;
static void mix(unsigned long long v) {
    h = (h ^ v) * 0x100000001b3ULL;
}
static int cc_of(unsigned int ipm) {
    return (ipm >> 28) & 3;
}
/* random values with edge cases: small, large, signs, near limits */
static unsigned long long operand(void) {
    unsigned long long r = rnd();
    switch (r & 7) {
    case 0: return r >> 60;
    case 1: return (unsigned long long) -(long long) (r >> 61);
    case 2: return 0x7fffffffULL + (r >> 62);
    case 3: return 0x80000000ULL - (r >> 62);
    case 4: return 0x7fffffffffffffffULL - (r >> 62);
    case 5: return r >> 33;
    default: return rnd();
    }
}

static void shifts(int rounds) {
    h = 14695981039346656037ULL;
    for (int i = 0; i < rounds; i++) {
        unsigned long long v = operand(), w = operand();
        unsigned long n = rnd() & 63;
        unsigned int ipm;
        unsigned long long r = v;
        __asm__("sla %0,0(%2)\n\tipm %1" : "+d"(r), "=d"(ipm) : "a"(n) : "cc");
        mix(r); mix(cc_of(ipm));
        __asm__("slag %0,%2,0(%3)\n\tipm %1" : "=d"(r), "=d"(ipm) : "d"(v), "a"(n) : "cc");
        mix(r); mix(cc_of(ipm));
        r = w;
        __asm__("slak %0,%2,0(%3)\n\tipm %1" : "+d"(r), "=d"(ipm) : "d"(v), "a"(n) : "cc");
        mix(r); mix(cc_of(ipm));
        register unsigned long long e __asm__("r2") = v, o __asm__("r3") = w;
        __asm__("slda %0,0(%3)\n\tipm %2" : "+d"(e), "+d"(o), "=d"(ipm) : "a"(n) : "cc");
        mix(e); mix(o); mix(cc_of(ipm));
    }
    printf("shifts %016llx\n", h);
}

static void masks(int rounds) {
    h = 14695981039346656037ULL;
    unsigned char buf[8];
    for (int i = 0; i < rounds; i++) {
        unsigned long long v = operand(), m = rnd();
        memcpy(buf, &m, 8);
        if (rnd() & 1) {
            memcpy(buf, ((char *) &v) + (rnd() & 4), 4); /* equal more often */
        }
        unsigned int a, b, c, d;
        __asm__("clm %4,5,%5\n\tipm %0\n\tclmy %4,15,%5\n\tipm %1\n\tclmh %4,12,%5\n\tipm %2\n\tclm %4,8,%5\n\tipm %3"
                : "=&d"(a), "=&d"(b), "=&d"(c), "=&d"(d) : "d"(v), "Q"(*(unsigned char (*)[8]) buf) : "cc");
        mix(cc_of(a)); mix(cc_of(b)); mix(cc_of(c)); mix(cc_of(d));
        unsigned char out[4] = {0};
        __asm__("stcmh %1,10,%0" : "=QS"(*(unsigned char (*)[4]) out) : "d"(v));
        mix(out[0] | out[1] << 8);
    }
    printf("masks %016llx\n", h);
}

static void highword(int rounds) {
    h = 14695981039346656037ULL;
    for (int i = 0; i < rounds; i++) {
        unsigned long long x = operand() << (rnd() & 32), y = operand() << (rnd() & 32), r = rnd();
        unsigned int ipm;
        __asm__("ahhhr %0,%2,%3\n\tipm %1" : "+d"(r), "=d"(ipm) : "d"(x), "d"(y) : "cc"); mix(r); mix(cc_of(ipm));
        __asm__("ahhlr %0,%2,%3\n\tipm %1" : "+d"(r), "=d"(ipm) : "d"(x), "d"(y) : "cc"); mix(r); mix(cc_of(ipm));
        __asm__("alhhlr %0,%2,%3\n\tipm %1" : "+d"(r), "=d"(ipm) : "d"(x), "d"(y) : "cc"); mix(r); mix(cc_of(ipm));
        __asm__("shhlr %0,%2,%3\n\tipm %1" : "+d"(r), "=d"(ipm) : "d"(x), "d"(y) : "cc"); mix(r); mix(cc_of(ipm));
        __asm__("slhhhr %0,%2,%3\n\tipm %1" : "+d"(r), "=d"(ipm) : "d"(x), "d"(y) : "cc"); mix(r); mix(cc_of(ipm));
        __asm__("chhr %1,%2\n\tipm %0" : "=d"(ipm) : "d"(x), "d"(y) : "cc"); mix(cc_of(ipm));
        __asm__("clhlr %1,%2\n\tipm %0" : "=d"(ipm) : "d"(x), "d"(y) : "cc"); mix(cc_of(ipm));
        __asm__("cih %1,-7\n\tipm %0" : "=d"(ipm) : "d"(x) : "cc"); mix(cc_of(ipm));
        __asm__("clih %1,7\n\tipm %0" : "=d"(ipm) : "d"(x) : "cc"); mix(cc_of(ipm));
        __asm__("aih %0,-3\n\tipm %1" : "+d"(r), "=d"(ipm) : : "cc"); mix(r); mix(cc_of(ipm));
        __asm__("alsih %0,5\n\tipm %1" : "+d"(r), "=d"(ipm) : : "cc"); mix(r); mix(cc_of(ipm));
        __asm__("risbhg %0,%1,5,140,13" : "+d"(r) : "d"(x)); mix(r);
        __asm__("risblg %0,%1,30,2,41" : "+d"(r) : "d"(y)); mix(r);
        unsigned int word = (unsigned int) rnd();
        __asm__("lfh %0,%1" : "+d"(r) : "RT"(word)); mix(r);
        __asm__("stfh %1,%0" : "=RT"(word) : "d"(x)); mix(word);
    }
    printf("highword %016llx\n", h);
}

static void execute(int rounds) {
    h = 14695981039346656037ULL;
    static char src[300], dst[300];
    for (int i = 0; i < rounds; i++) {
        for (int k = 0; k < 300; k++) {
            src[k] = (char) rnd();
        }
        unsigned long len = rnd() % 256;
        /* MVC with the length from a register: what memcpy does */
        __asm__ volatile("larl %%r1,0f\n\tex %1,0(%%r1)\n\tj 1f\n0:\tmvc 0(1,%0),0(%2)\n1:"
                         : : "a"(dst), "a"(len), "a"(src) : "r1", "memory");
        for (unsigned long k = 0; k <= len; k++) {
            mix(dst[k]);
        }
        unsigned int ipm;
        __asm__ volatile("exrl %1,0f\n\tipm %0\n\tj 1f\n0:\tclc 0(1,%2),0(%3)\n1:"
                         : "=d"(ipm) : "a"(len), "a"(dst), "a"(src + 1) : "cc");
        mix(cc_of(ipm));
        /* an immediate modified by EXECUTE: MVI and CLI */
        unsigned long byte = rnd() & 0xff;
        __asm__ volatile("exrl %1,0f\n\tj 1f\n0:\tmvi 0(%0),0\n1:" : : "a"(dst), "a"(byte) : "memory");
        mix(dst[0]);
        /* register fields modified by EXECUTE: ar %r0,%r0 | 0x23 = ar %r2,%r3 */
        register unsigned long long r2 __asm__("r2") = operand(), r3 __asm__("r3") = operand();
        __asm__("lhi %%r1,0x23\n\texrl %%r1,0f\n\tipm %2\n\tj 1f\n0:\tar %%r0,%%r0\n1:"
                : "+d"(r2), "+d"(r3), "=d"(ipm) : : "r1", "cc");
        mix(r2); mix(cc_of(ipm));
    }
    printf("execute %016llx\n", h);
}

static void longops(int rounds) {
    h = 14695981039346656037ULL;
    size_t size = 20000;
    unsigned char *a = malloc(size), *b = malloc(size);
    for (int i = 0; i < rounds; i++) {
        for (size_t k = 0; k < size; k++) {
            a[k] = (unsigned char) rnd();
        }
        unsigned long l1 = rnd() % 12000, l2 = rnd() % 12000;
        unsigned long pad = rnd() & 0xff;
        register unsigned long d __asm__("r2") = (unsigned long) b, dl __asm__("r3") = l1;
        register unsigned long s __asm__("r4") = (unsigned long) a, sl __asm__("r5") = l2;
        unsigned int ipm;
        __asm__ volatile("0:\tmvcle %0,%2,0(%5)\n\tjo 0b\n\tipm %4"
                         : "+d"(d), "+d"(dl), "+d"(s), "+d"(sl), "=d"(ipm) : "a"(pad) : "cc", "memory");
        mix(d - (unsigned long) b); mix(dl); mix(s - (unsigned long) a); mix(sl); mix(cc_of(ipm));
        for (size_t k = 0; k < l1; k += 97) {
            mix(b[k]);
        }
        /* compare: equal prefix, then maybe a difference */
        if (rnd() & 1) {
            b[rnd() % (l1 + 1)] ^= 1;
        }
        d = (unsigned long) b; dl = l1; s = (unsigned long) b; sl = l1 + (rnd() & 3);
        __asm__ volatile("0:\tclcle %0,%2,0(%5)\n\tjo 0b\n\tipm %4"
                         : "+d"(d), "+d"(dl), "+d"(s), "+d"(sl), "=d"(ipm) : "a"(pad) : "cc");
        mix(d - (unsigned long) b); mix(dl); mix(sl); mix(cc_of(ipm));
        d = (unsigned long) b; dl = l1 & 0xffffff; s = (unsigned long) a; sl = (l2 & 0xffffff) | pad << 24;
        __asm__ volatile("mvcl %0,%2\n\tipm %4"
                         : "+d"(d), "+d"(dl), "+d"(s), "+d"(sl), "=d"(ipm) : : "cc", "memory");
        mix(d - (unsigned long) b); mix(dl); mix(s - (unsigned long) a); mix(sl); mix(cc_of(ipm));
        d = (unsigned long) b; dl = l1; s = (unsigned long) a; sl = l1 | pad << 24;
        __asm__ volatile("clcl %0,%2\n\tipm %4"
                         : "+d"(d), "+d"(dl), "+d"(s), "+d"(sl), "=d"(ipm) : : "cc");
        mix(d - (unsigned long) b); mix(dl); mix(s - (unsigned long) a); mix(sl); mix(cc_of(ipm));
    }
    free(a);
    free(b);
    printf("longops %016llx\n", h);
}

static void translate_and_swap(int rounds) {
    h = 14695981039346656037ULL;
    static unsigned char table[256], text[64];
    static unsigned long long quad[2] __attribute__((aligned(16)));
    for (int i = 0; i < rounds; i++) {
        for (int k = 0; k < 256; k++) {
            table[k] = (rnd() & 7) == 0 ? (unsigned char) rnd() : 0;
        }
        for (int k = 0; k < 64; k++) {
            text[k] = (unsigned char) rnd();
        }
        register unsigned long r1 __asm__("r1") = 0;
        register unsigned long r2 __asm__("r2") = 0;
        unsigned int ipm;
        __asm__("trt 0(64,%3),0(%4)\n\tipm %2" : "+d"(r1), "+d"(r2), "=d"(ipm) : "a"(text), "a"(table) : "cc");
        mix(cc_of(ipm) == 0 ? 0 : r1 - (unsigned long) text); mix(r2); mix(cc_of(ipm));
        r1 = 0; r2 = 0;
        __asm__("trtr 63(64,%3),0(%4)\n\tipm %2" : "+d"(r1), "+d"(r2), "=d"(ipm) : "a"(text), "a"(table) : "cc");
        mix(cc_of(ipm) == 0 ? 0 : r1 - (unsigned long) text); mix(r2); mix(cc_of(ipm));
        quad[0] = rnd() & 3; quad[1] = rnd() & 3;
        register unsigned long long e0 __asm__("r6") = rnd() & 3, e1 __asm__("r7") = rnd() & 3;
        register unsigned long long n0 __asm__("r8") = rnd(), n1 __asm__("r9") = rnd();
        __asm__ volatile("cdsg %0,%2,%4\n\tipm %3" : "+d"(e0), "+d"(e1), "+d"(n0), "=d"(ipm), "+QS"(quad) : "d"(n1)
                         : "cc", "memory");
        mix(e0); mix(e1); mix(quad[0]); mix(quad[1]); mix(cc_of(ipm));
    }
    printf("translate-swap %016llx\n", h);
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 200;
    shifts(rounds * 10);
    masks(rounds * 10);
    highword(rounds * 10);
    execute(rounds);
    longops(rounds / 10 + 1);
    translate_and_swap(rounds);
    return 0;
}

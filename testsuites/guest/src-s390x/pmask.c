/*
 * s390x: the PSW program mask. SET PROGRAM MASK sets the CC and the mask, INSERT PROGRAM MASK reads both;
 * the fixed-point-overflow mask bit (PSW bit 20) makes an overflowing signed add, subtract, complement,
 * absolute value or left shift take a program interrupt, which Linux delivers as SIGFPE FPE_INTOVF with
 * si_addr = the instruction (the operation is completed: the result and CC 3 are written).
 *
 *   pmask         the mask itself and overflow with the mask clear (CC 3, no signal), every form with the
 *                 mask set and a result that fits (no signal), the mask kept into and across a signal
 *                 handler: output identical to qemu-s390x
 *   pmask trap    each form with the mask set and an overflowing result: a handler reports si_code, whether
 *                 si_addr is the instruction and the completed result (qemu-s390x never raises this
 *                 interrupt; the expected output is from the Principles of Operation, in the test)
 */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#define FPO 0x08000000u

static unsigned ipm(void) {
    unsigned r = 0;
    __asm__ volatile("ipm %0" : "+d"(r));
    return r;
}

static void spm(unsigned v) {
    __asm__ volatile("spm %0" :: "d"(v) : "cc");
}

static sigjmp_buf jump;
static volatile long insn_addr;
static volatile int got_code;
static volatile long got_addr;
static volatile unsigned handler_ipm;

static void on_fpe(int sig, siginfo_t *si, void *uc) {
    (void) sig;
    (void) uc;
    got_code = si->si_code;
    got_addr = (long) si->si_addr;
    siglongjmp(jump, 1);
}

static void on_usr1(int sig) {
    (void) sig;
    handler_ipm = ipm();
    spm(0x30000000u); /* changed in the handler: rt_sigreturn restores the interrupted PSW's mask */
}

/* One instruction "op" on (x, y) between the address store and the end, CC through IPM. */
#define RR(name, op)                                                                                   \
    static long name(long x, long y, unsigned *cc) {                                                   \
        unsigned c = 0;                                                                                \
        __asm__ volatile("larl %%r1,0f\n\tstg %%r1,%[a]\n0:\t" op "\n\tipm %[c]"                    \
                         : [x] "+d"(x), [c] "+d"(c), [a] "=m"(insn_addr) : [y] "d"(y) : "r1", "cc");  \
        *cc = c >> 28 & 3;                                                                             \
        return x;                                                                                      \
    }

RR(op_ar, "ar %[x],%[y]")
RR(op_agr, "agr %[x],%[y]")
RR(op_sr, "sr %[x],%[y]")
RR(op_sgr, "sgr %[x],%[y]")
RR(op_ahi, "ahi %[x],1")
RR(op_aghi, "aghi %[x],-1")
RR(op_afi, "afi %[x],1000")
RR(op_lcr, "lcr %[x],%[x]")
RR(op_lcgr, "lcgr %[x],%[x]")
RR(op_lpr, "lpr %[x],%[x]")
RR(op_lpgr, "lpgr %[x],%[x]")
RR(op_sla, "sla %[x],1")
RR(op_slag, "slag %[x],%[x],2")
RR(op_ark, "ark %[x],%[x],%[y]")
RR(op_aih, "aih %[x],1")

static int mem_word; /* ASI and LAA operate on a word */

static long op_asi(long x, long y, unsigned *cc) {
    unsigned c = 0;
    (void) y;
    mem_word = (int) x;
    __asm__ volatile("larl %%r1,0f\n\tstg %%r1,%[a]\n0:\tasi %[m],1\n\tipm %[c]"
                     : [m] "+QS"(mem_word), [c] "+d"(c), [a] "=m"(insn_addr) :: "r1", "cc");
    *cc = c >> 28 & 3;
    return mem_word;
}

static long op_laa(long x, long y, unsigned *cc) {
    unsigned c = 0;
    long old;
    mem_word = (int) x;
    __asm__ volatile("larl %%r1,0f\n\tstg %%r1,%[a]\n0:\tlaa %[o],%[y],%[m]\n\tipm %[c]"
                     : [o] "=d"(old), [m] "+QS"(mem_word), [c] "+d"(c), [a] "=m"(insn_addr)
                     : [y] "d"(y) : "r1", "cc");
    *cc = c >> 28 & 3;
    return mem_word;
}

struct form {
    const char *name;
    long (*op)(long, long, unsigned *);
    long fits_x, fits_y; /* operands whose result fits */
    long ovf_x, ovf_y;   /* operands that overflow */
};

static const struct form FORMS[] = {
    {"ar", op_ar, 0x7ffffffeL, 1, 0x7fffffffL, 1},
    {"agr", op_agr, 0x7fffffffffffffffL, -1, 0x7fffffffffffffffL, 2},
    {"sr", op_sr, -0x7fffffffL, 1, -0x7fffffffL, 2},
    {"sgr", op_sgr, 5, 7, (long) 0x8000000000000000UL, 1},
    {"ahi", op_ahi, 5, 0, 0x7fffffffL, 0},
    {"aghi", op_aghi, 5, 0, (long) 0x8000000000000000UL, 0},
    {"afi", op_afi, 0x7fffffffL - 1000, 0, 0x7fffffffL - 999, 0},
    {"lcr", op_lcr, 0x7fffffffL, 0, 0x80000000L, 0},
    {"lcgr", op_lcgr, -5, 0, (long) 0x8000000000000000UL, 0},
    {"lpr", op_lpr, -0x7fffffffL, 0, 0x80000000L, 0},
    {"lpgr", op_lpgr, -7, 0, (long) 0x8000000000000000UL, 0},
    {"sla", op_sla, 0x3fffffffL, 0, 0x40000000L, 0},
    {"slag", op_slag, 0x1fffffffffffffffL, 0, 0x2000000000000000L, 0},
    {"ark", op_ark, 100, -200, (long) 0xffffffff80000000UL, -1},
    {"aih", op_aih, 0x7ffffffe00000000L, 0, 0x7fffffff00000000L, 0},
    {"asi", op_asi, 0x7ffffffe, 0, 0x7fffffff, 0},
    {"laa", op_laa, -5, 3, (long) 0xffffffff80000000UL, -1},
};
#define NFORMS (sizeof FORMS / sizeof FORMS[0])

static void mask_and_no_trap(void) {
    printf("initial ipm %08x\n", ipm());
    /* no library call while the fixed-point-overflow bit may be set: glibc's own signed adds can overflow */
    unsigned seen[4][16];
    for (unsigned cc = 0; cc < 4; cc++) {
        for (unsigned m = 0; m < 16; m++) {
            spm(cc << 28 | m << 24 | 0xc0ffee);
            seen[cc][m] = ipm();
        }
    }
    spm(0);
    for (unsigned cc = 0; cc < 4; cc++) {
        printf("spm cc %u, masks 0-f: ipm", cc);
        for (unsigned m = 0; m < 16; m++) {
            printf(" %02x", seen[cc][m] >> 24);
        }
        printf("\n");
    }
    spm(0);
    for (unsigned i = 0; i < NFORMS; i++) {
        const struct form *f = &FORMS[i];
        unsigned cc;
        long r = f->op(f->ovf_x, f->ovf_y, &cc);
        printf("%-5s mask 0 overflow: %016lx cc %u\n", f->name, r, cc);
        spm(FPO);
        r = f->op(f->fits_x, f->fits_y, &cc);
        unsigned pm = ipm() >> 24 & 15;
        spm(0);
        printf("%-5s mask 8 fits:     %016lx cc %u mask %x\n", f->name, r, cc, pm);
    }
    signal(SIGUSR1, on_usr1);
    /* CC 1, decimal overflow, exponent underflow, significance: not fixed-point overflow, since raise()
       runs glibc code whose signed adds may overflow (e.g. the word-at-a-time string functions) */
    spm(0x17000000u);
    raise(SIGUSR1);
    unsigned after = ipm();
    spm(0);
    printf("handler ipm mask %x, after the handler %x\n", handler_ipm >> 24 & 15, after >> 24 & 15);
}

static void traps(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fpe;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGFPE, &sa, 0);
    for (unsigned i = 0; i < NFORMS; i++) {
        const struct form *f = &FORMS[i];
        unsigned cc = 9;
        got_code = -1;
        if (sigsetjmp(jump, 1) == 0) {
            spm(FPO);
            long r = f->op(f->ovf_x, f->ovf_y, &cc);
            spm(0);
            printf("%-5s no trap: %016lx cc %u\n", f->name, r, cc);
        } else {
            spm(0);
            printf("%-5s SIGFPE si_code %d at the instruction %s\n", f->name, got_code,
                   got_addr == insn_addr ? "yes" : "no");
        }
    }
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "trap") == 0) {
        traps();
    } else {
        mask_and_no_trap();
    }
    return 0;
}

/*
 * s390x: what an enabled IEEE overflow, underflow or inexact trap delivers (PoO chapter 19, "IEEE
 * Exceptions"): the result scaled by 2^-alpha (overflow) or 2^+alpha (underflow, also an exact tiny one),
 * alpha = 192 short / 1536 long, and the DXC with 0x08 inexact and 0x04 incremented. A SIGFPE handler
 * prints si_code, the FPC (DXC in byte 2) and f0 from the signal frame, where the completed result is.
 * qemu-s390x differs (it suppresses these results, never sets 0x04, does not trap an exact underflow), so
 * the expected output is in S390xPoOExpectationsTest, worked out from the operands.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static sigjmp_buf jump;
static volatile unsigned got_fpc;
static volatile unsigned long got_f0;
static volatile int got_code;

static void on_fpe(int sig, siginfo_t *si, void *ctx) {
    ucontext_t *uc = ctx;
    (void) sig;
    got_fpc = uc->uc_mcontext.fpregs.fpc;
    memcpy((void *) &got_f0, &uc->uc_mcontext.fpregs.fprs[0], 8);
    got_code = si->si_code;
    siglongjmp(jump, 1);
}

enum { MDBR, ADBR, LEDBR, AEBR, MEEBR, MADBR };

static void run(const char *name, unsigned fpc, unsigned long a, unsigned long b, unsigned long c, int op) {
    unsigned zero = 0;
    if (sigsetjmp(jump, 1) == 0) {
        unsigned long r;
        unsigned after;
        __asm__ volatile("ldgr %%f0,%0\n\tldgr %%f2,%1\n\tldgr %%f4,%2\n\tsfpc %3" :: "d"(a), "d"(b), "d"(c), "d"(fpc)
                         : "f0", "f2", "f4");
        switch (op) {
        case MDBR: __asm__ volatile("mdbr %%f0,%%f2" ::: "f0"); break;
        case ADBR: __asm__ volatile("adbr %%f0,%%f2" ::: "f0", "cc"); break;
        case LEDBR: __asm__ volatile("ledbr %%f0,%%f2" ::: "f0"); break;
        case AEBR: __asm__ volatile("aebr %%f0,%%f2" ::: "f0", "cc"); break;
        case MEEBR: __asm__ volatile("meebr %%f0,%%f2" ::: "f0"); break;
        default: __asm__ volatile("madbr %%f0,%%f2,%%f4" ::: "f0"); break;
        }
        __asm__ volatile("lgdr %0,%%f0\n\tefpc %1\n\tsfpc %2" : "=d"(r), "=d"(after) : "d"(zero));
        printf("%-14s no trap: f0 %016lx fpc %08x\n", name, r, after);
    } else {
        __asm__ volatile("sfpc %0" :: "d"(zero));
        printf("%-14s SIGFPE si_code %d fpc %08x f0 %016lx\n", name, got_code, got_fpc, got_f0);
    }
}

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fpe;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGFPE, &sa, 0);
    run("mdbr ovf", 0x20000000, 0x7e70000000000000, 0x4630000000000000, 0, MDBR);
    run("mdbr ovf incr", 0x20000000, 0x7e70000000000001, 0x4638000000000001, 0, MDBR);
    run("mdbr ovf rz", 0x20000001, 0x7e70000000000001, 0x4638000000000001, 0, MDBR);
    run("mdbr unf", 0x10000000, 0x0170000000000000, 0x3e10000000000000, 0, MDBR);
    run("mdbr unf off", 0x00000000, 0x0170000000000000, 0x3e10000000000000, 0, MDBR);
    run("adbr inx incr", 0x08000000, 0x3ff0000000000000, 0x3ca8000000000000, 0, ADBR);
    run("adbr inx", 0x08000000, 0x3ff0000000000000, 0x3c90000000000000, 0, ADBR);
    run("ledbr ovf", 0x20000000, 0, 0x4c70000000000000, 0, LEDBR);
    run("aebr ovf", 0x20000000, 0x7f7fffff00000000, 0x7f7fffff00000000, 0, AEBR);
    run("meebr unf", 0x10000000, 0x0d80000000000000, 0x2b80000000000000, 0, MEEBR);
    /* madbr f0 = f2 * f4 + f0: 2^1000 * 2^100 + 1 = 2^1100 + 1, scaled 2^-436 + 2^-1536: inexact, not incremented */
    run("madbr ovf", 0x20000000, 0x3ff0000000000000, 0x7e70000000000000, 0x4630000000000000, MADBR);
    return 0;
}

/*
 * s390x: where a program exception leaves the PSW. Each of an IEEE trap (DDBR with the divide mask), a
 * fixed-point divide (DSGR by 0), compare and trap (data exception, si_code 0) and an operation exception
 * (the all-zero halfword) is caught by a SA_SIGINFO handler that prints si_signo, si_code and the PSW
 * address in the signal frame minus si_addr: Linux leaves the old PSW past the instruction (these
 * exceptions suppress or complete it) and reports si_addr = PSW - ILC, so the difference is the
 * instruction's length. Then a handler that returns: the program goes on after the trapping instruction.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static sigjmp_buf jump;
static volatile long psw, addr;
static volatile int sig, code, returns;

static void on_trap(int s, siginfo_t *si, void *ctx) {
    ucontext_t *uc = ctx;
    psw = uc->uc_mcontext.psw.addr;
    addr = (long) si->si_addr;
    sig = s;
    code = si->si_code;
    if (!returns) {
        siglongjmp(jump, 1);
    }
}

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_trap;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGFPE, &sa, 0);
    sigaction(SIGILL, &sa, 0);
    static const char *names[] = {"ddbr (IEEE divide trap)", "dsgr by zero", "cgite (compare and trap)", "operation exception"};
    unsigned zero = 0;
    for (int k = 0; k < 4; k++) {
        if (sigsetjmp(jump, 1) == 0) {
            if (k == 0) {
                double a = 1, b = 0;
                unsigned m = 0x40000000;
                __asm__ volatile("sfpc %1\n\tddbr %0,%2\n\tsfpc %3" : "+f"(a) : "d"(m), "f"(b), "d"(zero));
            } else if (k == 1) {
                register long even __asm__("r2") = 0;
                register long odd __asm__("r3") = 5;
                long d = 0;
                __asm__ volatile("dsgr %0,%2" : "+d"(even), "+d"(odd) : "d"(d));
            } else if (k == 2) {
                long x = 2;
                __asm__ volatile("cgite %0,2" :: "d"(x));
            } else {
                __asm__ volatile(".short 0");
            }
            printf("%s: no signal\n", names[k]);
        } else {
            __asm__ volatile("sfpc %0" :: "d"(zero));
            printf("%s: signal %d si_code %d, PSW - si_addr = %ld\n", names[k], sig, code, psw - addr);
        }
    }
    /* a handler that returns: execution goes on after the compare and trap */
    returns = 1;
    long x = 7, y = 0;
    __asm__ volatile("cgite %1,7\n\tlghi %0,1" : "=d"(y) : "d"(x));
    printf("after a returning handler: signal %d, next instruction ran: %ld\n", sig, y);
    return 0;
}

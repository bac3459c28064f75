/* The FP part of a signal frame on each architecture, read and edited through glibc's ucontext_t: the
 * handler finds the interrupted rounding mode (toward zero) in the saved FP control register (x86-64
 * mxcsr and the x87 control word in the fpstate, arm64 FPCR in the fpsimd_context record of
 * __reserved, s390x fpc in _sigregs), switches the saved one to upward, and after rt_sigreturn the
 * program computes with the new mode. Also: the ucontext's place relative to the siginfo, uc_sigmask
 * (the mask before the handler) and arm64's record chain. */
#define _GNU_SOURCE
#include <fenv.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static volatile int savedTowardZero = -1, maskUsr2 = -1, maskUsr1 = -1;
static volatile long ucMinusSi;
static char records[128];

static void handler(int sig, siginfo_t *si, void *ucv) {
    ucontext_t *uc = ucv;
    ucMinusSi = (long) ((char *) uc - (char *) si);
    maskUsr2 = sigismember(&uc->uc_sigmask, SIGUSR2);
    maskUsr1 = sigismember(&uc->uc_sigmask, SIGUSR1);
#if defined(__x86_64__)
    struct _libc_fpstate *fp = uc->uc_mcontext.fpregs;
    savedTowardZero = ((fp->mxcsr >> 13) & 3) == 3 && ((fp->cwd >> 10) & 3) == 3;
    fp->mxcsr = (fp->mxcsr & ~(3u << 13)) | (2u << 13);
    fp->cwd = (fp->cwd & ~(3u << 10)) | (2u << 10);
#elif defined(__aarch64__)
    unsigned char *p = uc->uc_mcontext.__reserved;
    int len = 0;
    for (;;) {
        uint32_t magic = *(uint32_t *) p, size = *(uint32_t *) (p + 4);
        len += snprintf(records + len, sizeof records - len, "%x/%u ", magic, size);
        if (magic == 0 || size == 0 || len > 100) break;
        if (magic == 0x46508001) {
            uint32_t *fpcr = (uint32_t *) (p + 12);
            savedTowardZero = ((*fpcr >> 22) & 3) == 3;
            *fpcr = (*fpcr & ~(3u << 22)) | (1u << 22);
        }
        p += size;
    }
#elif defined(__s390x__)
    unsigned int *fpc = &uc->uc_mcontext.fpregs.fpc;
    savedTowardZero = (*fpc & 3) == 1;
    *fpc = (*fpc & ~3u) | 2;
#endif
}

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    sigset_t m;
    sigemptyset(&m);
    sigaddset(&m, SIGUSR2);
    sigprocmask(SIG_BLOCK, &m, NULL);
    volatile double one = 1.0, three = 3.0;
    fesetround(FE_TOWARDZERO);
    volatile double before = one / three;
    raise(SIGUSR1);
    int upward = fegetround() == FE_UPWARD;
#if defined(__s390x__)
    /* qemu-s390x's rt_sigreturn loads the fpc without its rounding mode taking effect (the real kernel's
     * does): set the mode the fpc now holds again so that the oracle computes with it too */
    fesetround(fegetround());
#endif
    volatile double after = one / three;
    fesetround(FE_TONEAREST);
    printf("uc - si = %ld, uc_sigmask: usr2=%d usr1=%d\n", ucMinusSi, maskUsr2, maskUsr1);
    printf("saved rounding was toward zero: %d\n", savedTowardZero);
    printf("after sigreturn: upward=%d, 1/3 = %a (before %a)\n", upward, after, before);
#if defined(__aarch64__)
    printf("arm64 __reserved records: %s\n", records);
#endif
    return 0;
}

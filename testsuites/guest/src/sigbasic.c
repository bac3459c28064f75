/* Signals sent to itself and run by SA_SIGINFO handlers: raise/kill/tgkill/sigqueue (si_code, si_pid,
 * si_value), blocked-then-unblocked delivery (sigpending), sa_mask and SA_NODEFER inside the handler,
 * SA_RESETHAND, SIG_IGN discarding, and registers/FP values surviving a handler. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

static volatile int count;
static volatile int lastCode, lastSigno, pidOk, usr2Blocked, selfBlocked;
static volatile long lastValue;

static const char *code(int c) {
    switch (c) {
        case SI_USER: return "SI_USER";
        case SI_TKILL: return "SI_TKILL";
        case SI_QUEUE: return "SI_QUEUE";
        default: return "other";
    }
}

static void handler(int sig, siginfo_t *si, void *uc) {
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    count++;
    lastSigno = si->si_signo == sig ? sig : -1;
    lastCode = si->si_code;
    pidOk = si->si_pid == getpid();
    lastValue = si->si_code == SI_QUEUE ? (long) si->si_value.sival_int : 0;
    usr2Blocked = sigismember(&now, SIGUSR2);
    selfBlocked = sigismember(&now, sig);
    volatile double d = 1.0;
    for (int i = 0; i < 10; i++) d = d * 3.5 - 1.25;  /* FP work in the handler must not leak out */
}

static void report(const char *what) {
    printf("%s: count=%d signo=%d code=%s pid_ok=%d value=%ld usr2_blocked=%d self_blocked=%d\n", what, count,
           lastSigno, code(lastCode), pidOk, lastValue, usr2Blocked, selfBlocked);
}

static void install(int sig, int flags) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | flags;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR2);
    sigaction(sig, &sa, NULL);
}

int main(void) {
    volatile double x = 2.5;
    install(SIGUSR1, 0);
    raise(SIGUSR1);
    report("raise");
    kill(getpid(), SIGUSR1);
    report("kill");
    syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGUSR1);
    report("tgkill");
    union sigval v = {.sival_int = 1234};
    sigqueue(getpid(), SIGUSR1, v);
    report("sigqueue");

    sigset_t block, pend;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_BLOCK, &block, NULL);
    raise(SIGUSR1);
    raise(SIGUSR1);  /* a standard signal does not queue: one delivery */
    sigpending(&pend);
    printf("blocked: count=%d pending=%d\n", count, sigismember(&pend, SIGUSR1));
    sigprocmask(SIG_UNBLOCK, &block, NULL);
    report("unblocked");
    sigpending(&pend);
    printf("after unblock pending=%d\n", sigismember(&pend, SIGUSR1));

    install(SIGUSR1, SA_NODEFER);
    raise(SIGUSR1);
    report("nodefer");

    install(SIGUSR2, SA_RESETHAND);
    raise(SIGUSR2);
    report("resethand");
    struct sigaction old;
    sigaction(SIGUSR2, NULL, &old);
    printf("after resethand: default=%d\n", old.sa_handler == SIG_DFL);

    sigprocmask(SIG_BLOCK, &block, NULL);
    raise(SIGUSR1);
    signal(SIGUSR1, SIG_IGN);
    sigpending(&pend);
    printf("ignored while pending: pending=%d\n", sigismember(&pend, SIGUSR1));
    sigprocmask(SIG_UNBLOCK, &block, NULL);
    printf("count=%d x=%g\n", count, x * 2);

    /* A blocked signal with the default action ends the process when unblocked. */
    signal(SIGUSR1, SIG_DFL);
    sigprocmask(SIG_BLOCK, &block, NULL);
    raise(SIGUSR1);
    puts("still alive while blocked");
    fflush(stdout);
    sigprocmask(SIG_UNBLOCK, &block, NULL);
    puts("not reached");
    return 0;
}

/* Asynchronous signals inside guest code that makes no syscalls. An interval timer (setitimer, 2 ms)
 * interrupts a pure integer/FP compute loop many times while it runs (repeated until the timer fired
 * three times): the loop's result must not change, so every register, flag and FP value survives each
 * frame. Then one-shot timers end loops that spin on a flag only the handler sets: with an empty body,
 * with a body that stores, and with the signal blocked until the loop has counted to a bound (delivered
 * on unblock). Argument: compute iterations. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

static volatile sig_atomic_t ticks, stop;
static volatile double handlerWork;
static volatile unsigned long sink[4];

static void onTick(int sig) {
    ticks++;
    double d = ticks;
    for (int i = 0; i < 20; i++) d = d * 1.5 - 0.25;  /* FP work: the interrupted loop's FP state must survive */
    handlerWork = d;
}

static void onAlarm(int sig) {
    stop = 1;
}

static void install(void (*h)(int)) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = h;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
}

static void timer(long valueUsec, long intervalUsec) {
    struct itimerval it = {{0, intervalUsec}, {0, valueUsec}};
    setitimer(ITIMER_REAL, &it, NULL);
}

static unsigned long compute(unsigned long n) {
    unsigned long h = 1469598103934665603UL;
    double f = 1.0;
    for (unsigned long i = 0; i < n; i++) {
        h = (h ^ i) * 1099511628211UL;
        f = f * 1.0000001 + (double) (h & 0xff) * 1e-9;
        if ((h & 0xf) == 3) h += (unsigned long) f;
    }
    return h ^ (unsigned long) (f * 1000);
}

int main(int argc, char **argv) {
    unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 10) : 50000000UL;
    install(onTick);
    timer(2000, 2000);
    /* repeated until the timer has fired a few times, however fast the host runs it */
    unsigned long h = compute(n);
    int same = 1;
    while (ticks < 3) same &= compute(n) == h;
    timer(0, 0);
    printf("compute(%lu) = %016lx, every repeat while interrupted the same: %d\n", n, h, same);

    install(onAlarm);
    stop = 0;
    timer(20000, 0);
    unsigned long spins = 0;
    while (!stop) spins++;
    printf("empty spin loop ended by SIGALRM: %d\n", stop);

    stop = 0;
    timer(20000, 0);
    for (unsigned long i = 0; !stop; i++) sink[i & 3] = i;
    printf("storing spin loop ended by SIGALRM: %d\n", stop);

    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGALRM);
    sigprocmask(SIG_BLOCK, &block, NULL);
    stop = 0;
    timer(1000, 0);
    unsigned long count = 0;
    while (!stop && count < 3000000UL) count++;
    int stoppedWhileBlocked = stop;
    while (!stop) {  /* the pending SIGALRM arrives in rt_sigprocmask */
        sigprocmask(SIG_UNBLOCK, &block, NULL);
    }
    printf("blocked: not delivered in the loop: %d, delivered on unblock: %d\n", !stoppedWhileBlocked, stop);
    return 0;
}

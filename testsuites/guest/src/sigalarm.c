/* SIGALRM from alarm/setitimer: pause and sigsuspend woken by it, a sleep cut short (EINTR, the time left in rem), an
 * interval timer firing repeatedly, and a blocking read of an empty pipe interrupted: EINTR without
 * SA_RESTART, restarted with SA_RESTART (the handler writes the byte the restarted read then gets).
 * Ends killed by an alarm with the default action. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static volatile int alarms, codeKernel;
static int pipeWrite = -1;

static void onAlarm(int sig, siginfo_t *si, void *uc) {
    alarms++;
    codeKernel = si->si_code == SI_KERNEL;
    if (pipeWrite >= 0) write(pipeWrite, "x", 1);
}

static void install(int flags) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = onAlarm;
    sa.sa_flags = SA_SIGINFO | flags;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
}

static void interval(long usec) {
    struct itimerval it = {{0, usec}, {0, usec}};
    setitimer(ITIMER_REAL, &it, NULL);
}

int main(void) {
    install(0);
    printf("alarm(0) first: %u\n", alarm(0));
    alarm(1);
    printf("alarm(5) replaces: %u\n", alarm(5));
    alarm(0);
    interval(20000);
    int r = pause();
    /* the 20 ms timer also interrupts the guest's own code between syscalls, so only lower bounds are exact */
    printf("pause: r=%d errno=%s alarms>=1: %d si_kernel=%d\n", r, errno == EINTR ? "EINTR" : "?", alarms >= 1, codeKernel);
    int seen = alarms;
    struct timespec ts = {30, 0}, rem = {0, 0};
    r = nanosleep(&ts, &rem);
    printf("nanosleep: r=%d errno=%s more alarms: %d rem_sec=%ld\n", r, errno == EINTR ? "EINTR" : "?", alarms > seen,
           (long) rem.tv_sec);
    while (alarms < 6) pause();
    printf("interval timer fired: %d\n", alarms >= 6);
    struct itimerval off = {{0, 0}, {0, 0}}, old;
    setitimer(ITIMER_REAL, &off, &old);
    printf("old interval usec: %ld\n", (long) old.it_interval.tv_usec);

    sigset_t block, empty;
    sigemptyset(&block);
    sigaddset(&block, SIGALRM);
    sigprocmask(SIG_BLOCK, &block, NULL);
    interval(20000);
    sigemptyset(&empty);
    int before = alarms;
    r = sigsuspend(&empty);
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    printf("sigsuspend: r=%d errno=%s ran=%d still_blocked=%d\n", r, errno == EINTR ? "EINTR" : "?", alarms > before,
           sigismember(&now, SIGALRM));
    setitimer(ITIMER_REAL, &off, NULL);
    sigprocmask(SIG_UNBLOCK, &block, NULL);

    int fds[2];
    pipe(fds);
    pipeWrite = fds[1];
    char c = 0;
    install(0);
    alarm(1);
    ssize_t n = read(fds[0], &c, 1);
    printf("read without SA_RESTART: n=%zd errno=%s\n", n, n < 0 && errno == EINTR ? "EINTR" : "?");
    n = read(fds[0], &c, 1);
    printf("then: n=%zd c=%c\n", n, c);
    install(SA_RESTART);
    alarm(1);
    c = 0;
    n = read(fds[0], &c, 1);
    printf("read with SA_RESTART: n=%zd c=%c\n", n, c);

    signal(SIGALRM, SIG_DFL);
    fflush(stdout);
    alarm(1);
    pause();
    puts("not reached");
    return 0;
}

/* epoll and signalfd (issue 13): level- and edge-triggered, EPOLLONESHOT, EPOLLHUP/EPOLLERR/EPOLLRDHUP over
 * pipes, socketpairs, eventfd, timerfd, signalfd and nested epoll; the errnos of epoll_ctl/epoll_wait
 * (EPERM for a regular file); timeouts, EINTR (even with SA_RESTART), the temporary mask of
 * epoll_pwait/epoll_pwait2; wake-ups from another process; signalfd_siginfo fields for kill, sigqueue and
 * SIGCHLD, the mask update, several records in one read; pidfds (pidfd_open, pidfd_send_signal, polling one,
 * waitid(P_PIDFD)). Prints only what is the same on every Linux. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void bits(uint32_t e) {
    static const struct { uint32_t b; const char *n; } names[] = {
        {EPOLLIN, "IN"}, {EPOLLOUT, "OUT"}, {EPOLLERR, "ERR"}, {EPOLLHUP, "HUP"}, {EPOLLRDHUP, "RDHUP"},
        {EPOLLPRI, "PRI"}, {EPOLLRDNORM, "RDNORM"}, {EPOLLWRNORM, "WRNORM"}};
    const char *sep = "";
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (e & names[i].b) { printf("%s%s", sep, names[i].n); sep = "|"; e &= ~names[i].b; }
    }
    if (e) printf("%s0x%x", sep, e);
}

static int cmp(const void *a, const void *b) {
    uint64_t x = ((const struct epoll_event *) a)->data.u64, y = ((const struct epoll_event *) b)->data.u64;
    return x < y ? -1 : x > y;
}

/* epoll_wait, printing the events sorted by their data (the order of simultaneous events is not fixed) */
static int waitshow(const char *what, int ep, int max, int timeout) {
    struct epoll_event ev[16];
    int n = epoll_wait(ep, ev, max, timeout);
    if (n < 0) { printf("%s: -1 %s\n", what, strerror(errno)); return n; }
    qsort(ev, n, sizeof ev[0], cmp);
    printf("%s: %d", what, n);
    for (int i = 0; i < n; i++) { printf(" [%llx ", (unsigned long long) ev[i].data.u64); bits(ev[i].events); printf("]"); }
    printf("\n");
    return n;
}

static int add(int ep, int fd, uint32_t events, uint64_t data) {
    struct epoll_event e = {.events = events, .data.u64 = data};
    return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e);
}

static void result(const char *what, int r) {
    if (r < 0) printf("%s: -1 %s\n", what, strerror(errno)); else printf("%s: %d\n", what, r);
}

static volatile sig_atomic_t handled;
static void onsig(int s) { handled = s; }

static void basics(void) {
    result("epoll_create(0)", epoll_create(0));
    result("epoll_create1(bad)", epoll_create1(1));
    int ep = epoll_create1(EPOLL_CLOEXEC);
    printf("cloexec %d\n", (fcntl(ep, F_GETFD) & FD_CLOEXEC) != 0);
    int p[2];
    pipe(p);
    result("add read end", add(ep, p[0], EPOLLIN, 0x1122334455667788ULL));
    result("add write end", add(ep, p[1], EPOLLOUT, 2));
    result("add again", add(ep, p[0], EPOLLIN, 1));
    struct epoll_event e = {.events = EPOLLIN};
    int d = dup(p[0]);
    result("mod unknown", epoll_ctl(ep, EPOLL_CTL_MOD, d, &e));
    result("del unknown", epoll_ctl(ep, EPOLL_CTL_DEL, 1000, &e));
    result("add itself", add(ep, ep, EPOLLIN, 0));
    result("bad op", epoll_ctl(ep, 99, p[0], &e));
    result("epfd not epoll", add(p[0], p[1], EPOLLIN, 0));
    int reg = open("/etc/passwd", O_RDONLY), dir = open("/", O_RDONLY | O_DIRECTORY);
    result("add regular file", add(ep, reg, EPOLLIN, 0));
    result("add directory", add(ep, dir, EPOLLIN, 0));
    struct epoll_event ev[2];
    result("maxevents 0", epoll_wait(ep, ev, 0, 0));
    result("wait on a pipe", epoll_wait(p[0], ev, 1, 0));
    waitshow("empty pipe", ep, 8, 0);
    write(p[1], "ab", 2);
    waitshow("data", ep, 8, 0);
    waitshow("data again (level)", ep, 8, 0);
    /* maxevents 1: level-triggered entries take turns */
    waitshow("max 1", ep, 1, 0);
    waitshow("max 1", ep, 1, 0);
    e.events = EPOLLOUT;
    e.data.u64 = 3;
    result("mod write end", epoll_ctl(ep, EPOLL_CTL_MOD, p[1], &e));
    result("del read end", epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL));
    waitshow("after del", ep, 8, 0);
    close(p[0]);
    close(d);
    waitshow("reader closed", ep, 8, 0);
    /* a registration goes away with the description's last fd */
    close(p[1]);
    waitshow("writer closed", ep, 8, 0);
    /* timeouts */
    int q[2];
    pipe(q);
    add(ep, q[0], EPOLLIN, 4);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    waitshow("timeout 30ms", ep, 8, 30);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
    printf("waited enough %d\n", ms >= 29);
    close(q[1]);
    waitshow("writer gone", ep, 8, 0);
    close(q[0]);
    close(reg);
    close(dir);
    close(ep);
}

static void edges(void) {
    int ep = epoll_create1(0), p[2];
    char buf[8];
    pipe(p);
    add(ep, p[0], EPOLLIN | EPOLLET, 1);
    waitshow("et empty", ep, 8, 0);
    write(p[1], "a", 1);
    waitshow("et write", ep, 8, 0);
    waitshow("et again", ep, 8, 0);
    write(p[1], "b", 1);
    waitshow("et second write", ep, 8, 0);
    read(p[0], buf, 1);
    waitshow("et partial read", ep, 8, 0);
    read(p[0], buf, 1);
    close(p[1]);
    waitshow("et writer closed", ep, 8, 0);
    close(p[0]);
    pipe(p);
    add(ep, p[0], EPOLLIN | EPOLLONESHOT, 2);
    write(p[1], "a", 1);
    waitshow("oneshot", ep, 8, 0);
    waitshow("oneshot again", ep, 8, 0);
    struct epoll_event e = {.events = EPOLLIN | EPOLLONESHOT, .data.u64 = 3};
    result("oneshot rearm", epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &e));
    waitshow("oneshot rearmed", ep, 8, 0);
    close(p[0]);
    close(p[1]);
    /* nested epoll */
    int inner = epoll_create1(0);
    pipe(p);
    add(inner, p[0], EPOLLIN, 5);
    add(ep, inner, EPOLLIN, 6);
    result("loop", add(inner, ep, EPOLLIN, 7));
    waitshow("nested empty", ep, 8, 0);
    write(p[1], "x", 1);
    waitshow("nested", ep, 8, 0);
    waitshow("inner", inner, 8, 0);
    close(p[0]);
    close(p[1]);
    close(inner);
    close(ep);
}

static void kinds(void) {
    int ep = epoll_create1(0), s[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, s);
    add(ep, s[0], EPOLLIN | EPOLLOUT | EPOLLRDHUP, 1);
    waitshow("socket", ep, 8, 0);
    write(s[1], "hi", 2);
    waitshow("socket data", ep, 8, 0);
    shutdown(s[1], SHUT_WR);
    waitshow("peer shut wr", ep, 8, 0);
    close(s[1]);
    waitshow("peer closed", ep, 8, 0);
    close(s[0]);
    int efd = eventfd(0, 0);
    add(ep, efd, EPOLLIN | EPOLLOUT, 2);
    waitshow("eventfd 0", ep, 8, 0);
    uint64_t v = 3;
    write(efd, &v, 8);
    waitshow("eventfd 3", ep, 8, 0);
    read(efd, &v, 8);
    close(efd);
    int tfd = timerfd_create(CLOCK_MONOTONIC, 0);
    add(ep, tfd, EPOLLIN, 3);
    waitshow("timerfd disarmed", ep, 8, 0);
    struct itimerspec its = {.it_value = {0, 20 * 1000000}};
    timerfd_settime(tfd, 0, &its, NULL);
    waitshow("timerfd fired", ep, 8, -1);
    read(tfd, &v, 8);
    printf("expirations %llu\n", (unsigned long long) v);
    waitshow("timerfd read", ep, 8, 0);
    close(tfd);
    /* a wake-up from another process */
    int p[2];
    pipe(p);
    add(ep, p[0], EPOLLIN, 4);
    pid_t c = fork();
    if (c == 0) {
        usleep(20000);
        write(p[1], "c", 1);
        _exit(0);
    }
    waitshow("from child", ep, 8, -1);
    waitpid(c, NULL, 0);
    close(p[0]);
    close(p[1]);
    close(ep);
}

static void signals(void) {
    sigset_t m, all;
    sigemptyset(&m);
    sigaddset(&m, SIGUSR1);
    sigaddset(&m, SIGUSR2);
    sigaddset(&m, SIGCHLD);
    sigprocmask(SIG_BLOCK, &m, NULL);
    sigemptyset(&all);
    sigaddset(&all, SIGUSR1);
    int sfd = signalfd(-1, &all, SFD_NONBLOCK);
    struct signalfd_siginfo si[2];
    result("signalfd size 4", syscall(SYS_signalfd4, -1, &all, 4, 0));
    int other = epoll_create1(0);
    result("signalfd on an epoll fd", signalfd(other, &all, 0));
    close(other);
    result("read nothing", read(sfd, si, sizeof si));
    result("read short", read(sfd, si, 64));
    int ep = epoll_create1(0);
    add(ep, sfd, EPOLLIN, 9);
    waitshow("signalfd idle", ep, 8, 0);
    kill(getpid(), SIGUSR1);
    waitshow("signalfd usr1", ep, 8, 0);
    int n = read(sfd, si, sizeof si);
    printf("read %d signo %u code %d pid ok %d uid ok %d\n", n, si[0].ssi_signo, si[0].ssi_code,
           si[0].ssi_pid == (uint32_t) getpid(), si[0].ssi_uid == (uint32_t) getuid());
    union sigval sv = {.sival_int = 42};
    sigqueue(getpid(), SIGUSR1, sv);
    n = read(sfd, si, sizeof si);
    printf("read %d signo %u code %d int %d\n", n, si[0].ssi_signo, si[0].ssi_code, si[0].ssi_int);
    /* the mask changes; two records in one read, lowest signal first */
    sigaddset(&all, SIGUSR2);
    result("mask update", signalfd(sfd, &all, 0) == sfd);
    kill(getpid(), SIGUSR2);
    kill(getpid(), SIGUSR1);
    n = read(sfd, si, sizeof si);
    printf("read %d signos %u %u\n", n, si[0].ssi_signo, n > 128 ? si[1].ssi_signo : 0);
    /* a blocking read that a child's exit ends */
    sigaddset(&all, SIGCHLD);
    int bfd = signalfd(-1, &all, 0);
    pid_t c = fork();
    if (c == 0) {
        usleep(20000);
        _exit(3);
    }
    n = read(bfd, si, sizeof si[0]);
    printf("read %d signo %u code %d status %d pid ok %d\n", n, si[0].ssi_signo, si[0].ssi_code,
           si[0].ssi_status, si[0].ssi_pid == (uint32_t) c);
    waitpid(c, NULL, 0);
    close(bfd);
    /* pending while blocked, even for a signal whose default action ignores it (SIGCHLD) */
    if ((c = fork()) == 0) _exit(0);
    waitpid(c, NULL, 0);
    sigset_t pend;
    sigpending(&pend);
    printf("sigchld pending %d\n", sigismember(&pend, SIGCHLD));
    close(sfd);
    close(ep);
    sigprocmask(SIG_UNBLOCK, &m, NULL);
}

static void interrupts(void) {
    struct sigaction sa = {.sa_handler = onsig, .sa_flags = SA_RESTART};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);
    int ep = epoll_create1(0), p[2];
    pipe(p);
    add(ep, p[0], EPOLLIN, 1);
    /* periodic: should an expiry come before epoll_wait blocks (a slow start), the next one interrupts it */
    struct itimerval it = {.it_value = {0, 30000}, .it_interval = {0, 30000}};
    setitimer(ITIMER_REAL, &it, NULL);
    waitshow("interrupted (SA_RESTART)", ep, 8, -1);
    struct itimerval off = {0};
    setitimer(ITIMER_REAL, &off, NULL);
    printf("handled %d\n", handled == SIGALRM);
    /* a blocked signal runs its handler during epoll_pwait's temporary mask */
    sigset_t m, none;
    sigemptyset(&m);
    sigaddset(&m, SIGUSR2);
    sigprocmask(SIG_BLOCK, &m, NULL);
    handled = 0;
    kill(getpid(), SIGUSR2);
    struct epoll_event ev[1];
    result("epoll_wait blocked usr2", epoll_wait(ep, ev, 1, 10));
    printf("handled %d\n", handled);
    sigemptyset(&none);
    result("epoll_pwait", epoll_pwait(ep, ev, 1, -1, &none));
    printf("handled %d\n", handled == SIGUSR2);
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    printf("mask restored %d\n", sigismember(&cur, SIGUSR2));
    handled = 0;
    kill(getpid(), SIGUSR2);
    struct timespec ts = {5, 0};
    result("epoll_pwait2", syscall(SYS_epoll_pwait2, ep, ev, 1, &ts, &none, 8));
    printf("handled %d\n", handled == SIGUSR2);
    ts.tv_sec = 0;
    ts.tv_nsec = 10 * 1000000;
    result("epoll_pwait2 timeout", syscall(SYS_epoll_pwait2, ep, ev, 1, &ts, NULL, 8));
    sigprocmask(SIG_UNBLOCK, &m, NULL);
    close(p[0]);
    close(p[1]);
    close(ep);
}

#ifndef P_PIDFD
#define P_PIDFD 3
#endif

/* pidfds: readable once the process ended; waitid(P_PIDFD); pidfd_send_signal */
static void pidfds(void) {
    result("pidfd_open(-1)", syscall(SYS_pidfd_open, -1, 0));
    pid_t c = fork();
    if (c == 0) {
        usleep(20000);
        _exit(3);
    }
    int pfd = syscall(SYS_pidfd_open, c, 0);
    printf("pidfd cloexec %d\n", (fcntl(pfd, F_GETFD) & FD_CLOEXEC) != 0);
    int ep = epoll_create1(0);
    add(ep, pfd, EPOLLIN, 8);
    waitshow("pidfd idle", ep, 8, 0);
    waitshow("pidfd exited", ep, 8, -1);
    siginfo_t si;
    memset(&si, 0, sizeof si);
    result("waitid pidfd", waitid(P_PIDFD, pfd, &si, WEXITED));
    printf("code %d status %d pid ok %d\n", si.si_code, si.si_status, si.si_pid == c);
    result("signal reaped", syscall(SYS_pidfd_send_signal, pfd, SIGTERM, NULL, 0));
    close(pfd);
    result("open reaped", syscall(SYS_pidfd_open, c, 0));
    c = fork();
    if (c == 0) {
        for (;;) pause();
    }
    pfd = syscall(SYS_pidfd_open, c, 0);
    result("send", syscall(SYS_pidfd_send_signal, pfd, SIGTERM, NULL, 0));
    memset(&si, 0, sizeof si);
    waitid(P_PIDFD, pfd, &si, WEXITED);
    printf("code %d status %d\n", si.si_code, si.si_status);
    result("not a pidfd", syscall(SYS_pidfd_send_signal, ep, SIGTERM, NULL, 0));
    close(pfd);
    close(ep);
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    basics();
    edges();
    kinds();
    signals();
    interrupts();
    pidfds();
    printf("done\n");
    return 0;
}

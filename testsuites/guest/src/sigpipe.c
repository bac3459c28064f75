/* SIGPIPE: a write into a pipe without readers fails with EPIPE while SIGPIPE is ignored, runs a handler
 * (si_code SI_USER) and then fails with EPIPE when one is installed, and with the default action ends the
 * process (status 141) like a writer into `| head`: neither the kernel nor jtcg prints anything. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile int got, gotCode;

static void onPipe(int sig, siginfo_t *si, void *uc) {
    got = sig;
    gotCode = si->si_code;
}

int main(void) {
    int fds[2];
    if (pipe(fds) != 0) return 1;
    close(fds[0]);
    signal(SIGPIPE, SIG_IGN);
    ssize_t n = write(fds[1], "x", 1);
    printf("ignored: n=%zd errno=%s\n", n, n < 0 && errno == EPIPE ? "EPIPE" : "?");
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = onPipe;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGPIPE, &sa, NULL);
    n = write(fds[1], "x", 1);
    printf("handled: n=%zd errno=%s sig=%d si_user=%d\n", n, n < 0 && errno == EPIPE ? "EPIPE" : "?", got,
           gotCode == SI_USER);
    signal(SIGPIPE, SIG_DFL);
    fflush(stdout);
    write(fds[1], "x", 1);
    puts("not reached");
    return 0;
}

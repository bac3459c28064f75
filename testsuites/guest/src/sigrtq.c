/* Real-time signals queue: several SIGRTMIN+n sent with values (sigqueue) while blocked are all delivered
 * on unblock, lowest signal number first and in sending order within one number, each with its si_value
 * (sa_mask blocks the others, so each handler returns before the next delivery); a standard signal sent
 * twice is delivered once, before them. sigpending and sigtimedwait-free: only handlers. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int seen[32][2];
static volatile int nseen;

static void handler(int sig, siginfo_t *si, void *uc) {
    if (nseen < 32) {
        seen[nseen][0] = sig == SIGUSR1 ? -1 : sig - SIGRTMIN;
        seen[nseen][1] = si->si_code == SI_QUEUE ? si->si_value.sival_int : -1;
        nseen++;
    }
}

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigfillset(&sa.sa_mask);
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigaction(SIGUSR1, &sa, NULL);
    for (int n = 0; n < 3; n++) {
        sigaction(SIGRTMIN + n, &sa, NULL);
        sigaddset(&block, SIGRTMIN + n);
    }
    sigprocmask(SIG_BLOCK, &block, NULL);
    int order[][2] = {{1, 1}, {0, 10}, {1, 2}, {2, 20}, {0, 11}, {1, 3}};
    for (int i = 0; i < 6; i++) {
        union sigval v = {.sival_int = order[i][1]};
        sigqueue(getpid(), SIGRTMIN + order[i][0], v);
    }
    raise(SIGUSR1);
    raise(SIGUSR1);
    sigset_t pend;
    sigpending(&pend);
    printf("pending: usr1=%d rtmin=%d rtmin+1=%d rtmin+2=%d delivered=%d\n", sigismember(&pend, SIGUSR1),
           sigismember(&pend, SIGRTMIN), sigismember(&pend, SIGRTMIN + 1), sigismember(&pend, SIGRTMIN + 2), nseen);
    sigprocmask(SIG_UNBLOCK, &block, NULL);
    printf("delivered %d:", nseen);
    for (int i = 0; i < nseen; i++) {
        if (seen[i][0] < 0) printf(" USR1");
        else printf(" RTMIN+%d(%d)", seen[i][0], seen[i][1]);
    }
    printf("\n");
    return 0;
}

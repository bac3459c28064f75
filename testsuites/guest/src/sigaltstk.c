/* Stack overflow caught on a sigaltstack (SA_ONSTACK): the handler runs on the alternate stack, reads
 * SS_ONSTACK from sigaltstack (which refuses a change while on it: EPERM), and siglongjmps back; without
 * SA_ONSTACK delivery would need the exhausted stack. */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static sigjmp_buf env;
static char *alt;
static const size_t ALT_SIZE = 1 << 16;
static volatile int onAlt, ucOnstack, depthSeen, reportedFlags = -1, changeRefused;

static void handler(int sig, siginfo_t *si, void *ucv) {
    char here;
    ucontext_t *uc = ucv;
    onAlt = &here >= alt && &here < alt + ALT_SIZE;
    ucOnstack = uc->uc_stack.ss_flags;
    stack_t cur, other = {.ss_sp = alt, .ss_size = ALT_SIZE / 2, .ss_flags = 0};
    if (sigaltstack(NULL, &cur) == 0) reportedFlags = cur.ss_flags;
    changeRefused = sigaltstack(&other, NULL) == -1 && errno == EPERM;  /* not while running on it */
    siglongjmp(env, 1);
}

static int recurse(int n) {
    volatile char buf[512];
    buf[0] = (char) n;
    depthSeen = n;
    return recurse(n + 1) + buf[0];
}

int main(void) {
    alt = malloc(ALT_SIZE);
    stack_t ss = {.ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = 0};
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigaction(SIGSEGV, &sa, NULL);
    if (sigsetjmp(env, 1) == 0) {
        recurse(0);
        puts("not reached");
    } else {
        printf("overflow caught: on_alt_stack=%d uc_stack.ss_flags=%d deep=%d\n", onAlt, ucOnstack,
               depthSeen > 1000);
        printf("in the handler: sigaltstack reported ss_flags=%d, change refused with EPERM=%d\n", reportedFlags,
               changeRefused);
    }
    stack_t cur;
    sigaltstack(NULL, &cur);
    printf("after: ss_flags=%d size_ok=%d\n", cur.ss_flags, cur.ss_size == ALT_SIZE);
    return 0;
}

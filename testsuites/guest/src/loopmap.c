/* Memory that changes under a running loop (issue 14, the loop page slots: the JIT keeps a loop's pages
 * across its back edge and must notice every change at the next one).
 *  1. A loop reads an array and, at one iteration, mprotects (then: munmaps) the page it reads next: the
 *     SIGSEGV comes at that access, with its address and loop index.
 *  2. One thread loops reading a page while another thread mprotects it: the reader faults within a few
 *     iterations of seeing that the protection changed (jtcg's bound: one pass through the loop).
 *  3. x86-64: a loop that rewrites a function's code and calls it each iteration, with no syscall between:
 *     every call runs the code just written.
 * Usage: loopmap [reads of part 2's reader before the other thread changes the page, default 2000000: enough for
 * jtcg's JIT to have compiled the loop with its page slots by then] */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static sigjmp_buf env;
static volatile void *fault_addr;

static void on_segv(int sig, siginfo_t *si, void *uc) {
    (void) sig; (void) uc;
    fault_addr = si->si_addr;
    siglongjmp(env, 1);
}

/* Part 1: reads a[0..] (8 pages), changing page 3 at index i == 2 * 512 + 100 (page 2). */
static void change_in_loop(int unmap) {
    long page = sysconf(_SC_PAGESIZE);
    long n = 8 * page / 8;
    volatile long *a = mmap(NULL, 8 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (a == MAP_FAILED) { printf("mmap failed\n"); exit(1); }
    for (long i = 0; i < n; i++) a[i] = i;
    volatile long i = 0, sum = 0;
    long change_at = 2 * page / 8 + 100;
    char *victim = (char *) a + 3 * page;
    if (sigsetjmp(env, 1) == 0) {
        for (i = 0; i < n; i++) {
            sum += a[i];
            if (i == change_at) {
                if (unmap) munmap(victim, page); else mprotect(victim, page, PROT_NONE);
            }
        }
        printf("%s: no fault (sum %ld)\n", unmap ? "munmap" : "mprotect", sum);
    } else {
        printf("%s: fault at page 3 + %ld, index %ld (page 3 starts at %ld), sum %ld\n", unmap ? "munmap" : "mprotect",
               (long) ((char *) fault_addr - victim), (long) i, 3 * page / 8, (long) sum);
    }
    munmap((void *) a, 8 * page);
}

/* Part 2: the reader (main thread) and the thread that takes its page away. */
static volatile long *shared;
static volatile long progress, change_after;
static volatile int changed;

static void *protector(void *arg) {
    (void) arg;
    while (progress < change_after) { }
    mprotect((void *) shared, sysconf(_SC_PAGESIZE), PROT_NONE);
    changed = 1;
    return NULL;
}

static void change_from_thread(long reads_before) {
    change_after = reads_before;
    shared = mmap(NULL, sysconf(_SC_PAGESIZE), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    shared[0] = 1;
    pthread_t t;
    pthread_create(&t, NULL, protector, NULL);
    volatile long after = 0, sum = 0;
    if (sigsetjmp(env, 1) == 0) {
        /* one branch per iteration, so the loop is one block (where jtcg keeps page slots): the change and the
         * iteration bound only feed the loop condition */
        long i = 0, limit = reads_before + 100000000;
        do {
            sum += shared[0];
            progress = i;
            after += changed + (i++ > limit) * 2000;
        } while (after <= 1000);
        printf("thread mprotect: no fault (%ld reads after the change)\n", (long) after);
    } else {
        printf("thread mprotect: fault at the page %s, %s\n", fault_addr == (void *) shared ? "start" : "elsewhere",
               after <= 3 ? "within 3 reads of seeing the change" : "too late");
    }
    pthread_join(t, NULL);
}

#if defined(__x86_64__)
/* Part 3: "mov $r,%eax; ret" written at the start of an RWX page, called, rewritten, called... */
static void rewrite_and_call(int rounds) {
    unsigned char *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    long sum = 0, wrong = 0;
    for (int r = 0; r < rounds; r++) {
        volatile unsigned char *p = code;
        p[0] = 0xb8;
        for (int b = 0; b < 4; b++) p[1 + b] = (unsigned char) (r >> (8 * b));
        p[5] = 0xc3;
        int got = ((int (*)(void)) code)();
        sum += got;
        wrong += got != r;
    }
    printf("code rewritten in a loop: %d rounds, %ld wrong, sum %ld\n", rounds, wrong, sum);
}
#endif

int main(int argc, char **argv) {
    long reads_before = argc > 1 ? atol(argv[1]) : 2000000;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    change_in_loop(0);
    change_in_loop(1);
    change_from_thread(reads_before);
#if defined(__x86_64__)
    rewrite_and_call(300);
#endif
    return 0;
}

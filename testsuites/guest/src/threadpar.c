/* Guest threads running in parallel (issue 13). Every part uses plain loads and stores only (no atomic
 * instruction, no futex, no syscall while waiting): a thread spins until it sees another thread's store.
 *   pingpong: two threads hand a token back and forth N times; each waits for the other's store, so it
 *             finishes only when both run at once (or the emulator preempts a spinning thread).
 *   remap:    a thread reads a page in a loop while main replaces the page's mapping (munmap, mmap at the
 *             same address with other contents, mprotect) N times; after each change main publishes a
 *             round number and waits until the reader has seen the new contents (a stale TLB entry in the
 *             reader's thread would show the old page forever).
 *   spinexit: a thread spins forever in a loop without syscalls; main calls exit: the process must end.
 * Argument 1: the parts (default all), argument 2: N (default 20000). The output is deterministic. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static long rounds = 20000;

/* ---- pingpong ---- */
static volatile long turn;
static long sums[2];

static void *player(void *arg) {
    long me = (long)arg;
    for (long i = 0; i < rounds; i++) {
        while (turn != 2 * i + me) {
        }
        sums[me] += i;
        turn = 2 * i + me + 1;
    }
    return NULL;
}

static void pingpong(void) {
    pthread_t t[2];
    for (long k = 0; k < 2; k++) pthread_create(&t[k], NULL, player, (void *)k);
    for (int k = 0; k < 2; k++) pthread_join(t[k], NULL);
    printf("pingpong: %ld rounds, turn %ld, sums %ld %ld\n", rounds, turn, sums[0], sums[1]);
}

/* ---- remap ---- */
static volatile long *page;
static volatile long published, seen;
static volatile int stop;

static void *reader(void *arg) {
    (void)arg;
    while (!stop) {
        long want = published;
        /* the page holds the round number once main published it; an old translation shows another page */
        if (want != seen && page[0] == want) seen = want;
    }
    return NULL;
}

static void remap(void) {
    long n = rounds / 20 + 1;
    void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) { perror("mmap"); exit(2); }
    page = p;
    page[0] = 0;
    pthread_t t;
    pthread_create(&t, NULL, reader, NULL);
    for (long r = 1; r <= n; r++) {
        if (r % 2) {
            volatile long *other = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            munmap(p, 4096);
            /* the other page, touched first, takes the frame p had (a stale translation of p would show -1) */
            other[0] = -1;
            void *q = mmap(p, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
            if (q != p) { perror("mmap fixed"); exit(2); }
            page[0] = r;
            munmap((void *)other, 4096);
        } else {
            mprotect(p, 4096, PROT_READ | PROT_WRITE);
        }
        page[0] = r;
        published = r;
        while (seen != r) {
        }
    }
    stop = 1;
    pthread_join(t, NULL);
    printf("remap: %ld mapping changes seen by the reader\n", n);
}

/* ---- spinexit ---- */
static volatile long spins;

static void *spinner(void *arg) {
    (void)arg;
    for (;;) spins++;
    return NULL;
}

static void spinexit(void) {
    pthread_t t;
    pthread_create(&t, NULL, spinner, NULL);
    while (spins < 1000) {
    }
    printf("spinexit: the spinning thread ran; exit\n");
    fflush(stdout);
    exit(0);
}

int main(int argc, char **argv) {
    const char *parts = argc > 1 ? argv[1] : "all";
    if (argc > 2) rounds = atol(argv[2]);
    int all = strcmp(parts, "all") == 0;
    if (all || strstr(parts, "pingpong")) pingpong();
    if (all || strstr(parts, "remap")) remap();
    if (all || strstr(parts, "spinexit")) spinexit();
    return 0;
}

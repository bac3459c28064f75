/* Memory-model litmus and stress tests for guest threads (issue 13). Each test runs many rounds
 * with persistent threads that meet at a barrier before every round, and counts outcomes the guest
 * architecture's memory model forbids; the output only says how many rounds ran and how many
 * forbidden outcomes appeared (always 0 on a correct machine), so it is deterministic.
 *   mp      message passing: data then flag (release), flag then data (acquire)
 *   sb      store buffering with a full fence between store and load (mfence / dmb ish / bcr 14,0)
 *   sbnf    store buffering without fences: both outcomes allowed, only run (no count printed)
 *   iriw    independent reads of independent writes, all seq_cst
 *   counter 4 threads x N atomic increments (fetch_add and a compare-exchange loop): exact totals
 *   queue   a bounded lock-free MPMC ring (2 producers, 2 consumers): every item taken exactly once
 * Arguments: rounds (default 2000), then the tests to run (default all). */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long rounds = 2000;

/* ---- a reusable barrier for n threads (spins with sched_yield, so one CPU is enough) ---- */
typedef struct { atomic_int count; atomic_int gen; int n; } barrier_t;
static void barrier_wait(barrier_t *b) {
    int g = atomic_load(&b->gen);
    if (atomic_fetch_add(&b->count, 1) == b->n - 1) {
        atomic_store(&b->count, 0);
        atomic_fetch_add(&b->gen, 1);
    } else {
        while (atomic_load(&b->gen) == g) sched_yield();
    }
}

typedef void *(*body_t)(void *);
static void run_threads(int n, body_t body) {
    pthread_t t[8];
    for (long i = 0; i < n; i++) pthread_create(&t[i], NULL, body, (void *)i);
    for (int i = 0; i < n; i++) pthread_join(t[i], NULL);
}

/* ---- message passing ---- */
static barrier_t mp_bar = {0, 0, 2};
static atomic_int mp_data, mp_flag;
static long mp_bad;
static void *mp_body(void *arg) {
    long id = (long)arg;
    for (long r = 0; r < rounds; r++) {
        barrier_wait(&mp_bar);
        if (id == 0) {
            atomic_store_explicit(&mp_data, 1, memory_order_relaxed);
            atomic_store_explicit(&mp_flag, 1, memory_order_release);
        } else {
            int f, d;
            while ((f = atomic_load_explicit(&mp_flag, memory_order_acquire)) == 0) sched_yield();
            d = atomic_load_explicit(&mp_data, memory_order_relaxed);
            if (f == 1 && d == 0) mp_bad++;
        }
        barrier_wait(&mp_bar);
        if (id == 0) { atomic_store(&mp_data, 0); atomic_store(&mp_flag, 0); }
    }
    return NULL;
}

/* ---- store buffering ---- */
static barrier_t sb_bar = {0, 0, 2};
static atomic_int sb_x, sb_y;
static int sb_r[2];
static int sb_fence = 1;
static long sb_bad;
static void *sb_body(void *arg) {
    long id = (long)arg;
    atomic_int *mine = id ? &sb_y : &sb_x, *other = id ? &sb_x : &sb_y;
    for (long r = 0; r < rounds; r++) {
        barrier_wait(&sb_bar);
        atomic_store_explicit(mine, 1, memory_order_relaxed);
        if (sb_fence) atomic_thread_fence(memory_order_seq_cst);
        sb_r[id] = atomic_load_explicit(other, memory_order_relaxed);
        barrier_wait(&sb_bar);
        if (id == 0) {
            if (sb_fence && sb_r[0] == 0 && sb_r[1] == 0) sb_bad++;
            atomic_store(&sb_x, 0);
            atomic_store(&sb_y, 0);
        }
    }
    return NULL;
}

/* ---- IRIW: writers 0, 1; readers 2 (x then y), 3 (y then x) ---- */
static barrier_t iriw_bar = {0, 0, 4};
static atomic_int iw_x, iw_y;
static int iw_r[4][2];
static long iriw_bad;
static void *iriw_body(void *arg) {
    long id = (long)arg;
    for (long r = 0; r < rounds; r++) {
        barrier_wait(&iriw_bar);
        switch (id) {
            case 0: atomic_store(&iw_x, 1); break;
            case 1: atomic_store(&iw_y, 1); break;
            case 2: iw_r[2][0] = atomic_load(&iw_x); iw_r[2][1] = atomic_load(&iw_y); break;
            case 3: iw_r[3][0] = atomic_load(&iw_y); iw_r[3][1] = atomic_load(&iw_x); break;
        }
        barrier_wait(&iriw_bar);
        if (id == 0) {
            /* reader 2 saw x before y, reader 3 saw y before x: the writes were seen in two orders */
            if (iw_r[2][0] == 1 && iw_r[2][1] == 0 && iw_r[3][0] == 1 && iw_r[3][1] == 0) iriw_bad++;
            atomic_store(&iw_x, 0);
            atomic_store(&iw_y, 0);
        }
        barrier_wait(&iriw_bar);
    }
    return NULL;
}

/* ---- atomic counters ---- */
static atomic_long add_counter, cas_counter;
static atomic_int small_counter;  /* 32-bit: a different access size */
static void *counter_body(void *arg) {
    (void)arg;
    long n = rounds * 50;
    for (long i = 0; i < n; i++) {
        atomic_fetch_add(&add_counter, 1);
        atomic_fetch_add_explicit(&small_counter, 2, memory_order_relaxed);
        long old = atomic_load_explicit(&cas_counter, memory_order_relaxed);
        while (!atomic_compare_exchange_weak(&cas_counter, &old, old + 3)) { }
    }
    return NULL;
}

/* ---- bounded MPMC queue (per-slot sequence numbers) ---- */
#define QSIZE 64
static struct { atomic_long seq; long value; } slots[QSIZE];
static atomic_long enq_pos, deq_pos;
static atomic_long taken_sum, taken_count;
static long items_per_producer;

static int enqueue(long v) {
    long pos = atomic_load_explicit(&enq_pos, memory_order_relaxed);
    for (;;) {
        long seq = atomic_load_explicit(&slots[pos % QSIZE].seq, memory_order_acquire);
        long dif = seq - pos;
        if (dif == 0) {
            if (atomic_compare_exchange_weak_explicit(&enq_pos, &pos, pos + 1, memory_order_relaxed, memory_order_relaxed)) break;
        } else if (dif < 0) {
            return 0;  /* full */
        } else {
            pos = atomic_load_explicit(&enq_pos, memory_order_relaxed);
        }
    }
    slots[pos % QSIZE].value = v;
    atomic_store_explicit(&slots[pos % QSIZE].seq, pos + 1, memory_order_release);
    return 1;
}

static int dequeue(long *v) {
    long pos = atomic_load_explicit(&deq_pos, memory_order_relaxed);
    for (;;) {
        long seq = atomic_load_explicit(&slots[pos % QSIZE].seq, memory_order_acquire);
        long dif = seq - (pos + 1);
        if (dif == 0) {
            if (atomic_compare_exchange_weak_explicit(&deq_pos, &pos, pos + 1, memory_order_relaxed, memory_order_relaxed)) break;
        } else if (dif < 0) {
            return 0;  /* empty */
        } else {
            pos = atomic_load_explicit(&deq_pos, memory_order_relaxed);
        }
    }
    *v = slots[pos % QSIZE].value;
    atomic_store_explicit(&slots[pos % QSIZE].seq, pos + QSIZE, memory_order_release);
    return 1;
}

static void *queue_body(void *arg) {
    long id = (long)arg;
    if (id < 2) {
        for (long i = 1; i <= items_per_producer; i++) {
            long v = id * 1000000 + i;
            while (!enqueue(v)) sched_yield();
        }
    } else {
        long want = items_per_producer;  /* each consumer takes as many as one producer makes */
        for (long got = 0; got < want; ) {
            long v;
            if (dequeue(&v)) {
                atomic_fetch_add(&taken_sum, v);
                atomic_fetch_add(&taken_count, 1);
                got++;
            } else {
                sched_yield();
            }
        }
    }
    return NULL;
}

static int wanted(int argc, char **argv, const char *name) {
    if (argc <= 2) return 1;
    for (int i = 2; i < argc; i++) if (!strcmp(argv[i], name)) return 1;
    return 0;
}

int main(int argc, char **argv) {
    if (argc > 1) rounds = atol(argv[1]);
    if (wanted(argc, argv, "mp")) {
        run_threads(2, mp_body);
        printf("mp: %ld rounds, forbidden outcomes %ld\n", rounds, mp_bad);
    }
    if (wanted(argc, argv, "sb")) {
        sb_fence = 1;
        run_threads(2, sb_body);
        printf("sb with fences: %ld rounds, forbidden outcomes %ld\n", rounds, sb_bad);
    }
    if (wanted(argc, argv, "sbnf")) {
        sb_fence = 0;
        run_threads(2, sb_body);
        printf("sb without fences: %ld rounds (every outcome allowed)\n", rounds);
    }
    if (wanted(argc, argv, "iriw")) {
        run_threads(4, iriw_body);
        printf("iriw: %ld rounds, forbidden outcomes %ld\n", rounds, iriw_bad);
    }
    if (wanted(argc, argv, "counter")) {
        run_threads(4, counter_body);
        long n = rounds * 50 * 4;
        printf("counter: fetch_add %ld/%ld, 32-bit %d/%ld, cas loop %ld/%ld\n", atomic_load(&add_counter), n,
               atomic_load(&small_counter), 2 * n, atomic_load(&cas_counter), 3 * n);
    }
    if (wanted(argc, argv, "queue")) {
        for (long i = 0; i < QSIZE; i++) atomic_store(&slots[i].seq, i);
        items_per_producer = rounds * 10;
        run_threads(4, queue_body);
        long p = items_per_producer;
        long want = 0;
        for (long id = 0; id < 2; id++) want += id * 1000000 * p + p * (p + 1) / 2;
        printf("queue: %ld items taken (want %ld), sum %s\n", atomic_load(&taken_count), 2 * p,
               atomic_load(&taken_sum) == want ? "exact" : "WRONG");
    }
    return 0;
}

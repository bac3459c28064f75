/* Memory-model litmus and stress tests for guest threads (issue 13). Each test runs many rounds
 * with persistent threads that meet at a barrier before every round, and counts outcomes the guest
 * architecture's memory model forbids; the output only says how many rounds ran and how many
 * forbidden outcomes appeared (always 0 on a correct machine), so it is deterministic.
 *   mp      message passing: data then flag (release), flag then data (acquire)
 *   sb      store buffering with a full fence between store and load (mfence / dmb ish / bcr 14,0)
 *   sbnf    store buffering without fences: both outcomes allowed, only run (no count printed)
 *   iriw    independent reads of independent writes, all seq_cst
 *   lb      load buffering: each thread loads one location then release-stores the other; both loads
 *           seeing the other thread's store is forbidden everywhere
 *   counter 4 threads x N atomic increments (fetch_add and a compare-exchange loop): exact totals
 *   forms   4 threads through every atomic instruction family of the arch (x86: each lock-prefixed RMW,
 *           xchg, xadd, cmpxchg, cmpxchg8b/16b; arm64 and s390x: what the compiler makes of the builtins,
 *           exclusives and acquire/release or cs/csg/cdsg and interlocked-access): exact totals, and no bit
 *           of a neighbour lost to a non-atomic read-modify-write
 *   queue   a bounded lock-free MPMC ring (2 producers, 2 consumers): every item taken exactly once
 *   stack   a Treiber stack whose head is a pointer plus an ABA counter swapped with a 16-byte CAS
 *           (cmpxchg16b / ldxp-stxp / cdsg): 4 threads pop and push nodes; every node comes back once
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

/* ---- load buffering ---- */
static barrier_t lb_bar = {0, 0, 2};
static atomic_int lb_x, lb_y;
static int lb_r[2];
static long lb_bad;
static void *lb_body(void *arg) {
    long id = (long)arg;
    atomic_int *mine = id ? &lb_y : &lb_x, *other = id ? &lb_x : &lb_y;
    for (long r = 0; r < rounds; r++) {
        barrier_wait(&lb_bar);
        lb_r[id] = atomic_load_explicit(other, memory_order_relaxed);
        atomic_store_explicit(mine, 1, memory_order_release);
        barrier_wait(&lb_bar);
        if (id == 0) {
            if (lb_r[0] == 1 && lb_r[1] == 1) lb_bad++;
            atomic_store(&lb_x, 0);
            atomic_store(&lb_y, 0);
        }
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

/* ---- every atomic form: counters whose totals are exact only if each form is atomic ---- */
#define NFORMS 24
static const char *form_name[NFORMS];
static long form_want[NFORMS];
static long form_bad;                         /* own bits found changed by someone else */
static struct { long v; } __attribute__((aligned(64))) form_cell[NFORMS];
static unsigned short form_u16;
static unsigned char form_u8[8] __attribute__((aligned(8)));
static long forms_iters(void) { return rounds * 20; }

static void forms_declare(int i, const char *name, long want) { form_name[i] = name; form_want[i] = want; }

static void *forms_body(void *arg) {
    long id = (long)arg, n = forms_iters();
    long bit = 1L << (8 * id + 3);            /* this thread's bit in the shared bit words */
    for (long i = 0; i < n; i++) {
        __atomic_fetch_add(&form_cell[0].v, 1, __ATOMIC_SEQ_CST);             /* result unused */
        (void)__atomic_fetch_add(&form_cell[1].v, 2, __ATOMIC_RELAXED);
        if (__atomic_add_fetch(&form_cell[2].v, 1, __ATOMIC_ACQ_REL) == 0) form_bad++; /* result used */
        __atomic_fetch_sub(&form_cell[3].v, 1, __ATOMIC_RELEASE);
        __atomic_fetch_add(&form_u16, 1, __ATOMIC_SEQ_CST);                   /* 16-bit */
        __atomic_fetch_add(&form_u8[id], 1, __ATOMIC_SEQ_CST);                /* 8-bit, neighbours in one word */
        __atomic_fetch_or(&form_cell[4].v, bit, __ATOMIC_SEQ_CST);
        if (!(__atomic_load_n(&form_cell[4].v, __ATOMIC_RELAXED) & bit)) form_bad++;
        __atomic_fetch_and(&form_cell[4].v, ~bit, __ATOMIC_SEQ_CST);
        if (__atomic_load_n(&form_cell[4].v, __ATOMIC_RELAXED) & bit) form_bad++;
        __atomic_fetch_xor(&form_cell[5].v, bit, __ATOMIC_SEQ_CST);
        if (!(__atomic_fetch_xor(&form_cell[5].v, bit, __ATOMIC_SEQ_CST) & bit)) form_bad++;
        /* a spin lock made of exchange (acquire) and a release store, around a plain increment */
        while (__atomic_exchange_n(&form_cell[6].v, 1, __ATOMIC_ACQUIRE)) { }
        form_cell[7].v++;
        __atomic_store_n(&form_cell[6].v, 0, __ATOMIC_RELEASE);
        int o32 = __atomic_load_n((int *)&form_cell[8].v, __ATOMIC_RELAXED);
        while (!__atomic_compare_exchange_n((int *)&form_cell[8].v, &o32, o32 + 5, 1, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED)) { }
        long o64 = __atomic_load_n(&form_cell[9].v, __ATOMIC_RELAXED);
        while (!__atomic_compare_exchange_n(&form_cell[9].v, &o64, o64 + 7, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) { }
#if defined(__x86_64__)
        asm volatile("lock incq %0" : "+m"(form_cell[10].v) :: "cc", "memory");
        asm volatile("lock decl %0" : "+m"(*(int *)&form_cell[11].v) :: "cc", "memory");
        asm volatile("stc; lock adcq $2, %0" : "+m"(form_cell[12].v) :: "cc", "memory");     /* +3 */
        asm volatile("stc; lock sbbq $0, %0" : "+m"(form_cell[13].v) :: "cc", "memory");     /* -1 */
        asm volatile("lock notq %0; lock notq %0" : "+m"(form_cell[14].v) :: "cc", "memory");
        asm volatile("lock negq %0; lock negq %0" : "+m"(form_cell[15].v) :: "cc", "memory");
        {
            long b = 8 * id + 5;
            unsigned char cf1, cf2;
            asm volatile("lock btsq %2, %0; setc %1" : "+m"(form_cell[16].v), "=q"(cf1) : "r"(b) : "cc", "memory");
            asm volatile("lock btrq %2, %0; setc %1" : "+m"(form_cell[16].v), "=q"(cf2) : "r"(b) : "cc", "memory");
            if (cf1 != 0 || cf2 != 1) form_bad++;
            asm volatile("lock btcq %1, %0; lock btcq %1, %0" : "+m"(form_cell[17].v) : "r"(b) : "cc", "memory");
            asm volatile("lock btsw $3, %0; lock btrw $3, %0" : "+m"(*(short *)&form_cell[17].v) :: "cc", "memory");
        }
        {
            long add = 1;
            asm volatile("lock xaddq %0, %1" : "+r"(add), "+m"(form_cell[18].v) :: "cc", "memory");
            long two = 2;
            asm volatile("lock subq %1, %0" : "+m"(form_cell[19].v) : "r"(two) : "cc", "memory");
            asm volatile("lock addw $1, 3(%0)" :: "r"(&form_cell[20].v) : "cc", "memory"); /* unaligned in its word */
            asm volatile("lock addl $1, 6(%0)" :: "r"(&form_cell[21].v) : "cc", "memory"); /* split across words */
        }
        {   /* cmpxchg8b loop: +1 in the low half, +2 in the high half */
            unsigned lo = ((unsigned *)&form_cell[22].v)[0], hi = ((unsigned *)&form_cell[22].v)[1];
            unsigned char ok;
            do {
                unsigned nlo = lo + 1, nhi = hi + 2;
                asm volatile("lock cmpxchg8b %1; sete %0" : "=q"(ok), "+m"(form_cell[22].v), "+a"(lo), "+d"(hi)
                             : "b"(nlo), "c"(nhi) : "cc", "memory");
            } while (!ok);
        }
#endif
    }
    return NULL;
}

static void forms_run(void) {
    long n = forms_iters() * 4;
    forms_declare(0, "fetch_add", n);
    forms_declare(1, "fetch_add relaxed", 2 * n);
    forms_declare(2, "add_fetch acq_rel", n);
    forms_declare(3, "fetch_sub release", -n);
    forms_declare(4, "fetch_or/fetch_and own bits", 0);
    forms_declare(5, "fetch_xor own bits", 0);
    forms_declare(6, "exchange spin lock", 0);
    forms_declare(7, "increments under the lock", n);
    forms_declare(8, "cas loop 32-bit", 5 * n);
    forms_declare(9, "cas loop 64-bit", 7 * n);
#if defined(__x86_64__)
    forms_declare(10, "lock inc", n);
    forms_declare(11, "lock dec 32-bit", (long)(unsigned)(-(int)n));
    forms_declare(12, "lock adc", 3 * n);
    forms_declare(13, "lock sbb", -n);
    forms_declare(14, "lock not x2", 0x5a5a);
    forms_declare(15, "lock neg x2", 0x1234);
    forms_declare(16, "lock bts/btr own bits", 0);
    forms_declare(17, "lock btc x2, bts/btr word", 0);
    forms_declare(18, "lock xadd", n);
    forms_declare(19, "lock sub", -2 * n);
    forms_declare(20, "lock add 16-bit unaligned", (long)(n & 0xffff) << 24);
    forms_declare(21, "lock add split", (n & 0xffff) << 48);
    forms_declare(22, "lock cmpxchg8b", ((2 * n) << 32) | n);
    form_cell[14].v = 0x5a5a;
    form_cell[15].v = 0x1234;
#endif
    run_threads(4, forms_body);
    int bad = 0;
    for (int i = 0; i < NFORMS; i++) {
        if (!form_name[i]) continue;
        long got = form_cell[i].v;
        if (i == 21) got &= 0xffffL << 48;   /* the split access also carries into the next word */
        if (got != form_want[i]) {
            printf("forms: %s: %ld, want %ld\n", form_name[i], got, form_want[i]);
            bad++;
        }
    }
    int u8ok = 1;
    for (int t = 0; t < 4; t++) if (form_u8[t] != (unsigned char)forms_iters()) u8ok = 0;
    printf("forms: %s, 16-bit %s, 8-bit neighbours %s, own-bit violations %ld\n", bad ? "WRONG" : "all exact",
           form_u16 == (unsigned short)n ? "exact" : "WRONG", u8ok ? "exact" : "WRONG", form_bad);
}

/* ---- Treiber stack with an ABA counter beside the head pointer, swapped as 16 bytes ---- */
typedef struct snode { struct snode *next; long uses; } snode;
typedef union { struct { snode *top; unsigned long tag; } s; unsigned __int128 all; } stack_head;
static stack_head stack_top __attribute__((aligned(16)));
#define STACK_NODES 64
static snode stack_nodes[STACK_NODES];

static stack_head read_head(void) {
    stack_head h;   /* two plain loads: the 16-byte CAS that follows finds out if they were torn */
    h.s.tag = __atomic_load_n(&stack_top.s.tag, __ATOMIC_ACQUIRE);
    h.s.top = __atomic_load_n(&stack_top.s.top, __ATOMIC_ACQUIRE);
    return h;
}

static void push(snode *n) {
    stack_head old, new;
    do {
        old = read_head();
        n->next = old.s.top;
        new.s.top = n;
        new.s.tag = old.s.tag + 1;
    } while (!__sync_bool_compare_and_swap(&stack_top.all, old.all, new.all));
}

static snode *pop(void) {
    stack_head old, new;
    do {
        old = read_head();
        if (!old.s.top) return NULL;
        new.s.top = __atomic_load_n(&old.s.top->next, __ATOMIC_RELAXED);
        new.s.tag = old.s.tag + 1;
    } while (!__sync_bool_compare_and_swap(&stack_top.all, old.all, new.all));
    return old.s.top;
}

static void *stack_body(void *arg) {
    (void)arg;
    long n = rounds * 20;
    for (long i = 0; i < n; i++) {
        snode *a = pop(), *b = pop();
        if (a) { a->uses++; push(a); }   /* a popped node belongs to this thread until pushed again */
        if (b) { b->uses++; push(b); }
        if (!a || !b) sched_yield();
    }
    return NULL;
}

static void stack_run(void) {
    for (int i = 0; i < STACK_NODES; i++) push(&stack_nodes[i]);
    run_threads(4, stack_body);
    long count = 0, uses = 0;
    for (snode *n; (n = pop()) != NULL; ) {
        count++;
        uses += n->uses;
        if (count > STACK_NODES) break;
    }
    /* 64 nodes and 4 threads holding at most 2 each: no pop finds the stack empty, so the uses are exact */
    long want = 4 * 2 * rounds * 20;
    printf("stack: %ld of %d nodes back, uses %s, ABA tag %s\n", count, STACK_NODES, uses == want ? "exact" : "WRONG",
           stack_top.s.tag == (unsigned long)(2 * STACK_NODES + 2 * want) ? "exact" : "WRONG");
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
    if (wanted(argc, argv, "lb")) {
        run_threads(2, lb_body);
        printf("lb: %ld rounds, forbidden outcomes %ld\n", rounds, lb_bad);
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
    if (wanted(argc, argv, "forms")) forms_run();
    if (wanted(argc, argv, "stack")) stack_run();
    return 0;
}

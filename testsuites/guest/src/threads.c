/* Guest threads (issue 13): pthread_create/join, mutex, condition variable, C11 atomics, __thread TLS,
 * a thread pool whose workers take jobs from a queue and are joined, pthread_exit from main's peer and
 * a detached thread. The output is deterministic. Argument: work per thread (default 20000). */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/syscall.h>

#define NT 4
static __thread long tls_counter = 7;
static __thread int tls_id;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static long shared_sum;       /* under lock */
static atomic_long atomic_sum;
static int arrived;           /* under lock: a barrier built from the condvar */
static long work = 20000;
static long tids[NT];

static void *worker(void *arg) {
    int id = (int)(long)arg;
    tls_id = id;
    tls_counter += id;  /* each thread has its own copy starting at 7 */
    tids[id] = syscall(SYS_gettid);
    for (long i = 0; i < work; i++) {
        atomic_fetch_add(&atomic_sum, i % 7);
        if (i % 64 == 0) {
            pthread_mutex_lock(&lock);
            shared_sum += id + 1;
            pthread_mutex_unlock(&lock);
        }
        tls_counter++;
    }
    pthread_mutex_lock(&lock);
    arrived++;
    if (arrived == NT) pthread_cond_broadcast(&cond);
    while (arrived < NT) pthread_cond_wait(&cond, &lock);
    pthread_mutex_unlock(&lock);
    return (void *)(tls_counter * 10 + tls_id);
}

/* ---- a thread pool: 3 workers, 40 jobs in a queue guarded by a mutex and two condvars ---- */
#define JOBS 40
static int queue[JOBS], qhead, qtail, done_jobs, shutting;
static long results[JOBS];
static pthread_mutex_t qlock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t qnonempty = PTHREAD_COND_INITIALIZER, qdone = PTHREAD_COND_INITIALIZER;

static long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static void *pool_worker(void *arg) {
    (void)arg;
    for (;;) {
        pthread_mutex_lock(&qlock);
        while (qhead == qtail && !shutting) pthread_cond_wait(&qnonempty, &qlock);
        if (qhead == qtail && shutting) { pthread_mutex_unlock(&qlock); return NULL; }
        int job = queue[qhead++];
        pthread_mutex_unlock(&qlock);
        long r = fib(10 + job % 12);
        pthread_mutex_lock(&qlock);
        results[job] = r;
        if (++done_jobs == JOBS) pthread_cond_signal(&qdone);
        pthread_mutex_unlock(&qlock);
    }
}

static atomic_int detached_ran;
static void *detached(void *arg) { (void)arg; atomic_store(&detached_ran, 1); return NULL; }

int main(int argc, char **argv) {
    if (argc > 1) work = atol(argv[1]);
    pthread_t t[NT];
    for (long i = 0; i < NT; i++)
        if (pthread_create(&t[i], NULL, worker, (void *)i) != 0) { perror("pthread_create"); return 1; }
    long expect_tls = 7 + work;
    for (int i = 0; i < NT; i++) {
        void *ret;
        pthread_join(t[i], &ret);
        printf("thread %d returned %ld (want %ld)\n", i, (long)ret, (expect_tls + i) * 10 + i);
    }
    long want_atomic = 0;
    for (long i = 0; i < work; i++) want_atomic += i % 7;
    printf("atomic sum %ld (want %ld)\n", atomic_load(&atomic_sum), want_atomic * NT);
    long want_shared = 0;
    for (int id = 0; id < NT; id++) want_shared += ((work + 63) / 64) * (id + 1);
    printf("mutex sum %ld (want %ld)\n", shared_sum, want_shared);
    printf("main tls %ld\n", tls_counter);
    int distinct = 1;
    for (int i = 0; i < NT; i++) {
        if (tids[i] == getpid()) distinct = 0;
        for (int j = 0; j < i; j++) if (tids[i] == tids[j]) distinct = 0;
    }
    printf("thread ids distinct from each other and the pid: %s\n", distinct ? "yes" : "no");

    pthread_t pool[3];
    for (int i = 0; i < 3; i++) pthread_create(&pool[i], NULL, pool_worker, NULL);
    for (int j = 0; j < JOBS; j++) {
        pthread_mutex_lock(&qlock);
        queue[qtail++] = j;
        pthread_cond_signal(&qnonempty);
        pthread_mutex_unlock(&qlock);
    }
    pthread_mutex_lock(&qlock);
    while (done_jobs < JOBS) pthread_cond_wait(&qdone, &qlock);
    shutting = 1;
    pthread_cond_broadcast(&qnonempty);
    pthread_mutex_unlock(&qlock);
    for (int i = 0; i < 3; i++) pthread_join(pool[i], NULL);
    long total = 0;
    for (int j = 0; j < JOBS; j++) total += results[j];
    printf("pool: %d jobs, total %ld\n", done_jobs, total);

    pthread_t d;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_create(&d, &attr, detached, NULL);
    while (!atomic_load(&detached_ran)) sched_yield();
    printf("detached thread ran\n");
    return 0;
}

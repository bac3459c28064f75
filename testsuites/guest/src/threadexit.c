/* How guest threads end and take signals (issue 13). Modes:
 *   group     a thread calls exit(3) (exit_group) while main waits in pthread_join: the process ends with 3
 *   mainexit  main calls pthread_exit; the other thread finishes, prints, and the process exits 0
 *   tgkill    pthread_kill(SIGUSR1) reaches the chosen thread's handler, not main's
 *   process   kill(getpid(), SIGUSR2) with SIGUSR2 blocked in main: a thread that does not block it takes it
 *   wakeup    a thread blocked in a condvar wait is woken by a handled signal sent to it and goes on waiting
 *   pipe      a thread writes 200 KiB into a pipe that main reads (both block in turn)
 *   exec      a thread execs this program ("execd") while main waits in pthread_join: the new program runs alone */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

static atomic_long handled_by;
static atomic_int go, done;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t c = PTHREAD_COND_INITIALIZER;

static void handler(int sig) { (void)sig; atomic_store(&handled_by, syscall(SYS_gettid)); }

static void *exiter(void *arg) {
    (void)arg;
    while (!atomic_load(&go)) sched_yield();
    exit(3);
}

static void *late(void *arg) {
    (void)arg;
    while (!atomic_load(&go)) sched_yield();
    printf("the other thread outlived main's pthread_exit\n");
    fflush(stdout);
    return NULL;
}

static void *target(void *arg) {
    long *tid = arg;
    *tid = syscall(SYS_gettid);
    atomic_store(&go, 1);
    while (!atomic_load(&handled_by)) sched_yield();
    return NULL;
}

static void *sleeper(void *arg) {
    long *tid = arg;
    *tid = syscall(SYS_gettid);
    pthread_mutex_lock(&m);
    atomic_store(&go, 1);
    while (!atomic_load(&done)) pthread_cond_wait(&c, &m);
    pthread_mutex_unlock(&m);
    return NULL;
}

static void *pipe_writer(void *arg) {
    int *fds = arg;
    char buf[1000];
    for (int i = 0; i < 200; i++) {
        for (int j = 0; j < 1000; j++) buf[j] = (char)(i + j);
        write(fds[1], buf, sizeof buf);
    }
    close(fds[1]);
    return NULL;
}

static const char *self_path;
static void *execer(void *arg) {
    (void)arg;
    execl(self_path, self_path, "execd", (char *)NULL);
    perror("execl");
    return NULL;
}

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "group";
    pthread_t t;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);
    if (!strcmp(mode, "group")) {
        pthread_create(&t, NULL, exiter, NULL);
        atomic_store(&go, 1);
        pthread_join(t, NULL);
        printf("not reached\n");
        return 1;
    }
    if (!strcmp(mode, "mainexit")) {
        pthread_create(&t, NULL, late, NULL);
        printf("main leaves with pthread_exit\n");
        fflush(stdout);
        atomic_store(&go, 1);
        pthread_exit(NULL);
    }
    if (!strcmp(mode, "tgkill") || !strcmp(mode, "process")) {
        long tid = 0;
        pthread_create(&t, NULL, target, &tid);
        while (!atomic_load(&go)) sched_yield();
        if (!strcmp(mode, "tgkill")) {
            pthread_kill(t, SIGUSR1);
        } else {
            sigset_t set;   /* main blocks SIGUSR1 after the thread started: only the thread can take it */
            sigemptyset(&set);
            sigaddset(&set, SIGUSR1);
            pthread_sigmask(SIG_BLOCK, &set, NULL);
            kill(getpid(), SIGUSR1);
        }
        pthread_join(t, NULL);
        printf("%s: handled by %s\n", mode, atomic_load(&handled_by) == tid ? "the thread" :
               atomic_load(&handled_by) == getpid() ? "main" : "nobody");
        return 0;
    }
    if (!strcmp(mode, "wakeup")) {
        long tid = 0;
        pthread_create(&t, NULL, sleeper, &tid);
        while (!atomic_load(&go)) sched_yield();
        pthread_mutex_lock(&m);   /* the sleeper is inside pthread_cond_wait once it released m */
        pthread_mutex_unlock(&m);
        pthread_kill(t, SIGUSR1);
        while (!atomic_load(&handled_by)) sched_yield();
        pthread_mutex_lock(&m);
        atomic_store(&done, 1);
        pthread_cond_signal(&c);
        pthread_mutex_unlock(&m);
        pthread_join(t, NULL);
        printf("wakeup: handler ran in %s, the wait went on until signalled\n",
               atomic_load(&handled_by) == tid ? "the sleeper" : "another thread");
        return 0;
    }
    if (!strcmp(mode, "pipe")) {
        static int fds[2];
        pipe(fds);
        pthread_create(&t, NULL, pipe_writer, fds);
        long total = 0, sum = 0;
        char buf[4096];
        for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0; total += n)
            for (ssize_t i = 0; i < n; i++) sum += (unsigned char)buf[i];
        pthread_join(t, NULL);
        printf("pipe: %ld bytes, sum %ld\n", total, sum);
        return 0;
    }
    if (!strcmp(mode, "exec")) {
        self_path = argv[0];
        pthread_create(&t, NULL, execer, NULL);
        pthread_join(t, NULL);
        printf("not reached: exec replaced the program\n");
        return 1;
    }
    if (!strcmp(mode, "execd")) {
        printf("execd: running alone after exec from a thread (tid == pid: %s)\n",
               syscall(SYS_gettid) == getpid() ? "yes" : "no");
        return 4;
    }
    fprintf(stderr, "unknown mode %s\n", mode);
    return 2;
}

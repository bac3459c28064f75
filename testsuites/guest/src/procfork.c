/* fork, pipes and wait between guest processes (issue 13): exit statuses, signal statuses, pipe EOF
 * once every writer closed, WNOHANG, ECHILD, process groups, SIGPIPE/EPIPE, a pipe bigger than the
 * pipe capacity, and kill between processes. Prints nothing that differs between runs (no pids). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static void show(const char *what, int st) {
    if (WIFEXITED(st)) printf("%s: exited %d\n", what, WEXITSTATUS(st));
    else if (WIFSIGNALED(st)) printf("%s: killed by signal %d\n", what, WTERMSIG(st));
    else printf("%s: status 0x%x\n", what, st);
}

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Three children write a line each into one pipe; the parent reads to EOF (all write ends closed). */
static void pipe_eof(void) {
    int fd[2];
    if (pipe(fd) != 0) { perror("pipe"); exit(1); }
    for (int i = 0; i < 3; i++) {
        pid_t p = fork();
        if (p == 0) {
            close(fd[0]);
            char line[32];
            int n = snprintf(line, sizeof line, "child %d says hi\n", i);
            write(fd[1], line, n);
            _exit(10 + i);
        }
    }
    close(fd[1]);
    char buf[256];
    size_t got = 0;
    ssize_t n;
    while ((n = read(fd[0], buf + got, sizeof buf - 1 - got)) > 0) got += n;
    buf[got] = 0;
    char *lines[8];
    int k = 0;
    for (char *s = strtok(buf, "\n"); s && k < 8; s = strtok(NULL, "\n")) lines[k++] = s;
    qsort(lines, k, sizeof lines[0], cmp);
    for (int i = 0; i < k; i++) printf("read: %s\n", lines[i]);
    printf("read returned %zd at EOF\n", n);
    int sum = 0;
    for (int i = 0; i < 3; i++) {
        int st;
        pid_t w = wait(&st);
        if (w < 0) { perror("wait"); exit(1); }
        sum += WEXITSTATUS(st);
    }
    printf("exit codes sum %d\n", sum);
    errno = 0;
    int r = (int) wait(NULL);
    int e = errno;
    printf("wait with no children: %d %s\n", r, strerror(e));
}

static void statuses(void) {
    pid_t p = fork();
    if (p == 0) _exit(42);
    int st;
    waitpid(p, &st, 0);
    show("_exit(42)", st);

    p = fork();
    if (p == 0) { raise(SIGTERM); _exit(1); }
    waitpid(p, &st, 0);
    show("raise(SIGTERM)", st);

    p = fork();
    if (p == 0) { *(volatile int *) 16 = 1; _exit(1); }
    waitpid(p, &st, 0);
    show("null store", st);

    /* a child blocked in pause() killed by its parent */
    int sync[2];
    pipe(sync);
    p = fork();
    if (p == 0) { close(sync[0]); write(sync[1], "x", 1); for (;;) pause(); }
    close(sync[1]);
    char c;
    read(sync[0], &c, 1);
    close(sync[0]);
    printf("WNOHANG while running: %d\n", (int) waitpid(p, &st, WNOHANG));
    kill(p, SIGUSR1);
    waitpid(p, &st, 0);
    show("kill(SIGUSR1) in pause", st);
}

/* The child's writes see EPIPE once the reader is gone; SIGPIPE kills a child that does not ignore it. */
static void broken_pipe(void) {
    int fd[2];
    pipe(fd);
    close(fd[0]);
    pid_t p = fork();
    if (p == 0) { write(fd[1], "x", 1); _exit(3); }
    close(fd[1]);
    int st;
    waitpid(p, &st, 0);
    show("write to a pipe without readers", st);
    pipe(fd);
    close(fd[0]);
    signal(SIGPIPE, SIG_IGN);
    errno = 0;
    ssize_t w = write(fd[1], "x", 1);
    int e = errno;
    printf("ignored SIGPIPE: write %zd, %s\n", w, strerror(e));
    signal(SIGPIPE, SIG_DFL);
    close(fd[1]);
}

/* 1 MiB through a pipe: the writer blocks while the 64 KiB pipe is full. */
static void big_pipe(void) {
    int fd[2];
    pipe(fd);
    pid_t p = fork();
    if (p == 0) {
        close(fd[0]);
        static char block[8192];
        for (int i = 0; i < 128; i++) {
            memset(block, 'a' + i % 26, sizeof block);
            for (size_t off = 0; off < sizeof block;) {
                ssize_t n = write(fd[1], block + off, sizeof block - off);
                if (n <= 0) _exit(1);
                off += n;
            }
        }
        _exit(0);
    }
    close(fd[1]);
    static char buf[4096];
    long total = 0, sum = 0;
    ssize_t n;
    while ((n = read(fd[0], buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < n; i++) sum += buf[i];
        total += n;
    }
    close(fd[0]);
    int st;
    waitpid(p, &st, 0);
    printf("big pipe: %ld bytes, checksum %ld\n", total, sum);
    show("big pipe writer", st);
}

/* Process groups: a child in its own group, waited for by -pgid; kill(0) stays within the group. */
static void groups(void) {
    int sync[2];
    pipe(sync);
    pid_t p = fork();
    if (p == 0) {
        setpgid(0, 0);
        close(sync[0]);
        printf("child in own group: %d\n", getpgrp() == getpid());
        fflush(stdout);
        write(sync[1], "x", 1);
        _exit(7);
    }
    close(sync[1]);
    char c;
    read(sync[0], &c, 1);
    close(sync[0]);
    setpgid(p, p); /* may race with the child's own call: either way it is p */
    int st;
    pid_t w = waitpid(-p, &st, 0);
    printf("waitpid(-pgid) found the child: %d\n", w == p);
    show("group child", st);
    printf("parent group unchanged: %d\n", getpgrp() != p);
    printf("getppid in parent is not the child: %d\n", getppid() != p);
}

/* The child's getppid is the parent's pid; after fork the child sees the parent's memory as it was. */
static int shared_before = 5;
static void memory_copy(void) {
    int fd[2];
    pipe(fd);
    pid_t parent = getpid();
    pid_t p = fork();
    if (p == 0) {
        shared_before = 99; /* the parent must not see this */
        char ok = getppid() == parent ? 'y' : 'n';
        write(fd[1], &ok, 1);
        _exit(0);
    }
    char ok;
    read(fd[0], &ok, 1);
    waitpid(p, NULL, 0);
    printf("child saw ppid == parent pid: %c; parent's variable still %d\n", ok, shared_before);
    close(fd[0]);
    close(fd[1]);
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    pipe_eof();
    statuses();
    broken_pipe();
    big_pipe();
    groups();
    memory_copy();
    printf("done\n");
    return 0;
}

/* What a process learns about its CPU and its children's CPU time (issue 13): /proc/cpuinfo agrees with the
 * CPU the program runs on (x86: every listed flag iff its CPUID bit; arm64/s390x: the feature names iff their
 * AT_HWCAP bit) and with the CPU count of sched_getaffinity, sysconf and /sys/devices/system/cpu/online;
 * getrusage(RUSAGE_CHILDREN), wait4's rusage and times() count a reaped child's CPU time, and only once it
 * is reaped; stopped and continued children (SIGSTOP, SIGTSTP, SIGCONT): wait4 WUNTRACED/WCONTINUED, waitid
 * WSTOPPED/WNOWAIT, SIGCHLD with CLD_STOPPED/CLD_CONTINUED (none with SA_NOCLDSTOP), a SIGCONT handler, an
 * ignored SIGTSTP; /proc/self/fd lists the open fds ("abm", LZCNT, is left out: an AMD EPYC guest kernel was seen hiding it while CPUID has it). Prints the same text on every Linux (details only on a mismatch). */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/resource.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#if defined(__x86_64__)
#include <cpuid.h>
#endif

static char info[1 << 16];

static int has_token(const char *line, const char *name) {
    size_t n = strlen(name);
    for (const char *p = line; (p = strstr(p, name)) != NULL; p += n) {
        if ((p == line || p[-1] == ' ' || p[-1] == '\t' || p[-1] == ':') && (p[n] == ' ' || p[n] == '\n' || p[n] == 0)) return 1;
    }
    return 0;
}

/* the first line starting with key, up to its newline */
static const char *line_of(const char *key, char *out, size_t size) {
    for (const char *p = info; *p; ) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t) (e - p) : strlen(p);
        if (strncmp(p, key, strlen(key)) == 0) {
            if (len >= size) len = size - 1;
            memcpy(out, p, len);
            out[len] = 0;
            return out;
        }
        if (!e) break;
        p = e + 1;
    }
    out[0] = 0;
    return out;
}

static int features_agree(void) {
    char line[4096];
    int ok = 1;
#if defined(__x86_64__)
    static const struct { const char *name; unsigned leaf; char reg; int bit; } flags[] = {
        {"fpu", 1, 'd', 0}, {"tsc", 1, 'd', 4}, {"cx8", 1, 'd', 8}, {"cmov", 1, 'd', 15}, {"clflush", 1, 'd', 19},
        {"mmx", 1, 'd', 23}, {"fxsr", 1, 'd', 24}, {"sse", 1, 'd', 25}, {"sse2", 1, 'd', 26},
        {"pni", 1, 'c', 0}, {"ssse3", 1, 'c', 9}, {"fma", 1, 'c', 12}, {"cx16", 1, 'c', 13}, {"sse4_1", 1, 'c', 19},
        {"sse4_2", 1, 'c', 20}, {"movbe", 1, 'c', 22}, {"popcnt", 1, 'c', 23}, {"xsave", 1, 'c', 26},
        {"avx", 1, 'c', 28}, {"f16c", 1, 'c', 29}, {"hypervisor", 1, 'c', 31},
        {"syscall", 0x80000001, 'd', 11}, {"nx", 0x80000001, 'd', 20}, {"rdtscp", 0x80000001, 'd', 27},
        {"lm", 0x80000001, 'd', 29}, {"lahf_lm", 0x80000001, 'c', 0},
        {"bmi1", 7, 'b', 3}, {"avx2", 7, 'b', 5}, {"bmi2", 7, 'b', 8}};
    line_of("flags", line, sizeof line);
    for (unsigned i = 0; i < sizeof flags / sizeof flags[0]; i++) {
        unsigned a, b, c, d;
        __cpuid_count(flags[i].leaf, 0, a, b, c, d);
        unsigned r = flags[i].reg == 'b' ? b : flags[i].reg == 'c' ? c : d;
        int cpu = (r >> flags[i].bit) & 1, shown = has_token(line, flags[i].name);
        if (cpu != shown) { printf("  flag %s: cpuid %d, cpuinfo %d\n", flags[i].name, cpu, shown); ok = 0; }
    }
#elif defined(__aarch64__)
    static const char *names[] = {"fp", "asimd", "evtstrm", "aes", "pmull", "sha1", "sha2", "crc32", "atomics",
        "fphp", "asimdhp", "cpuid", "asimdrdm", "jscvt", "fcma", "lrcpc", "dcpop", "sha3", "sm3", "sm4"};
    unsigned long hw = getauxval(AT_HWCAP);
    line_of("Features", line, sizeof line);
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++) {
        int cpu = (hw >> i) & 1, shown = has_token(line, names[i]);
        if (cpu != shown) { printf("  feature %s: hwcap %d, cpuinfo %d\n", names[i], cpu, shown); ok = 0; }
    }
#elif defined(__s390x__)
    static const char *names[] = {"esan3", "zarch", "stfle", "msa", "ldisp", "eimm", "dfp", "edat", "etf3eh",
        "highgprs", "te", "vx"};
    unsigned long hw = getauxval(AT_HWCAP);
    line_of("features", line, sizeof line);
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++) {
        int cpu = (hw >> i) & 1, shown = has_token(line, names[i]);
        if (cpu != shown) { printf("  feature %s: hwcap %d, cpuinfo %d\n", names[i], cpu, shown); ok = 0; }
    }
#endif
    return ok;
}

/* processor entries: "processor\t: N" (x86, arm64) or "processor N: ..." (s390x) */
static int processors(void) {
    int n = 0;
    for (const char *p = info; p && *p; ) {
        if (strncmp(p, "processor", 9) == 0) n++;
        p = strchr(p, '\n');
        if (p) p++;
    }
    return n;
}

static long burn(long n) {
    volatile long x = 0;
    for (long i = 0; i < n; i++) x += i ^ (x >> 3);
    return x;
}

static double secs(struct timeval t) { return t.tv_sec + t.tv_usec / 1e6; }

static int chld_fd;
/* the child says it has set up its handlers */
static int ready_pipe[2];
static void await_ready(void) { char r; read(ready_pipe[0], &r, 1); }

/* the next SIGCHLD's si_code and si_status (from a signalfd), or -1 when none is pending */
static void show_sigchld(const char *what) {
    struct signalfd_siginfo si;
    struct pollfd p = {chld_fd, POLLIN, 0};
    if (poll(&p, 1, 2000) == 1 && read(chld_fd, &si, sizeof si) == sizeof si) {
        printf("%s: sigchld code %d status %d\n", what, si.ssi_code, si.ssi_status);
    } else {
        printf("%s: no sigchld\n", what);
    }
}

static volatile sig_atomic_t got_usr1;
static void onusr1(int s) { (void) s; got_usr1 = 1; }

/* in a child: handlers set up, tell the parent, then wait for SIGUSR1 (blocked until sigsuspend: no lost wake-up) */
static void ready_then_await_usr1(void) {
    sigset_t u, empty;
    sigemptyset(&u);
    sigaddset(&u, SIGUSR1);
    sigprocmask(SIG_BLOCK, &u, NULL);
    signal(SIGUSR1, onusr1);
    write(ready_pipe[1], "r", 1);
    sigemptyset(&empty);
    while (!got_usr1) sigsuspend(&empty);
}

static int cont_pipe[2];
static void oncont(int s) { (void) s; write(cont_pipe[1], "c", 1); }


static void jobs(void) {
    pipe(ready_pipe);
    sigset_t m;
    sigemptyset(&m);
    sigaddset(&m, SIGCHLD);
    sigprocmask(SIG_BLOCK, &m, NULL);
    chld_fd = signalfd(-1, &m, 0);
    int st;
    /* a child blocked in a syscall; SIGCONT runs its handler */
    pipe(cont_pipe);
    pid_t c = fork();
    if (c == 0) {
        signal(SIGCONT, oncont);
        ready_then_await_usr1();
        _exit(4);
    }
    await_ready();
    kill(c, SIGSTOP);
    pid_t r = waitpid(c, &st, WUNTRACED);
    printf("stopped %d sig %d\n", r == c && WIFSTOPPED(st), WSTOPSIG(st));
    show_sigchld("stop");
    printf("again nohang %d\n", waitpid(c, &st, WUNTRACED | WNOHANG));
    kill(c, SIGCONT);
    r = waitpid(c, &st, WCONTINUED);
    printf("continued %d\n", r == c && WIFCONTINUED(st));
    show_sigchld("cont");
    char ch = 0;
    struct pollfd p = {cont_pipe[0], POLLIN, 0};
    if (poll(&p, 1, 5000) == 1) read(cont_pipe[0], &ch, 1);
    printf("handler ran %c\n", ch);
    kill(c, SIGUSR1);   /* ends its wait */
    waitpid(c, &st, 0);
    printf("exit %d\n", WEXITSTATUS(st));
    show_sigchld("exit");
    /* a busy child (no syscalls), stopped by SIGTSTP; waitid with WNOWAIT keeps the report */
    c = fork();
    if (c == 0) {
        struct timespec ts;
        do {
            burn(100000);
            clock_gettime(CLOCK_MONOTONIC, &ts);
        } while (1);
    }
    kill(c, SIGTSTP);
    siginfo_t si;
    memset(&si, 0, sizeof si);
    waitid(P_PID, c, &si, WSTOPPED | WNOWAIT);
    printf("waitid nowait code %d status %d\n", si.si_code, si.si_status);
    memset(&si, 0, sizeof si);
    waitid(P_PID, c, &si, WSTOPPED);
    printf("waitid code %d status %d pid ok %d\n", si.si_code, si.si_status, si.si_pid == c);
    memset(&si, 0, sizeof si);
    waitid(P_PID, c, &si, WSTOPPED | WNOHANG);
    printf("reported once %d\n", si.si_pid == 0);
    show_sigchld("tstp");
    /* SA_NOCLDSTOP: still reported to wait, but no SIGCHLD */
    struct sigaction sa = {.sa_handler = SIG_DFL, .sa_flags = SA_NOCLDSTOP};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGCHLD, &sa, NULL);
    kill(c, SIGCONT);
    r = waitpid(c, &st, WCONTINUED);
    printf("continued %d\n", r == c && WIFCONTINUED(st));
    sigset_t pend;
    sigpending(&pend);
    printf("nocldstop: sigchld pending %d\n", sigismember(&pend, SIGCHLD));
    sa.sa_flags = 0;
    sigaction(SIGCHLD, &sa, NULL);
    kill(c, SIGKILL);
    waitpid(c, &st, 0);
    printf("killed %d\n", WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
    show_sigchld("kill");
    /* an ignored SIGTSTP does not stop */
    c = fork();
    if (c == 0) {
        signal(SIGTSTP, SIG_IGN);
        ready_then_await_usr1();
        _exit(5);
    }
    await_ready();
    kill(c, SIGTSTP);
    usleep(20000);
    kill(c, SIGUSR1);
    waitpid(c, &st, WUNTRACED);
    printf("ignored tstp: exited %d code %d\n", WIFEXITED(st), WEXITSTATUS(st));
    show_sigchld("ignored tstp");
    close(chld_fd);
    sigprocmask(SIG_UNBLOCK, &m, NULL);
}

/* /proc/self/fd lists exactly the open fds (those fcntl accepts), the directory's own fd included */
static void fd_listing(void) {
    int p[2];
    pipe(p);
    DIR *d = opendir("/proc/self/fd");
    int listed[1024] = {0}, n = 0, ok = d != NULL;
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        int fd = atoi(e->d_name);
        if (fd >= 0 && fd < 1024) listed[fd] = 1;
        if (e->d_type != DT_LNK) ok = 0;
        n++;
    }
    for (int fd = 0; fd < 1024; fd++) {
        if ((fcntl(fd, F_GETFD) != -1) != listed[fd]) { printf("  fd %d: open %d listed %d\n", fd, !listed[fd], listed[fd]); ok = 0; }
    }
    if (d) closedir(d);
    printf("fd listing agrees %d, has the pipe %d\n", ok, listed[p[0]] && listed[p[1]]);
    close(p[0]);
    close(p[1]);
}

int main(int argc, char **argv) {
    long work = argc > 1 ? atol(argv[1]) : 100000;
    setvbuf(stdout, NULL, _IONBF, 0);
    /* Our own process group, whose parent (the test) is in another group of the same session: so the group is
       not orphaned, else Linux discards the SIGTSTP below (a run started in the background by a shell that has
       since exited: the native run then never stopped its busy child). Silent if it fails. */
    setpgid(0, 0);
    FILE *f = fopen("/proc/cpuinfo", "r");
    size_t len = f ? fread(info, 1, sizeof info - 1, f) : 0;
    info[len] = 0;
    if (f) fclose(f);
    printf("cpuinfo read %d\n", len > 0);
    printf("features agree %d\n", features_agree());
    cpu_set_t set;
    sched_getaffinity(0, sizeof set, &set);
    int aff = CPU_COUNT(&set), onl = (int) sysconf(_SC_NPROCESSORS_ONLN), entries = processors();
    char online[64] = "";
    FILE *o = fopen("/sys/devices/system/cpu/online", "r");
    if (o) { if (!fgets(online, sizeof online, o)) online[0] = 0; fclose(o); }
    int last = aff - 1;
    char want[64];
    if (aff == 1) snprintf(want, sizeof want, "0\n"); else snprintf(want, sizeof want, "0-%d\n", last);
    int agree = aff == onl && aff == entries && strcmp(online, want) == 0;
    printf("cpu counts agree %d\n", agree);
    if (!agree) printf("  affinity %d sysconf %d cpuinfo %d online %s", aff, onl, entries, online);

    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    printf("children before %d\n", secs(ru.ru_utime) + secs(ru.ru_stime) == 0);
    pid_t c = fork();
    if (c == 0) {
        /* 50 ms of CPU time by the child's own clock, whatever the speed of the CPU running it */
        struct timespec ts;
        do {
            burn(work);
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
        } while (ts.tv_sec * 1000000000L + ts.tv_nsec < 50000000L);
        _exit(0);
    }
    /* not reaped yet: not counted */
    usleep(10000);
    getrusage(RUSAGE_CHILDREN, &ru);
    printf("unreaped not counted %d\n", secs(ru.ru_utime) + secs(ru.ru_stime) == 0);
    struct rusage cr;
    int st;
    wait4(c, &st, 0, &cr);
    double child = secs(cr.ru_utime) + secs(cr.ru_stime);
    printf("wait4 rusage > 0 %d\n", child > 0);
    getrusage(RUSAGE_CHILDREN, &ru);
    double total = secs(ru.ru_utime) + secs(ru.ru_stime);
    printf("children after > 0 %d, matches wait4 %d\n", total > 0, total >= child - 0.01 && total <= child + 0.01);
    struct tms t;
    clock_t now = times(&t);
    printf("times children > 0 %d, returns %d\n", t.tms_cutime + t.tms_cstime > 0, now != (clock_t) -1);
    getrusage(RUSAGE_SELF, &ru);
    printf("self > 0 %d\n", secs(ru.ru_utime) + secs(ru.ru_stime) > 0);
    jobs();
    fd_listing();
    return 0;
}

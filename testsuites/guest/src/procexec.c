/* execve (issue 13): the program itself through /proc/self/exe, a #! script, the kernel's errnos for a
 * missing file, a mode-644 file, a directory, garbage and an ELF of another arch, close-on-exec, signal
 * dispositions across exec, the pid across exec, and vfork + exec / posix_spawn. Prints no paths or pids. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;
static char self[4096];

static void show(const char *what, int st) {
    if (WIFEXITED(st)) printf("%s: exited %d\n", what, WEXITSTATUS(st));
    else if (WIFSIGNALED(st)) printf("%s: killed by signal %d\n", what, WTERMSIG(st));
}

static const char *base(const char *p) {
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static void on_usr2(int s) { (void) s; }

/* The exec'd side: argv[1] says what to check. */
static int child_main(int argc, char **argv) {
    if (strcmp(argv[1], "child") == 0) {
        printf("child: argc %d:", argc);
        for (int i = 2; i < argc; i++) printf(" [%s]", argv[i]);
        printf(" env PROCEXEC=%s\n", getenv("PROCEXEC") ? getenv("PROCEXEC") : "(unset)");
        return 5;
    }
    if (strcmp(argv[1], "fds") == 0) {
        int keep = atoi(argv[2]), cloexec = atoi(argv[3]);
        printf("fds after exec: kept fd open %d, cloexec fd open %d\n", fcntl(keep, F_GETFD) >= 0,
               fcntl(cloexec, F_GETFD) >= 0);
        struct sigaction sa;
        sigaction(SIGUSR1, NULL, &sa);
        printf("SIGUSR1 still ignored: %d\n", sa.sa_handler == SIG_IGN);
        sigaction(SIGUSR2, NULL, &sa);
        printf("SIGUSR2 handler reset to default: %d\n", sa.sa_handler == SIG_DFL);
        printf("same pid across exec: %d\n", (long) getpid() == atol(argv[4]));
        static char maps[65536];
        int fd = open("/proc/self/maps", O_RDONLY);
        ssize_t n = read(fd, maps, sizeof maps - 1);
        close(fd);
        maps[n > 0 ? n : 0] = 0;
        printf("/proc/self/maps lists the stack: %d\n", strstr(maps, "[stack]") != NULL);
        char cmd[256];
        fd = open("/proc/self/cmdline", O_RDONLY);
        n = read(fd, cmd, sizeof cmd);
        close(fd);
        printf("/proc/self/cmdline second word: %s\n", n > 0 ? cmd + strlen(cmd) + 1 : "(none)");
        return 0;
    }
    if (strcmp(argv[1], "script-arg  with blanks") == 0 || strcmp(argv[1], "one-arg") == 0) {
        printf("script: argv[1] [%s] argv[2] %s argv[3] [%s] argc %d\n", argv[1], base(argv[2]),
               argc > 3 ? argv[3] : "", argc);
        return 9;
    }
    return 99;
}

static int run(char *const argv[], char *const envp[]) {
    pid_t p = fork();
    if (p == 0) {
        execve(argv[0], argv, envp);
        _exit(100 + errno);
    }
    int st;
    waitpid(p, &st, 0);
    return st;
}

static void expect_errno(const char *what, const char *path) {
    char *argv[] = {(char *) path, NULL};
    errno = 0;
    int r = execve(path, argv, environ);
    int e = errno;
    printf("execve %s: %d %s\n", what, r, strerror(e));
}

static void write_file(const char *name, const void *data, size_t n, mode_t mode) {
    unlink(name);
    int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, mode);
    write(fd, data, n);
    close(fd);
    chmod(name, mode);
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc > 1) return child_main(argc, argv);
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) { perror("readlink"); return 1; }
    self[n] = 0;

    char *env[] = {"PROCEXEC=from parent", NULL};
    char *a1[] = {"/proc/self/exe", "child", "a b", "", "c", NULL};
    show("execve /proc/self/exe", run(a1, env));
    char *a2[] = {self, "child", NULL};
    char *noenv[] = {NULL};
    show("execve self by path, empty env", run(a2, noenv));

    /* #! scripts: one argument (blanks inside kept), and none */
    char script[8192];
    int len = snprintf(script, sizeof script, "#!%s script-arg  with blanks  \necho not shell\n", self);
    write_file("procexec-script", script, len, 0755);
    char *a3[] = {"./procexec-script", "x y", NULL};
    show("execve #! script", run(a3, env));
    len = snprintf(script, sizeof script, "#! \t%s one-arg\n", self);
    write_file("procexec-script2", script, len, 0755);
    char *a4[] = {"./procexec-script2", NULL};
    show("execve #! script with blanks before the interpreter", run(a4, env));
    len = snprintf(script, sizeof script, "#!/nonexistent/interpreter\n");
    write_file("procexec-script3", script, len, 0755);
    expect_errno("#! with a missing interpreter", "./procexec-script3");

    /* the kernel's errnos */
    expect_errno("missing file", "./no-such-program");
    expect_errno("missing directory", "./no-such-dir/prog");
    write_file("procexec-644", script, len, 0644);
    expect_errno("mode 644 file", "./procexec-644");
    expect_errno("directory", "/");
    write_file("procexec-garbage", "garbage, not a program\n", 23, 0755);
    expect_errno("garbage", "./procexec-garbage");
    unsigned char elf[64] = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};
    elf[16] = 2;       /* ET_EXEC */
    elf[18] = 22;      /* EM_S390 (an x86-64 or arm64 host cannot run it) */
    elf[20] = 1;
    elf[52] = 64;
    elf[54] = 56;
    write_file("fake-elf-s390", elf, sizeof elf, 0755);
    unsigned char other[64];
    memcpy(other, elf, 64);
    other[18] = 183;   /* EM_AARCH64 */
    write_file("fake-elf-arm64", other, sizeof other, 0755);
    const char *foreign = 0;
#if defined(__s390x__)
    foreign = "./fake-elf-arm64";
#else
    foreign = "./fake-elf-s390";
#endif
    expect_errno("ELF of another arch", foreign);

    /* close-on-exec and signal dispositions */
    int fds[2];
    pipe(fds);
    int cl = fcntl(fds[1], F_DUPFD_CLOEXEC, 20);
    signal(SIGUSR1, SIG_IGN);
    signal(SIGUSR2, on_usr2);
    char keep[16], clo[16], pid[32];
    snprintf(keep, sizeof keep, "%d", fds[0]);
    snprintf(clo, sizeof clo, "%d", cl);
    pid_t p = fork();
    if (p == 0) {
        snprintf(pid, sizeof pid, "%ld", (long) getpid());
        char *a5[] = {self, "fds", keep, clo, pid, NULL};
        execve(self, a5, environ);
        _exit(127);
    }
    int st;
    waitpid(p, &st, 0);
    show("fds child", st);
    signal(SIGUSR1, SIG_DFL);
    signal(SIGUSR2, SIG_DFL);

    /* vfork + exec, and posix_spawn */
    p = vfork();
    if (p == 0) {
        char *a6[] = {self, "child", "vforked", NULL};
        execve(self, a6, env);
        _exit(127);
    }
    waitpid(p, &st, 0);
    show("vfork + execve", st);
    char *a7[] = {self, "child", "spawned", NULL};
    if (posix_spawn(&p, self, NULL, NULL, a7, env) != 0) { printf("posix_spawn failed\n"); return 1; }
    waitpid(p, &st, 0);
    show("posix_spawn", st);

    unlink("procexec-script");
    unlink("procexec-script2");
    unlink("procexec-script3");
    unlink("procexec-644");
    unlink("procexec-garbage");
    unlink("fake-elf-s390");
    unlink("fake-elf-arm64");
    printf("done\n");
    return 0;
}

/* Side effects for `jtcg diff` (syscall replay): a temporary file created (O_EXCL), written, read
   back and unlinked; the time, the pid and random bytes; an existing file read. Run twice against
   the host, the second run would fail the unlink with ENOENT and see another time. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : "/tmp";
    char path[4096];
    snprintf(path, sizeof path, "%s/jtcg-sideeffects-XXXXXX", dir);
    int fd = mkstemp(path);
    if (fd < 0) { perror("mkstemp"); return 1; }
    const char msg[] = "written by the guest\n";
    if (write(fd, msg, sizeof msg - 1) != (ssize_t)(sizeof msg - 1)) { perror("write"); return 1; }
    if (lseek(fd, 0, SEEK_SET) != 0) { perror("lseek"); return 1; }
    char buf[64] = {0};
    ssize_t n = read(fd, buf, sizeof buf - 1);
    struct stat st;
    if (fstat(fd, &st) != 0) { perror("fstat"); return 1; }
    close(fd);
    if (unlink(path) != 0) { perror("unlink"); return 1; }
    printf("read back %zd bytes: %s", n, buf);
    printf("size %lld, gone after unlink: %s\n", (long long)st.st_size, access(path, F_OK) != 0 ? "yes" : "no");

    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    printf("time %lld.%09ld (time() %lld)\n", (long long)ts.tv_sec, ts.tv_nsec, (long long)time(NULL));
    printf("pid %d\n", (int)getpid());
    unsigned char rnd[8];
    if (getrandom(rnd, sizeof rnd, 0) != sizeof rnd) { perror("getrandom"); return 1; }
    printf("random");
    for (int i = 0; i < 8; i++) printf(" %02x", rnd[i]);
    printf("\n");

    FILE *self = fopen(argv[0], "rb");
    if (!self) { perror("fopen"); return 1; }
    unsigned char magic[4] = {0};
    size_t got = fread(magic, 1, 4, self);
    fclose(self);
    printf("read %zu bytes of %s: %02x %c%c%c\n", got, strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0],
           magic[0], magic[1], magic[2], magic[3]);
    return 0;
}

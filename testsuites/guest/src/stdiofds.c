/* Issue 13: a program started with fd 0, 1 or 2 closed must find it closed (EBADF), never a file the
 * emulator opened. Reports fds 0-2 into the file named by argv[1] (its stdout may be closed). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
    char line[512];
    const char *state[3];
    for (int fd = 0; fd <= 2; fd++) {   /* before anything is opened: that would take the lowest free fd */
        state[fd] = fcntl(fd, F_GETFD) < 0 ? strerrorname_np(errno) : "open";
    }
    char c;
    long r = read(0, &c, 1);
    const char *readErr = r < 0 ? strerrorname_np(errno) : "";
    int out = open(argc > 1 ? argv[1] : "/dev/stderr", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    for (int fd = 0; fd <= 2; fd++) {
        int n = snprintf(line, sizeof line, "fd %d: %s\n", fd, state[fd]);
        write(out, line, n);
    }
    int n = snprintf(line, sizeof line, "read(0): %ld %s\n", r, readErr);
    write(out, line, n);
    close(out);
    return 0;
}

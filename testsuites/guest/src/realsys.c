/* The syscalls common programs call beyond the basics (issue 13): each is called and its result or
 * errno printed in a form that is the same natively and under jtcg (values that legitimately differ,
 * like CPU counts or limits, are reduced to "ok"). Usage: realsys DIR (a writable scratch directory). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <sys/un.h>
#include <sys/xattr.h>
#include <unistd.h>

static void report(const char *what, long r) {
    if (r < 0) printf("%s: -1 %s\n", what, strerrorname_np(errno) ? strerrorname_np(errno) : "?");
    else printf("%s: %ld\n", what, r);
}

static void ok(const char *what, long r) {
    if (r < 0) printf("%s: -1 %s\n", what, strerrorname_np(errno));
    else printf("%s: ok\n", what);
}

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : ".";
    char path[4096], path2[4096];

    /* groups */
    gid_t groups[256];
    int ng = getgroups(0, NULL);
    report("getgroups(0)", ng);
    report("getgroups(n)", getgroups(256, groups));
    if (ng > 0) report("getgroups(too small)", getgroups(ng - 1, groups));
    if (geteuid() == 0) report("setgroups(same)", setgroups(ng, groups));

    /* rusage */
    struct rusage ru;
    report("getrusage(self)", getrusage(RUSAGE_SELF, &ru));
    printf("maxrss>0: %d\n", ru.ru_maxrss > 0);
    report("getrusage(children)", getrusage(RUSAGE_CHILDREN, &ru));
    printf("children maxrss: %ld\n", ru.ru_maxrss);
    report("getrusage(bad)", getrusage(7, &ru));

    /* sockets */
    int u = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    ok("socket(unix)", u);
    struct sockaddr_un sun = {.sun_family = AF_UNIX};
    snprintf(sun.sun_path, sizeof sun.sun_path, "%s/no-such-socket", dir);
    report("connect(missing path)", connect(u, (struct sockaddr *) &sun, sizeof sun));
    snprintf(sun.sun_path, sizeof sun.sun_path, "%s", dir);
    report("connect(not a socket)", connect(u, (struct sockaddr *) &sun, sizeof sun));
    struct sockaddr_storage ss;
    socklen_t sl = sizeof ss;
    report("getpeername(unconnected)", getpeername(u, (struct sockaddr *) &ss, &sl));
    char tmp[64];
    report("read(unconnected)", read(u, tmp, sizeof tmp));
    close(u);
    int in4 = socket(AF_INET, SOCK_STREAM, 0);
    ok("socket(inet)", in4);
    struct sockaddr_in sin = {.sin_family = AF_INET, .sin_port = htons(1)};
    inet_pton(AF_INET, "127.0.0.1", &sin.sin_addr);
    report("connect(127.0.0.1:1)", connect(in4, (struct sockaddr *) &sin, sizeof sin));
    sl = sizeof ss;
    report("getsockname(inet)", getsockname(in4, (struct sockaddr *) &ss, &sl));
    printf("  len %u family %d\n", sl, ss.ss_family);
    int type = 0;
    socklen_t tl = sizeof type;
    report("getsockopt(SO_TYPE)", getsockopt(in4, SOL_SOCKET, SO_TYPE, &type, &tl));
    printf("  type %d\n", type);
    close(in4);
    report("socket(AF_PACKET+1 family)", socket(4242, SOCK_STREAM, 0));
    report("connect(not a socket fd)", connect(1, (struct sockaddr *) &sin, sizeof sin));
    int sv[2];
    report("socketpair", socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    report("write(sv0)", write(sv[0], "ping", 4));
    memset(tmp, 0, sizeof tmp);
    report("read(sv1)", read(sv[1], tmp, sizeof tmp));
    printf("  got %s\n", tmp);
    report("send(sv1)", send(sv[1], "pong!", 5, 0));
    report("recv(sv0)", recv(sv[0], tmp, sizeof tmp, 0));
    report("recv(sv0, MSG_DONTWAIT)", recv(sv[0], tmp, sizeof tmp, MSG_DONTWAIT));
    struct iovec iov[2] = {{"ab", 2}, {"cde", 3}};
    struct msghdr mh = {.msg_iov = iov, .msg_iovlen = 2};
    report("sendmsg", sendmsg(sv[0], &mh, 0));
    char b1[2], b2[8];
    struct iovec riov[2] = {{b1, 2}, {b2, 8}};
    struct msghdr rh = {.msg_iov = riov, .msg_iovlen = 2};
    report("recvmsg", recvmsg(sv[1], &rh, 0));
    printf("  got %.2s%.3s\n", b1, b2);
    sl = sizeof ss;
    report("getpeername(pair)", getpeername(sv[0], (struct sockaddr *) &ss, &sl));
    printf("  len %u family %d\n", sl, ss.ss_family);
    report("shutdown(sv1, WR)", shutdown(sv[1], SHUT_WR));
    report("read(sv0) after peer shutdown", read(sv[0], tmp, sizeof tmp));
    close(sv[0]);
    close(sv[1]);

    /* files: fadvise, copy_file_range, xattrs, utimensat */
    snprintf(path, sizeof path, "%s/realsys-in", dir);
    snprintf(path2, sizeof path2, "%s/realsys-out", dir);
    int fi = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    write(fi, "0123456789", 10);
    int fo = open(path2, O_RDWR | O_CREAT | O_TRUNC, 0644);
    report("posix_fadvise(file)", posix_fadvise(fi, 0, 0, POSIX_FADV_SEQUENTIAL));
    int p[2];
    pipe(p);
    report("posix_fadvise(pipe) returns", posix_fadvise(p[0], 0, 0, POSIX_FADV_SEQUENTIAL));
    loff_t off = 2;
    report("copy_file_range", copy_file_range(fi, &off, fo, NULL, 5, 0));
    printf("  off %lld\n", (long long) off);
    report("copy_file_range(at eof)", copy_file_range(fi, NULL, fo, NULL, 5, 0));
    report("copy_file_range(pipe)", copy_file_range(p[0], NULL, fo, NULL, 5, 0));
    report("copy_file_range(flags)", copy_file_range(fi, NULL, fo, NULL, 5, 1));
    memset(tmp, 0, sizeof tmp);
    pread(fo, tmp, sizeof tmp, 0);
    printf("  out %s\n", tmp);
    report("getxattr(system.posix_acl_access)", getxattr(path, "system.posix_acl_access", tmp, sizeof tmp));
    report("getxattr(user.missing)", getxattr(path, "user.missing", tmp, sizeof tmp));
    report("getxattr(no namespace)", getxattr(path, "plain", tmp, sizeof tmp));
    report("listxattr(new file)", listxattr(path, tmp, sizeof tmp));
    long sx = setxattr(path, "user.jtcg", "value", 5, 0);
    report("setxattr(user.jtcg)", sx);
    if (sx == 0) {
        report("getxattr(user.jtcg, size)", getxattr(path, "user.jtcg", NULL, 0));
        report("getxattr(user.jtcg, small)", getxattr(path, "user.jtcg", tmp, 2));
        memset(tmp, 0, sizeof tmp);
        report("getxattr(user.jtcg)", getxattr(path, "user.jtcg", tmp, sizeof tmp));
        printf("  value %s\n", tmp);
        report("setxattr(XATTR_CREATE)", setxattr(path, "user.jtcg", "v", 1, XATTR_CREATE));
        report("listxattr", listxattr(path, tmp, sizeof tmp));
        report("fgetxattr(user.jtcg)", fgetxattr(fi, "user.jtcg", tmp, sizeof tmp));
        report("removexattr", removexattr(path, "user.jtcg"));
    }
    snprintf(path2, sizeof path2, "%s/realsys-link", dir);
    unlink(path2);
    symlink(path, path2);
    report("lgetxattr(symlink, user.x)", lgetxattr(path2, "user.x", tmp, sizeof tmp));
    report("getxattr(missing file)", getxattr("/no/such/file", "user.x", tmp, sizeof tmp));
    struct timespec ts[2] = {{1000000000, 0}, {1234567890, 500}};
    report("utimensat", utimensat(AT_FDCWD, path, ts, 0));
    struct stat st;
    stat(path, &st);
    printf("  mtime %ld.%09ld\n", (long) st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    close(fi);
    close(fo);

    /* memory: mincore, madvise */
    long pg = sysconf(_SC_PAGESIZE);
    unsigned char *m = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    m[pg] = 7;
    unsigned char vec[4];
    report("mincore", mincore(m, 4 * pg, vec));
    printf("  resident %d%d%d%d\n", vec[0] & 1, vec[1] & 1, vec[2] & 1, vec[3] & 1);
    report("madvise(DONTNEED)", madvise(m, 4 * pg, MADV_DONTNEED));
    printf("  after: %d\n", m[pg]);
    report("mincore(unaligned)", mincore(m + 1, pg, vec));
    munmap(m, 4 * pg);
    report("mincore(unmapped)", mincore(m, pg, vec));

    /* limits, affinity, random */
    struct rlimit rl;
    ok("prlimit64(NOFILE)", prlimit(0, RLIMIT_NOFILE, NULL, &rl));
    cpu_set_t cs;
    ok("sched_getaffinity", sched_getaffinity(0, sizeof cs, &cs));
    printf("  cpu0 %d\n", CPU_ISSET(0, &cs) ? 1 : 0);
    report("getrandom(16)", getrandom(tmp, 16, 0));

    /* anonymous fds */
    int mf = memfd_create("realsys", MFD_CLOEXEC);
    ok("memfd_create", mf);
    report("write(memfd)", write(mf, "memory", 6));
    fstat(mf, &st);
    printf("  size %ld\n", (long) st.st_size);
    memset(tmp, 0, sizeof tmp);
    report("pread(memfd)", pread(mf, tmp, sizeof tmp, 0));
    printf("  got %s\n", tmp);
    close(mf);
    int ef = eventfd(2, EFD_NONBLOCK);
    ok("eventfd", ef);
    uint64_t v = 5;
    report("write(eventfd)", write(ef, &v, 8));
    report("read(eventfd)", read(ef, &v, 8));
    printf("  value %llu\n", (unsigned long long) v);
    report("read(eventfd, empty)", read(ef, &v, 8));
    close(ef);
    int tf = timerfd_create(CLOCK_MONOTONIC, 0);
    ok("timerfd_create", tf);
    struct itimerspec its = {.it_value = {0, 20 * 1000 * 1000}};
    report("timerfd_settime", timerfd_settime(tf, 0, &its, NULL));
    struct itimerspec cur;
    report("timerfd_gettime", timerfd_gettime(tf, &cur));
    printf("  armed %d\n", cur.it_value.tv_sec > 0 || cur.it_value.tv_nsec > 0);
    report("read(timerfd)", read(tf, &v, 8));
    printf("  expirations %d\n", v >= 1);
    close(tf);
    report("timerfd_create(bad clock)", timerfd_create(42, 0));
    /* signalfd and inotify: a working answer or a clean error; either way the program goes on */
    long sfd = syscall(SYS_signalfd4, -1, &cs, 8, 0);
    printf("signalfd4: %s\n", sfd >= 0 || errno == ENOSYS ? "answered" : "?");
    long ifd = syscall(SYS_inotify_init1, 0);
    printf("inotify_init1: %s\n", ifd >= 0 || errno == ENOSYS ? "answered" : "?");
    printf("done\n");
    return 0;
}

/* File I/O through the host file system: create, write, seek, read back, stat, list, rename, unlink. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : ".";
    char path[4096], path2[4096];
    snprintf(path, sizeof path, "%s/jtcg-fileio.txt", dir);
    snprintf(path2, sizeof path2, "%s/jtcg-fileio-renamed.txt", dir);
    FILE *f = fopen(path, "w");
    if (!f) { perror("fopen"); return 1; }
    for (int i = 0; i < 1000; i++) fprintf(f, "line %d\n", i);
    fclose(f);
    int fd = open(path, O_RDONLY);
    if (fd < 0) { perror("open"); return 1; }
    struct stat st;
    fstat(fd, &st);
    printf("size=%lld regular=%d\n", (long long)st.st_size, S_ISREG(st.st_mode));
    lseek(fd, 8 * 990 + 10, SEEK_SET);
    char buf[64] = {0};
    ssize_t n = read(fd, buf, 20);
    printf("read %zd: %.*s", n, (int)n, buf);
    printf("\n");
    close(fd);
    if (rename(path, path2) != 0) { perror("rename"); return 1; }
    DIR *d = opendir(dir);
    int found = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) if (strcmp(e->d_name, "jtcg-fileio-renamed.txt") == 0) found = 1;
    closedir(d);
    printf("found after rename=%d\n", found);
    printf("unlink=%d\n", unlink(path2));
    printf("open missing: %s\n", open(path2, O_RDONLY) < 0 ? "failed as expected" : "unexpectedly worked");
    return 0;
}

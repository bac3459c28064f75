/* String and memory functions (glibc's SSE2 variants): strlen strcmp memcpy memmove memset strchr strrchr strstr sprintf. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned hash(const unsigned char *p, size_t n) {
    unsigned h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 16777619u;
    return h;
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 200;
    static char a[5000], b[5000];
    unsigned acc = 0;
    for (int r = 0; r < rounds; r++) {
        for (int len = 0; len < 300; len += 7) {
            int off = (r * 3 + len) % 29;
            memset(a + off, 'a' + (len % 26), len);
            a[off + len] = 0;
            acc += strlen(a + off);
            memcpy(b + (off ^ 5), a + off, len + 1);
            acc += strcmp(a + off, b + (off ^ 5)) == 0;
            memmove(b + 1, b, len);
            acc += hash((unsigned char *)b, len + 2);
            char *p = strchr(a + off, 'a' + (len % 26));
            acc += p ? (unsigned)(p - a) : 7;
            p = strrchr(a + off, 'a' + (len % 26));
            acc += p ? (unsigned)(p - a) : 11;
            acc += memcmp(a + off, b + (off ^ 5) + 1, len) != 0;
            acc += strncmp("hello world", b, 5) < 0;
        }
    }
    char buf[256];
    int n = sprintf(buf, "%d %u %x %s %c %5d|%-5d|%05d %ld %lx", -42, 42u, 0xbeef, "str", 'z', 7, 7, 7,
                    1234567890123L, 0xdeadbeefcafeL);
    printf("%s (%d)\n", buf, n);
    printf("strstr=%s\n", strstr("the quick brown fox", "brown"));
    printf("acc=%u\n", acc);
    return 0;
}

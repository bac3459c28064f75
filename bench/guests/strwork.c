/* String workload: build many short strings (snprintf, memcpy, strlen), sort them with qsort +
 * strcmp, deduplicate, search with strstr/strchr, and join them into a large buffer. Prints
 * counts and checksums; deterministic output. Argument: number of strings (default 100000). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state = 0x2545F4914F6CDD1Dull;
static uint32_t rnd(void) { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return (uint32_t)state; }

static const char *syll[] = {"ka", "to", "ri", "mun", "sel", "dra", "vo", "lin", "qua", "ex", "zor", "pe", "ith", "ban"};

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static uint32_t fnv(const char *s, size_t n) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) { h ^= (uint8_t)s[i]; h *= 16777619u; }
    return h;
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 100000;
    char **v = malloc(sizeof(char *) * n);
    size_t total = 0;
    for (int i = 0; i < n; i++) {
        char buf[64];
        size_t len = 0;
        int parts = 1 + rnd() % 4;
        for (int p = 0; p < parts; p++) {
            const char *s = syll[rnd() % (sizeof syll / sizeof *syll)];
            size_t l = strlen(s);
            memcpy(buf + len, s, l);
            len += l;
        }
        len += (size_t)snprintf(buf + len, sizeof buf - len, "-%u", rnd() % 1000);
        v[i] = malloc(len + 1);
        memcpy(v[i], buf, len + 1);
        total += strlen(v[i]);
    }
    qsort(v, n, sizeof *v, cmp);
    int uniq = 0, with_ex = 0, dash9 = 0;
    for (int i = 0; i < n; i++) {
        if (i == 0 || strcmp(v[i], v[i - 1]) != 0) uniq++;
        if (strstr(v[i], "ex")) with_ex++;
        char *d = strchr(v[i], '-');
        if (d && d[1] == '9') dash9++;
    }
    char *joined = malloc(total + n + 1);
    size_t o = 0;
    for (int i = 0; i < n; i++) {
        size_t l = strlen(v[i]);
        memcpy(joined + o, v[i], l);
        o += l;
        joined[o++] = ',';
    }
    joined[o] = 0;
    printf("strings=%d unique=%d bytes=%zu\n", n, uniq, total);
    printf("first=%s last=%s median=%s\n", v[0], v[n - 1], v[n / 2]);
    printf("with_ex=%d dash9=%d joined_len=%zu fnv=%08x\n", with_ex, dash9, strlen(joined), fnv(joined, o));
    for (int i = 0; i < n; i++) free(v[i]);
    free(v);
    free(joined);
    return 0;
}

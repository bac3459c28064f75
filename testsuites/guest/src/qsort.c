/* qsort and bsearch over integers and strings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_int(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 100000;
    int *v = malloc(n * sizeof *v);
    unsigned x = 12345;
    for (int i = 0; i < n; i++) { x = x * 1103515245u + 12345u; v[i] = (int)(x >> 1) - (1 << 29); }
    qsort(v, n, sizeof *v, cmp_int);
    long long check = 0;
    for (int i = 1; i < n; i++) { if (v[i - 1] > v[i]) { puts("unsorted"); return 1; } check += (long long)v[i] * (i % 7); }
    int key = v[n / 3];
    int *f = bsearch(&key, v, n, sizeof *v, cmp_int);
    printf("n=%d min=%d max=%d check=%lld found=%d\n", n, v[0], v[n - 1], check, f && *f == key);
    char *words[] = {"pear", "apple", "fig", "banana", "cherry", "date", "elderberry", "grape"};
    qsort(words, 8, sizeof *words, cmp_str);
    for (int i = 0; i < 8; i++) printf("%s%c", words[i], i == 7 ? '\n' : ' ');
    free(v);
    return 0;
}

/* malloc/realloc/free churn with a deterministic pseudo-random pattern; checks contents. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    int iters = argc > 1 ? atoi(argv[1]) : 20000;
    enum { SLOTS = 512 };
    static unsigned char *slot[SLOTS];
    static size_t size[SLOTS];
    uint64_t x = 88172645463325252ull, sum = 0;
    for (int i = 0; i < iters; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        int s = x % SLOTS;
        size_t n = (x >> 20) % ((x >> 40) % 4 == 0 ? 70000 : 600);
        if (slot[s]) {
            for (size_t k = 0; k < size[s]; k++) if (slot[s][k] != (unsigned char)(s + k)) { printf("corrupt\n"); return 1; }
            if ((x >> 8) & 1) { free(slot[s]); slot[s] = NULL; continue; }
            slot[s] = realloc(slot[s], n + 1);
        } else {
            slot[s] = malloc(n + 1);
        }
        size[s] = n;
        for (size_t k = 0; k < n; k++) slot[s][k] = (unsigned char)(s + k);
        sum += n;
    }
    for (int s = 0; s < SLOTS; s++) free(slot[s]);
    printf("allocated %llu bytes in total\n", (unsigned long long)sum);
    return 0;
}

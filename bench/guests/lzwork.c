/* Compression workload: an LZ77 compressor (32 KiB window, hash chains, lazy-free greedy
 * parsing) and its decompressor over generated text-like data; verifies the round trip and
 * prints sizes and checksums. Deterministic output. Argument: input size in KiB (default 1024). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WINDOW 32768
#define MIN_MATCH 3
#define MAX_MATCH 258
#define HASH_BITS 15
#define MAX_CHAIN 32

static uint32_t rng = 12345;
static uint32_t next_rand(void) { rng = rng * 1103515245u + 12345u; return rng >> 8; }

static const char *words[] = {
    "the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "emulator", "block",
    "translate", "register", "memory", "page", "guest", "host", "kernel", "syscall", "cache", "chain",
    "interpreter", "compiler", "bytecode", "instruction", "decoder", "flags", "branch", "loop", "value", "table",
};

static size_t gen(uint8_t *p, size_t n) {
    size_t i = 0;
    while (i < n) {
        const char *w = words[next_rand() % (sizeof words / sizeof *words)];
        size_t l = strlen(w);
        for (size_t k = 0; k < l && i < n; k++) p[i++] = (uint8_t)w[k];
        if (i < n) p[i++] = (next_rand() % 11 == 0) ? '\n' : ' ';
        if (next_rand() % 97 == 0) { /* some noise so not everything matches */
            for (int k = 0; k < 4 && i < n; k++) p[i++] = (uint8_t)('a' + next_rand() % 26);
        }
    }
    return n;
}

static uint32_t adler32(const uint8_t *p, size_t n) {
    uint32_t a = 1, b = 0;
    for (size_t i = 0; i < n; i++) { a = (a + p[i]) % 65521; b = (b + a) % 65521; }
    return (b << 16) | a;
}

static inline uint32_t hash3(const uint8_t *p) {
    return ((uint32_t)p[0] << 10 ^ (uint32_t)p[1] << 5 ^ p[2]) & ((1u << HASH_BITS) - 1);
}

/* Output format: flag byte per 8 items; literal = 1 byte; match = len-3 (1 byte), dist-1 (2 bytes LE). */
static size_t compress(const uint8_t *in, size_t n, uint8_t *out) {
    int32_t *head = malloc(sizeof(int32_t) << HASH_BITS);
    int32_t *prev = malloc(sizeof(int32_t) * WINDOW);
    for (int i = 0; i < (1 << HASH_BITS); i++) head[i] = -1;
    size_t o = 0, flagpos = 0;
    int nitems = 8;
    size_t i = 0;
    while (i < n) {
        if (nitems == 8) { flagpos = o++; out[flagpos] = 0; nitems = 0; }
        int best = 0, bestdist = 0;
        if (i + MIN_MATCH <= n) {
            uint32_t h = hash3(in + i);
            int32_t cand = head[h];
            int chain = MAX_CHAIN;
            size_t maxlen = n - i < MAX_MATCH ? n - i : MAX_MATCH;
            while (cand >= 0 && i - (size_t)cand <= WINDOW && chain--) {
                const uint8_t *a = in + cand, *b = in + i;
                if (a[best] == b[best]) {
                    size_t l = 0;
                    while (l < maxlen && a[l] == b[l]) l++;
                    if ((int)l > best) { best = (int)l; bestdist = (int)(i - cand); if (l == maxlen) break; }
                }
                cand = prev[cand % WINDOW];
            }
        }
        size_t step = best >= MIN_MATCH ? (size_t)best : 1;
        for (size_t k = 0; k < step; k++) { /* insert every position we pass */
            if (i + k + MIN_MATCH <= n) {
                uint32_t h = hash3(in + i + k);
                prev[(i + k) % WINDOW] = head[h];
                head[h] = (int32_t)(i + k);
            }
        }
        if (best >= MIN_MATCH) {
            out[flagpos] |= (uint8_t)(1 << nitems);
            out[o++] = (uint8_t)(best - MIN_MATCH);
            out[o++] = (uint8_t)((bestdist - 1) & 0xff);
            out[o++] = (uint8_t)((bestdist - 1) >> 8);
        } else {
            out[o++] = in[i];
        }
        i += step;
        nitems++;
    }
    free(head);
    free(prev);
    return o;
}

static size_t decompress(const uint8_t *in, size_t n, uint8_t *out) {
    size_t i = 0, o = 0;
    while (i < n) {
        uint8_t flags = in[i++];
        for (int k = 0; k < 8 && i < n; k++) {
            if (flags & (1 << k)) {
                size_t len = in[i] + MIN_MATCH, dist = (in[i + 1] | in[i + 2] << 8) + 1;
                i += 3;
                for (size_t m = 0; m < len; m++, o++) out[o] = out[o - dist];
            } else {
                out[o++] = in[i++];
            }
        }
    }
    return o;
}

int main(int argc, char **argv) {
    size_t n = (size_t)(argc > 1 ? atoi(argv[1]) : 1024) * 1024;
    uint8_t *data = malloc(n), *comp = malloc(n + n / 8 + 16), *back = malloc(n);
    gen(data, n);
    size_t c = compress(data, n, comp);
    size_t d = decompress(comp, c, back);
    int ok = d == n && memcmp(data, back, n) == 0;
    printf("input=%zu compressed=%zu ratio=%.3f\n", n, c, (double)c / (double)n);
    printf("adler(input)=%08x adler(compressed)=%08x roundtrip=%s\n", adler32(data, n), adler32(comp, c), ok ? "ok" : "BAD");
    free(data); free(comp); free(back);
    return ok ? 0 : 1;
}

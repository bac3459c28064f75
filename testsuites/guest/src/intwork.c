/* Integer workload: sieve, CRC-32, 64-bit multiply/divide mixes, bit tricks. Deterministic output. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint32_t crc32_table[256];

static void crc_init(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) {
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }
        crc32_table[i] = c;
    }
}

static uint32_t crc32(const uint8_t *p, size_t n) {
    uint32_t c = 0xFFFFFFFFu;
    while (n--) {
        c = crc32_table[(c ^ *p++) & 0xff] ^ (c >> 8);
    }
    return c ^ 0xFFFFFFFFu;
}

int main(int argc, char **argv) {
    int limit = argc > 1 ? atoi(argv[1]) : 200000;
    char *sieve = calloc(limit + 1, 1);
    int primes = 0;
    uint64_t sum = 0;
    for (int i = 2; i <= limit; i++) {
        if (!sieve[i]) {
            primes++;
            sum += (uint64_t)i * i;
            for (long j = (long)i * i; j <= limit; j += i) {
                sieve[j] = 1;
            }
        }
    }
    printf("primes<=%d: %d sumsq=%llu\n", limit, primes, (unsigned long long)sum);

    crc_init();
    uint8_t buf[4096];
    for (int i = 0; i < (int)sizeof buf; i++) {
        buf[i] = (uint8_t)(i * 131 + 7);
    }
    uint32_t c = 0;
    for (int r = 0; r < 64; r++) {
        buf[r] ^= (uint8_t)c;
        c = crc32(buf, sizeof buf);
    }
    printf("crc=%08x\n", c);

    uint64_t x = 0x9E3779B97F4A7C15ull, acc = 0;
    int64_t s = -1234567890123ll;
    for (int i = 1; i < 100000; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        acc += x / (uint64_t)i + x % 97;
        s = s * 31 + (int64_t)(x >> 40) - i;
        acc ^= (uint64_t)(s / (i | 1)) + (uint64_t)__builtin_popcountll(x) + (uint64_t)__builtin_clzll(x | 1);
    }
    printf("mix=%016llx s=%lld\n", (unsigned long long)acc, (long long)s);
    free(sieve);
    return 0;
}

/* An exclusive or acquire/release access to an unaligned address: Linux delivers SIGBUS
 * (BUS_ADRALN), exit status 135. The argument picks the instruction; the signal handler is not
 * installed, so the default action kills the program. Ordinary loads at the same address work.
 * (qemu lets an unaligned stxr without a matching ldxr fail with status 1; the architecture and
 * jtcg raise the alignment fault, so the guest test does not use "stxr".) */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t buf[4] __attribute__((aligned(16))) = {0x1122334455667788ULL, 0x99aabbccddeeff00ULL, 7, 8};

int main(int argc, char **argv) {
    const char *which = argc > 1 ? argv[1] : "ldxr";
    char *p = (char *) buf + 4;
    uint64_t v = 0, w = 0;
    uint32_t status = 0;
    memcpy(&v, p, 8); /* fine: an ordinary unaligned load */
    printf("plain %016llx\n", (unsigned long long) v);
    fflush(stdout);
    if (!strcmp(which, "ldxr")) {
        __asm__ volatile("ldxr %0, [%1]" : "=r"(v) : "r"(p) : "memory");
    } else if (!strcmp(which, "stxr")) {
        __asm__ volatile("stxr %w0, %1, [%2]" : "=&r"(status) : "r"(v), "r"(p) : "memory");
    } else if (!strcmp(which, "ldar")) {
        __asm__ volatile("ldar %w0, [%1]" : "=r"(v) : "r"(p + 2) : "memory");
    } else if (!strcmp(which, "stlrh")) {
        __asm__ volatile("stlrh %w0, [%1]" :: "r"(v), "r"(p + 1) : "memory");
    } else if (!strcmp(which, "ldaxp")) {
        __asm__ volatile("ldaxp %0, %1, [%2]" : "=r"(v), "=r"(w) : "r"(p + 4) : "memory"); /* 8-aligned, not 16 */
    } else if (!strcmp(which, "aligned")) {
        char *a = (char *) buf; /* 16-byte aligned: the pair works */
        __asm__ volatile("ldaxp %0, %1, [%3]\n\tstlxp %w2, %0, %1, [%3]" : "=&r"(v), "=&r"(w), "=&r"(status)
                         : "r"(a) : "memory");
        __asm__ volatile("ldarb %w0, [%1]" : "=r"(w) : "r"(p + 3) : "memory");
    }
    printf("survived %s %016llx %u\n", which, (unsigned long long) v, status);
    return 0;
}

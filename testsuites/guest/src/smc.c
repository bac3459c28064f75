/* Self-modifying code: writes a small function into an RWX page, calls it, rewrites it, calls it
 * again. Each round: patch the code, make a syscall (getppid: a point where jtcg may switch
 * engines), call the code, write() its result. Under --handoff jit@k,kvm@m,jit@n the code KVM
 * wrote must be what the TCG runs afterwards (KVM's stores bypass jtcg's write tracking; the
 * engine reports them from the KVM dirty log at the handoff). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>

typedef int (*fn_t)(int);

/* round r: even rounds "mov $r,%eax; ret", odd rounds "lea r(%rdi),%eax; ret" (a different length). */
static void patch(volatile unsigned char *p, int r) {
    int i = 0;
    if (r % 2 == 0) {
        p[i++] = 0xb8;                                   /* mov $imm32,%eax */
    } else {
        p[i++] = 0x8d; p[i++] = 0x87;                    /* lea disp32(%rdi),%eax */
    }
    for (int b = 0; b < 4; b++) p[i++] = (unsigned char)(r >> (8 * b));
    p[i++] = 0xc3;                                       /* ret */
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 24;
    unsigned char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) {
        perror("mmap");
        return 2;
    }
    long sum = 0;
    for (int r = 0; r < rounds; r++) {
        patch(page, r);
        syscall(SYS_getppid);
        fn_t f = (fn_t)(void *)page;
        int v = f(1000);
        sum += v;
        char line[64];
        int n = snprintf(line, sizeof line, "round %d -> %d\n", r, v);
        write(1, line, n);
    }
    char line[64];
    int n = snprintf(line, sizeof line, "sum %ld\n", sum);
    write(1, line, n);
    return 0;
}

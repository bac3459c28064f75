/* Precise self-modifying code (issue 15): a store that changes an instruction later in the SAME block,
 * or later in a hot loop that jtcg compiles as one region, must take effect before that instruction
 * runs, as on hardware. Each case is copied from a template into a fresh RWX page and called, so its
 * first store hits code that is already translated.
 *   next:  mov byte [rip+..], 5 patches the imm of the very next "mov eax, 1"       -> 5 (stale: 1)
 *   loop:  n iterations of two "add rax, 1"; at iteration n/2 the loop patches the first (same block as
 *          the stores) to add 7 and the second (next block, same region) to add 3      -> n + 8 * (n - n/2)
 *   far:   a store patches code 3 KiB further on in the same page, then jumps there -> 9 (stale: 2)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

typedef long (*fn_t)(long);

/* Templates only (in .rodata, never run in place); every address they patch is RIP-relative. */
__asm__(
    ".pushsection .rodata\n"
    ".globl smc_next_start, smc_next_end, smc_loop_start, smc_loop_end, smc_far_start, smc_far_end\n"
    "smc_next_start:\n"
    "  movb $5, 1f+1(%rip)\n"
    "1: movl $1, %eax\n"
    "  ret\n"
    "smc_next_end:\n"
    "smc_loop_start:\n"
    "  xor %eax, %eax\n"
    "  xor %ecx, %ecx\n"
    "  mov %rdi, %rdx\n"
    "  shr $1, %rdx\n"
    "2: cmp %rdx, %rcx\n"
    "  jne 3f\n"
    "  movb $7, 3f+3(%rip)\n"
    "  movb $3, 4f+3(%rip)\n"
    "3: add $1, %rax\n"
    "  jmp 4f\n"
    "4: add $1, %rax\n"
    "  inc %rcx\n"
    "  cmp %rdi, %rcx\n"
    "  jne 2b\n"
    "  ret\n"
    "smc_loop_end:\n"
    "smc_far_start:\n"
    "  movl $2, %eax\n"
    "  movb $9, 5f+1(%rip)\n"
    "  jmp 5f\n"
    "  .skip 3000, 0xcc\n"
    "5: movl $2, %eax\n"
    "  ret\n"
    "smc_far_end:\n"
    ".popsection\n");

extern const unsigned char smc_next_start[], smc_next_end[], smc_loop_start[], smc_loop_end[],
    smc_far_start[], smc_far_end[];

static long run(const unsigned char *start, const unsigned char *end, long arg) {
    unsigned char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) {
        perror("mmap");
        exit(2);
    }
    memcpy(page, start, (size_t) (end - start));
    long r = ((fn_t)(void *) page)(arg);
    munmap(page, 4096);
    return r;
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 20000;
    printf("next: %ld\n", run(smc_next_start, smc_next_end, 0));
    printf("loop %ld: %ld\n", n, run(smc_loop_start, smc_loop_end, n));
    printf("far: %ld\n", run(smc_far_start, smc_far_end, 0));
    /* the same templates again, at the same address in a new mapping */
    printf("next again: %ld\n", run(smc_next_start, smc_next_end, 0));
    printf("loop again %ld: %ld\n", n / 2, run(smc_loop_start, smc_loop_end, n / 2));
    return 0;
}

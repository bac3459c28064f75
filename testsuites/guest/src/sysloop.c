/* Syscall-heavy guest: N getppid() calls (default 100000) through syscall(2), so every call
 * really enters the kernel (or jtcg's syscall layer). Measures the cost of a syscall round trip:
 * under jtcg's kvm engine each one is a VM exit. Prints only what is the same natively and
 * under jtcg (the ppid itself differs between runs). */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/syscall.h>

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 100000;
    long first = syscall(SYS_getppid), same = 0;
    for (long i = 0; i < n; i++) {
        if (syscall(SYS_getppid) == first) {
            same++;
        }
    }
    printf("getppid calls=%ld same=%ld\n", n, same);
    return same == n ? 0 : 1;
}

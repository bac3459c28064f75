/* s390x: COMPARE AND TRAP traps with a data exception (DXC 0xff); Linux delivers SIGFPE: exit 136. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 3;
    for (long i = 0; i < n; i++) {
        __asm__ volatile("cgite %0,2" :: "d"(i));   /* traps when i == 2 */
        printf("i=%ld\n", i);
        fflush(stdout);
    }
    printf("no trap\n");
    return 0;
}

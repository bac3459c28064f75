/* Executes ud2: dies of SIGILL (expected exit status 132). */
#include <stdio.h>

int main(void) {
    puts("before ud2");
    fflush(stdout);
    __asm__ volatile("ud2");
    puts("not reached");
    return 0;
}

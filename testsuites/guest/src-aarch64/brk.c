/* arm64: brk #0 -> SIGTRAP (exit status 133 from a shell), after some output. */
#include <stdio.h>

int main(void) {
    printf("before brk\n");
    fflush(stdout);
    __asm__ volatile("brk #0");
    printf("not reached\n");
    return 0;
}

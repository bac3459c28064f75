/* arm64: udf #0 (permanently undefined) -> SIGILL (exit status 132), after some output. */
#include <stdio.h>

int main(void) {
    printf("before udf\n");
    fflush(stdout);
    __asm__ volatile("udf #0");
    printf("not reached\n");
    return 0;
}

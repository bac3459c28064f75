/* Integer division by zero: dies of SIGFPE (expected exit status 136). */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    volatile int zero = argc - 1;
    puts("dividing");
    fflush(stdout);
    printf("%d\n", 100 / zero);
    return 0;
}

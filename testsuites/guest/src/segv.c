/* Dies of SIGSEGV by writing through a null pointer (expected exit status 139). */
#include <stdio.h>

int main(void) {
    volatile int *p = (int *)0;
    puts("about to fault");
    fflush(stdout);
    *p = 1;
    return 0;
}

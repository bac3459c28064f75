/* s390x: the all-zero halfword is an operation exception; Linux delivers SIGILL (ILL_ILLOPC): exit 132. */
#include <stdio.h>

int main(void) {
    printf("before\n");
    fflush(stdout);
    __asm__ volatile(".short 0");
    printf("not reached\n");
    return 0;
}

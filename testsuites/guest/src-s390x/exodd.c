/* s390x: EXECUTE of an odd address is a specification exception; Linux delivers SIGILL: exit 132. */
#include <stdio.h>

int main(int argc, char **argv) {
    printf("before\n");
    fflush(stdout);
    __asm__ volatile("larl %%r1,0f\n\tla %%r1,1(%%r1)\n\tex %%r0,0(%%r1)\n\tj 1f\n0:\tnopr\n1:" ::: "r1");
    printf("not reached\n");
    return argc;
}

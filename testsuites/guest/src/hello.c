/* The smallest useful guest: one line on stdout, exit 0. */
#include <stdio.h>

int main(void) {
    puts("Hello from the guest!");
    return 0;
}

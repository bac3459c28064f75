/* setjmp/longjmp across frames, and a recursion depth test. */
#include <setjmp.h>
#include <stdio.h>

static jmp_buf env;
static int depth;

static void dive(int n) {
    volatile char pad[64];
    pad[0] = (char)n;
    depth++;
    if (n == 0) longjmp(env, 42 + pad[0]);
    dive(n - 1);
}

static long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

int main(void) {
    int r = setjmp(env);
    if (r == 0) {
        dive(1000);
        puts("not reached");
    }
    printf("longjmp returned %d after depth %d\n", r, depth);
    printf("fib(25)=%ld\n", fib(25));
    return 3;
}

/* Echoes argc, argv and selected environment variables, and checks auxv-derived facts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

int main(int argc, char **argv, char **envp) {
    printf("argc=%d\n", argc);
    for (int i = 1; i < argc; i++) {
        printf("argv[%d]=%s\n", i, argv[i]);
    }
    const char *v = getenv("JTCG_TEST_VAR");
    printf("JTCG_TEST_VAR=%s\n", v ? v : "(unset)");
    int n = 0;
    for (char **e = envp; *e; e++) {
        n++;
    }
    printf("envp has entries: %s\n", n > 0 ? "yes" : "no");
    printf("pagesz=%lu\n", getauxval(AT_PAGESZ));
    printf("random ok=%d\n", getauxval(AT_RANDOM) != 0);
    return 0;
}

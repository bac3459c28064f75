/* Issue 13: the environment in the order the caller gave it, `_` included. */
#include <stdio.h>

extern char **environ;

int main(void) {
    for (char **e = environ; *e; e++) printf("%s\n", *e);
    return 0;
}

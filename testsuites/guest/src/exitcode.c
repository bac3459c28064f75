/* Exits with the status given as argv[1] (default 42), via exit() or _exit() (argv[2] = "raw"). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
    int code = argc > 1 ? atoi(argv[1]) : 42;
    if (argc > 2 && strcmp(argv[2], "raw") == 0) {
        _exit(code);
    }
    exit(code);
}

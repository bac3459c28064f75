/* Issue 13: untouched anonymous memory must cost no host memory. Maps 8 x 1 GiB, touches one page per
 * GiB, and checks what it wrote; under jtcg this runs even when the JVM may use far less memory. */
#include <stdio.h>
#include <sys/mman.h>

#define GIB (1024L * 1024 * 1024)

int main(void) {
    char *maps[8];
    for (int i = 0; i < 8; i++) {
        maps[i] = mmap(NULL, GIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (maps[i] == MAP_FAILED) {
            printf("mmap %d failed\n", i);
            return 1;
        }
    }
    for (int i = 0; i < 8; i++) maps[i][(i * 4096L * 1021) % GIB] = (char) (i + 1);
    long sum = 0;
    for (int i = 0; i < 8; i++) sum += maps[i][(i * 4096L * 1021) % GIB] + maps[i][GIB - 1];
    printf("mapped 8 GiB, touched 8 pages, sum %ld\n", sum);
    return 0;
}

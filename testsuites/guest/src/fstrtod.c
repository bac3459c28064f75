/* strtod / strtof / strtold round trips on tricky inputs (halfway cases, denormals, hex floats, overflow). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *IN[] = {
    "0", "-0", "1", "0.1", "3.14159265358979323846", "2.2250738585072011e-308", "2.2250738585072012e-308",
    "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "1.7976931348623157e308",
    "1.7976931348623158e308", "1.7976931348623159e308", "1e309", "-1e-400", "9007199254740993",
    "9007199254740992.5", "9007199254740993.0000000001", "0x1.fffffffffffffp1023", "0x1p-1074", "0x1.8p1",
    "  +12.5e-1xyz", "inf", "-Infinity", "nan", "nan(0x123)", "1e23", "8.589973e9", "123456789012345678901234567890",
    "0.000000000000000000000000000000000000000000001", "3.4028235e38", "3.4028236e38", "1.17549435e-38",
    "1.4e-45", "7.0e-46", "0.30000000000000004", "1.00000000000000011102230246251565404236316680908203125",
    "1.000000000000000111022302462515654042363166809082031249", "6.02214076e23", "1e-4950", "1.18973149535723176502e4932",
    "1.18973149535723176508e4932", "3.36210314311209350626e-4932", "0x1.23456789abcdef0123p-16000",
};

int main(int argc, char **argv) {
    int reps = argc > 1 ? atoi(argv[1]) : 1;
    unsigned long h = 0;
    for (int r = 0; r < reps; r++) {
        for (unsigned i = 0; i < sizeof IN / sizeof IN[0]; i++) {
            char *end;
            errno = 0;
            double d = strtod(IN[i], &end);
            int e1 = errno;
            errno = 0;
            float f = strtof(IN[i], NULL);
            int e2 = errno;
            errno = 0;
            long double ld = strtold(IN[i], NULL);
            int e3 = errno;
            char b1[64], b2[64], b3[80];
            snprintf(b1, sizeof b1, "%.17g", d);
            snprintf(b2, sizeof b2, "%.9g", f);
            snprintf(b3, sizeof b3, "%.21Lg", ld);
            double back = strtod(b1, NULL);
            long double lback = strtold(b3, NULL);
            unsigned long long bits;
            memcpy(&bits, &d, 8);
            h = h * 1000003 + bits;
            if (r == 0)
                printf("%-40s d=%s f=%s ld=%s end=%td errno=%d,%d,%d rt=%d,%d\n", IN[i], b1, b2, b3, end - IN[i], e1, e2, e3,
                       back == d || d != d, lback == ld || ld != ld);
        }
    }
    printf("hash=%lx\n", h);
    return 0;
}

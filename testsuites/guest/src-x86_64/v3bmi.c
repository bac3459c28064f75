/* x86-64-v3 integer extensions (issue 15): LZCNT, MOVBE, BMI1 (andn bextr blsi blsmsk blsr tzcnt) and BMI2
 * (bzhi mulx pdep pext rorx sarx shlx shrx) through the gcc intrinsics and code gcc generates with
 * -mbmi -mbmi2 -mlzcnt -mmovbe (variable shifts become shlx/sarx/shrx, constant rotates rorx, 128-bit
 * products mulx, byte-swapped loads movbe), plus the flags each BMI1/BZHI/LZCNT/TZCNT form defines, read
 * with pushf. One checksum line per instruction over edge and pseudo-random inputs. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <immintrin.h>

static const uint64_t EDGE[] = {0, 1, 2, 3, 0x7f, 0x80, 0xff, 0x100, 0xffff, 0x8000, 0x7fffffff, 0x80000000,
    0xffffffff, 0x100000000ull, 0x7fffffffffffffffull, 0x8000000000000000ull, 0xffffffffffffffffull,
    0x5555555555555555ull, 0xaaaaaaaaaaaaaaaaull, 0x0f0f0f0f0f0f0f0full, 0x1234567890abcdefull, 0x3f, 0x40, 0x41,
    0x1f, 0x20, 0x21, 0x3f3f, 0x2010, 0x4004, 0xff08, 0x0820};
#define NE (sizeof EDGE / sizeof EDGE[0])

static uint64_t state = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void) {
    state ^= state << 13; state ^= state >> 7; state ^= state << 17;
    return state;
}

static uint64_t mix(uint64_t h, uint64_t v) {
    h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    return h;
}

/* flags (OF SF ZF CF; AF and PF are undefined for these instructions, and bextr's SF) after "insn %2, %1, %0" */
#define FL(insn, d, a, b) ({ uint64_t _f; __asm__ volatile(insn " %3, %2, %1\n\tpushfq\n\tpopq %0" \
        : "=r"(_f), "=&r"(d) : "r"(a), "r"(b) : "cc"); _f & 0x8c1; })
#define FL2(insn, d, a) ({ uint64_t _f; __asm__ volatile(insn " %2, %1\n\tpushfq\n\tpopq %0" \
        : "=r"(_f), "=&r"(d) : "r"(a) : "cc"); _f & 0x8c1; })

static uint64_t in(int i, int which) {
    if (i < (int) (NE * NE)) return which ? EDGE[i % NE] : EDGE[i / NE];
    return rnd() >> (rnd() & 63);
}

int main(void) {
    const int N = NE * NE + 400;
    uint64_t h[32] = {0};
    const char *name[32] = {"andn", "bextr", "blsi", "blsmsk", "blsr", "tzcnt", "lzcnt", "bzhi", "mulx", "pdep",
        "pext", "rorx", "sarx", "shlx", "shrx", "movbe", "andn-flags", "bextr-flags", "blsi-flags", "blsmsk-flags",
        "blsr-flags", "bzhi-flags", "tzcnt-flags", "lzcnt-flags", "popcnt"};
    int names = 25;
    for (int i = 0; i < N; i++) {
        uint64_t a = in(i, 0), b = in(i, 1);
        uint32_t a32 = (uint32_t) a, b32 = (uint32_t) b;
        h[0] = mix(mix(h[0], _andn_u64(a, b)), _andn_u32(a32, b32));
        h[1] = mix(mix(h[1], _bextr_u64(a, b & 0xff, (b >> 8) & 0xff)), __bextr_u32(a32, b32));
        h[1] = mix(h[1], __bextr_u64(a, b));
        h[2] = mix(mix(h[2], _blsi_u64(a)), _blsi_u32(a32));
        h[3] = mix(mix(h[3], _blsmsk_u64(a)), _blsmsk_u32(a32));
        h[4] = mix(mix(h[4], _blsr_u64(a)), _blsr_u32(a32));
        h[5] = mix(mix(h[5], _tzcnt_u64(a)), _tzcnt_u32(a32));
        h[6] = mix(mix(h[6], _lzcnt_u64(a)), _lzcnt_u32(a32));
        h[7] = mix(mix(h[7], _bzhi_u64(a, (unsigned) b)), _bzhi_u32(a32, b32));
        unsigned long long hi64; unsigned int hi32;
        h[8] = mix(mix(h[8], _mulx_u64(a, b, &hi64)), hi64);
        { uint32_t lo32; __asm__("mulx %3, %0, %1" : "=r"(lo32), "=r"(hi32) : "d"(a32), "rm"(b32)); h[8] = mix(mix(h[8], lo32), hi32); }
        h[9] = mix(mix(h[9], _pdep_u64(a, b)), _pdep_u32(a32, b32));
        h[10] = mix(mix(h[10], _pext_u64(a, b)), _pext_u32(a32, b32));
        h[11] = mix(mix(h[11], (a >> 13) | (a << 51)), (a32 >> 7) | (a32 << 25));
        unsigned s = (unsigned) b;
        h[12] = mix(mix(h[12], (uint64_t) ((int64_t) a >> (s & 63))), (uint32_t) ((int32_t) a32 >> (s & 31)));
        h[13] = mix(mix(h[13], a << (s & 63)), a32 << (s & 31));
        h[14] = mix(mix(h[14], a >> (s & 63)), a32 >> (s & 31));
        uint64_t mem = a; uint32_t mem32 = a32;
        uint64_t be; uint32_t be32;
        __asm__ volatile("movbe %1, %0" : "=r"(be) : "m"(mem));
        __asm__ volatile("movbe %1, %0" : "=r"(be32) : "m"(mem32));
        __asm__ volatile("movbe %1, %0" : "=m"(mem) : "r"(b));
        h[15] = mix(mix(mix(h[15], be), be32), mem);
        uint64_t d;
        h[16] = mix(mix(h[16], FL("andn", d, a, b)), d);
        h[17] = mix(mix(h[17], FL("bextr", d, b, a) & ~0x80ull), d); /* SF undefined */
        h[18] = mix(mix(h[18], FL2("blsi", d, a)), d);
        h[19] = mix(mix(h[19], FL2("blsmsk", d, a)), d);
        h[20] = mix(mix(h[20], FL2("blsr", d, a)), d);
        h[21] = mix(mix(h[21], FL("bzhi", d, b, a)), d);
        h[22] = mix(mix(h[22], FL2("tzcnt", d, a)), d);
        h[23] = mix(mix(h[23], FL2("lzcnt", d, a)), d);
        h[24] = mix(h[24], (uint64_t) __builtin_popcountll(a));
    }
    for (int k = 0; k < names; k++) printf("%-13s %016llx\n", name[k], (unsigned long long) h[k]);
    return 0;
}

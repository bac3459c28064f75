package org.jtcg.x86.cpuid;

import java.util.List;

/**
 * The cache hierarchy CPUID describes (leaves 2, 4 and 0x8000_0006), so that glibc's cache probe
 * (sysdeps/x86/dl-cacheinfo.h, Intel path) finds sizes and derives sane memcpy/memset thresholds
 * (non-temporal threshold = 3/4 of the shared cache per thread). A Nehalem/Haswell-like geometry:
 * 32 KiB L1d and L1i, 256 KiB L2 per core, 8 MiB shared L3, 64-byte lines, one logical processor.
 * The sizes are what the guest tunes for, not the host's caches.
 */
final class CpuCaches {
    private CpuCaches() {}

    /** Leaf 4 cache types. */
    private static final int DATA = 1, INSTRUCTION = 2, UNIFIED = 3;
    static final int LINE = 64;

    /** One cache: level, type, ways, sets (size = ways x sets x 64). */
    record Cache(int level, int type, int ways, int sets) {
        long sizeBytes() {
            return (long) ways * sets * LINE;
        }
    }

    static final List<Cache> CACHES = List.of(
            new Cache(1, DATA, 8, 64),           // 32 KiB
            new Cache(1, INSTRUCTION, 8, 64),    // 32 KiB
            new Cache(2, UNIFIED, 8, 512),       // 256 KiB
            new Cache(3, UNIFIED, 16, 8192));    // 8 MiB

    /**
     * Leaf 2: AL = 1 (one round), and the single descriptor byte 0xff, "leaf 4 describes the caches"
     * (SDM table 3-12); the other bytes are null descriptors.
     */
    static CpuidModel.Answer leaf2() {
        return new CpuidModel.Answer(0x0000_ff01, 0, 0, 0);
    }

    /** Leaf 4, subleaf n: deterministic parameters of cache n, then a null entry (type 0) ending the list. */
    static CpuidModel.Answer leaf4(int subleaf) {
        if (subleaf < 0 || subleaf >= CACHES.size()) {
            return new CpuidModel.Answer(0, 0, 0, 0);
        }
        Cache c = CACHES.get(subleaf);
        // EAX: type, level, self-initialising (bit 8), fully associative no; sharing threads - 1 = 0, cores - 1 = 0.
        int eax = c.type | (c.level << 5) | (1 << 8);
        // EBX: line size - 1, partitions - 1 (0), ways - 1.
        int ebx = (LINE - 1) | ((c.ways - 1) << 22);
        int ecx = c.sets - 1;
        // EDX bit 1: inclusive of lower levels (the L3 of these generations is inclusive).
        int edx = c.level == 3 ? 1 << 1 : 0;
        return new CpuidModel.Answer(eax, ebx, ecx, edx);
    }

    /** Leaf 0x8000_0006 (Intel form): ECX = L2 size in KiB (31:16), associativity code (15:12, 6 = 8-way), line size. */
    static CpuidModel.Answer ext6() {
        Cache l2 = CACHES.get(2);
        int ecx = ((int) (l2.sizeBytes() / 1024) << 16) | (6 << 12) | LINE;
        return new CpuidModel.Answer(0, 0, ecx, 0);
    }

    /** Number of leaf 4 subleaves including the terminating null one (for the KVM table). */
    static int leaf4Count() {
        return CACHES.size() + 1;
    }
}

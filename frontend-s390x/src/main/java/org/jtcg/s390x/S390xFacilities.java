package org.jtcg.s390x;

/**
 * What this frontend tells the guest it implements: the STFLE facility list and AT_HWCAP. Only
 * facilities whose instructions the translator implements are listed, because glibc picks its
 * string-function variants (ifuncs) from these bits.
 */
public final class S390xFacilities {
    private S390xFacilities() {}

    /**
     * Facility bits (Principles of Operation, "Facility Indications"): 0 N3 instructions, 1 z/Architecture
     * installed, 2 z/Architecture active, 7 STFLE, 18 long displacement, 21 extended immediate,
     * 25 store-clock-fast (STCKF), 32 compare-and-swap-and-store (CSST: static glibc does not use it; not
     * implemented, not listed), 34 general-instructions extension (including compare-and-trap), 35 execute
     * extensions (EXRL), 37 floating-point extension (the -A conversions with M3/M4, the logical conversions,
     * FIxBRA, SRNMB, BFP rounding mode 7), 41 floating-point-support enhancements (FPR-GR transfer LGDR/LDGR,
     * sign handling CPSDR/LCDFR/LNDFR/LPDFR, DFP rounding SRNMT and FPC bits 25-27; no DFP facility, 42, so no
     * DFP arithmetic), 45 distinct-operands, load/store-on-condition 1, population count, interlocked-access 1,
     * high-word (the bit covers all five, all implemented).
     */
    public static final int[] FACILITY_BITS = {0, 1, 2, 7, 18, 21, 25, 34, 35, 37, 41, 45};

    /** The facility list as STFLE stores it: doublewords, bit 0 = most significant bit of the first. */
    public static long[] facilityList() {
        long[] words = new long[1];
        for (int bit : FACILITY_BITS) {
            words[bit / 64] |= 1L << (63 - bit % 64);
        }
        return words;
    }

    /** AT_HWCAP bits (asm/elf.h HWCAP_S390_*). */
    public static final long HWCAP_ESAN3 = 1, HWCAP_ZARCH = 2, HWCAP_STFLE = 4, HWCAP_LDISP = 16, HWCAP_EIMM = 32,
            HWCAP_HIGH_GPRS = 512;

    public static final long HWCAP = HWCAP_ESAN3 | HWCAP_ZARCH | HWCAP_STFLE | HWCAP_LDISP | HWCAP_EIMM | HWCAP_HIGH_GPRS;
}

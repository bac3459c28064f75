package org.jtcg.s390x.translate;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.s390x.S390xCpu;
import org.jtcg.s390x.S390xFacilities;

/** Helpers for STFLE and STORE CLOCK. */
public final class SystemHelpers {
    private SystemHelpers() {}

    /** Seconds from the TOD epoch (1900-01-01 UTC) to the Unix epoch. */
    static final long TOD_UNIX_OFFSET_SECONDS = 2_208_988_800L;

    /**
     * STFLE: r0's low byte says how many doublewords the program provided, less one. Stores as many of
     * the facility list as fit; r0's low byte becomes the list's length less one; CC 0 when all fit, else 3.
     */
    public static void stfle(CpuState state, long addr) {
        S390xCpu cpu = (S390xCpu) state;
        long[] list = S390xFacilities.facilityList();
        int room = (int) (cpu.r0 & 0xff) + 1;
        for (int i = 0; i < Math.min(room, list.length); i++) {
            cpu.memory().store(addr + 8L * i, 8, list[i], true);
        }
        cpu.r0 = (cpu.r0 & ~0xffL) | (list.length - 1);
        cpu.setCc(room >= list.length ? 0 : 3);
    }

    /** The TOD clock: bit 51 counts microseconds since 1900-01-01 UTC. */
    public static long todClock() {
        long micros = System.currentTimeMillis() * 1000 + (System.nanoTime() / 1000) % 1000;
        return (micros + TOD_UNIX_OFFSET_SECONDS * 1_000_000L) << 12;
    }
}

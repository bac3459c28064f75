package org.jtcg.s390x;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /proc/cpuinfo on s390x: the features of AT_HWCAP, the STFLE facilities, one processor line per CPU. */
class S390xCpuInfoTest {
    @Test
    void featuresAndFacilitiesAreWhatTheGuestIsTold() {
        String text = new S390xLinuxAbi().cpuinfo(2);
        assertTrue(text.contains("features\t: esan3 zarch stfle ldisp eimm highgprs \n"), text);
        assertTrue(text.contains("facilities      : 0 1 2 7 18 21 25 34 35 37 41 45\n"), text);
        assertTrue(text.contains("# processors    : 2\n"), text);
        assertEquals(2, text.lines().filter(l -> l.startsWith("processor ")).count(), text);
    }
}

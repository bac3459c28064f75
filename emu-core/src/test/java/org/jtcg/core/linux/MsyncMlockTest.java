package org.jtcg.core.linux;

import org.junit.jupiter.api.Test;

import static org.jtcg.core.linux.SyscallFixture.SCRATCH;
import static org.jtcg.core.linux.SyscallFixture.SCRATCH_SIZE;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * msync and the mlock family do no work in jtcg (nothing to write back, JVM memory cannot be pinned) but
 * check their arguments as Linux does. Numbers are the ABI's: MS_ASYNC 1, MS_INVALIDATE 2, MS_SYNC 4,
 * MCL_CURRENT 1, MCL_FUTURE 2, MCL_ONFAULT 4; EINVAL 22, ENOMEM 12.
 */
class MsyncMlockTest {
    final SyscallFixture f = new SyscallFixture();
    static final long UNMAPPED = 0x7000_0000L;

    @Test
    void msyncChecksFlagsAlignmentAndMapping() {
        assertEquals(0, f.call("msync", SCRATCH, 0x2000, 4));
        assertEquals(0, f.call("msync", SCRATCH, 0x2000, 1 | 2));
        assertEquals(-22, f.call("msync", SCRATCH, 0x2000, 1 | 4), "MS_ASYNC with MS_SYNC");
        assertEquals(-22, f.call("msync", SCRATCH, 0x2000, 8), "unknown flag");
        assertEquals(-22, f.call("msync", SCRATCH + 1, 0x10, 4), "unaligned address");
        assertEquals(-12, f.call("msync", UNMAPPED, 0x1000, 4), "unmapped");
        assertEquals(-12, f.call("msync", SCRATCH, SCRATCH_SIZE + 0x1000, 4), "runs past the mapping");
    }

    @Test
    void mlockChecksTheRangeIsMapped() {
        assertEquals(0, f.call("mlock", SCRATCH + 5, 0x1000));
        assertEquals(0, f.call("munlock", SCRATCH + 5, 0x1000));
        assertEquals(-12, f.call("mlock", UNMAPPED, 0x1000));
        assertEquals(-12, f.call("munlock", SCRATCH + SCRATCH_SIZE - 0x10, 0x20), "the last bytes are past the mapping");
    }

    @Test
    void mlockallChecksItsFlags() {
        assertEquals(0, f.call("mlockall", 1 | 2));
        assertEquals(0, f.call("mlockall", 1 | 4));
        assertEquals(-22, f.call("mlockall", 0));
        assertEquals(-22, f.call("mlockall", 4), "MCL_ONFAULT alone");
        assertEquals(-22, f.call("mlockall", 8));
        assertEquals(0, f.call("munlockall"));
    }
}

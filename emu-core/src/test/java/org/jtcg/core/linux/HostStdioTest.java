package org.jtcg.core.linux;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;

import static org.junit.jupiter.api.Assertions.*;

class HostStdioTest {
    @Test
    void theLaunchersListDecidesAndAClosedFdIsEbadfInTheGuest() {
        String old = System.getProperty(HostStdio.PROPERTY);
        try {
            System.setProperty(HostStdio.PROPERTY, "0,2");
            assertFalse(HostStdio.open(0));
            assertTrue(HostStdio.open(1));
            assertFalse(HostStdio.open(2));
            LinuxProcess p = new LinuxProcess(new TestMemory(), new TestAbi(), null, new ByteArrayOutputStream(), null);
            assertFalse(p.fds().isOpen(0), "closed by the caller: EBADF, not a JVM file");
            assertTrue(p.fds().isOpen(1), "an injected stream is always there");
            assertFalse(p.fds().isOpen(2));
            System.setProperty(HostStdio.PROPERTY, "");
            assertTrue(HostStdio.open(0) && HostStdio.open(1) && HostStdio.open(2), "empty list: all open");
        } finally {
            if (old == null) System.clearProperty(HostStdio.PROPERTY); else System.setProperty(HostStdio.PROPERTY, old);
        }
    }
}

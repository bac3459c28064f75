package org.jtcg.cli;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CallerEnvironmentTest {
    @Test
    void splitKeepsOrderEmptyValuesAndUnderscore() {
        byte[] block = "ZED=z\0A=\0_=/usr/bin/env\0B=x=y\0".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("ZED=z", "A=", "_=/usr/bin/env", "B=x=y"), CallerEnvironment.split(block));
        assertEquals(List.of("ONE=1"), CallerEnvironment.split("ONE=1".getBytes(StandardCharsets.UTF_8)), "no final NUL");
        assertEquals(List.of(), CallerEnvironment.split(new byte[0]));
    }

    @Test
    void theLaunchersBlockWinsOverTheJvmsOwn() {
        String old = System.getProperty(CallerEnvironment.PROPERTY);
        try {
            System.setProperty(CallerEnvironment.PROPERTY,
                    Base64.getEncoder().encodeToString("Z=last\0_=/caller\0A=first\0".getBytes(StandardCharsets.UTF_8)));
            assertEquals(List.of("Z=last", "_=/caller", "A=first"), CallerEnvironment.entries());
            System.setProperty(CallerEnvironment.PROPERTY, "not base64 !!");
            assertEquals(CallerEnvironment.split(readSelfEnviron()), CallerEnvironment.entries(), "falls back to /proc/self/environ");
        } finally {
            if (old == null) System.clearProperty(CallerEnvironment.PROPERTY); else System.setProperty(CallerEnvironment.PROPERTY, old);
        }
    }

    private static byte[] readSelfEnviron() {
        try {
            return java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/self/environ"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package org.jtcg.core.linux;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Which of the host's fds 0, 1 and 2 the caller of jtcg really gave it. A program started with one of
 * them closed ({@code prog <&-}, {@code >&-}) must find it closed (EBADF), but the JVM opens files of
 * its own at start-up and the kernel hands them the lowest free numbers, so a closed fd 0 of the caller
 * is the JDK's {@code lib/modules} by the time jtcg runs. Two sources, in this order:
 * <ol>
 * <li>the system property {@value #PROPERTY}, set by the {@code jtcg} launcher, which probes 0-2 before
 * java starts (a comma-separated list of the closed ones, possibly empty); the launcher also puts
 * /dev/null there, so the JVM's own files never take those numbers;</li>
 * <li>without it (java started directly): an fd whose target is a file the JVM opened itself (under
 * {@code java.home}, or a jar/class-path entry or CDS archive) counts as closed. Best effort: the JVM also
 * keeps a /dev/null of its own open, which lands on a second closed fd and cannot be told from a caller's
 * {@code >/dev/null}; only the launcher's probe is exact.</li>
 * </ol>
 */
public final class HostStdio {
    /** System property naming the fds 0-2 closed when jtcg was started, e.g. {@code "0"} or {@code "1,2"}. */
    public static final String PROPERTY = "jtcg.closedStdio";

    private HostStdio() {}

    /** True when host fd {@code fd} (0, 1 or 2) was open when jtcg was started. */
    public static boolean open(int fd) {
        String given = System.getProperty(PROPERTY);
        if (given != null) {
            for (String s : given.split(",")) {
                if (s.trim().equals(Integer.toString(fd))) return false;
            }
            return true;
        }
        Path link = Path.of("/proc/self/fd/" + fd);
        String target;
        try {
            target = Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            // the fd is really closed (readlink fails with ENOENT), or there is no /proc to ask: assume open
            return !Files.isDirectory(Path.of("/proc/self/fd"));
        }
        return !jvmOwnFiles().contains(target) && !target.startsWith(javaHome() + "/") && !target.endsWith(".jsa");
    }

    private static String javaHome() {
        return Path.of(System.getProperty("java.home", "/nonexistent")).toAbsolutePath().normalize().toString();
    }

    /** Class-path entries (jars the JVM keeps open), as absolute paths. */
    private static Set<String> jvmOwnFiles() {
        Set<String> out = new HashSet<>();
        String cp = System.getProperty("java.class.path", "");
        for (String e : cp.split(File.pathSeparator)) {
            if (!e.isEmpty()) out.add(Path.of(e).toAbsolutePath().normalize().toString());
        }
        return out;
    }
}

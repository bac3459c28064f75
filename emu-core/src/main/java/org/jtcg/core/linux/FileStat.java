package org.jtcg.core.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What stat(2) reports about a host file, read through the JDK's "unix:*" file attribute view
 * (Linux JDKs provide ino, dev, mode, nlink, uid, gid, rdev, size, times). st_blksize and
 * st_blocks are not exposed by the JDK: they are derived ({@link #estimatedBlocks}).
 */
public record FileStat(long dev, long ino, int mode, long nlink, int uid, int gid, long rdev, long size,
                       long blksize, long blocks, long atimeSec, long atimeNsec, long mtimeSec, long mtimeNsec,
                       long ctimeSec, long ctimeNsec) {
    public static final int S_IFMT = 0170000, S_IFSOCK = 0140000, S_IFLNK = 0120000, S_IFREG = 0100000,
            S_IFBLK = 060000, S_IFDIR = 040000, S_IFCHR = 020000, S_IFIFO = 010000;

    /** stat (follow = true) or lstat (follow = false) of a host path. */
    public static FileStat of(Path path, boolean follow) throws IOException {
        LinkOption[] opts = follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        Map<String, Object> a = Files.readAttributes(path, "unix:*", opts);
        long size = ((Number) a.get("size")).longValue();
        FileTime at = (FileTime) a.get("lastAccessTime");
        FileTime mt = (FileTime) a.get("lastModifiedTime");
        FileTime ct = (FileTime) a.get("ctime");
        return new FileStat(num(a, "dev"), num(a, "ino"), (int) num(a, "mode"), num(a, "nlink"),
                (int) num(a, "uid"), (int) num(a, "gid"), num(a, "rdev"), size, BLKSIZE,
                estimatedBlocks((int) num(a, "mode"), size),
                sec(at), nsec(at), sec(mt), nsec(mt), sec(ct), nsec(ct));
    }

    /**
     * A made-up stat for objects without a host path (in-process pipes, injected streams). Its
     * times are the JVM's start time, not "now": the same object stats the same way every time,
     * so two guests run side by side (jtcg diff) see identical results.
     */
    public static FileStat synthetic(int mode, long size, int uid, int gid) {
        long now = JVM_START_MILLIS;
        return new FileStat(0, 0, mode, 1, uid, gid, 0, size, BLKSIZE, estimatedBlocks(mode, size),
                now / 1000, (now % 1000) * 1_000_000, now / 1000, (now % 1000) * 1_000_000, now / 1000, (now % 1000) * 1_000_000);
    }

    /*
     * The process's start time (from /proc through ProcessHandle), not java.lang.management's RuntimeMXBean: setting
     * that up (its native library, the platform MXBean registry) cost every guest that fstat's a pipe ~5 ms.
     */
    private static final long JVM_START_MILLIS = ProcessHandle.current().info().startInstant()
            .map(java.time.Instant::toEpochMilli).orElseGet(System::currentTimeMillis);

    /** st_blksize reported for every file (the page size; what ext4, xfs and tmpfs report). */
    static final long BLKSIZE = 4096;

    /**
     * st_blocks (512-byte units) for a file the JDK cannot tell us about: regular files and
     * directories are assumed fully allocated in whole 4 KiB blocks, as on ext4, xfs and tmpfs (so
     * {@code ls -l}'s "total" and {@code du} match the host for non-sparse files); other kinds
     * (symlinks, devices, fifos, sockets) hold no data blocks. Sparse files report too many.
     */
    static long estimatedBlocks(int mode, long size) {
        int type = mode & S_IFMT;
        if (type != S_IFREG && type != S_IFDIR) return 0;
        return (size + BLKSIZE - 1) / BLKSIZE * (BLKSIZE / 512);
    }

    private static long num(Map<String, Object> a, String key) {
        Object v = a.get(key);
        return v == null ? 0 : ((Number) v).longValue();
    }

    private static long sec(FileTime t) {
        return t == null ? 0 : Math.floorDiv(t.to(TimeUnit.NANOSECONDS), 1_000_000_000L);
    }

    private static long nsec(FileTime t) {
        return t == null ? 0 : Math.floorMod(t.to(TimeUnit.NANOSECONDS), 1_000_000_000L);
    }

    public boolean isDirectory() {
        return (mode & S_IFMT) == S_IFDIR;
    }

    /** Linux DT_* directory entry type for this mode. */
    public int direntType() {
        return (mode & S_IFMT) >>> 12;
    }

    /** glibc/Linux dev_t encoding: major. */
    public static long major(long dev) {
        return ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
    }

    /** glibc/Linux dev_t encoding: minor. */
    public static long minor(long dev) {
        return (dev & 0xff) | ((dev >>> 12) & ~0xffL);
    }
}

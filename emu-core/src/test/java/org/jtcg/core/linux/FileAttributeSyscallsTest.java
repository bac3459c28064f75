package org.jtcg.core.linux;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.jtcg.core.linux.SyscallFixture.BAD;
import static org.jtcg.core.linux.SyscallFixture.SCRATCH;
import static org.junit.jupiter.api.Assertions.*;

/** chmod/chown/utimensat/utimes families and link/linkat against a temp dir. */
class FileAttributeSyscallsTest {
    static final long AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100, AT_SYMLINK_FOLLOW = 0x400;
    static final long UTIME_NOW = (1L << 30) - 1, UTIME_OMIT = (1L << 30) - 2;

    @TempDir Path dir;
    final SyscallFixture f = new SyscallFixture();
    final long path = SCRATCH, path2 = SCRATCH + 0x1000, buf = SCRATCH + 0x2000;

    private int mode(Path p) throws Exception {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    private long open(Path p, int flags) {
        return f.call("openat", AT_FDCWD, f.str(path, p.toString()), flags, 0644);
    }

    @Test
    void chmodFamilySetsAllTwelveModeBits() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "x");
        assertEquals(0, f.call("chmod", f.str(path, file.toString()), 0640));
        assertEquals(0640, mode(file));
        assertEquals(0, f.call("chdir", f.str(path2, dir.toString())));
        assertEquals(0, f.call("fchmodat", AT_FDCWD, f.str(path, "f"), 01755), "relative to the guest cwd");
        assertEquals(01755, mode(file), "sticky bit kept");
        long fd = open(file, 0);
        assertEquals(0, f.call("fchmod", fd, 0600));
        assertEquals(0600, mode(file));
        assertEquals(-Errno.ENOENT, f.call("chmod", f.str(path, dir + "/missing"), 0600));
        assertEquals(-Errno.ENOTDIR, f.call("chmod", f.str(path, file + "/below"), 0600));
        assertEquals(-Errno.EFAULT, f.call("chmod", BAD, 0600));
        assertEquals(-Errno.EBADF, f.call("fchmod", 99, 0600));
        assertEquals(0, f.call("pipe", buf));
        assertEquals(0, f.call("fchmod", f.u32(buf), 0600), "a pipe has no host inode: no effect, no error");
    }

    @Test
    void chownKeepsIdsPassedAsMinusOneAndLchownDoesNotFollow() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("l"), file);
        int uid = (Integer) Files.getAttribute(file, "unix:uid"), gid = (Integer) Files.getAttribute(file, "unix:gid");
        // Only root can give a file away; everyone can "change" to their own ids.
        boolean root = "root".equals(System.getProperty("user.name"));
        int newGid = root ? 4321 : gid;
        assertEquals(0, f.call("chown", f.str(path, file.toString()), 0xffff_ffffL, newGid));
        assertEquals(uid, Files.getAttribute(file, "unix:uid"), "uid -1 unchanged");
        assertEquals(newGid, Files.getAttribute(file, "unix:gid"));
        if (root) {
            assertEquals(0, f.call("lchown", f.str(path, link.toString()), 1234, -1));
            assertEquals(1234, Files.getAttribute(link, "unix:uid", LinkOption.NOFOLLOW_LINKS));
            assertEquals(uid, Files.getAttribute(file, "unix:uid"), "the target is untouched");
            assertEquals(0, f.call("fchownat", AT_FDCWD, f.str(path, link.toString()), 99, 98, 0));
            assertEquals(99, Files.getAttribute(file, "unix:uid"), "fchownat without NOFOLLOW follows");
            assertEquals(0, f.call("fchown", open(file, 0), 7, 8));
            assertEquals(7, Files.getAttribute(file, "unix:uid"));
            assertEquals(8, Files.getAttribute(file, "unix:gid"));
        }
        assertEquals(-Errno.EINVAL, f.call("fchownat", AT_FDCWD, f.str(path, file.toString()), -1, -1, 0x4));
        assertEquals(-Errno.ENOENT, f.call("chown", f.str(path, dir + "/missing"), -1, -1));
    }

    private void timespecs(long at, long atSec, long atNsec, long mtSec, long mtNsec) {
        f.mem.store(at, 8, atSec, false);
        f.mem.store(at + 8, 8, atNsec, false);
        f.mem.store(at + 16, 8, mtSec, false);
        f.mem.store(at + 24, 8, mtNsec, false);
    }

    private static Instant mtime(Path p) throws Exception {
        return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant();
    }

    private static Instant atime(Path p) throws Exception {
        return ((FileTime) Files.getAttribute(p, "lastAccessTime")).toInstant();
    }

    @Test
    void utimensatSetsOmitsAndNowsTimes() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "x");
        long p = f.str(path, file.toString());
        timespecs(buf, 1_000_000_000L, 5, 1_234_567_890L, 123_456_789);
        assertEquals(0, f.call("utimensat", AT_FDCWD, p, buf, 0));
        assertEquals(Instant.ofEpochSecond(1_234_567_890L, 123_456_789), mtime(file));
        assertEquals(Instant.ofEpochSecond(1_000_000_000L, 5), atime(file));
        timespecs(buf, 0, UTIME_OMIT, 42, 0);
        assertEquals(0, f.call("utimensat", AT_FDCWD, p, buf, 0));
        assertEquals(Instant.ofEpochSecond(42), mtime(file));
        assertEquals(Instant.ofEpochSecond(1_000_000_000L, 5), atime(file), "UTIME_OMIT keeps the access time");
        Instant before = Instant.now().minusSeconds(5);
        timespecs(buf, 7, 0, 0, UTIME_NOW);
        long fd = open(file, 0);
        assertEquals(0, f.call("utimensat", fd, 0, buf, 0), "NULL path: the fd itself (futimens)");
        assertTrue(mtime(file).isAfter(before), "UTIME_NOW");
        assertEquals(Instant.ofEpochSecond(7), atime(file));
        timespecs(buf, 0, 1_000_000_000L, 0, 0);
        assertEquals(-Errno.EINVAL, f.call("utimensat", AT_FDCWD, p, buf, 0), "tv_nsec out of range");
        assertEquals(-Errno.EINVAL, f.call("utimensat", AT_FDCWD, p, 0, 0x4));
        assertEquals(-Errno.EFAULT, f.call("utimensat", AT_FDCWD, p, BAD, 0));
        assertEquals(-Errno.ENOENT, f.call("utimensat", AT_FDCWD, f.str(path, dir + "/missing"), 0, 0));
        Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(3)));
        assertEquals(0, f.call("utimensat", AT_FDCWD, f.str(path, file.toString()), 0, 0), "NULL times: both now");
        assertTrue(mtime(file).isAfter(before));
    }

    @Test
    void utimensatNoFollowChangesTheLinkAndUtimesTakesMicroseconds() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("l"), file);
        Files.setLastModifiedTime(file, FileTime.from(Instant.ofEpochSecond(100)));
        timespecs(buf, 5, 0, 6, 0);
        assertEquals(0, f.call("utimensat", AT_FDCWD, f.str(path, link.toString()), buf, AT_SYMLINK_NOFOLLOW));
        assertEquals(Instant.ofEpochSecond(6), mtime(link));
        assertEquals(Instant.ofEpochSecond(100), mtime(file));
        timespecs(buf, 10, 20, 30, 999_999);
        assertEquals(0, f.call("utimes", f.str(path, link.toString()), buf));
        assertEquals(Instant.ofEpochSecond(30, 999_999_000), mtime(file), "utimes follows; timeval is in microseconds");
        timespecs(buf, 10, 1_000_000, 30, 0);
        assertEquals(-Errno.EINVAL, f.call("utimes", f.str(path, file.toString()), buf));
    }

    @Test
    void linkMakesHardLinksAndLinkatFollowsOnRequest() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "data");
        Path sym = Files.createSymbolicLink(dir.resolve("s"), file);
        assertEquals(0, f.call("link", f.str(path, file.toString()), f.str(path2, dir + "/h")));
        assertEquals(Files.getAttribute(file, "unix:ino"), Files.getAttribute(dir.resolve("h"), "unix:ino"));
        assertEquals(2, Files.getAttribute(file, "unix:nlink"));
        assertEquals(-Errno.EEXIST, f.call("link", f.str(path, file.toString()), f.str(path2, dir + "/h")));
        assertEquals(-Errno.ENOENT, f.call("link", f.str(path, dir + "/none"), f.str(path2, dir + "/h2")));
        assertEquals(-Errno.EPERM, f.call("link", f.str(path, dir.toString()), f.str(path2, dir + "/d2")), "no links to directories");
        assertEquals(0, f.call("linkat", AT_FDCWD, f.str(path, sym.toString()), AT_FDCWD, f.str(path2, dir + "/hs"), 0));
        assertTrue(Files.isSymbolicLink(dir.resolve("hs")), "without AT_SYMLINK_FOLLOW the link itself is linked");
        assertEquals(0, f.call("linkat", AT_FDCWD, f.str(path, sym.toString()), AT_FDCWD, f.str(path2, dir + "/hf"), AT_SYMLINK_FOLLOW));
        assertFalse(Files.isSymbolicLink(dir.resolve("hf")));
        assertEquals(3, Files.getAttribute(file, "unix:nlink"));
        assertEquals(-Errno.EINVAL, f.call("linkat", AT_FDCWD, f.str(path, file.toString()), AT_FDCWD, f.str(path2, dir + "/x"), 1));
    }

    @Test
    void syncAndSyncfs() {
        assertEquals(0, f.call("sync"));
        assertEquals(0, f.call("syncfs", 1));
        assertEquals(-Errno.EBADF, f.call("syncfs", 77));
    }
}

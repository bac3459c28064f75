package org.jtcg.core.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import java.util.Map;

/**
 * Extended attributes through the JDK's {@link UserDefinedFileAttributeView}, which reaches the host's
 * "user." namespace only: user.* attributes are real (get, list, set, remove; ENOTSUP where the host file
 * system has none); a name in another namespace (security.*, system.posix_acl_*, trusted.*) reads as absent
 * (ENODATA, what `ls -l` and `cp -a` see on a host without ACLs or SELinux labels) and cannot be set
 * (ENOTSUP); a name without a namespace is ENOTSUP, as on Linux. listxattr lists user.* names only.
 * The l* forms do not follow a final symlink (Linux allows no user.* attributes on symlinks). Host errors
 * (a file system without user attributes: EOPNOTSUPP) come through {@link Errno#of} by their strerror text.
 */
final class XattrSyscalls {
    static final int XATTR_CREATE = 1, XATTR_REPLACE = 2;
    /** Linux XATTR_NAME_MAX and XATTR_SIZE_MAX. */
    static final int NAME_MAX = 255, SIZE_MAX = 65536;
    private static final String USER = "user.";
    private static final List<String> NAMESPACES = List.of("user.", "security.", "system.", "trusted.");

    private final LinuxProcess proc;
    private final GuestIo io;
    private final FileSyscalls files;

    XattrSyscalls(LinuxProcess proc, FileSyscalls files) {
        this.proc = proc;
        this.io = proc.io();
        this.files = files;
    }

    void register(Map<String, SyscallHandler> m) {
        m.put("getxattr", a -> get(pathTarget(a[0], true), a[1], a[2], a[3]));
        m.put("lgetxattr", a -> get(pathTarget(a[0], false), a[1], a[2], a[3]));
        m.put("fgetxattr", a -> get(fdTarget((int) a[0]), a[1], a[2], a[3]));
        m.put("listxattr", a -> list(pathTarget(a[0], true), a[1], a[2]));
        m.put("llistxattr", a -> list(pathTarget(a[0], false), a[1], a[2]));
        m.put("flistxattr", a -> list(fdTarget((int) a[0]), a[1], a[2]));
        m.put("setxattr", a -> set(pathTarget(a[0], true), a[1], a[2], a[3], (int) a[4]));
        m.put("lsetxattr", a -> set(pathTarget(a[0], false), a[1], a[2], a[3], (int) a[4]));
        m.put("fsetxattr", a -> set(fdTarget((int) a[0]), a[1], a[2], a[3], (int) a[4]));
        m.put("removexattr", a -> remove(pathTarget(a[0], true), a[1]));
        m.put("lremovexattr", a -> remove(pathTarget(a[0], false), a[1]));
        m.put("fremovexattr", a -> remove(fdTarget((int) a[0]), a[1]));
    }

    /** A file whose attributes are asked for; {@code path} null for an fd without a host file (pipe, socket). */
    private record Target(Path path, boolean follow) {
        LinkOption[] options() {
            return follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        }

        /** User attributes of the file, or null where there can be none (no host file, a symlink itself). */
        UserDefinedFileAttributeView view() throws IOException {
            if (path == null) return null;
            if (!Files.exists(path, options())) throw new NoSuchFileException(path.toString());
            if (!follow && Files.isSymbolicLink(path)) return null;
            return Files.getFileAttributeView(path, UserDefinedFileAttributeView.class, options());
        }
    }

    private Target pathTarget(long pathAddr, boolean follow) {
        return new Target(files.resolve(FileSyscalls.AT_FDCWD, io.path(pathAddr)), follow);
    }

    private Target fdTarget(int fd) {
        return new Target(proc.fds().get(fd).path(), true);
    }

    /** The attribute name: ERANGE when empty or too long, ENOTSUP without a known namespace. */
    private String name(long addr) {
        byte[] b = io.readCStringMax(addr, NAME_MAX + 1);
        if (b.length == 0 || b.length > NAME_MAX) throw new SyscallException(Errno.ERANGE);
        String n = new String(b, StandardCharsets.UTF_8);
        if (NAMESPACES.stream().noneMatch(n::startsWith)) throw new SyscallException(Errno.ENOTSUP);
        return n;
    }

    long get(Target t, long nameAddr, long value, long size) throws IOException {
        String name = name(nameAddr);
        UserDefinedFileAttributeView v = t.view();
        if (!name.startsWith(USER) || v == null) throw new SyscallException(Errno.ENODATA);
        String key = name.substring(USER.length());
        if (!v.list().contains(key)) throw new SyscallException(Errno.ENODATA);
        ByteBuffer b = ByteBuffer.allocate(v.size(key));
        v.read(key, b);
        byte[] data = java.util.Arrays.copyOf(b.array(), b.position());
        if (size == 0) return data.length;
        if (size < data.length) throw new SyscallException(Errno.ERANGE);
        if (data.length > 0) io.putBytes(value, data, 0, data.length);
        return data.length;
    }

    long list(Target t, long out, long size) throws IOException {
        UserDefinedFileAttributeView v = t.view();
        StringBuilder names = new StringBuilder();
        if (v != null) {
            for (String k : v.list()) names.append(USER).append(k).append('\0');
        }
        byte[] b = names.toString().getBytes(StandardCharsets.UTF_8);
        if (size == 0) return b.length;
        if (size < b.length) throw new SyscallException(Errno.ERANGE);
        if (b.length > 0) io.putBytes(out, b, 0, b.length);
        return b.length;
    }

    long set(Target t, long nameAddr, long value, long size, int flags) throws IOException {
        if ((flags & ~(XATTR_CREATE | XATTR_REPLACE)) != 0) throw new SyscallException(Errno.EINVAL);
        String name = name(nameAddr);
        if (size < 0 || size > SIZE_MAX) throw new SyscallException(Errno.E2BIG);
        UserDefinedFileAttributeView v = t.view();
        if (!name.startsWith(USER) || v == null) throw new SyscallException(t.follow() || v != null ? Errno.ENOTSUP : Errno.EPERM);
        String key = name.substring(USER.length());
        byte[] data = io.bytes(value, (int) size);
        boolean exists = v.list().contains(key);
        if ((flags & XATTR_CREATE) != 0 && exists) throw new SyscallException(Errno.EEXIST);
        if ((flags & XATTR_REPLACE) != 0 && !exists) throw new SyscallException(Errno.ENODATA);
        v.write(key, ByteBuffer.wrap(data));
        return 0;
    }

    long remove(Target t, long nameAddr) throws IOException {
        String name = name(nameAddr);
        UserDefinedFileAttributeView v = t.view();
        if (!name.startsWith(USER) || v == null) throw new SyscallException(Errno.ENODATA);
        String key = name.substring(USER.length());
        if (!v.list().contains(key)) throw new SyscallException(Errno.ENODATA);
        v.delete(key);
        return 0;
    }
}

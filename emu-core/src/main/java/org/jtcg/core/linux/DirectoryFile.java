package org.jtcg.core.linux;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An open directory (for getdents64 and as a dirfd). The listing is taken on the first read,
 * "." and ".." first; lseek(fd, 0, SEEK_SET) rewinds and re-lists. Entries are not sorted
 * (host order), like Linux.
 */
public final class DirectoryFile extends OpenFile {
    /** One directory entry as getdents64 reports it. */
    public record Entry(long ino, int type, String name) {}

    private final Path path;
    /** Where the entries after "." and ".." come from when jtcg makes the directory up (null: the host's). */
    private final java.util.function.Supplier<List<Entry>> madeUp;
    private List<Entry> entries;
    private int next;

    public DirectoryFile(Path path, int statusFlags) {
        this(path, statusFlags, null);
    }

    /** A directory whose entries (besides "." and "..") jtcg makes up, e.g. /proc/self/fd; {@code path} is stat'ed. */
    DirectoryFile(Path path, int statusFlags, java.util.function.Supplier<List<Entry>> madeUp) {
        super(statusFlags);
        this.path = path;
        this.madeUp = madeUp;
    }

    /** The entries from the current position on (listing the directory on first use). */
    public List<Entry> remaining() throws IOException {
        if (entries == null) {
            List<Entry> list = new ArrayList<>();
            list.add(new Entry(FileStat.of(path, true).ino(), 4, "."));
            Path parent = path.getParent() != null ? path.getParent() : path;
            list.add(new Entry(FileStat.of(parent, true).ino(), 4, ".."));
            if (madeUp != null) {
                list.addAll(madeUp.get());
                entries = list;
                return entries.subList(next, entries.size());
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(path)) {
                for (Path p : ds) {
                    long ino = 0;
                    int type = 0;
                    try {
                        FileStat st = FileStat.of(p, false);
                        ino = st.ino();
                        type = st.direntType();
                    } catch (IOException e) {
                        // Vanished between listing and stat: report DT_UNKNOWN like a racing readdir.
                    }
                    list.add(new Entry(ino, type, p.getFileName().toString()));
                }
            }
            entries = list;
        }
        return entries.subList(next, entries.size());
    }

    /** Marks {@code n} more entries as consumed. */
    public void advance(int n) {
        next += n;
    }

    /** Position after the entries consumed so far (the d_off of the last one). */
    public int position() {
        return next;
    }

    @Override
    public int read(byte[] buf, int off, int len) {
        throw new SyscallException(Errno.EISDIR);
    }

    @Override
    public long seek(long offset, int whence) {
        if (whence != 0 || offset < 0) throw new SyscallException(Errno.EINVAL);
        if (offset == 0) entries = null;
        next = (int) Math.min(offset, entries == null ? 0 : entries.size());
        return next;
    }

    @Override
    public FileStat stat() throws IOException {
        return FileStat.of(path, true);
    }

    @Override public Path path() { return path; }
    @Override public boolean isDirectory() { return true; }

    @Override
    protected void closeHost() {
    }
}

package org.jtcg.core.linux;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * fcntl record locks (F_GETLK/F_SETLK/F_SETLKW and the OFD variants), one table for every guest process of
 * this JVM. The JDK cannot serve them: its FileLock throws OverlappingFileLockException for a second lock in
 * the same JVM and has no owners, while POSIX locks belong to a process and OFD locks to an open file
 * description, and two owners conflict where their ranges overlap and one of them writes.
 *
 * <p>Owners are {@link LinuxProcess} (POSIX locks) or {@link OpenFile} (OFD locks). A lock whose owner is
 * gone (exited process, closed description) is dropped the next time its file is looked at, so an owner's
 * end releases its locks without a hook on every exit path. Locks are not placed on the host: another host
 * process does not see them (docs/linux-user.md).
 */
public final class RecordLocks {
    /** The table shared by the guest processes of this JVM. */
    public static final RecordLocks JVM = new RecordLocks();

    /** A lock on [start, end) ({@code end} = Long.MAX_VALUE: to the end of the file, however it grows). */
    public record Lock(Object owner, long pid, boolean write, long start, long end) {
        boolean overlaps(long s, long e) {
            return start < e && s < end;
        }
    }

    private final Map<Object, List<Lock>> byFile = new HashMap<>();
    private final Predicate<Object> ownerAlive;

    public RecordLocks() {
        this(RecordLocks::alive);
    }

    RecordLocks(Predicate<Object> ownerAlive) {
        this.ownerAlive = ownerAlive;
    }

    private static boolean alive(Object owner) {
        if (owner instanceof LinuxProcess p) return !p.exited();
        if (owner instanceof OpenFile f) return !f.isClosed();
        return true;
    }

    /** The first lock of another owner that conflicts with {@code owner} locking [start, end), or null. */
    public synchronized Lock conflict(Object file, Object owner, boolean write, long start, long end) {
        for (Lock l : locks(file)) {
            if (l.owner() != owner && l.overlaps(start, end) && (write || l.write())) return l;
        }
        return null;
    }

    /**
     * Locks (read or write) or, with {@code unlock}, unlocks [start, end) for {@code owner}: the owner's own
     * locks in the range are replaced or split, as Linux does. Returns the conflicting lock (nothing changed)
     * or null when done.
     */
    public synchronized Lock set(Object file, Object owner, long pid, boolean unlock, boolean write, long start, long end) {
        if (!unlock) {
            Lock c = conflict(file, owner, write, start, end);
            if (c != null) return c;
        }
        List<Lock> list = locks(file);
        List<Lock> next = new ArrayList<>();
        for (Lock l : list) {
            if (l.owner() != owner || !l.overlaps(start, end)) {
                next.add(l);
                continue;
            }
            if (l.start() < start) next.add(new Lock(owner, l.pid(), l.write(), l.start(), start));
            if (l.end() > end) next.add(new Lock(owner, l.pid(), l.write(), end, l.end()));
        }
        if (!unlock) next.add(new Lock(owner, pid, write, start, end));
        if (next.isEmpty()) byFile.remove(file); else byFile.put(file, next);
        return null;
    }

    /** Drops every lock {@code owner} holds on {@code file} (a POSIX owner closing any fd of the file). */
    public synchronized void releaseAll(Object file, Object owner) {
        List<Lock> list = byFile.get(file);
        if (list != null) {
            list.removeIf(l -> l.owner() == owner);
            if (list.isEmpty()) byFile.remove(file);
        }
    }

    /** The live locks of a file (dead owners' locks are dropped here). */
    private List<Lock> locks(Object file) {
        List<Lock> list = byFile.get(file);
        if (list == null) return List.of();
        list.removeIf(l -> !ownerAlive.test(l.owner()));
        return list;
    }
}

package org.jtcg.core.linux;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * An epoll instance: the interest list of (fd, open file description) pairs with their event masks and
 * user data, and the scan that turns their {@link OpenFile#pollReady()} bits into ready events.
 * Linux keys a registration by the pair, so a registration outlives the closing of its fd while a dup of
 * the description stays open, and goes away with the description's last fd; so here.
 *
 * <p>Events are reported in the order their entries became ready, as Linux's ready list keeps them (an entry
 * ready when added or modified is queued then; others when a scan first finds them ready). Level-triggered
 * entries stay ready and move to the back after each report (so repeated waits with a small maxevents take turns).
 * Edge-triggered entries (EPOLLET) are reported once per wake-up of the file ({@link OpenFile#wakeups()}:
 * new data, new room, a peer closing), the first time when they are ready at registration.
 * EPOLLONESHOT disables an entry after one report until EPOLL_CTL_MOD re-arms it. State is guarded by
 * {@link KernelWait#LOCK}, as the files' own is.
 */
final class EpollFile extends OpenFile {
    static final int EPOLLIN = 0x1, EPOLLPRI = 0x2, EPOLLOUT = 0x4, EPOLLERR = 0x8, EPOLLHUP = 0x10,
            EPOLLRDNORM = 0x40, EPOLLRDBAND = 0x80, EPOLLWRNORM = 0x100, EPOLLWRBAND = 0x200, EPOLLMSG = 0x400,
            EPOLLRDHUP = 0x2000;
    static final int EPOLLEXCLUSIVE = 1 << 28, EPOLLWAKEUP = 1 << 29, EPOLLONESHOT = 1 << 30, EPOLLET = 1 << 31;
    /** Always reported, asked for or not. */
    static final int ALWAYS = EPOLLERR | EPOLLHUP;

    /** One registration. */
    private static final class Entry {
        final int fd;
        final OpenFile file;
        int events;
        long data;
        /** EPOLLONESHOT fired: nothing is reported until EPOLL_CTL_MOD. */
        boolean disabled;
        /** The file's wake-up count at the last edge-triggered report (-1: none yet). */
        long seenWakeups = -1;

        Entry(int fd, OpenFile file, int events, long data) {
            this.fd = fd;
            this.file = file;
            this.events = events;
            this.data = data;
        }
    }

    /** Identity of a registration: the fd number and the description it named when added. */
    private record Key(int fd, OpenFile file) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.fd == fd && k.file == file;
        }

        @Override
        public int hashCode() {
            return Objects.hash(fd, System.identityHashCode(file));
        }
    }

    /** One reported event: the bits and the user data. */
    record Ready(int events, long data) {}

    private final LinkedHashMap<Key, Entry> interest = new LinkedHashMap<>();
    /** Ready entries in the order they became ready (Linux's rdllist). */
    private final LinkedHashSet<Entry> readyList = new LinkedHashSet<>();

    EpollFile() {
        super(OpenFlags.O_RDWR);
    }

    /** EPOLL_CTL_ADD; EEXIST when the pair is registered. */
    void add(int fd, OpenFile file, int events, long data) {
        synchronized (KernelWait.LOCK) {
            dropClosed();
            Key k = new Key(fd, file);
            if (interest.containsKey(k)) throw new SyscallException(Errno.EEXIST);
            Entry e = new Entry(fd, file, events, data);
            interest.put(k, e);
            refresh();
            KernelWait.wakeAll();   // a waiter on this instance re-scans
        }
    }

    /** EPOLL_CTL_MOD: new events and data, re-armed; ENOENT when not registered, EINVAL for an EPOLLEXCLUSIVE one. */
    void modify(int fd, OpenFile file, int events, long data) {
        synchronized (KernelWait.LOCK) {
            Entry e = interest.get(new Key(fd, file));
            if (e == null) throw new SyscallException(Errno.ENOENT);
            if ((e.events & EPOLLEXCLUSIVE) != 0) throw new SyscallException(Errno.EINVAL);
            e.events = events;
            e.data = data;
            e.disabled = false;
            e.seenWakeups = -1;   // Linux re-checks readiness on MOD and queues the item when ready
            refresh();
            KernelWait.wakeAll();
        }
    }

    /** EPOLL_CTL_DEL; ENOENT when not registered. */
    void delete(int fd, OpenFile file) {
        synchronized (KernelWait.LOCK) {
            Entry e = interest.remove(new Key(fd, file));
            if (e == null) throw new SyscallException(Errno.ENOENT);
            readyList.remove(e);
        }
    }

    /** Whether {@code other} is this instance or an epoll instance watched (directly or not) by it: ELOOP on Linux. */
    boolean reaches(EpollFile other) {
        synchronized (KernelWait.LOCK) {
            if (other == this) return true;
            for (Entry e : interest.values()) {
                if (e.file instanceof EpollFile nested && nested.reaches(other)) return true;
            }
            return false;
        }
    }

    /** Registrations whose description's last fd was closed disappear, as on Linux. */
    private void dropClosed() {
        interest.values().removeIf(e -> e.file.isClosed());
        readyList.removeIf(e -> e.file.isClosed());
    }

    /** Updates the ready list: entries no longer ready leave it, newly ready ones join at the back. */
    private void refresh() {
        readyList.removeIf(e -> readyBits(e) == 0);
        for (Entry e : interest.values()) if (readyBits(e) != 0) readyList.add(e);
    }

    /**
     * Collects up to {@code max} ready events, consuming edge-triggered and one-shot reports (the caller holds
     * {@link KernelWait#LOCK}). Level-triggered entries that were reported go to the back of the list.
     */
    List<Ready> collect(int max) {
        dropClosed();
        refresh();
        List<Ready> out = new ArrayList<>();
        List<Entry> requeue = new ArrayList<>();
        for (Iterator<Entry> it = readyList.iterator(); it.hasNext() && out.size() < max; ) {
            Entry e = it.next();
            out.add(new Ready(readyBits(e), e.data));
            it.remove();
            if ((e.events & EPOLLET) != 0) e.seenWakeups = e.file.wakeups();
            if ((e.events & EPOLLONESHOT) != 0) e.disabled = true;
            if ((e.events & (EPOLLET | EPOLLONESHOT)) == 0) requeue.add(e);
        }
        readyList.addAll(requeue);
        return out;
    }

    /** The bits entry {@code e} would report now (0: nothing). */
    private int readyBits(Entry e) {
        if (e.disabled) return 0;
        int now = e.file.pollReady();
        int bits = now & (e.events | ALWAYS) & ~(EPOLLET | EPOLLONESHOT | EPOLLEXCLUSIVE | EPOLLWAKEUP);
        if (bits == 0) return 0;
        if ((e.events & EPOLLET) != 0 && e.seenWakeups == e.file.wakeups()) return 0;
        return bits;
    }

    /** The earliest time a watched file becomes ready by itself (a timerfd expiring), for the waiter's deadline. */
    long readyDeadline(long deadline) {
        for (Entry e : interest.values()) {
            if (!e.disabled) {
                long d = e.file.readyDeadline();
                if (d != Long.MAX_VALUE && (deadline == Long.MAX_VALUE || d - deadline < 0)) deadline = d;
            }
        }
        return deadline;
    }

    /** An epoll fd is readable while some entry has an event to report (it can itself be watched). */
    @Override
    public int pollReady() {
        synchronized (KernelWait.LOCK) {
            dropClosed();
            for (Entry e : interest.values()) if (readyBits(e) != 0) return POLLIN;
            return 0;
        }
    }

    @Override
    public long readyDeadline() {
        synchronized (KernelWait.LOCK) {
            return readyDeadline(Long.MAX_VALUE);
        }
    }

    @Override
    public long wakeups() {
        synchronized (KernelWait.LOCK) {
            long n = 0;
            for (Entry e : interest.values()) n += e.file.wakeups();
            return n;
        }
    }

    @Override
    public int read(byte[] buf, int off, int len) {
        throw new SyscallException(Errno.EINVAL);
    }

    @Override
    public FileStat stat() {
        return FileStat.synthetic(0600, 0, 0, 0);   // an anonymous inode, like Linux's [eventpoll]
    }

    @Override
    protected void closeHost() {
        synchronized (KernelWait.LOCK) {
            interest.clear();
            readyList.clear();
        }
    }
}

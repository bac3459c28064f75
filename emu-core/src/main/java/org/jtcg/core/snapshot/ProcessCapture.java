package org.jtcg.core.snapshot;

import org.jtcg.core.linux.DirectoryFile;
import org.jtcg.core.linux.FdTable;
import org.jtcg.core.linux.FileStat;
import org.jtcg.core.linux.HostFile;
import org.jtcg.core.linux.LinuxProcess;
import org.jtcg.core.linux.OpenFile;
import org.jtcg.core.linux.OpenFlags;
import org.jtcg.core.linux.SignalState;
import org.jtcg.core.signal.Signals;
import org.jtcg.core.linux.StreamFile;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves the process part of a snapshot between a {@link LinuxProcess} and a {@link ProcessState}.
 *
 * <p>fds: the host's stdio (and injected stdio streams) are saved as "stdio N" and a restored
 * process gets its own stdio there; regular files are saved by path, offset and status flags and
 * reopened on restore (no O_CREAT/O_TRUNC: the file must still exist); directories by path and
 * position. Anything else (pipes, in-process objects) cannot be saved and fails the capture.
 * Not saved: resource limits (they return to the defaults), pid/uid/gid (the new host process's).
 */
final class ProcessCapture {
    private static final Path PROC_SELF_FD = Path.of("/proc/self/fd");

    private ProcessCapture() {
    }

    static ProcessState capture(String archName, LinuxProcess p) {
        if (p.liveThreadCount() > 1) {
            throw new SnapshotException("the guest has " + p.liveThreadCount()
                    + " threads; snapshots hold one thread's state");
        }
        SignalState s = p.signals();
        List<ProcessState.Action> actions = new ArrayList<>();
        for (int sig = 1; sig <= Signals.NSIG; sig++) {
            SignalState.Action a = s.action(sig);
            if (!a.equals(SignalState.Action.DEFAULT)) {
                actions.add(new ProcessState.Action(sig, a.handler(), a.flags(), a.restorer(), a.mask()));
            }
        }
        ProcessState.SignalSet signals = new ProcessState.SignalSet(s.blocked(), s.altStackSp(), s.altStackSize(),
                s.altStackFlags(), actions);
        return new ProcessState(archName, p.exePath(), p.cwd().toString(), p.umaskValue(), p.syscallCount(),
                p.clearChildTid(), signals, fds(p.fds()));
    }

    private static List<ProcessState.Fd> fds(FdTable table) {
        List<ProcessState.Fd> out = new ArrayList<>();
        Map<OpenFile, Integer> descriptions = new IdentityHashMap<>();
        for (int fd = 0; fd < FdTable.MAX_FDS; fd++) {
            if (!table.isOpen(fd)) {
                continue;
            }
            OpenFile f = table.get(fd);
            boolean cloexec = table.closeOnExec(fd);
            int stdio = stdioIndex(table, fd, f);
            if (stdio >= 0) {
                out.add(ProcessState.Fd.stdio(fd, cloexec, stdio));
                continue;
            }
            Integer desc = descriptions.get(f);
            if (desc == null) {
                desc = descriptions.size();
                descriptions.put(f, desc);
            }
            if (f instanceof HostFile h && h.seekable() && h.path() != null) {
                long offset;
                try {
                    offset = h.seek(0, 1);
                } catch (IOException e) {
                    throw new SnapshotException("cannot snapshot fd " + fd + " (" + h.path() + "): " + e.getMessage());
                }
                out.add(new ProcessState.Fd(fd, cloexec, ProcessState.FdKind.FILE, -1, desc,
                        h.path().toString(), offset, h.statusFlags()));
            } else if (f instanceof DirectoryFile d) {
                out.add(new ProcessState.Fd(fd, cloexec, ProcessState.FdKind.DIRECTORY, -1, desc,
                        d.path().toString(), d.position(), d.statusFlags()));
            } else {
                throw new SnapshotException("cannot snapshot fd " + fd + ": it is " + describe(f)
                        + ", and only regular files, directories and stdio can be saved");
            }
        }
        return out;
    }

    /**
     * Which host stdio stream (0-2) f is, or -1. The host's own stdio is opened through
     * /proc/self/fd/N; an injected stream (tests, embedders) counts as stdio N when fd N holds it,
     * input streams being stdin.
     */
    private static int stdioIndex(FdTable table, int fd, OpenFile f) {
        if (f instanceof HostFile && f.path() != null && f.path().getParent() != null
                && f.path().getParent().equals(PROC_SELF_FD)) {
            String n = f.path().getFileName().toString();
            if (n.equals("0") || n.equals("1") || n.equals("2")) {
                return Integer.parseInt(n);
            }
        }
        if (f instanceof StreamFile) {
            if (f.readable() && !f.writable()) {
                return 0;
            }
            if (fd == 1 || fd == 2) {
                return fd;
            }
            for (int k = 1; k <= 2; k++) {
                if (table.isOpen(k) && table.get(k) == f) {
                    return k;
                }
            }
            return 1;
        }
        return -1;
    }

    private static String describe(OpenFile f) {
        try {
            int type = f.stat().mode() & FileStat.S_IFMT;
            if (type == FileStat.S_IFIFO) {
                return "a pipe";
            }
            if (type == FileStat.S_IFSOCK) {
                return "a socket";
            }
            if (type == FileStat.S_IFCHR) {
                return "a character device" + (f.path() != null ? " (" + f.path() + ")" : "");
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the class name
        }
        return "a " + f.getClass().getSimpleName() + (f.path() != null ? " (" + f.path() + ")" : "");
    }

    /** Applies the saved state to a fresh process (whose fds 0-2 are its own stdio). */
    static void apply(ProcessState st, LinuxProcess p) {
        p.setExePath(st.exePath());
        p.setCwd(Path.of(st.cwd()));
        p.umask(st.umask());
        p.setSyscallCount(st.syscallCount());
        p.setClearChildTid(st.clearChildTid());
        SignalState s = p.signals();
        s.setBlocked(st.signals().blocked());
        s.setAltStack(st.signals().altStackSp(), st.signals().altStackSize(), st.signals().altStackFlags());
        for (ProcessState.Action a : st.signals().actions()) {
            s.setAction(a.signal(), new SignalState.Action(a.handler(), a.flags(), a.restorer(), a.mask()));
        }
        restoreFds(st.fds(), p.fds());
    }

    private static void restoreFds(List<ProcessState.Fd> saved, FdTable table) {
        // Park the fresh process's stdio on high fds so saved fds 0-2 can be anything.
        int[] stdio = new int[3];
        for (int k = 0; k < 3; k++) {
            stdio[k] = table.dup(k, FdTable.MAX_FDS - 3, false);
        }
        Set<Integer> savedFds = new HashSet<>();
        saved.forEach(f -> savedFds.add(f.fd()));
        for (int k = 0; k < 3; k++) {
            if (!savedFds.contains(k)) {
                closeQuietly(table, k);
            }
        }
        Map<Integer, Integer> firstFdOfDescription = new HashMap<>();
        try {
            for (ProcessState.Fd f : saved) {
                if (f.fd() >= FdTable.MAX_FDS - 3) {
                    throw new SnapshotException("cannot restore fd " + f.fd() + ": jtcg needs fds "
                            + (FdTable.MAX_FDS - 3) + " and up while restoring");
                }
                if (table.isOpen(f.fd())) {
                    closeQuietly(table, f.fd());
                }
                switch (f.kind()) {
                    case STDIO -> table.dupTo(stdio[f.stdio()], f.fd(), f.closeOnExec());
                    case FILE, DIRECTORY -> {
                        Integer first = firstFdOfDescription.get(f.description());
                        if (first != null) {
                            table.dupTo(first, f.fd(), f.closeOnExec());
                        } else {
                            table.put(f.fd(), reopen(f), f.closeOnExec());
                            firstFdOfDescription.put(f.description(), f.fd());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new SnapshotException("cannot restore the fd table: " + e.getMessage());
        } finally {
            for (int k = 0; k < 3; k++) {
                closeQuietly(table, stdio[k]);
            }
        }
    }

    private static OpenFile reopen(ProcessState.Fd f) {
        Path path = Path.of(f.path());
        if (f.kind() == ProcessState.FdKind.DIRECTORY) {
            if (!Files.isDirectory(path)) {
                throw new SnapshotException("cannot restore fd " + f.fd() + ": directory " + path + " is gone");
            }
            DirectoryFile d = new DirectoryFile(path, f.statusFlags());
            try {
                d.advance((int) Math.min(f.offset(), d.remaining().size()));
            } catch (IOException e) {
                throw new SnapshotException("cannot restore fd " + f.fd() + ": cannot list " + path + ": " + e.getMessage());
            }
            return d;
        }
        int acc = f.statusFlags() & OpenFlags.O_ACCMODE;
        Set<StandardOpenOption> opts = new HashSet<>();
        if (acc != OpenFlags.O_WRONLY) {
            opts.add(StandardOpenOption.READ);
        }
        if (acc != OpenFlags.O_RDONLY) {
            opts.add(StandardOpenOption.WRITE);
        }
        try {
            FileChannel ch = FileChannel.open(path, opts);
            ch.position(f.offset());
            return new HostFile(ch, path, f.statusFlags(), false, true);
        } catch (IOException | RuntimeException e) {
            throw new SnapshotException("cannot restore fd " + f.fd() + ": cannot reopen " + path + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private static void closeQuietly(FdTable table, int fd) {
        try {
            if (table.isOpen(fd)) {
                table.close(fd);
            }
        } catch (IOException | RuntimeException e) {
            // stdio of a fresh process: nothing to lose
        }
    }
}

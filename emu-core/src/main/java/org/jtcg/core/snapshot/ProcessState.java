package org.jtcg.core.snapshot;

import org.jtcg.cpreg.SnapshotFormatException;

import org.jtcg.core.linux.FdTable;
import org.jtcg.core.signal.Signals;

import java.util.ArrayList;
import java.util.List;

/**
 * The PROCESS section: what a {@code LinuxProcess} holds beyond memory and registers. Layout
 * (little-endian), layout version 1:
 * <pre>
 * u16 layout version (1)
 * string arch name (GuestArch.name(), e.g. "x86_64"), string exe path, string cwd   (u32 length + UTF-8)
 * u32 umask, u64 syscall count, u64 clear_child_tid
 * u64 blocked signal mask, u64 sigaltstack sp, u64 sigaltstack size, u32 sigaltstack flags
 * u32 n; n x (u32 signal, u64 handler, u64 flags, u64 restorer, u64 mask)   (non-default dispositions)
 * u32 n; n x fd: u32 fd, u8 close-on-exec, u8 kind, then
 *     kind 0 STDIO:     u32 which host stdio stream (0 stdin, 1 stdout, 2 stderr)
 *     kind 1 FILE:      u32 description, string path, u64 offset, u32 status flags (O_ACCMODE|O_APPEND|O_NONBLOCK...)
 *     kind 2 DIRECTORY: u32 description, string path, u64 position, u32 status flags
 * </pre>
 * fds sharing one open file description (dup) carry the same description number, so a restore
 * shares them again.
 *
 * @param archName       the guest arch's name, to find its frontend on restore
 * @param exePath        /proc/self/exe of the guest
 * @param cwd            working directory (absolute host path)
 * @param umask          file mode creation mask
 * @param syscallCount   syscalls handled so far (a resumed run continues the count)
 * @param clearChildTid  set_tid_address value
 * @param signals        signal mask, alternate stack and dispositions
 * @param fds            open file descriptors, ascending
 */
public record ProcessState(String archName, String exePath, String cwd, int umask, long syscallCount,
                           long clearChildTid, SignalSet signals, List<Fd> fds) {
    /** Layout version written; {@link #decode} reads 1 .. this. */
    public static final int LAYOUT_VERSION = 1;

    public ProcessState {
        fds = List.copyOf(fds);
    }

    /** Signal state: mask, alternate stack, and the dispositions that are not SIG_DFL. */
    public record SignalSet(long blocked, long altStackSp, long altStackSize, int altStackFlags, List<Action> actions) {
        public SignalSet {
            actions = List.copyOf(actions);
        }
    }

    /** One non-default signal disposition. */
    public record Action(int signal, long handler, long flags, long restorer, long mask) {}

    /** What an fd refers to. */
    public enum FdKind { STDIO, FILE, DIRECTORY }

    /**
     * One open fd.
     *
     * @param fd          the number
     * @param closeOnExec FD_CLOEXEC
     * @param kind        what it refers to
     * @param stdio       STDIO: which of the host's streams (0-2); otherwise -1
     * @param description FILE/DIRECTORY: open file description number (shared by dup'ed fds); otherwise -1
     * @param path        FILE/DIRECTORY: host path; otherwise null
     * @param offset      FILE: file offset; DIRECTORY: entries consumed; otherwise 0
     * @param statusFlags FILE/DIRECTORY: F_GETFL flags; otherwise 0
     */
    public record Fd(int fd, boolean closeOnExec, FdKind kind, int stdio, int description, String path,
                     long offset, int statusFlags) {
        public static Fd stdio(int fd, boolean closeOnExec, int which) {
            return new Fd(fd, closeOnExec, FdKind.STDIO, which, -1, null, 0, 0);
        }
    }

    /** The section payload. */
    public byte[] encode() {
        SectionWriter w = new SectionWriter().u16(LAYOUT_VERSION)
                .string(archName).string(exePath).string(cwd)
                .u32(umask).u64(syscallCount).u64(clearChildTid)
                .u64(signals.blocked()).u64(signals.altStackSp()).u64(signals.altStackSize()).u32(signals.altStackFlags())
                .u32(signals.actions().size());
        for (Action a : signals.actions()) {
            w.u32(a.signal()).u64(a.handler()).u64(a.flags()).u64(a.restorer()).u64(a.mask());
        }
        w.u32(fds.size());
        for (Fd f : fds) {
            w.u32(f.fd()).u8(f.closeOnExec() ? 1 : 0).u8(f.kind().ordinal());
            switch (f.kind()) {
                case STDIO -> w.u32(f.stdio());
                case FILE, DIRECTORY -> w.u32(f.description()).string(f.path()).u64(f.offset()).u32(f.statusFlags());
            }
        }
        return w.toByteArray();
    }

    /** Decodes a section payload. */
    public static ProcessState decode(byte[] payload) throws SnapshotFormatException {
        SectionReader r = new SectionReader(payload, "process");
        int version = r.u16();
        if (version < 1 || version > LAYOUT_VERSION) {
            throw new SnapshotFormatException("snapshot process section has layout version " + version
                    + " (this jtcg reads 1.." + LAYOUT_VERSION + ")");
        }
        String arch = r.string();
        String exe = r.string();
        String cwd = r.string();
        long umask = r.u32();
        if (umask > 0777) {
            throw r.corrupt(String.format("umask 0%o", umask));
        }
        long count = r.u64();
        long tid = r.u64();
        long blocked = r.u64(), altSp = r.u64(), altSize = r.u64();
        int altFlags = (int) r.u32();
        int n = r.count(Signals.NSIG, "signal action count");
        List<Action> actions = new ArrayList<>(n);
        int prevSig = 0;
        for (int i = 0; i < n; i++) {
            long sig = r.u32();
            if (sig <= prevSig || sig > Signals.NSIG) {
                throw r.corrupt("signal " + sig + " out of range or order");
            }
            prevSig = (int) sig;
            actions.add(new Action((int) sig, r.u64(), r.u64(), r.u64(), r.u64()));
        }
        int nf = r.count(FdTable.MAX_FDS, "fd count");
        List<Fd> fds = new ArrayList<>(nf);
        int prevFd = -1;
        for (int i = 0; i < nf; i++) {
            long fd = r.u32();
            if (fd <= prevFd || fd >= FdTable.MAX_FDS) {
                throw r.corrupt("fd " + fd + " out of range or order");
            }
            prevFd = (int) fd;
            int cloexec = r.u8();
            int kind = r.u8();
            if (cloexec > 1 || kind >= FdKind.values().length) {
                throw r.corrupt("fd " + fd + " has bad flags or kind " + kind);
            }
            if (kind == FdKind.STDIO.ordinal()) {
                long which = r.u32();
                if (which > 2) {
                    throw r.corrupt("fd " + fd + " names stdio stream " + which);
                }
                fds.add(Fd.stdio((int) fd, cloexec == 1, (int) which));
            } else {
                int desc = r.count(FdTable.MAX_FDS, "fd " + fd + " description");
                String path = r.string();
                long offset = r.u64();
                int flags = (int) r.u32();
                fds.add(new Fd((int) fd, cloexec == 1, FdKind.values()[kind], -1, desc, path, offset, flags));
            }
        }
        r.end();
        return new ProcessState(arch, exe, cwd, (int) umask, count, tid,
                new SignalSet(blocked, altSp, altSize, altFlags, actions), fds);
    }
}

package org.jtcg.core.linux;

import org.jtcg.core.memory.GuestMemory;
import org.jtcg.core.memory.PagedMemory;
import org.jtcg.core.signal.Signals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The guest's view of {@code /proc/self}, {@code /proc/<pid>} (a guest pid of the {@link ProcessTable}; the
 * first process's pid is jtcg's own host pid, whose host /proc entries describe the JVM, so they are
 * answered here too), {@code /dev/stdin}, {@code /dev/stdout}, {@code /dev/stderr} and {@code /dev/fd/N}:
 * <ul>
 * <li>files made up from the process: {@code maps} (the guest's own mappings), {@code status},
 *     {@code cmdline}, {@code environ}, {@code auxv}, {@code stat};</li>
 * <li>links: {@code exe} (the guest program), {@code cwd}, {@code fd/N} (the fd's host path, or
 *     {@code pipe:[inode]} for an in-process pipe; opening one of those shares the pipe).</li>
 * </ul>
 * and {@code /proc/cpuinfo} with the CPU files of /sys ({@link GuestCpus}).
 * Anything else under /proc falls through to the host's /proc.
 */
final class ProcFs {
    private ProcFs() {
    }

    /** A parsed guest /proc path: the process it is about and what follows its directory ("" for the directory). */
    record Target(LinuxProcess process, String rest) {}

    /** The process and entry {@code path} names, or null when the path is not one jtcg answers. */
    static Target parse(LinuxProcess caller, String path) {
        switch (path) {
            case "/dev/stdin": return new Target(caller, "fd/0");
            case "/dev/stdout": return new Target(caller, "fd/1");
            case "/dev/stderr": return new Target(caller, "fd/2");
            default: break;
        }
        if (path.startsWith("/dev/fd/")) return new Target(caller, "fd/" + path.substring(8));
        if (!path.startsWith("/proc/")) return null;
        String s = path.substring(6);
        int slash = s.indexOf('/');
        String head = slash < 0 ? s : s.substring(0, slash);
        String rest = slash < 0 ? "" : s.substring(slash + 1);
        while (rest.endsWith("/")) rest = rest.substring(0, rest.length() - 1);
        if (head.equals("self") || head.equals("thread-self")) return new Target(caller, rest);
        if (head.isEmpty() || !head.chars().allMatch(Character::isDigit) || head.length() > 9) return null;
        LinuxProcess p = caller.table().process(Long.parseLong(head));
        return p == null ? null : new Target(p, rest);
    }

    /** A made-up file for {@code path}, a shared pipe for fd/N of a pipe, or null (not such a path). */
    static OpenFile open(LinuxProcess caller, String path) {
        byte[] cpus = GuestCpus.file(caller.abi(), path);  // /proc/cpuinfo and the /sys cpu lists
        if (cpus != null) return new ProcFile(cpus);
        Target t = parse(caller, path);
        if (t == null) return null;
        LinuxProcess p = t.process();
        byte[] data = switch (t.rest()) {
            case "maps" -> maps(p);
            case "status" -> status(p);
            case "cmdline" -> nulJoined(p.argv());
            case "environ" -> nulJoined(p.envp());
            case "auxv" -> p.auxvBytes();
            case "stat" -> stat(p);
            default -> null;
        };
        if (data != null) return new ProcFile(data);
        if (t.rest().equals("fd")) return fdDirectory(p);
        OpenFile f = fdFile(t);
        if (f != null && f.path() == null) {
            f.retain();  // an in-process object (pipe): the new fd shares it
            return f;
        }
        return null;
    }

    /** DT_LNK: each entry of /proc/PID/fd is a symbolic link. */
    private static final int DT_LNK = 10;

    /**
     * /proc/PID/fd as a directory of the guest's fds (not the JVM's): one DT_LNK entry per open fd, listed when
     * read; stat and the inode numbers of "." and ".." are the host's /proc/self/fd directory's.
     */
    private static OpenFile fdDirectory(LinuxProcess p) {
        return new DirectoryFile(Path.of("/proc/self/fd"), OpenFlags.O_RDONLY, () -> {
            List<DirectoryFile.Entry> list = new java.util.ArrayList<>();
            for (int fd = 0; fd < FdTable.MAX_FDS; fd++) {
                if (p.fds().isOpen(fd)) list.add(new DirectoryFile.Entry(fd + 1000, DT_LNK, Integer.toString(fd)));
            }
            return list;
        });
    }

    /** The host path {@code path} stands for (exe, cwd, fd/N of a host file), or null. */
    static Path hostPath(LinuxProcess caller, String path) {
        Target t = parse(caller, path);
        if (t == null) return null;
        if (t.rest().equals("exe")) return Path.of(t.process().exePath());
        if (t.rest().equals("cwd")) return t.process().cwd();
        OpenFile f = fdFile(t);
        return f != null ? f.path() : null;
    }

    /** readlink of exe, cwd or fd/N; null when {@code path} is not one of them. */
    static String readlink(LinuxProcess caller, String path) {
        Target t = parse(caller, path);
        if (t == null) return null;
        if (t.rest().equals("exe")) return t.process().exePath();
        if (t.rest().equals("cwd")) return t.process().cwd().toString();
        OpenFile f = fdFile(t);
        if (f == null) return null;
        if (f.path() != null) return f.path().toString();
        return (f instanceof Pipe.End ? "pipe:[" : "anon_inode:[") + (System.identityHashCode(f) & 0x7fffffff) + "]";
    }

    /** The open file of an {@code fd/N} target; EBADF-like ENOENT when N is not open. */
    private static OpenFile fdFile(Target t) {
        if (!t.rest().startsWith("fd/")) return null;
        String n = t.rest().substring(3);
        if (n.isEmpty() || n.length() > 9 || !n.chars().allMatch(Character::isDigit)) throw new SyscallException(Errno.ENOENT);
        FdTable fds = t.process().fds();
        int fd = Integer.parseInt(n);
        if (!fds.isOpen(fd)) throw new SyscallException(Errno.ENOENT);
        return fds.get(fd);
    }

    private static byte[] nulJoined(List<String> strings) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String s : strings) {
            b.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            b.write(0);
        }
        return b.toByteArray();
    }

    /** The guest's mappings in /proc/PID/maps form (jtcg does not keep file names per mapping: heap and stack are named). */
    static byte[] maps(LinuxProcess p) {
        StringBuilder sb = new StringBuilder();
        if (p.exited() || !(p.memory() instanceof PagedMemory m)) return new byte[0];
        long brkLo = m.brkStart(), brkHi = m.brkCurrent();
        long stackTop = p.abi().addressSpace().stackTop(), stackLo = stackTop - p.abi().addressSpace().stackSize();
        long[] run = {-1, 0, -1};
        m.forEachMapping(0, -1, (va, len, phys, prot) -> {
            if (run[0] >= 0 && run[0] + run[1] == va && run[2] == prot) {
                run[1] += len;
                return;
            }
            if (run[0] >= 0) mapLine(sb, run[0], run[1], (int) run[2], brkLo, brkHi, stackLo, stackTop);
            run[0] = va;
            run[1] = len;
            run[2] = prot;
        });
        if (run[0] >= 0) mapLine(sb, run[0], run[1], (int) run[2], brkLo, brkHi, stackLo, stackTop);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void mapLine(StringBuilder sb, long va, long len, int prot, long brkLo, long brkHi, long stackLo, long stackTop) {
        sb.append(String.format("%08x-%08x %c%c%cp 00000000 00:00 0", va, va + len,
                (prot & GuestMemory.PROT_READ) != 0 ? 'r' : '-', (prot & GuestMemory.PROT_WRITE) != 0 ? 'w' : '-',
                (prot & GuestMemory.PROT_EXEC) != 0 ? 'x' : '-'));
        long end = va + len;
        if (brkLo >= 0 && Long.compareUnsigned(va, (brkLo + 0xfff) & GuestMemory.PAGE_MASK) >= 0
                && Long.compareUnsigned(end, (brkHi + 0xfff) & GuestMemory.PAGE_MASK) <= 0 && brkHi != brkLo) {
            sb.append("                          [heap]");
        } else if (Long.compareUnsigned(va, stackLo) >= 0 && Long.compareUnsigned(end, stackTop) <= 0) {
            sb.append("                          [stack]");
        }
        sb.append('\n');
    }

    private static String comm(LinuxProcess p) {
        String exe = p.exePath();
        String name = exe.substring(exe.lastIndexOf('/') + 1);
        return name.length() > 15 ? name.substring(0, 15) : name;
    }

    static byte[] status(LinuxProcess p) {
        SignalState s = p.signals();
        long ign = 0, caught = 0;
        for (int sig = 1; sig <= Signals.NSIG; sig++) {
            long h = s.action(sig).handler();
            if (h == SignalState.SIG_IGN) ign |= SignalState.bit(sig);
            else if (h != SignalState.SIG_DFL) caught |= SignalState.bit(sig);
        }
        String state = p.exited() ? "Z (zombie)" : "R (running)";
        String text = "Name:\t" + comm(p) + "\n"
                + String.format("Umask:\t%04o%n", p.umaskValue())
                + "State:\t" + state + "\n"
                + "Tgid:\t" + p.pid() + "\nNgid:\t0\nPid:\t" + p.pid() + "\nPPid:\t" + p.ppid() + "\nTracerPid:\t0\n"
                + "Uid:\t" + p.uid() + "\t" + p.uid() + "\t" + p.uid() + "\t" + p.uid() + "\n"
                + "Gid:\t" + p.gid() + "\t" + p.gid() + "\t" + p.gid() + "\t" + p.gid() + "\n"
                + "FDSize:\t" + FdTable.MAX_FDS + "\nThreads:\t1\n"
                + String.format("SigPnd:\t%016x%nShdPnd:\t%016x%nSigBlk:\t%016x%nSigIgn:\t%016x%nSigCgt:\t%016x%n",
                        0L, s.pendingMask(), s.blocked(), ign, caught);
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** /proc/PID/stat: the fields programs read (pid, comm, state, ppid, pgrp, session); the rest 0. */
    static byte[] stat(LinuxProcess p) {
        StringBuilder sb = new StringBuilder();
        sb.append(p.pid()).append(" (").append(comm(p)).append(") ").append(p.exited() ? 'Z' : 'R').append(' ')
                .append(p.ppid()).append(' ').append(p.pgid()).append(' ').append(p.sid());
        for (int i = 7; i <= 52; i++) sb.append(i == 20 ? " 1" : " 0");  // field 20: num_threads
        sb.append('\n');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** auxv as the kernel stores it: (type, value) pairs of the arch's longs, ending with AT_NULL. */
    static byte[] auxv(List<InitialStack.Aux> aux, boolean bigEndian) {
        ByteBuffer b = ByteBuffer.allocate((aux.size() + 1) * 16).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (InitialStack.Aux a : aux) {
            if (a.type() == 0) break;
            b.putLong(a.type()).putLong(a.value());
        }
        b.putLong(0).putLong(0);
        return java.util.Arrays.copyOf(b.array(), b.position());
    }
}

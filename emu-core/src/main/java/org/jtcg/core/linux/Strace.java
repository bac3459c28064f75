package org.jtcg.core.linux;

import org.jtcg.core.signal.Signals;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Formats syscalls like strace: {@code openat(AT_FDCWD, "/etc/passwd", O_RDONLY) = 3},
 * errors as {@code = -1 ENOENT (No such file or directory)}. Argument kinds per syscall are
 * data (a signature string); unknown syscalls show six hex arguments. Formatting happens after
 * the call, so output buffers (read) show what was read.
 */
public final class Strace {
    /** Longest string/buffer shown before "...". */
    public static final int MAX_STRING = 32;

    private static final Map<String, String[]> SIGNATURES = new HashMap<>();
    private static final java.util.Set<String> HEX_RESULT = java.util.Set.of("mmap", "old_mmap", "mremap", "brk");

    private static void sig(String names, String kinds) {
        String[] k = kinds.isEmpty() ? new String[0] : kinds.split(",");
        for (String n : names.split(",")) SIGNATURES.put(n, k);
    }

    static {
        sig("read", "fd,ob,u");
        sig("write", "fd,ib,u");
        sig("pread64", "fd,ob,u,d");
        sig("pwrite64", "fd,ib,u,d");
        sig("readv,writev", "fd,p,d");
        sig("open", "s,of,cm");
        sig("creat", "s,m");
        sig("openat", "dirfd,s,of,cm");
        sig("close,fsync,fdatasync,dup,fchdir", "fd");
        sig("lseek", "fd,d,whence");
        sig("fstat", "fd,p");
        sig("stat,lstat", "s,p");
        sig("newfstatat", "dirfd,s,p,x");
        sig("statx", "dirfd,s,x,x,p");
        sig("getdents64", "fd,p,u");
        sig("readlink", "s,p,u");
        sig("readlinkat", "dirfd,s,p,u");
        sig("access", "s,m");
        sig("faccessat", "dirfd,s,m");
        sig("faccessat2", "dirfd,s,m,x");
        sig("getcwd", "p,u");
        sig("chdir,unlink,rmdir", "s");
        sig("mkdir", "s,m");
        sig("mkdirat", "dirfd,s,m");
        sig("unlinkat", "dirfd,s,x");
        sig("rename,symlink", "s,s");
        sig("renameat", "dirfd,s,dirfd,s");
        sig("renameat2", "dirfd,s,dirfd,s,x");
        sig("symlinkat", "s,dirfd,s");
        sig("dup2", "fd,fd");
        sig("dup3", "fd,fd,of");
        sig("fcntl", "fd,d,x");
        sig("ioctl", "fd,x,p");
        sig("pipe", "p");
        sig("pipe2", "p,of");
        sig("poll", "p,u,d");
        sig("ppoll", "p,u,p,p,u");
        sig("ftruncate", "fd,d");
        sig("umask", "m");
        sig("mmap", "p,u,prot,mapf,fd,x");
        sig("old_mmap", "p");
        sig("munmap", "p,u");
        sig("mprotect", "p,u,prot");
        sig("mremap", "p,u,u,x,p");
        sig("brk", "p");
        sig("madvise", "p,u,d");
        sig("exit,exit_group", "d");
        sig("getpid,gettid,getppid,getuid,geteuid,getgid,getegid,sched_yield,getpgrp", "");
        sig("uname,sysinfo,set_tid_address", "p");
        sig("set_robust_list", "p,u");
        sig("rseq", "p,u,x,x");
        sig("prlimit64", "d,d,p,p");
        sig("getrlimit,setrlimit", "d,p");
        sig("clock_gettime,clock_getres", "clock,p");
        sig("gettimeofday", "p,p");
        sig("time", "p");
        sig("nanosleep", "p,p");
        sig("clock_nanosleep", "clock,x,p,p");
        sig("getrandom", "p,u,x");
        sig("rt_sigaction", "sig,p,p,u");
        sig("rt_sigprocmask", "d,p,p,u");
        sig("sigaltstack", "p,p");
        sig("futex", "p,d,d,p,p,d");
        sig("sched_getaffinity,sched_setaffinity", "d,u,p");
        sig("kill,tkill", "d,sig");
        sig("tgkill", "d,d,sig");
        sig("prctl", "d,x,x,x,x");
        sig("arch_prctl", "x,p");
    }

    private final GuestIo io;

    public Strace(GuestIo io) {
        this.io = io;
    }

    /**
     * One strace line (no newline). {@code name} may be null (unknown number: shown as
     * {@code syscall_<n>}); {@code finished} false means the call did not return (exit): "= ?".
     */
    public String format(long number, String name, long[] args, long result, boolean finished) {
        StringBuilder sb = new StringBuilder();
        sb.append(name != null ? name : "syscall_" + number).append('(');
        String[] kinds = name != null ? SIGNATURES.get(name) : null;
        if (kinds == null) kinds = new String[] {"x", "x", "x", "x", "x", "x"};
        for (int i = 0; i < kinds.length; i++) {
            // open's mode argument is meaningful (and shown by strace) only with O_CREAT or O_TMPFILE.
            if (kinds[i].equals("cm") && (args[i - 1] & (OpenFlags.O_CREAT | OpenFlags.O_TMPFILE_BIT)) == 0) continue;
            if (i > 0) sb.append(", ");
            long next = i + 1 < args.length ? args[i + 1] : 0;
            arg(sb, kinds[i], args[i], next, result, finished);
        }
        sb.append(')');
        if (!finished) {
            return sb.append(" = ?").toString();
        }
        sb.append(" = ");
        if (Errno.isError(result)) {
            int e = (int) -result;
            sb.append("-1 ").append(Errno.name(e)).append(" (").append(Errno.message(e)).append(')');
        } else if (name != null && HEX_RESULT.contains(name)) {
            sb.append("0x").append(Long.toHexString(result));
        } else {
            sb.append(result);
        }
        return sb.toString();
    }

    private void arg(StringBuilder sb, String kind, long v, long next, long result, boolean finished) {
        switch (kind) {
            case "d", "fd" -> sb.append((int) v);
            case "u" -> sb.append(Long.toUnsignedString(v));
            case "x" -> sb.append("0x").append(Long.toHexString(v));
            case "p" -> sb.append(v == 0 ? "NULL" : "0x" + Long.toHexString(v));
            case "dirfd" -> sb.append((int) v == FileSyscalls.AT_FDCWD ? "AT_FDCWD" : Integer.toString((int) v));
            case "s" -> {
                String s = v == 0 ? null : io.stringOrNull(v, 4097);
                // Paths are shown whole, as strace does; only data buffers are truncated.
                sb.append(s == null ? (v == 0 ? "NULL" : "0x" + Long.toHexString(v)) : quote(s.getBytes(StandardCharsets.UTF_8), -1, false));
            }
            case "ib" -> buffer(sb, v, next);
            case "ob" -> {
                if (finished && !Errno.isError(result)) buffer(sb, v, result);
                else sb.append("0x").append(Long.toHexString(v));
            }
            case "of" -> sb.append(openFlags((int) v));
            case "m", "cm" -> sb.append((v & 07777) == 0 ? "000" : String.format("0%o", v & 07777));
            case "prot" -> sb.append(flags(v, new String[] {"PROT_READ", "PROT_WRITE", "PROT_EXEC"}, "PROT_NONE"));
            case "mapf" -> sb.append(mapFlags(v));
            case "sig" -> sb.append(v == 0 ? "0" : Signals.name((int) v));
            case "whence" -> sb.append(v == 0 ? "SEEK_SET" : v == 1 ? "SEEK_CUR" : v == 2 ? "SEEK_END" : Long.toString(v));
            case "clock" -> sb.append(clockName((int) v));
            default -> sb.append("0x").append(Long.toHexString(v));
        }
    }

    private void buffer(StringBuilder sb, long addr, long len) {
        int n = (int) Math.max(0, Math.min(len, MAX_STRING));
        try {
            byte[] b = io.bytes(addr, n);
            sb.append(quote(b, (int) Math.min(len, Integer.MAX_VALUE), true));
        } catch (RuntimeException e) {
            sb.append("0x").append(Long.toHexString(addr));
        }
    }

    /** strace-style quoting: C escapes, octal for other non-printables, "..." when truncated. */
    static String quote(byte[] b, int fullLength, boolean binary) {
        StringBuilder sb = new StringBuilder("\"");
        int n = binary ? Math.min(b.length, MAX_STRING) : b.length;
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xff;
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c >= 0x20 && c < 0x7f || !binary && c >= 0x80) sb.append((char) c);
                    else sb.append('\\').append(Integer.toOctalString(c));
                }
            }
        }
        sb.append('"');
        if (binary && fullLength > n) sb.append("...");
        return sb.toString();
    }

    private static String openFlags(int v) {
        int acc = v & OpenFlags.O_ACCMODE;
        StringBuilder sb = new StringBuilder(acc == 0 ? "O_RDONLY" : acc == 1 ? "O_WRONLY" : acc == 2 ? "O_RDWR" : "O_ACCMODE");
        int[] bits = {OpenFlags.O_CREAT, OpenFlags.O_EXCL, OpenFlags.O_NOCTTY, OpenFlags.O_TRUNC, OpenFlags.O_APPEND,
                OpenFlags.O_NONBLOCK, OpenFlags.O_CLOEXEC, OpenFlags.O_PATH};
        String[] names = {"O_CREAT", "O_EXCL", "O_NOCTTY", "O_TRUNC", "O_APPEND", "O_NONBLOCK", "O_CLOEXEC", "O_PATH"};
        int rest = v & ~OpenFlags.O_ACCMODE;
        for (int i = 0; i < bits.length; i++) {
            if ((rest & bits[i]) != 0) {
                sb.append('|').append(names[i]);
                rest &= ~bits[i];
            }
        }
        if (rest != 0) sb.append("|0").append(Integer.toOctalString(rest));
        return sb.toString();
    }

    private static String mapFlags(long v) {
        String[] names = new String[21];
        names[0] = "MAP_SHARED";
        names[1] = "MAP_PRIVATE";
        names[4] = "MAP_FIXED";
        names[5] = "MAP_ANONYMOUS";
        names[8] = "MAP_GROWSDOWN";
        names[11] = "MAP_DENYWRITE";
        names[13] = "MAP_LOCKED";
        names[14] = "MAP_NORESERVE";
        names[15] = "MAP_POPULATE";
        names[16] = "MAP_NONBLOCK";
        names[17] = "MAP_STACK";
        names[20] = "MAP_FIXED_NOREPLACE";
        return flags(v, names, "0");
    }

    private static String flags(long v, String[] names, String zero) {
        if (v == 0) return zero;
        StringBuilder sb = new StringBuilder();
        long rest = v;
        for (int i = 0; i < names.length; i++) {
            if (names[i] != null && (rest & (1L << i)) != 0) {
                if (sb.length() > 0) sb.append('|');
                sb.append(names[i]);
                rest &= ~(1L << i);
            }
        }
        if (rest != 0) {
            if (sb.length() > 0) sb.append('|');
            sb.append("0x").append(Long.toHexString(rest));
        }
        return sb.toString();
    }

    private static String clockName(int c) {
        String[] n = {"CLOCK_REALTIME", "CLOCK_MONOTONIC", "CLOCK_PROCESS_CPUTIME_ID", "CLOCK_THREAD_CPUTIME_ID",
                "CLOCK_MONOTONIC_RAW", "CLOCK_REALTIME_COARSE", "CLOCK_MONOTONIC_COARSE", "CLOCK_BOOTTIME"};
        return c >= 0 && c < n.length ? n[c] : Integer.toString(c);
    }
}

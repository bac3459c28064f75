package org.jtcg.core.linux;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.memory.PagedMemory;
import org.jtcg.core.signal.Signals;
import org.jtcg.cpreg.RegisterList;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * execve and execveat: a new program in the same process (same pid, fds minus close-on-exec, signal
 * dispositions reset except ignored ones, blocked mask kept), loaded into the process's own address space
 * after everything of the old program is unmapped (which also drops its translated code), with fresh
 * registers and a new initial stack from the guest's argv and envp.
 *
 * <p>Checks, in the kernel's order and with its errnos: a missing file or path component ENOENT/ENOTDIR,
 * a directory or a file without execute permission EACCES, a {@code #!} script runs its interpreter (the
 * kernel's rules: the interpreter path ends at the first blank, the rest of the line, trimmed, is one
 * optional argument, then the script path as given, then argv[1..]; at most 4 nested interpreters, then
 * ELOOP), and anything that is not an ELF for this arch ENOEXEC. {@code /proc/self/exe} (and
 * {@code /proc/<own pid>/exe}) is the running program, as on Linux (qemu-user cannot exec it).
 * After the old program is gone a load failure kills the process with SIGSEGV, as Linux does.
 */
final class ExecSyscalls {
    static final int AT_FDCWD = -100, AT_EMPTY_PATH = 0x1000, AT_SYMLINK_NOFOLLOW = 0x100;
    /** The kernel reads this much of a file to recognise {@code #!} (BINPRM_BUF_SIZE). */
    static final int BINPRM_BUF_SIZE = 256;
    private static final int MAX_INTERPRETER_DEPTH = 4;
    /** The kernel's limit on argv plus envp strings (MAX_ARG_STRINGS). */
    private static final int MAX_ARG_STRINGS = 0x7fff_ffff;
    /** What jtcg accepts in total bytes of argv plus envp before answering E2BIG (the kernel: a quarter of the stack limit). */
    private static final long MAX_ARG_BYTES = 2L << 20;

    private final LinuxProcess proc;
    private final GuestIo io;

    ExecSyscalls(LinuxProcess proc) {
        this.proc = proc;
        this.io = proc.io();
    }

    void register(Map<String, SyscallHandler> m) {
        m.put("execve", a -> execve(AT_FDCWD, a[0], a[1], a[2], 0));
        m.put("execveat", a -> execve((int) a[0], a[1], a[2], a[3], (int) a[4]));
    }

    long execve(int dirfd, long pathPtr, long argvPtr, long envpPtr, int flags) throws IOException {
        if ((flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW)) != 0) return -Errno.EINVAL;
        String given = io.path(pathPtr);
        List<String> argv = strings(argvPtr);
        List<String> envp = strings(envpPtr);
        Path path = resolve(dirfd, given, flags);
        if ((flags & AT_SYMLINK_NOFOLLOW) != 0 && Files.isSymbolicLink(path)) return -Errno.ELOOP;

        // Follow #! scripts down to an ELF (nothing of the process changes yet: errors return to the caller).
        String execName = given;
        byte[] data = null;
        for (int depth = 0; ; depth++) {
            if (depth > MAX_INTERPRETER_DEPTH) return -Errno.ELOOP;
            data = readExecutable(path);
            Shebang sb = Shebang.parse(data);
            if (sb == null) break;
            List<String> next = new ArrayList<>();
            next.add(sb.interpreter());
            if (sb.argument() != null) next.add(sb.argument());
            next.add(execName);
            if (argv.size() > 1) next.addAll(argv.subList(1, argv.size()));
            argv = next;
            execName = sb.interpreter();
            path = resolve(AT_FDCWD, sb.interpreter(), 0);
        }
        ElfFile elf;
        try {
            elf = ElfFile.parse(path.toString(), data);
        } catch (ElfLoadException e) {
            return -Errno.ENOEXEC;
        }
        ProcessLauncher launcher = proc.table().launcher();
        // an embedding without a launcher (tests, jtcg diff) cannot replace the program
        if (launcher == null || !(proc.memory() instanceof PagedMemory memory)) return -Errno.ENOSYS;
        if (elf.machine() != launcher.arch().elfMachine() || elf.type() != ElfFile.ET_EXEC && elf.type() != ElfFile.ET_DYN) {
            return -Errno.ENOEXEC;
        }

        // Point of no return: the old program goes.
        CpuState cpu = proc.dispatcher().currentCpu();
        // the other threads go with the old program; the caller becomes the main thread
        GuestThread execing = proc.currentThread();
        int before = proc.threads().live().size();
        long oldTid = proc.threads().endAllBut(execing);
        for (int i = 1; i < before; i++) proc.threadEnded();
        if (oldTid != execing.tid()) proc.table().removeThread(oldTid);
        // as Linux's de_thread: the others are gone from guest code before the old program's memory goes
        proc.threads().awaitOthersOutOfGuestCode(execing, 10_000);
        proc.releaseVforkParent();
        List<long[]> mapped = new ArrayList<>();
        memory.forEachMapping(0, -1, (va, len, phys, prot) -> mapped.add(new long[] {va, len}));
        for (long[] r : mapped) memory.munmap(r[0], r[1]);
        RegisterList.capture(launcher.arch().newCpu()).loadInto(cpu);
        proc.fds().closeOnExecFds();
        proc.signals().resetForExec();
        proc.setClearChildTid(0);
        try {
            proc.start(cpu, launcher.loader(memory), elf, argv, envp);
        } catch (ElfLoadException | RuntimeException e) {
            proc.warn().println("jtcg: execve of " + path + " failed after the old program was gone: " + e.getMessage());
            proc.kill(Signals.SIGSEGV, null);
            return 0;
        }
        proc.setExePath(path.toAbsolutePath().normalize().toString());
        return 0;
    }

    /** A NULL-terminated array of string pointers in guest memory (NULL array: empty, as Linux allows). */
    private List<String> strings(long array) {
        List<String> out = new ArrayList<>();
        if (array == 0) return out;
        long bytes = 0;
        for (long p = array; ; p += 8) {
            long s = io.u64(p);
            if (s == 0) return out;
            byte[] b = io.readCStringMax(s, GuestIo.PATH_MAX * 32);
            bytes += b.length + 1;
            if (out.size() >= MAX_ARG_STRINGS || bytes > MAX_ARG_BYTES) throw new SyscallException(Errno.E2BIG);
            out.add(new String(b, StandardCharsets.UTF_8));
        }
    }

    private Path resolve(int dirfd, String p, int flags) {
        if (p.isEmpty()) {
            if ((flags & AT_EMPTY_PATH) == 0 || dirfd == AT_FDCWD) throw new SyscallException(Errno.ENOENT);
            Path fdPath = proc.fds().get(dirfd).path();
            if (fdPath == null) throw new SyscallException(Errno.EACCES);
            return fdPath;
        }
        Path procPath = p.startsWith("/") ? ProcFs.hostPath(proc, p) : null;  // /proc/self/exe, /dev/fd/N (fexecve)
        if (procPath != null) return procPath;
        if (p.startsWith("/")) return Path.of(p);
        if (dirfd == AT_FDCWD) return proc.cwd().resolve(p);
        OpenFile d = proc.fds().get(dirfd);
        if (!d.isDirectory() || d.path() == null) throw new SyscallException(Errno.ENOTDIR);
        return d.path().resolve(p);
    }

    /** The file's bytes, after the kernel's checks: it exists, is a regular file, and may be executed. */
    private static byte[] readExecutable(Path path) throws IOException {
        try {
            if (!Files.exists(path)) {
                // ENOTDIR when a component is a file, ENOENT otherwise
                for (Path q = path.getParent(); q != null; q = q.getParent()) {
                    if (Files.exists(q)) {
                        if (!Files.isDirectory(q)) throw new SyscallException(Errno.ENOTDIR);
                        break;
                    }
                }
                throw new SyscallException(Errno.ENOENT);
            }
            if (!Files.isRegularFile(path) || !Files.isExecutable(path)) throw new SyscallException(Errno.EACCES);
            if (Files.size(path) > ElfFile.MAX_FILE_SIZE) throw new SyscallException(Errno.ENOEXEC);
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new SyscallException(Errno.ENOENT);
        } catch (NotDirectoryException e) {
            throw new SyscallException(Errno.ENOTDIR);
        } catch (AccessDeniedException e) {
            throw new SyscallException(Errno.EACCES);
        }
    }

    /** A {@code #!} line: the interpreter path and the optional single argument. */
    record Shebang(String interpreter, String argument) {
        /** Parses the first line of a script the way binfmt_script does; null when the file is no script. */
        static Shebang parse(byte[] data) {
            if (data.length < 2 || data[0] != '#' || data[1] != '!') return null;
            int end = Math.min(data.length, BINPRM_BUF_SIZE);
            int nl = 2;
            while (nl < end && data[nl] != '\n') nl++;
            String line = new String(data, 2, nl - 2, StandardCharsets.UTF_8);
            line = line.replaceAll("[ \t]+$", "").replaceAll("^[ \t]+", "");
            if (line.isEmpty()) throw new SyscallException(Errno.ENOEXEC);
            int blank = 0;
            while (blank < line.length() && line.charAt(blank) != ' ' && line.charAt(blank) != '\t') blank++;
            String interp = line.substring(0, blank);
            String arg = line.substring(blank).replaceAll("^[ \t]+", "");
            return new Shebang(interp, arg.isEmpty() ? null : arg);
        }
    }
}

package org.jtcg.core.linux;

import org.jtcg.core.memory.GuestMemory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * mmap family and brk, on top of {@link GuestMemory}'s address-space operations. File-backed
 * private mappings are anonymous mappings filled with the file's bytes (copy at map time).
 * Shared writable file mappings cannot be kept coherent with the host file and fail with EINVAL.
 */
final class MemorySyscalls {
    static final int MADV_DONTNEED = 4;
    private static final long PAGE = GuestMemory.PAGE_SIZE;

    private final LinuxProcess proc;
    private final GuestMemory mem;
    private final GuestIo io;

    MemorySyscalls(LinuxProcess proc) {
        this.proc = proc;
        this.mem = proc.memory();
        this.io = proc.io();
    }

    void register(Map<String, SyscallHandler> m) {
        m.put("mmap", a -> mmap(a[0], a[1], (int) a[2], (int) a[3], (int) a[4], a[5]));
        // s390x's mmap entry (sys_old_mmap) takes one pointer to the six arguments.
        m.put("old_mmap", a -> {
            ByteBuffer b = io.read(a[0], 48);
            return mmap(b.getLong(0), b.getLong(8), (int) b.getLong(16), (int) b.getLong(24), (int) b.getLong(32), b.getLong(40));
        });
        m.put("munmap", a -> mem.munmap(a[0], a[1]));
        m.put("mprotect", a -> mem.mprotect(a[0], a[1], (int) a[2]));
        m.put("mremap", a -> mem.mremap(a[0], a[1], a[2], (int) a[3], a[4]));
        m.put("brk", a -> mem.brk(a[0]));
        m.put("madvise", a -> madvise(a[0], a[1], (int) a[2]));
        m.put("mincore", a -> mincore(a[0], a[1], a[2]));
        // msync has nothing to write back (no shared writable mappings) and the mlock family cannot pin JVM
        // memory, so they do no work; they check their arguments as Linux does (docs/linux-user.md).
        m.put("msync", a -> msync(a[0], a[1], (int) a[2]));
        m.put("mlock", a -> lockRange(a[0], a[1]));
        m.put("munlock", a -> lockRange(a[0], a[1]));
        m.put("mlockall", a -> mlockall((int) a[0]));
        m.put("munlockall", a -> 0);
    }

    long mmap(long addr, long len, int prot, int flags, int fd, long offset) throws IOException {
        if (len == 0) throw new SyscallException(Errno.EINVAL);
        if ((flags & GuestMemory.MAP_ANONYMOUS) != 0) {
            return mem.mmap(addr, len, prot, flags);
        }
        if ((offset & (PAGE - 1)) != 0 || offset < 0) throw new SyscallException(Errno.EINVAL);
        OpenFile f = proc.fds().get(fd);
        if (!(f instanceof HostFile h) || !h.seekable()) throw new SyscallException(Errno.ENODEV);
        if (!f.readable()) throw new SyscallException(Errno.EACCES);
        if ((flags & GuestMemory.MAP_SHARED) != 0 && (prot & GuestMemory.PROT_WRITE) != 0) {
            // A shared writable mapping would have to write back to the host file; not supported.
            throw new SyscallException(Errno.EINVAL);
        }
        int anonFlags = (flags & ~GuestMemory.MAP_SHARED) | GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS;
        long at = mem.mmap(addr, len, prot, anonFlags);
        if (Errno.isError(at)) return at;
        long size = h.channel().size();
        long n = Math.max(0, Math.min(len, size - offset));
        byte[] buf = new byte[(int) Math.min(n, 1 << 20)];
        for (long done = 0; done < n; ) {
            int want = (int) Math.min(buf.length, n - done);
            int got = h.channel().read(ByteBuffer.wrap(buf, 0, want), offset + done);
            if (got <= 0) break;
            io.poke(at + done, buf, 0, got);
            done += got;
        }
        return at;
    }

    static final int MS_ASYNC = 1, MS_INVALIDATE = 2, MS_SYNC = 4, MCL_CURRENT = 1, MCL_FUTURE = 2, MCL_ONFAULT = 4;

    long msync(long addr, long len, int flags) {
        if ((addr & (PAGE - 1)) != 0 || (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) != 0
                || (flags & (MS_ASYNC | MS_SYNC)) == (MS_ASYNC | MS_SYNC)) {
            throw new SyscallException(Errno.EINVAL);
        }
        requireMapped(addr, len);
        return 0;
    }

    long lockRange(long addr, long len) {
        requireMapped(addr & GuestMemory.PAGE_MASK, len + (addr & (PAGE - 1)));
        return 0;
    }

    long mlockall(int flags) {
        if (flags == 0 || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) != 0 || flags == MCL_ONFAULT) {
            throw new SyscallException(Errno.EINVAL);
        }
        return 0;
    }

    /** ENOMEM unless every page of [addr, addr+len) is mapped (EINVAL for a range that wraps). */
    private void requireMapped(long addr, long len) {
        if (len < 0 || addr + len < addr) throw new SyscallException(Errno.EINVAL);
        long end = (addr + len + PAGE - 1) & GuestMemory.PAGE_MASK;
        for (long p = addr & GuestMemory.PAGE_MASK; p < end; p += PAGE) {
            if (mem.protectionAt(p) < 0) throw new SyscallException(Errno.ENOMEM);
        }
    }

    long madvise(long addr, long len, int advice) {
        if ((addr & (PAGE - 1)) != 0 || len < 0) throw new SyscallException(Errno.EINVAL);
        if (advice != MADV_DONTNEED) return 0;
        // MADV_DONTNEED on private anonymous memory: the pages read back as zero afterwards (and give back
        // their host memory where the guest memory pages on demand).
        long end = (addr + len + PAGE - 1) & GuestMemory.PAGE_MASK;
        for (long p = addr; p < end; p += PAGE) {
            if (mem.protectionAt(p) < 0) throw new SyscallException(Errno.ENOMEM);
        }
        mem.discard(addr, end - addr);
        return 0;
    }

    /**
     * mincore(addr, length, vec): one byte per page, 1 where the page has host memory behind it (it was
     * touched; see {@link GuestMemory#resident}), else 0. EINVAL for an unaligned address, ENOMEM when the
     * range holds an unmapped page (vec is then untouched).
     */
    long mincore(long addr, long len, long vec) {
        if ((addr & (PAGE - 1)) != 0) throw new SyscallException(Errno.EINVAL);
        if (len < 0 || addr + len < addr) throw new SyscallException(Errno.ENOMEM);
        long pages = (len + PAGE - 1) / PAGE;
        if (pages > (1 << 24)) throw new SyscallException(Errno.ENOMEM);
        byte[] out = new byte[(int) pages];
        for (int i = 0; i < pages; i++) {
            long p = addr + i * PAGE;
            if (mem.protectionAt(p) < 0) throw new SyscallException(Errno.ENOMEM);
            out[i] = (byte) (mem.resident(p) ? 1 : 0);
        }
        if (out.length > 0) io.putBytes(vec, out, 0, out.length);
        return 0;
    }
}

package org.jtcg.core.linux;

import org.jtcg.core.memory.GuestMemory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Guest-memory access for the syscall layer in the guest's byte order: whole structs are built
 * in a ByteBuffer and copied with one write. Bad pointers raise
 * {@link org.jtcg.core.memory.GuestFault}, which the dispatcher turns into EFAULT. Every write
 * that lands is reported to the {@link WriteObserver}, if one is set (jtcg diff records what
 * a syscall wrote to replay it in a second run).
 */
public final class GuestIo {
    /** Linux PATH_MAX. */
    public static final int PATH_MAX = 4096;

    private final GuestMemory memory;
    private final ByteOrder order;
    private final boolean bigEndian;
    private WriteObserver observer;

    /** Told about each write to guest memory made through this object, after it landed. */
    @FunctionalInterface
    public interface WriteObserver {
        /** {@code len} bytes of {@code src} from {@code off} now sit at {@code addr}; {@code poke}: written ignoring protection. */
        void written(long addr, byte[] src, int off, int len, boolean poke);
    }

    public GuestIo(GuestMemory memory, boolean bigEndian) {
        this.memory = memory;
        this.bigEndian = bigEndian;
        this.order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    public GuestMemory memory() { return memory; }
    public boolean bigEndian() { return bigEndian; }
    /** Sets (or with null removes) the observer of writes. */
    public void setWriteObserver(WriteObserver o) { observer = o; }

    /** A zeroed struct buffer in guest byte order. */
    public ByteBuffer struct(int size) {
        return ByteBuffer.allocate(size).order(order);
    }

    public void write(long addr, ByteBuffer struct) {
        putBytes(addr, struct.array(), 0, struct.capacity());
    }

    public ByteBuffer read(long addr, int size) {
        byte[] b = new byte[size];
        memory.read(addr, b, 0, size);
        return ByteBuffer.wrap(b).order(order);
    }

    public byte[] bytes(long addr, int len) {
        byte[] b = new byte[len];
        memory.read(addr, b, 0, len);
        return b;
    }

    public void putBytes(long addr, byte[] b, int off, int len) {
        memory.write(addr, b, off, len);
        if (observer != null) observer.written(addr, b, off, len, false);
    }

    /** Copies into guest memory ignoring protection (file contents of a new mapping); the pages must be mapped. */
    public void poke(long addr, byte[] b, int off, int len) {
        memory.poke(addr, b, off, len);
        if (observer != null) observer.written(addr, b, off, len, true);
    }

    public long u64(long addr) { return memory.load(addr, 8, bigEndian); }
    public long u32(long addr) { return memory.load(addr, 4, bigEndian); }
    public void put64(long addr, long v) { store(addr, 8, v); }
    public void put32(long addr, long v) { store(addr, 4, v); }

    private void store(long addr, int size, long v) {
        memory.store(addr, size, v, bigEndian);
        if (observer != null) {
            ByteBuffer b = struct(8);
            b.putLong(0, v);
            observer.written(addr, b.array(), bigEndian ? 8 - size : 0, size, false);
        }
    }

    /** A NUL-terminated path; ENAMETOOLONG past PATH_MAX, EFAULT for NULL. */
    public String path(long addr) {
        if (addr == 0) throw new SyscallException(Errno.EFAULT);
        byte[] b = memory.readCString(addr, PATH_MAX + 1);
        if (b.length > PATH_MAX - 1) throw new SyscallException(Errno.ENAMETOOLONG);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** A NUL-terminated string of at most {@code max} bytes (truncated, not failed, when longer). */
    public byte[] readCStringMax(long addr, int max) {
        return memory.readCString(addr, max);
    }

    /** A NUL-terminated string for display (strace), at most {@code max} bytes; null when unreadable. */
    public String stringOrNull(long addr, int max) {
        try {
            return new String(memory.readCString(addr, max), StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            return null;
        }
    }
}

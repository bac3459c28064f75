package org.jtcg.core.memory;

import java.lang.reflect.Field;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Guest RAM access by raw host address ({@code sun.misc.Unsafe}), the fast path JIT code uses
 * after a hit in {@link SoftTlb#fastAddress}'s entries: one host load or store, no buffer bounds or scope checks
 * (the TLB hit already proves the page is mapped with that permission and the access does not
 * cross it; the TLB keeps the chunk's {@link ByteBuffer} reachable while the entry is filled).
 *
 * <p>Available on JDK 17 to 22. From JDK 23 on, Unsafe's memory methods are deprecated for removal
 * and JDK 24+ warns on first use, so there it is used only when {@code -Djtcg.rawMemory=true} says
 * the JVM runs with {@code --sun-misc-unsafe-memory-access=allow} (the {@code jtcg} launcher does
 * both); otherwise translated code uses the {@link TlbAccess} buffer accessors.
 * {@code -Djtcg.rawMemory=false} turns it off everywhere.
 */
public final class RawMemory {
    private RawMemory() {}

    /** Whether raw access is in use for this JVM. */
    public static final boolean AVAILABLE;
    private static final sun.misc.Unsafe U;
    private static final long ADDRESS;
    private static final boolean LE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    static {
        sun.misc.Unsafe u = null;
        long addr = -1;
        String prop = System.getProperty("jtcg.rawMemory");
        boolean wanted = prop != null ? Boolean.parseBoolean(prop) : Runtime.version().feature() < 23;
        if (wanted) {
            try {
                Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
                f.setAccessible(true);
                u = (sun.misc.Unsafe) f.get(null);
                addr = u.objectFieldOffset(Buffer.class.getDeclaredField("address"));
            } catch (ReflectiveOperationException | RuntimeException e) {
                u = null;
            }
        }
        U = u;
        ADDRESS = addr;
        AVAILABLE = u != null;
    }

    /** Host address of byte 0 of a direct buffer (only when {@link #AVAILABLE}). */
    static long address(ByteBuffer directBuffer) {
        return U.getLong(directBuffer, ADDRESS);
    }

    /** A plain 64-bit host load (JIT code reading {@link SoftTlb}'s raw entries), host byte order. */
    public static long hostLong(long a) { return U.getLong(a); }
    static void putLong(long a, long v) { U.putLong(a, v); }
    /** A 64-bit host load with acquire semantics (JIT code reading {@link SoftTlb}'s generation at a loop's back edge). */
    public static long hostLongVolatile(long a) { return U.getLongVolatile(null, a); }
    /** A 64-bit host store with release semantics ({@link SoftTlb#bumpGeneration}). */
    static void putLongRelease(long a, long v) { U.putOrderedLong(null, a, v); }
    /** Sets {@code bytes} bytes from host address {@code a} to {@code value} (one native call). */
    static void fill(long a, long bytes, byte value) { U.setMemory(a, bytes, value); }

    public static long ld8(long a) { return U.getByte(a) & 0xffL; }
    public static long ld16le(long a) { short v = U.getShort(a); return (LE ? v : Short.reverseBytes(v)) & 0xffffL; }
    public static long ld16be(long a) { short v = U.getShort(a); return (LE ? Short.reverseBytes(v) : v) & 0xffffL; }
    public static long ld32le(long a) { int v = U.getInt(a); return (LE ? v : Integer.reverseBytes(v)) & 0xffffffffL; }
    public static long ld32be(long a) { int v = U.getInt(a); return (LE ? Integer.reverseBytes(v) : v) & 0xffffffffL; }
    public static long ld64le(long a) { long v = U.getLong(a); return LE ? v : Long.reverseBytes(v); }
    public static long ld64be(long a) { long v = U.getLong(a); return LE ? Long.reverseBytes(v) : v; }

    public static void st8(long a, long v) { U.putByte(a, (byte) v); }
    public static void st16le(long a, long v) { U.putShort(a, LE ? (short) v : Short.reverseBytes((short) v)); }
    public static void st16be(long a, long v) { U.putShort(a, LE ? Short.reverseBytes((short) v) : (short) v); }
    public static void st32le(long a, long v) { U.putInt(a, LE ? (int) v : Integer.reverseBytes((int) v)); }
    public static void st32be(long a, long v) { U.putInt(a, LE ? Integer.reverseBytes((int) v) : (int) v); }
    public static void st64le(long a, long v) { U.putLong(a, LE ? v : Long.reverseBytes(v)); }
    public static void st64be(long a, long v) { U.putLong(a, LE ? Long.reverseBytes(v) : v); }

    /** A load of 1, 2, 4 or 8 bytes (any other size is a caller bug: an exception). */
    static long load(long a, int size, boolean bigEndian) {
        switch (size) {
            case 1: return ld8(a);
            case 2: return bigEndian ? ld16be(a) : ld16le(a);
            case 4: return bigEndian ? ld32be(a) : ld32le(a);
            case 8: return bigEndian ? ld64be(a) : ld64le(a);
            default: throw new IllegalArgumentException("access size must be 1, 2, 4 or 8: " + size);
        }
    }

    /** A store of 1, 2, 4 or 8 bytes. */
    static void store(long a, int size, long v, boolean bigEndian) {
        switch (size) {
            case 1: st8(a, v); break;
            case 2: if (bigEndian) st16be(a, v); else st16le(a, v); break;
            case 4: if (bigEndian) st32be(a, v); else st32le(a, v); break;
            case 8: if (bigEndian) st64be(a, v); else st64le(a, v); break;
            default: throw new IllegalArgumentException("access size must be 1, 2, 4 or 8: " + size);
        }
    }
}

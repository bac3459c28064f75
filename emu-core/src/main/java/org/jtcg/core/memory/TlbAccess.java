package org.jtcg.core.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Raw little/big-endian accessors on a RAM chunk at an absolute offset. Small static
 * methods so HotSpot inlines them into translated code; used after a TLB hit.
 */
public final class TlbAccess {
    private TlbAccess() {}

    private static final VarHandle S16LE = MethodHandles.byteBufferViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle S16BE = MethodHandles.byteBufferViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle I32LE = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32BE = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle I64LE = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64BE = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    public static long ld8(ByteBuffer b, int off) { return b.get(off) & 0xffL; }
    public static long ld16le(ByteBuffer b, int off) { return ((short) S16LE.get(b, off)) & 0xffffL; }
    public static long ld16be(ByteBuffer b, int off) { return ((short) S16BE.get(b, off)) & 0xffffL; }
    public static long ld32le(ByteBuffer b, int off) { return ((int) I32LE.get(b, off)) & 0xffffffffL; }
    public static long ld32be(ByteBuffer b, int off) { return ((int) I32BE.get(b, off)) & 0xffffffffL; }
    public static long ld64le(ByteBuffer b, int off) { return (long) I64LE.get(b, off); }
    public static long ld64be(ByteBuffer b, int off) { return (long) I64BE.get(b, off); }

    public static void st8(ByteBuffer b, int off, long v) { b.put(off, (byte) v); }
    public static void st16le(ByteBuffer b, int off, long v) { S16LE.set(b, off, (short) v); }
    public static void st16be(ByteBuffer b, int off, long v) { S16BE.set(b, off, (short) v); }
    public static void st32le(ByteBuffer b, int off, long v) { I32LE.set(b, off, (int) v); }
    public static void st32be(ByteBuffer b, int off, long v) { I32BE.set(b, off, (int) v); }
    public static void st64le(ByteBuffer b, int off, long v) { I64LE.set(b, off, v); }
    public static void st64be(ByteBuffer b, int off, long v) { I64BE.set(b, off, v); }
}

package org.jtcg.kvm.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Page-aligned anonymous host memory outside the Java heap, and host addresses of direct buffers. */
public final class HostMemory {
    private HostMemory() {}

    /** A fresh zeroed, page-aligned, little-endian buffer of {@code size} bytes (never freed: VM lifetime). */
    public static ByteBuffer allocate(long size) {
        long addr;
        try {
            addr = LibC.mmap(0, size, LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_PRIVATE | LibC.MAP_ANONYMOUS, -1, 0);
        } catch (LastErrorException e) {
            throw new KvmException("mmap of " + size + " bytes", e.getErrorCode());
        }
        return new Pointer(addr).getByteBuffer(0, size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Host address of a direct buffer's first byte. */
    public static long address(ByteBuffer direct) {
        if (!direct.isDirect()) {
            throw new IllegalArgumentException("not a direct buffer");
        }
        return Pointer.nativeValue(Native.getDirectBufferPointer(direct));
    }
}

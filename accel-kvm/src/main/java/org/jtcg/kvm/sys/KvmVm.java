package org.jtcg.kvm.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A KVM virtual machine: memory slots, dirty logs, vCPU creation. */
public final class KvmVm implements AutoCloseable {
    private final int fd;
    private final int vcpuMmapSize;
    private final Memory region = new Memory(KvmStructs.KVM_USERSPACE_MEMORY_REGION.size());
    private final Memory dirtyLog = new Memory(KvmStructs.KVM_DIRTY_LOG.size());
    /** Number of VM ioctls issued (memory slots, dirty logs); vCPU ioctls are counted by {@link KvmVcpu}. */
    private long ioctls;

    KvmVm(int fd, int vcpuMmapSize) {
        this.fd = fd;
        this.vcpuMmapSize = vcpuMmapSize;
    }

    /** KVM_SET_USER_MEMORY_REGION: guest-physical [gpa, gpa+size) is backed by host memory at hostAddr. */
    public void setUserMemoryRegion(int slot, int flags, long gpa, long size, long hostAddr) {
        StructLayout l = KvmStructs.KVM_USERSPACE_MEMORY_REGION;
        region.setInt(l.offset("slot"), slot);
        region.setInt(l.offset("flags"), flags);
        region.setLong(l.offset("guest_phys_addr"), gpa);
        region.setLong(l.offset("memory_size"), size);
        region.setLong(l.offset("userspace_addr"), hostAddr);
        ioctl("KVM_SET_USER_MEMORY_REGION", KvmIoctls.SET_USER_MEMORY_REGION, Pointer.nativeValue(region));
    }

    /**
     * KVM_GET_DIRTY_LOG: fills {@code bitmap} (one bit per page of the slot, little-endian 64-bit
     * words) with the pages written since the previous call, and resets the log.
     */
    public void getDirtyLog(int slot, ByteBuffer bitmap) {
        StructLayout l = KvmStructs.KVM_DIRTY_LOG;
        dirtyLog.setInt(l.offset("slot"), slot);
        dirtyLog.setLong(l.offset("dirty_bitmap"), HostMemory.address(bitmap));
        ioctl("KVM_GET_DIRTY_LOG", KvmIoctls.GET_DIRTY_LOG, Pointer.nativeValue(dirtyLog));
    }

    /** A bitmap buffer for {@link #getDirtyLog} of a slot of {@code bytes} bytes. */
    public static ByteBuffer dirtyBitmapFor(long bytes) {
        long pages = (bytes + 4095) / 4096;
        return ByteBuffer.allocateDirect((int) ((pages + 63) / 64 * 8)).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** KVM_SET_TSS_ADDR (needed by Intel VMX for real-mode emulation; harmless elsewhere). */
    public void setTssAddr(long gpa) {
        ioctl("KVM_SET_TSS_ADDR", KvmIoctls.SET_TSS_ADDR, gpa);
    }

    public KvmVcpu createVcpu(int id) {
        int vcpuFd = ioctl("KVM_CREATE_VCPU", KvmIoctls.CREATE_VCPU, id);
        return new KvmVcpu(vcpuFd, vcpuMmapSize);
    }

    /** An architecture's own VM ioctl (e.g. KVM_ARM_PREFERRED_TARGET), for plug-ins; counted with the others. */
    public int archIoctl(String cName, long request, long arg) {
        return ioctl(cName, request, arg);
    }

    public long ioctlCount() {
        return ioctls;
    }

    int ioctl(String what, long request, long arg) {
        ioctls++;
        try {
            return LibC.ioctl(fd, request, arg);
        } catch (LastErrorException e) {
            throw new KvmException(what, e.getErrorCode());
        }
    }

    @Override
    public void close() {
        LibC.closeQuietly(fd);
    }
}

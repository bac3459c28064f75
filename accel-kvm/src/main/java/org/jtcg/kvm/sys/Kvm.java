package org.jtcg.kvm.sys;

import com.sun.jna.LastErrorException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** An open {@code /dev/kvm}: system ioctls (API version, capabilities, VM creation). */
public final class Kvm implements AutoCloseable {
    public static final Path DEVICE = Path.of("/dev/kvm");

    private final int fd;
    private final int vcpuMmapSize;

    private Kvm(int fd) {
        this.fd = fd;
        this.vcpuMmapSize = sys("KVM_GET_VCPU_MMAP_SIZE", KvmIoctls.GET_VCPU_MMAP_SIZE, 0);
    }

    /**
     * A capability the caller relies on: KVM_CHECK_EXTENSION({@code number}) must return every bit of
     * {@code bits} (1 for a plain yes/no capability).
     */
    public record Capability(int number, int bits) {}

    /**
     * Opens {@code /dev/kvm} and checks the API version and the capabilities the caller relies on (in
     * order; the architecture's plug-in names them).
     *
     * @throws KvmUnavailableException with a one-line reason when KVM cannot be used here
     */
    public static Kvm open(List<Capability> required) {
        if (!Files.exists(DEVICE)) {
            throw new KvmUnavailableException(DEVICE + " not present");
        }
        int fd;
        try {
            fd = LibC.open(DEVICE.toString(), LibC.O_RDWR | LibC.O_CLOEXEC);
        } catch (LastErrorException e) {
            int errno = e.getErrorCode();
            if (errno == LibC.EACCES || errno == LibC.EPERM) {
                throw new KvmUnavailableException("permission denied opening " + DEVICE);
            }
            throw new KvmUnavailableException("cannot open " + DEVICE + ": " + KvmException.describe(errno));
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new KvmUnavailableException("cannot load the native libc binding (JNA): " + e.getMessage());
        }
        Kvm kvm = null;
        try {
            int version = LibC.ioctl(fd, KvmIoctls.GET_API_VERSION, 0);
            if (version != KvmIoctls.API_VERSION) {
                throw new KvmUnavailableException("KVM API version " + version + " unsupported (need "
                        + KvmIoctls.API_VERSION + ")");
            }
            kvm = new Kvm(fd);
            for (Capability cap : required) {
                int have = kvm.checkExtension(cap.number());
                if ((have & cap.bits()) != cap.bits()) {
                    throw new KvmUnavailableException("KVM lacks capability " + cap.number() + " (have " + have
                            + ", need " + cap.bits() + ")");
                }
            }
            return kvm;
        } catch (LastErrorException e) {
            LibC.closeQuietly(fd);
            throw new KvmUnavailableException("KVM_GET_API_VERSION failed: " + KvmException.describe(e.getErrorCode()));
        } catch (RuntimeException e) {
            LibC.closeQuietly(fd);
            throw e;
        }
    }

    /** KVM_CHECK_EXTENSION: 0 when absent, otherwise a capability-specific positive value. */
    public int checkExtension(int cap) {
        return sys("KVM_CHECK_EXTENSION", KvmIoctls.CHECK_EXTENSION, cap);
    }

    /**
     * KVM_GET_SUPPORTED_CPUID: the CPUID bits this host's KVM can give a guest (the host CPU masked by
     * what KVM virtualises). The table is asked with room for 128 rows, then more while KVM says E2BIG.
     */
    public List<KvmVcpu.CpuidEntry> supportedCpuid() {
        for (int rows = 128; ; rows *= 2) {
            com.sun.jna.Memory m = new com.sun.jna.Memory(KvmCpuidTable.bytes(rows));
            m.clear();
            m.setInt(KvmStructs.KVM_CPUID2.offset("nent"), rows);
            try {
                LibC.ioctl(fd, KvmIoctls.GET_SUPPORTED_CPUID, com.sun.jna.Pointer.nativeValue(m));
            } catch (LastErrorException e) {
                if (e.getErrorCode() == E2BIG && rows < 4096) {
                    continue;
                }
                throw new KvmException("KVM_GET_SUPPORTED_CPUID", e.getErrorCode());
            }
            return KvmCpuidTable.read(m.getByteBuffer(0, m.size()).order(java.nio.ByteOrder.LITTLE_ENDIAN));
        }
    }

    private static final int E2BIG = 7;

    /** Size of the kvm_run mapping of each vCPU. */
    public int vcpuMmapSize() {
        return vcpuMmapSize;
    }

    public KvmVm createVm() {
        return new KvmVm(sys("KVM_CREATE_VM", KvmIoctls.CREATE_VM, 0), vcpuMmapSize);
    }

    private int sys(String what, long request, long arg) {
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

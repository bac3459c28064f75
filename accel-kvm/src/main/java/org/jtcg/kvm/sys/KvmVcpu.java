package org.jtcg.kvm.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One vCPU: its {@code kvm_run} shared page and typed ioctls. Each register ioctl moves data
 * between the kernel and a buffer owned by this object ({@link #regs()}, {@link #sregs()}, ...),
 * laid out as the matching {@link KvmStructs} struct. Every vCPU ioctl (KVM_RUN included) is
 * counted per kind, for the engine's statistics.
 */
public final class KvmVcpu implements AutoCloseable {
    /** The vCPU ioctls, for counting. */
    public enum Op {
        RUN("KVM_RUN", KvmIoctls.RUN),
        GET_REGS("KVM_GET_REGS", KvmIoctls.GET_REGS), SET_REGS("KVM_SET_REGS", KvmIoctls.SET_REGS),
        GET_SREGS("KVM_GET_SREGS", KvmIoctls.GET_SREGS), SET_SREGS("KVM_SET_SREGS", KvmIoctls.SET_SREGS),
        GET_FPU("KVM_GET_FPU", KvmIoctls.GET_FPU), SET_FPU("KVM_SET_FPU", KvmIoctls.SET_FPU),
        GET_XSAVE("KVM_GET_XSAVE", KvmIoctls.GET_XSAVE), SET_XSAVE("KVM_SET_XSAVE", KvmIoctls.SET_XSAVE),
        GET_MSRS("KVM_GET_MSRS", KvmIoctls.GET_MSRS), SET_MSRS("KVM_SET_MSRS", KvmIoctls.SET_MSRS),
        GET_VCPU_EVENTS("KVM_GET_VCPU_EVENTS", KvmIoctls.GET_VCPU_EVENTS),
        SET_VCPU_EVENTS("KVM_SET_VCPU_EVENTS", KvmIoctls.SET_VCPU_EVENTS),
        GET_DEBUGREGS("KVM_GET_DEBUGREGS", KvmIoctls.GET_DEBUGREGS),
        SET_DEBUGREGS("KVM_SET_DEBUGREGS", KvmIoctls.SET_DEBUGREGS),
        SET_CPUID2("KVM_SET_CPUID2", KvmIoctls.SET_CPUID2),
        GET_XCRS("KVM_GET_XCRS", KvmIoctls.GET_XCRS), SET_XCRS("KVM_SET_XCRS", KvmIoctls.SET_XCRS),
        SET_GUEST_DEBUG("KVM_SET_GUEST_DEBUG", KvmIoctls.SET_GUEST_DEBUG),
        GET_ONE_REG("KVM_GET_ONE_REG", KvmIoctls.GET_ONE_REG), SET_ONE_REG("KVM_SET_ONE_REG", KvmIoctls.SET_ONE_REG);

        final String cName;
        final long request;

        Op(String cName, long request) {
            this.cName = cName;
            this.request = request;
        }
    }

    /** Most MSRs one KVM_GET/SET_MSRS call moves. */
    public static final int MAX_MSRS = 32;
    /** Most CPUID entries {@link #setCpuid2} installs. */
    public static final int MAX_CPUID = 64;

    private final int fd;
    private final ByteBuffer run;
    private final long[] counts = new long[Op.values().length];
    /** Counts of {@link #archIoctl} calls by C macro name. */
    private final Map<String, Long> archCounts = new LinkedHashMap<>();

    private final Memory regsMem = new Memory(KvmStructs.KVM_REGS.size());
    private final Memory sregsMem = new Memory(KvmStructs.KVM_SREGS.size());
    private final Memory fpuMem = new Memory(KvmStructs.KVM_FPU.size());
    private final Memory xsaveMem = new Memory(KvmStructs.KVM_XSAVE.size());
    private final Memory eventsMem = new Memory(KvmStructs.KVM_VCPU_EVENTS.size());
    private final Memory debugregsMem = new Memory(KvmStructs.KVM_DEBUGREGS.size());
    private final Memory msrsMem = new Memory(KvmStructs.KVM_MSRS.size() + (long) MAX_MSRS * KvmStructs.KVM_MSR_ENTRY.size());
    private final Memory cpuidMem = new Memory(KvmStructs.KVM_CPUID2.size() + (long) MAX_CPUID * KvmStructs.KVM_CPUID_ENTRY2.size());
    private final Memory debugMem = new Memory(KvmStructs.KVM_GUEST_DEBUG.size());
    private final Memory xcrsMem = new Memory(KvmStructs.KVM_XCRS.size());
    private final Memory oneRegMem = new Memory(KvmStructs.KVM_ONE_REG.size());
    private final Memory oneRegValue = new Memory(256);

    KvmVcpu(int fd, int mmapSize) {
        this.fd = fd;
        long addr;
        try {
            addr = LibC.mmap(0, mmapSize, LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_SHARED, fd, 0);
        } catch (LastErrorException e) {
            LibC.closeQuietly(fd);
            throw new KvmException("mmap of kvm_run", e.getErrorCode());
        }
        // kvm_run is host memory in the host's byte order (big-endian on s390x).
        this.run = new Pointer(addr).getByteBuffer(0, mmapSize).order(ByteOrder.nativeOrder());
        for (Memory m : new Memory[] {regsMem, sregsMem, fpuMem, xsaveMem, eventsMem, debugregsMem, msrsMem, cpuidMem, debugMem}) {
            m.clear();
        }
    }

    /** The shared {@code kvm_run} page (layout {@link KvmStructs#KVM_RUN}). */
    public ByteBuffer kvmRun() { return run; }

    /** kvm_regs buffer used by {@link #getRegs}/{@link #setRegs}. */
    public ByteBuffer regs() { return view(regsMem); }
    public ByteBuffer sregs() { return view(sregsMem); }
    public ByteBuffer fpu() { return view(fpuMem); }
    /** kvm_xsave buffer used by {@link #getXsave}/{@link #setXsave} (standard XSAVE format). */
    public ByteBuffer xsave() { return view(xsaveMem); }
    public ByteBuffer events() { return view(eventsMem); }
    public ByteBuffer debugregs() { return view(debugregsMem); }

    private static ByteBuffer view(Memory m) {
        return m.getByteBuffer(0, m.size()).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** KVM_RUN, retried on EINTR/EAGAIN; returns kvm_run.exit_reason. */
    public int run() {
        while (true) {
            counts[Op.RUN.ordinal()]++;
            try {
                LibC.ioctl(fd, KvmIoctls.RUN, 0);
                return run.getInt(KvmStructs.KVM_RUN.offset("exit_reason"));
            } catch (LastErrorException e) {
                if (e.getErrorCode() != LibC.EINTR && e.getErrorCode() != LibC.EAGAIN) {
                    throw new KvmException("KVM_RUN", e.getErrorCode());
                }
            }
        }
    }

    public void getRegs() { ioctl(Op.GET_REGS, regsMem); }
    public void setRegs() { ioctl(Op.SET_REGS, regsMem); }
    public void getSregs() { ioctl(Op.GET_SREGS, sregsMem); }
    public void setSregs() { ioctl(Op.SET_SREGS, sregsMem); }
    public void getFpu() { ioctl(Op.GET_FPU, fpuMem); }
    public void setFpu() { ioctl(Op.SET_FPU, fpuMem); }
    public void getXsave() { ioctl(Op.GET_XSAVE, xsaveMem); }
    public void setXsave() { ioctl(Op.SET_XSAVE, xsaveMem); }
    public void getEvents() { ioctl(Op.GET_VCPU_EVENTS, eventsMem); }
    public void setEvents() { ioctl(Op.SET_VCPU_EVENTS, eventsMem); }
    public void getDebugregs() { ioctl(Op.GET_DEBUGREGS, debugregsMem); }
    public void setDebugregs() { ioctl(Op.SET_DEBUGREGS, debugregsMem); }

    /** KVM_GET_MSRS for the given MSR numbers; values land in {@code out}. */
    public void getMsrs(long[] indices, long[] out) {
        fillMsrs(indices, null);
        int n = ioctl(Op.GET_MSRS, msrsMem);
        if (n != indices.length) {
            throw new KvmException(String.format("KVM_GET_MSRS read %d of %d MSRs (MSR 0x%x refused)", n,
                    indices.length, indices[Math.max(0, Math.min(n, indices.length - 1))]));
        }
        int base = KvmStructs.KVM_MSRS.offset("entries");
        int stride = KvmStructs.KVM_MSR_ENTRY.size();
        int data = KvmStructs.KVM_MSR_ENTRY.offset("data");
        for (int i = 0; i < indices.length; i++) {
            out[i] = msrsMem.getLong(base + (long) i * stride + data);
        }
    }

    /** KVM_SET_MSRS; every MSR must be accepted. */
    public void setMsrs(long[] indices, long[] values) {
        fillMsrs(indices, values);
        int n = ioctl(Op.SET_MSRS, msrsMem);
        if (n != indices.length) {
            throw new KvmException(String.format("KVM_SET_MSRS wrote %d of %d MSRs (MSR 0x%x refused)", n,
                    indices.length, indices[Math.max(0, Math.min(n, indices.length - 1))]));
        }
    }

    private void fillMsrs(long[] indices, long[] values) {
        if (indices.length > MAX_MSRS) {
            throw new IllegalArgumentException("at most " + MAX_MSRS + " MSRs per call");
        }
        msrsMem.setInt(KvmStructs.KVM_MSRS.offset("nmsrs"), indices.length);
        int base = KvmStructs.KVM_MSRS.offset("entries");
        int stride = KvmStructs.KVM_MSR_ENTRY.size();
        for (int i = 0; i < indices.length; i++) {
            long e = base + (long) i * stride;
            msrsMem.setInt(e + KvmStructs.KVM_MSR_ENTRY.offset("index"), (int) indices[i]);
            msrsMem.setInt(e + KvmStructs.KVM_MSR_ENTRY.offset("reserved"), 0);
            msrsMem.setLong(e + KvmStructs.KVM_MSR_ENTRY.offset("data"), values == null ? 0 : values[i]);
        }
    }

    /** One CPUID answer for {@link #setCpuid2}: leaf, subleaf, kvm flags and the four registers. */
    public record CpuidEntry(int function, int index, int flags, int eax, int ebx, int ecx, int edx) {}

    /** KVM_SET_CPUID2 with the given table. */
    public void setCpuid2(java.util.List<CpuidEntry> entries) {
        if (entries.size() > MAX_CPUID) {
            throw new IllegalArgumentException("at most " + MAX_CPUID + " CPUID entries");
        }
        StructLayout e2 = KvmStructs.KVM_CPUID_ENTRY2;
        cpuidMem.clear();
        cpuidMem.setInt(KvmStructs.KVM_CPUID2.offset("nent"), entries.size());
        int base = KvmStructs.KVM_CPUID2.offset("entries");
        for (int i = 0; i < entries.size(); i++) {
            CpuidEntry c = entries.get(i);
            long e = base + (long) i * e2.size();
            cpuidMem.setInt(e + e2.offset("function"), c.function());
            cpuidMem.setInt(e + e2.offset("index"), c.index());
            cpuidMem.setInt(e + e2.offset("flags"), c.flags());
            cpuidMem.setInt(e + e2.offset("eax"), c.eax());
            cpuidMem.setInt(e + e2.offset("ebx"), c.ebx());
            cpuidMem.setInt(e + e2.offset("ecx"), c.ecx());
            cpuidMem.setInt(e + e2.offset("edx"), c.edx());
        }
        ioctl(Op.SET_CPUID2, cpuidMem);
    }

    /** KVM_GET_XCRS: the guest's XCR0 (needs KVM_CAP_XCRS and a host with XSAVE). */
    public long getXcr0() {
        xcrsMem.clear();
        ioctl(Op.GET_XCRS, xcrsMem);
        return KvmXcrs.readXcr0(view(xcrsMem));
    }

    /** KVM_SET_XCRS with XCR0 = {@code value} (KVM checks it against the CPUID leaf 0xD set before). */
    public void setXcr0(long value) {
        xcrsMem.clear();
        KvmXcrs.writeXcr0(view(xcrsMem), value);
        ioctl(Op.SET_XCRS, xcrsMem);
    }

    /** KVM_SET_GUEST_DEBUG with the given control bits (0 disables) and no hardware breakpoints. */
    public void setGuestDebug(int control) {
        debugMem.clear();
        debugMem.setInt(KvmStructs.KVM_GUEST_DEBUG.offset("control"), control);
        ioctl(Op.SET_GUEST_DEBUG, debugMem);
    }

    /**
     * KVM_GET_ONE_REG (x86: Linux 6.18+, KVM_CAP_ONE_REG); returns the value's words, least significant
     * first. The kernel writes exactly the id's size (bits 52-55) in the host's byte order: a value below
     * 8 bytes is read at its own width (so a U32 is right on a big-endian host too), wider values as
     * host-order 64-bit words, word 0 the least significant (KVM's layout on little-endian hosts).
     */
    public long[] getOneReg(long id, int words) {
        oneRegValue.clear();
        oneRegMem.setLong(KvmStructs.KVM_ONE_REG.offset("id"), id);
        oneRegMem.setLong(KvmStructs.KVM_ONE_REG.offset("addr"), Pointer.nativeValue(oneRegValue));
        ioctl(Op.GET_ONE_REG, oneRegMem);
        long[] out = new long[words];
        switch (oneRegBytes(id)) {
            case 1 -> out[0] = oneRegValue.getByte(0) & 0xffL;
            case 2 -> out[0] = oneRegValue.getShort(0) & 0xffffL;
            case 4 -> out[0] = oneRegValue.getInt(0) & 0xffff_ffffL;
            default -> {
                for (int i = 0; i < words; i++) {
                    out[i] = oneRegValue.getLong(8L * i);
                }
            }
        }
        return out;
    }

    /** KVM_SET_ONE_REG; the value is stored at the id's width (see {@link #getOneReg}). */
    public void setOneReg(long id, long[] words) {
        oneRegValue.clear();
        switch (oneRegBytes(id)) {
            case 1 -> oneRegValue.setByte(0, (byte) words[0]);
            case 2 -> oneRegValue.setShort(0, (short) words[0]);
            case 4 -> oneRegValue.setInt(0, (int) words[0]);
            default -> {
                for (int i = 0; i < words.length; i++) {
                    oneRegValue.setLong(8L * i, words[i]);
                }
            }
        }
        oneRegMem.setLong(KvmStructs.KVM_ONE_REG.offset("id"), id);
        oneRegMem.setLong(KvmStructs.KVM_ONE_REG.offset("addr"), Pointer.nativeValue(oneRegValue));
        ioctl(Op.SET_ONE_REG, oneRegMem);
    }

    /** Bytes of a ONE_REG value: 1 << the size field (bits 52-55 of the id). */
    private static int oneRegBytes(long id) {
        return 1 << (int) ((id >>> 52) & 0xf);
    }

    /**
     * An architecture's own vCPU ioctl (e.g. KVM_ARM_VCPU_INIT, KVM_S390_INITIAL_RESET), for plug-ins:
     * counted by its C macro name like the typed ones. Returns the ioctl's result.
     */
    public int archIoctl(String cName, long request, long arg) {
        archCounts.merge(cName, 1L, Long::sum);
        try {
            return LibC.ioctl(fd, request, arg);
        } catch (LastErrorException e) {
            throw new KvmException(cName, e.getErrorCode());
        }
    }

    private int ioctl(Op op, Memory arg) {
        counts[op.ordinal()]++;
        try {
            return LibC.ioctl(fd, op.request, Pointer.nativeValue(arg));
        } catch (LastErrorException e) {
            throw new KvmException(op.cName, e.getErrorCode());
        }
    }

    /** Number of vCPU ioctls issued so far, KVM_RUN included. */
    public long ioctlCount() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        for (long c : archCounts.values()) {
            n += c;
        }
        return n;
    }

    /** Issued count of one ioctl kind. */
    public long count(Op op) {
        return counts[op.ordinal()];
    }

    /** Non-zero counts by C macro name. */
    public Map<String, Long> countsByName() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Op op : Op.values()) {
            if (counts[op.ordinal()] != 0) {
                m.put(op.cName, counts[op.ordinal()]);
            }
        }
        m.putAll(archCounts);
        return m;
    }

    @Override
    public void close() {
        LibC.closeQuietly(fd);
    }
}

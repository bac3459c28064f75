package org.jtcg.kvm.sys;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code struct kvm_cpuid2} (a count, then {@code kvm_cpuid_entry2} rows) read from a buffer: what
 * {@code KVM_GET_SUPPORTED_CPUID} returns. Kept apart from the ioctl so the decoding is testable without
 * /dev/kvm.
 */
public final class KvmCpuidTable {
    private KvmCpuidTable() {}

    /** Bytes of a kvm_cpuid2 with room for {@code entries} rows. */
    public static int bytes(int entries) {
        return KvmStructs.KVM_CPUID2.size() + entries * KvmStructs.KVM_CPUID_ENTRY2.size();
    }

    /** The rows of a filled kvm_cpuid2 (little-endian buffer). */
    public static List<KvmVcpu.CpuidEntry> read(ByteBuffer b) {
        StructLayout e2 = KvmStructs.KVM_CPUID_ENTRY2;
        int n = b.getInt(KvmStructs.KVM_CPUID2.offset("nent"));
        int base = KvmStructs.KVM_CPUID2.offset("entries");
        if (n < 0 || base + (long) n * e2.size() > b.capacity()) {
            throw new IllegalArgumentException("kvm_cpuid2.nent " + n + " does not fit the " + b.capacity() + "-byte buffer");
        }
        List<KvmVcpu.CpuidEntry> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int e = base + i * e2.size();
            out.add(new KvmVcpu.CpuidEntry(b.getInt(e + e2.offset("function")), b.getInt(e + e2.offset("index")),
                    b.getInt(e + e2.offset("flags")), b.getInt(e + e2.offset("eax")), b.getInt(e + e2.offset("ebx")),
                    b.getInt(e + e2.offset("ecx")), b.getInt(e + e2.offset("edx"))));
        }
        return out;
    }
}

package org.jtcg.kvm.sys;

import java.nio.ByteBuffer;

/**
 * {@code struct kvm_xcrs} as KVM_GET/SET_XCRS move it: {@code nr_xcrs} rows of {xcr, reserved, value};
 * jtcg only ever uses XCR0 (index 0, the XSAVE feature-enable mask). Encoding apart from the ioctl so it is
 * testable without /dev/kvm.
 */
public final class KvmXcrs {
    private KvmXcrs() {}

    /** XCR index of XCR0 (XCR_XFEATURE_ENABLED_MASK). */
    public static final int XCR0 = 0;

    /** Fills a zeroed kvm_xcrs with one row: XCR0 = {@code value}; flags 0 (KVM rejects any other). */
    public static void writeXcr0(ByteBuffer b, long value) {
        StructLayout x = KvmStructs.KVM_XCRS;
        StructLayout row = KvmStructs.KVM_XCR;
        int r = x.offset("xcrs");
        b.putInt(x.offset("nr_xcrs"), 1);
        b.putInt(x.offset("flags"), 0);
        b.putInt(r + row.offset("xcr"), XCR0);
        b.putInt(r + row.offset("reserved"), 0);
        b.putLong(r + row.offset("value"), value);
    }

    /** XCR0 from a kvm_xcrs KVM filled in; throws when KVM returned no XCR0 row (a host without XSAVE). */
    public static long readXcr0(ByteBuffer b) {
        StructLayout x = KvmStructs.KVM_XCRS;
        StructLayout row = KvmStructs.KVM_XCR;
        int n = b.getInt(x.offset("nr_xcrs"));
        for (int i = 0; i < Math.min(n, KvmStructs.MAX_XCRS); i++) {
            int r = x.offset("xcrs") + i * row.size();
            if (b.getInt(r + row.offset("xcr")) == XCR0) {
                return b.getLong(r + row.offset("value"));
            }
        }
        throw new IllegalStateException("KVM_GET_XCRS returned no XCR0 (" + n + " rows)");
    }
}

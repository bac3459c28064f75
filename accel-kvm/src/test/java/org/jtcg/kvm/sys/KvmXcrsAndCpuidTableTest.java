package org.jtcg.kvm.sys;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The byte images of struct kvm_xcrs (KVM_GET/SET_XCRS) and of the kvm_cpuid2 KVM_GET_SUPPORTED_CPUID fills, at the
 * offsets of asm/kvm.h (the offsets themselves are checked against the header by {@link KvmStructsTest}), and the
 * ioctl numbers as the macros compute them.
 */
class KvmXcrsAndCpuidTableTest {
    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void xcrsLayoutAndNumbers() {
        assertEquals(16, KvmStructs.KVM_XCR.size());
        assertEquals(8 + 16 * 16 + 16 * 8, KvmStructs.KVM_XCRS.size());
        assertEquals(8, KvmStructs.KVM_XCRS.offset("xcrs"));
        assertEquals(264, KvmStructs.KVM_XCRS.offset("padding"));
        // _IOR(0xAE, 0xa6, 392) and _IOW(0xAE, 0xa7, 392); _IOWR(0xAE, 0x05, 8) for the flexible kvm_cpuid2
        assertEquals(0x8188aea6L, KvmIoctls.GET_XCRS);
        assertEquals(0x4188aea7L, KvmIoctls.SET_XCRS);
        assertEquals(0xc008ae05L, KvmIoctls.GET_SUPPORTED_CPUID);
    }

    @Test
    void xcr0IsOneRowWithZeroFlags() {
        ByteBuffer b = le(KvmStructs.KVM_XCRS.size());
        KvmXcrs.writeXcr0(b, 7);
        assertEquals(1, b.getInt(0));          // nr_xcrs
        assertEquals(0, b.getInt(4));          // flags
        assertEquals(0, b.getInt(8));          // xcrs[0].xcr = XCR0
        assertEquals(0, b.getInt(12));         // reserved
        assertEquals(7, b.getLong(16));        // value
        assertEquals(0, b.getLong(24 + 8));    // xcrs[1] untouched
        assertEquals(7, KvmXcrs.readXcr0(b));
    }

    @Test
    void xcr0IsFoundInAnyRowAndItsAbsenceIsAnError() {
        ByteBuffer b = le(KvmStructs.KVM_XCRS.size());
        b.putInt(0, 2);
        b.putInt(8, 1);            // a row for another XCR first
        b.putLong(16, 0xdead);
        b.putInt(24, 0);
        b.putLong(32, 0xe7);
        assertEquals(0xe7, KvmXcrs.readXcr0(b));
        b.putInt(0, 1);
        assertThrows(IllegalStateException.class, () -> KvmXcrs.readXcr0(b));
    }

    @Test
    void supportedCpuidRowsAreRead() {
        ByteBuffer b = le(KvmCpuidTable.bytes(3));
        assertEquals(8 + 3 * 40, b.capacity());
        b.putInt(0, 2);
        int e = 8;
        b.putInt(e, 1).putInt(e + 4, 0).putInt(e + 8, 0).putInt(e + 12, 0xa).putInt(e + 16, 0xb).putInt(e + 20, 0x1c000000)
                .putInt(e + 24, 0xd);
        e += 40;
        b.putInt(e, 0xd).putInt(e + 4, 2).putInt(e + 8, 1).putInt(e + 12, 256).putInt(e + 16, 576);
        List<KvmVcpu.CpuidEntry> rows = KvmCpuidTable.read(b);
        assertEquals(List.of(new KvmVcpu.CpuidEntry(1, 0, 0, 0xa, 0xb, 0x1c000000, 0xd),
                new KvmVcpu.CpuidEntry(0xd, 2, 1, 256, 576, 0, 0)), rows);
        b.putInt(0, 4);
        assertThrows(IllegalArgumentException.class, () -> KvmCpuidTable.read(b));
    }
}

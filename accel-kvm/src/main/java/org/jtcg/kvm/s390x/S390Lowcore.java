package org.jtcg.kvm.s390x;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The engine's s390 lowcore (the 8 KiB prefix area) and its two stubs, as a user-mode guest under KVM
 * needs them: the SVC and program new PSWs point at stubs that execute a DIAGNOSE code KVM does not handle
 * (so it intercepts to user space, KVM_EXIT_S390_SIEIC), and the glue reads the old PSW and the interruption
 * code the CPU stored. Offsets from the z/Architecture Principles of Operation (assigned storage locations);
 * not in the UAPI headers, so not probed.
 */
public final class S390Lowcore {
    /** Size of the prefix area. */
    public static final int SIZE = 0x2000;
    public static final int SVC_CODE = 0x8a, PGM_CODE = 0x8e, TRANS_EXC_ID = 0xa8;
    public static final int SVC_OLD_PSW = 0x140, PGM_OLD_PSW = 0x150, SVC_NEW_PSW = 0x1c0, PGM_NEW_PSW = 0x1d0;
    /** Stub offsets in the region (after the lowcore). */
    public static final int SVC_STUB = 0x2000, PGM_STUB = 0x2010;
    /** The doorbell: {@code DIAG 0,0,0x4a6} (opcode 0x83, R1 R3 = 0, B2 = 0, D2 = 0x4a6). */
    public static final int DOORBELL_DIAG = 0x830004a6;
    /** KVM_EXIT_S390_SIEIC icptcode of an instruction intercept. */
    public static final int ICPT_INSTRUCTION = 0x04;
    /** New-PSW mask of the stubs: supervisor state, DAT and interrupts off, 64-bit addressing (EA, BA). */
    public static final long STUB_PSW_MASK = 0x0000_0001_8000_0000L;
    /** Bytes of the whole region (lowcore + stubs), one page pair. */
    public static final int REGION_SIZE = 0x3000;

    private final ByteBuffer region;
    private final long base;

    /**
     * @param region the region's host memory (becomes memory slot 0; big-endian access whatever its order)
     * @param base   its guest-real address, which is also the prefix
     */
    public S390Lowcore(ByteBuffer region, long base) {
        this.region = region.duplicate().order(ByteOrder.BIG_ENDIAN);
        this.base = base;
    }

    public long base() {
        return base;
    }

    /** Writes the new PSWs and the two stubs. */
    public void install() {
        region.putLong(SVC_NEW_PSW, STUB_PSW_MASK);
        region.putLong(SVC_NEW_PSW + 8, base + SVC_STUB);
        region.putLong(PGM_NEW_PSW, STUB_PSW_MASK);
        region.putLong(PGM_NEW_PSW + 8, base + PGM_STUB);
        region.putInt(SVC_STUB, DOORBELL_DIAG);
        region.putInt(PGM_STUB, DOORBELL_DIAG);
    }

    /** Which stub a PSW address is in: SVC_STUB, PGM_STUB, or -1. */
    public int stubAt(long pswAddr) {
        long off = pswAddr - base;
        if (off >= SVC_STUB && off <= SVC_STUB + 4) {
            return SVC_STUB;
        }
        if (off >= PGM_STUB && off <= PGM_STUB + 4) {
            return PGM_STUB;
        }
        return -1;
    }

    /** The old PSW (mask, address) stored at {@code offset}. */
    public long[] oldPsw(int offset) {
        return new long[] {region.getLong(offset), region.getLong(offset + 8)};
    }

    public int svcCode() {
        return region.getShort(SVC_CODE) & 0xffff;
    }

    public int programCode() {
        return region.getShort(PGM_CODE) & 0xffff;
    }

    /** The failing address of a translation/protection exception (page address, as Linux reports it). */
    public long failingAddress() {
        return region.getLong(TRANS_EXC_ID) & ~0xfffL;
    }
}

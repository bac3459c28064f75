package org.jtcg.kvm.x86;

import org.jtcg.kvm.sys.KvmStructs;
import org.jtcg.kvm.sys.KvmVcpu;
import org.jtcg.kvm.sys.StructLayout;

import java.nio.ByteBuffer;

/**
 * How the FPU register set (x87, XMM, MXCSR, the ymm upper halves) moves between KVM and the canonical state, with the
 * byte offsets of each field in that ioctl's struct (data, per transport).
 *
 * <p>{@link #XSAVE} is the default wherever KVM has {@code KVM_CAP_XSAVE}. {@link #FPU}
 * ({@code KVM_GET/SET_FPU}) copies the raw FXSAVE area of the vCPU's XSAVE buffer and ignores its
 * header: on a host that saves the guest with XSAVES/XSAVEOPT, a component in its init state is not
 * written to that area, and a component whose XSTATE_BV bit is clear is re-initialised by the
 * restore on entry. On this PVM host that made {@code KVM_GET_FPU} report MXCSR as 0 while the
 * guest's {@code stmxcsr} stored 0x1f80, and made the XMM registers of the first
 * {@code KVM_SET_FPU} (XSTATE_BV still 0 in a fresh vCPU) read as zero inside the guest.
 * {@code KVM_GET/SET_XSAVE} convert through the XSAVE header (standard format), so both directions
 * are exact; {@link #fill} sets the x87 and SSE bits of XSTATE_BV so the restore takes the values.
 * {@link FpuTransportCheck} verifies a transport against what guest code sees. The ymm upper halves
 * (XSAVE component 2 at offset 576) travel only with {@link #XSAVE}; {@link #FPU} reads them as zero
 * and cannot set them.
 */
public enum FpuTransport {
    /** KVM_GET/SET_XSAVE: the standard-format XSAVE image (legacy area offsets from the SDM, vol. 1 10.5.1). */
    XSAVE(0, 2, 4, 6, 8, 16, 24, 32, 160),
    /** KVM_GET/SET_FPU: struct kvm_fpu (loses MXCSR and first-entry XMM on XSAVES hosts such as PVM; see above). */
    FPU(KvmStructs.KVM_FPU);

    /** Canonical words of the FPU set: st0-7 (2 each), fcw, fsw, ftw, fop, fip, fdp, xmm0-15 (2 each), mxcsr, ymmh0-15 (2 each). */
    public static final int WORDS = 55 + 32;
    /** The AVX component (bits 255:128 of ymm0-15) in the standard XSAVE format, and its XSTATE_BV bit. */
    static final int YMM_HI = 576, YMM_HI_END = YMM_HI + 256;
    static final long AVX = 0b100;
    /** Offset of XSTATE_BV in the XSAVE header (standard format). */
    static final int XSTATE_BV = 512;
    /** XSTATE_BV bits of the state the canonical set covers: x87 (0) and SSE (1). */
    static final long X87_SSE = 0b11;

    private final int fcw, fsw, ftw, fop, fip, fdp, mxcsr, st, xmm;

    FpuTransport(int fcw, int fsw, int ftw, int fop, int fip, int fdp, int mxcsr, int st, int xmm) {
        this.fcw = fcw;
        this.fsw = fsw;
        this.ftw = ftw;
        this.fop = fop;
        this.fip = fip;
        this.fdp = fdp;
        this.mxcsr = mxcsr;
        this.st = st;
        this.xmm = xmm;
    }

    FpuTransport(StructLayout f) {
        this(f.offset("fcw"), f.offset("fsw"), f.offset("ftwx"), f.offset("last_opcode"), f.offset("last_ip"),
                f.offset("last_dp"), f.offset("mxcsr"), f.offset("fpr"), f.offset("xmm"));
    }

    /** The vCPU buffer this transport's ioctls use. */
    public ByteBuffer buffer(KvmVcpu vcpu) {
        return this == XSAVE ? vcpu.xsave() : vcpu.fpu();
    }

    /** Fetches KVM's state into {@link #buffer}. */
    public void get(KvmVcpu vcpu) {
        if (this == XSAVE) {
            vcpu.getXsave();
        } else {
            vcpu.getFpu();
        }
    }

    /** Writes {@link #buffer} to KVM. */
    public void set(KvmVcpu vcpu) {
        if (this == XSAVE) {
            vcpu.setXsave();
        } else {
            vcpu.setFpu();
        }
    }

    /** The canonical words held in a raw buffer of this transport. */
    public long[] toCanonical(ByteBuffer raw) {
        long[] v = new long[WORDS];
        int k = 0;
        for (int i = 0; i < 8; i++) {
            v[k++] = raw.getLong(st + 16 * i);
            v[k++] = raw.getLong(st + 16 * i + 8) & 0xffff; // 80-bit register
        }
        v[k++] = raw.getShort(fcw) & 0xffff;
        v[k++] = raw.getShort(fsw) & 0xffff;
        v[k++] = raw.get(ftw) & 0xff;
        v[k++] = raw.getShort(fop) & 0xffff;
        v[k++] = raw.getLong(fip);
        v[k++] = raw.getLong(fdp);
        for (int i = 0; i < 16; i++) {
            v[k++] = raw.getLong(xmm + 16 * i);
            v[k++] = raw.getLong(xmm + 16 * i + 8);
        }
        v[k++] = raw.getInt(mxcsr) & 0xffff_ffffL;
        // ymm upper halves: only XSAVE carries them, and only when XSTATE_BV says the component is not in its init state (zero)
        if (this == XSAVE && raw.capacity() >= YMM_HI_END && (raw.getLong(XSTATE_BV) & AVX) != 0) {
            for (int i = 0; i < 32; i++) {
                v[k++] = raw.getLong(YMM_HI + 8 * i);
            }
        }
        return v;
    }

    /**
     * Stores canonical words into a raw buffer that holds KVM's current values (the rest of the
     * buffer — reserved bytes, MXCSR_MASK, other XSAVE components — is kept). {@code resetExtended}:
     * also put every XSAVE component beyond x87/SSE (AVX upper halves...) into its init state, for a
     * full put from a state that has no such registers.
     */
    public void fill(ByteBuffer raw, long[] v, boolean resetExtended) {
        fill(raw, v, resetExtended, true);
    }

    /**
     * {@link #fill(ByteBuffer, long[], boolean)} for a guest whose XCR0 may lack AVX ({@code avxState} false):
     * then XSTATE_BV never gets the AVX bit (KVM_SET_XSAVE refuses components the guest's XCR0 cannot hold)
     * and the upper halves stay in their init state (zero), as they would on such a CPU.
     */
    public void fill(ByteBuffer raw, long[] v, boolean resetExtended, boolean avxState) {
        int k = 0;
        for (int i = 0; i < 8; i++) {
            raw.putLong(st + 16 * i, v[k++]);
            raw.putShort(st + 16 * i + 8, (short) v[k++]);
        }
        raw.putShort(fcw, (short) v[k++]);
        raw.putShort(fsw, (short) v[k++]);
        raw.put(ftw, (byte) v[k++]);
        raw.putShort(fop, (short) v[k++]);
        raw.putLong(fip, v[k++]);
        raw.putLong(fdp, v[k++]);
        for (int i = 0; i < 16; i++) {
            raw.putLong(xmm + 16 * i, v[k++]);
            raw.putLong(xmm + 16 * i + 8, v[k++]);
        }
        raw.putInt(mxcsr, (int) v[k++]);
        if (this == XSAVE) {
            long bv = (resetExtended ? 0 : raw.getLong(XSTATE_BV)) | X87_SSE;
            if (!avxState) {
                bv &= ~AVX;
            } else if (raw.capacity() >= YMM_HI_END) {
                boolean upperInUse = false;
                for (int i = 0; i < 32; i++) {
                    raw.putLong(YMM_HI + 8 * i, v[k + i]);
                    upperInUse |= v[k + i] != 0;
                }
                // XSTATE_BV's AVX bit only when needed: a guest whose XCR0 lacks AVX never gets it set
                if (upperInUse) {
                    bv |= AVX;
                }
            }
            raw.putLong(XSTATE_BV, bv);
        }
    }
}

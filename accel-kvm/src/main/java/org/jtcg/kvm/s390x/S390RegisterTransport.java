package org.jtcg.kvm.s390x;

import org.jtcg.kvm.RegisterSetAccess;
import org.jtcg.kvm.RegisterSetLayout;
import org.jtcg.kvm.RegisterTransport;
import org.jtcg.kvm.SyncLevel;
import org.jtcg.kvm.sys.OneRegAccess;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How the s390 register sets ({@link S390RegisterSets}) move between one vCPU and canonical words. Every
 * set but EPOCH lives in the {@code kvm_run} page, so no set costs an ioctl: KVM writes the PSW and the sync
 * registers there at every exit (the sets it fills are in {@code kvm_valid_regs}, which s390 KVM sets itself
 * from the machine's facilities), and reads the PSW at every KVM_RUN plus each sync set whose bit userspace
 * put into {@code kvm_dirty_regs} (the GPRs live only there, so KVM takes them at every entry regardless).
 * The transport clears {@code kvm_dirty_regs} before each entry's puts and sets one bit per set it writes.
 *
 * <p><b>Vector or floating-point registers.</b> With the vector facility KVM offers KVM_SYNC_VRS (vrs[32][2]
 * and fpc); without it KVM_SYNC_FPRS (fprs[16], the left halves of v0-v15, sharing the union). The VRS set
 * follows whichever bit is valid; under FPRS the right halves and v16-v31 read as 0 (the machine has none).
 *
 * <p>The image is big-endian whatever the buffer's order says (an s390 host's memory). Unexecuted: no s390
 * KVM host was available; tested against a heap image and a map standing in for ONE_REG.
 */
public final class S390RegisterTransport implements RegisterTransport {
    private static final RegisterSetLayout LAYOUT = S390RegisterSets.layout();
    private static final int VALID = S390KvmUapi.KVM_RUN.offset("kvm_valid_regs");
    private static final int DIRTY = S390KvmUapi.KVM_RUN.offset("kvm_dirty_regs");
    private static final int FPRS = S390KvmUapi.KVM_RUN.offset("s.regs.fprs");
    private static final int FPC = S390KvmUapi.KVM_RUN.offset("s.regs.fpc");

    private final ByteBuffer run;
    private final OneRegAccess oneReg;
    private final S390StructIoctls ioctls;
    private final long[][] filled = new long[LAYOUT.size()][];

    public S390RegisterTransport(ByteBuffer kvmRun, OneRegAccess oneReg, S390StructIoctls ioctls) {
        this.run = kvmRun.duplicate().order(ByteOrder.BIG_ENDIAN);
        this.oneReg = oneReg;
        this.ioctls = ioctls;
    }

    @Override
    public RegisterSetLayout layout() {
        return LAYOUT;
    }

    private long valid() {
        return run.getLong(VALID);
    }

    /** True when KVM shares the FPRS and not the VRS (a host without the vector facility). */
    private boolean fprsOnly() {
        return (valid() & S390KvmUapi.SYNC_VRS) == 0 && (valid() & S390KvmUapi.SYNC_FPRS) != 0;
    }

    @Override
    public boolean canFetch(int set) {
        S390RegisterSets.Set s = S390RegisterSets.sets().get(set);
        if (s.syncBit() == 0) {
            return true;
        }
        return (valid() & s.syncBit()) != 0 || (set == S390RegisterSets.VRS && fprsOnly());
    }

    @Override
    public long[] fetch(int set) {
        if (set == S390RegisterSets.EPOCH) {
            return oneReg.get(S390RegisterSets.EPOCH_IDS[0]);
        }
        long[] out = new long[LAYOUT.wordCount(set)];
        if (set == S390RegisterSets.VRS && fprsOnly()) {
            for (int n = 0; n < 16; n++) {
                out[2 * n + 1] = run.getLong(FPRS + 8 * n);
            }
            out[64] = run.getInt(FPC) & 0xffff_ffffL;
            return out;
        }
        int k = 0;
        for (S390SyncField f : S390RegisterSets.sets().get(set).fields()) {
            long[] v = f.read(run);
            System.arraycopy(v, 0, out, k, v.length);
            k += v.length;
        }
        return out;
    }

    @Override
    public void levelScheduled(SyncLevel level) {
        // Levels only choose which sets are put; every put goes through the image.
    }

    @Override
    public void setFullSync(boolean on) {
        // Every set is in kvm_run (EPOCH: one ONE_REG either way): full sync has nothing cheaper to replace.
    }

    @Override
    public void prepareEntry(RegisterSetAccess cache, boolean stepping) {
        run.putLong(DIRTY, 0);
    }

    @Override
    public void fill(int set, RegisterSetAccess cache, boolean fullLevel) {
        filled[set] = cache.javaValues(set);
    }

    @Override
    public void put(int set) {
        long[] v = filled[set];
        if (set == S390RegisterSets.EPOCH) {
            oneReg.set(S390RegisterSets.EPOCH_IDS[0], new long[] {v[0]});
            return;
        }
        S390RegisterSets.Set s = S390RegisterSets.sets().get(set);
        if (set == S390RegisterSets.VRS && fprsOnly()) {
            for (int n = 0; n < 16; n++) {
                run.putLong(FPRS + 8 * n, v[2 * n + 1]);
            }
            run.putInt(FPC, (int) v[64]);
            markDirty(S390KvmUapi.SYNC_FPRS);
            return;
        }
        int k = 0;
        for (S390SyncField f : s.fields()) {
            int w = f.bytes() == 16 ? 2 : 1;
            f.write(run, Arrays.copyOfRange(v, k, k + w));
            k += w;
        }
        markDirty(s.syncBit());
    }

    private void markDirty(long bit) {
        run.putLong(DIRTY, run.getLong(DIRTY) | bit);
    }

    @Override
    public void putsDone() {
    }

    /**
     * Nothing to flush: there is no s390 ioctl that writes the PSW of a running vCPU, only kvm_run. Whether
     * s390's KVM_SET_GUEST_DEBUG single-step depends on the PSW current at the ioctl (as x86's trap flag does) is
     * unverified; the generic engine's stepping is not usable for s390 yet anyway (docs/kvm.md).
     */
    @Override
    public void commitDeferredPuts() {
    }

    @Override
    public void afterRun() {
        // KVM rewrote the image: the cache refetches on demand.
    }

    /**
     * The sync-area values next to the struct ioctls' (GPRS: KVM_GET_REGS; ACRS, CRS: KVM_GET_SREGS; the FPC
     * and the FPR halves of VRS: KVM_GET_FPU). Canonical words are the ioctl results where an ioctl covers the
     * set; each register the ioctl covers and the sync area disagrees on is listed as a raw mismatch.
     */
    @Override
    public Verification fetchByIoctl(int[] sets) {
        long[][] out = new long[sets.length][];
        List<String> mismatch = new ArrayList<>();
        for (int i = 0; i < sets.length; i++) {
            int set = sets[i];
            long[] sync = fetch(set);
            long[] viaIoctl = sync.clone();
            switch (set) {
                case S390RegisterSets.GPRS -> copyU64(ioctls.getRegs(), S390KvmUapi.KVM_REGS.offset("gprs"), viaIoctl, 1, 0, 16);
                case S390RegisterSets.ACRS -> {
                    ByteBuffer b = ioctls.getSregs().order(ByteOrder.BIG_ENDIAN);
                    for (int n = 0; n < 16; n++) {
                        viaIoctl[n] = b.getInt(S390KvmUapi.KVM_SREGS.offset("acrs") + 4 * n) & 0xffff_ffffL;
                    }
                }
                case S390RegisterSets.CRS -> copyU64(ioctls.getSregs(), S390KvmUapi.KVM_SREGS.offset("crs"), viaIoctl, 1, 0, 16);
                case S390RegisterSets.VRS -> {
                    ByteBuffer b = ioctls.getFpu().order(ByteOrder.BIG_ENDIAN);
                    copyU64(b, S390KvmUapi.KVM_FPU.offset("fprs"), viaIoctl, 2, 1, 16);
                    viaIoctl[64] = b.getInt(S390KvmUapi.KVM_FPU.offset("fpc")) & 0xffff_ffffL;
                }
                default -> { }
            }
            for (int w = 0; w < sync.length; w++) {
                if (sync[w] != viaIoctl[w]) {
                    mismatch.add(String.format("%s word %d: kvm_run 0x%x, ioctl 0x%x", LAYOUT.name(set), w, sync[w], viaIoctl[w]));
                }
            }
            out[i] = viaIoctl;
        }
        return new Verification(out, mismatch);
    }

    /** Copies {@code n} big-endian u64s from {@code base} into every {@code stride}-th word from {@code first}. */
    private static void copyU64(ByteBuffer b, int base, long[] out, int stride, int first, int n) {
        ByteBuffer be = b.duplicate().order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < n; i++) {
            out[first + stride * i] = be.getLong(base + 8 * i);
        }
    }

    @Override
    public String stopState() {
        return String.format("psw 0x%016x 0x%x", run.getLong(S390KvmUapi.KVM_RUN.offset("psw_mask")),
                run.getLong(S390KvmUapi.KVM_RUN.offset("psw_addr")));
    }
}

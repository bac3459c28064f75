package org.jtcg.kvm.arm64;

import org.jtcg.cpreg.Arm64Registers;
import org.jtcg.cpreg.RegId;
import org.jtcg.kvm.RegisterSetAccess;
import org.jtcg.kvm.RegisterSetLayout;
import org.jtcg.kvm.RegisterTransport;
import org.jtcg.kvm.SyncLevel;
import org.jtcg.kvm.sys.OneRegAccess;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How the arm64 register sets ({@link Arm64RegisterSets}) move between one vCPU and canonical words: one
 * KVM_GET/SET_ONE_REG per register (arm64 KVM has no wider register ioctl and no sync area for them).
 *
 * <p><b>Two views.</b> When the vCPU stopped in one of the engine's EL1 vector stubs ({@link Stop#VECTOR}),
 * the user's PC and PSTATE are in ELR_EL1 and SPSR_EL1 (the exception saved them), and the stub saved the
 * user's x0 in TPIDR_EL1 before using x0 for its doorbell; SP is SP_EL0 in both views (the stub runs on
 * SP_EL1). Fetches return the user view. A put of CORE writes the user PC and a PSTATE of EL0t with the
 * user's NZCV directly, which leaves the stub (the direct path); with CORE clean the stub's own ERET
 * resumes the user.
 *
 * <p><b>PSTATE.</b> The canonical value is NZCV (bits 31-28), what an EL0 task sees; the mode and the
 * DAIF/PAN/SSBS bits are the engine's and are dropped on fetch and set to EL0t (0) on put.
 *
 * <p>Unexecuted: no arm64 KVM host was available; tested against a map standing in for ONE_REG.
 */
public final class Arm64RegisterTransport implements RegisterTransport {
    /** How the raw vCPU state relates to the user state. */
    public enum Stop {
        /** The raw state is the user state (fresh put, or stopped in EL0). */
        USER,
        /** Stopped in an EL1 vector stub: user PC/PSTATE in ELR_EL1/SPSR_EL1, user x0 in TPIDR_EL1. */
        VECTOR
    }

    /** PSTATE bits an EL0 task sees and the canonical state keeps. */
    public static final long NZCV = 0xf000_0000L;
    public static final long ESR_EL1 = Arm64Registers.sysreg(3, 0, 5, 2, 0);
    public static final long FAR_EL1 = Arm64Registers.sysreg(3, 0, 6, 0, 0);
    public static final long TPIDR_EL1 = Arm64Registers.sysreg(3, 0, 13, 0, 4);
    public static final long SPSR_EL1 = Arm64Registers.spsr(0);

    private static final RegisterSetLayout LAYOUT = Arm64RegisterSets.layout();

    private final OneRegAccess regs;
    private final Map<Long, Long> el1;
    private final long[][] filled = new long[LAYOUT.size()][];
    private Stop stop = Stop.USER;

    /**
     * @param regs the vCPU's ONE_REG access
     * @param el1  the EL1 image the EL1 set writes (id to value)
     */
    public Arm64RegisterTransport(OneRegAccess regs, Map<Long, Long> el1) {
        this.regs = regs;
        this.el1 = Map.copyOf(el1);
    }

    @Override
    public RegisterSetLayout layout() {
        return LAYOUT;
    }

    public Stop stop() {
        return stop;
    }

    /** Set by the vCPU glue when it classified an exit. */
    public void setStop(Stop stop) {
        this.stop = stop;
    }

    @Override
    public String stopState() {
        return stop.name();
    }

    @Override
    public long[] fetch(int set) {
        long[] ids = LAYOUT.spec(set).ids();
        long[] out = new long[LAYOUT.wordCount(set)];
        int k = 0;
        for (int i = 0; i < ids.length; i++) {
            long[] v = regs.get(rawId(set, i, ids[i]));
            if (set == Arm64RegisterSets.CORE && i == Arm64RegisterSets.CORE_PSTATE) {
                v = new long[] {v[0] & NZCV};
            }
            System.arraycopy(v, 0, out, k, v.length);
            k += v.length;
        }
        return out;
    }

    /** Where register {@code i} of a set lives in the raw vCPU state for the current stop. */
    private long rawId(int set, int i, long id) {
        if (stop != Stop.VECTOR || set != Arm64RegisterSets.CORE) {
            return id;
        }
        if (i == Arm64RegisterSets.CORE_PC) {
            return Arm64Registers.ELR_EL1;
        }
        if (i == Arm64RegisterSets.CORE_PSTATE) {
            return SPSR_EL1;
        }
        return i == 0 ? TPIDR_EL1 : id;
    }

    @Override
    public boolean canFetch(int set) {
        return true;
    }

    @Override
    public void levelScheduled(SyncLevel level) {
        // Nothing to remember: every put writes through ONE_REG at once.
    }

    @Override
    public void setFullSync(boolean on) {
        // Every fetch and put is an ioctl already.
    }

    @Override
    public void prepareEntry(RegisterSetAccess cache, boolean stepping) {
        // A dirty CORE set is written directly (user PC and EL0t PSTATE), which leaves the stub; otherwise the
        // stub's ERET returns to the user. Nothing to decide here.
    }

    @Override
    public void fill(int set, RegisterSetAccess cache, boolean fullLevel) {
        filled[set] = cache.javaValues(set);
    }

    @Override
    public void put(int set) {
        if (set == Arm64RegisterSets.EL1) {
            el1.forEach((id, v) -> regs.set(id, new long[] {v}));
            return;
        }
        long[] ids = LAYOUT.spec(set).ids();
        long[] v = filled[set];
        int k = 0;
        for (int i = 0; i < ids.length; i++) {
            int w = RegId.words(ids[i]);
            long[] words = Arrays.copyOfRange(v, k, k + w);
            if (set == Arm64RegisterSets.CORE && i == Arm64RegisterSets.CORE_PSTATE) {
                words[0] = (words[0] & NZCV) | Arm64KvmUapi.PSR_MODE_EL0T;
            }
            regs.set(ids[i], words);
            k += w;
        }
        if (set == Arm64RegisterSets.CORE) {
            stop = Stop.USER;
        }
    }

    @Override
    public void putsDone() {
    }

    @Override
    public void commitDeferredPuts() {
        // ONE_REG writes are never deferred.
    }

    @Override
    public void afterRun() {
        stop = Stop.USER; // until the glue classifies the exit
    }

    /** There is no shortcut to cross-check: the ioctl fetch is the fetch. */
    @Override
    public Verification fetchByIoctl(int[] sets) {
        long[][] out = new long[sets.length][];
        for (int i = 0; i < sets.length; i++) {
            out[i] = fetch(sets[i]);
        }
        return new Verification(out, List.of());
    }
}

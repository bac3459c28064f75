package org.jtcg.kvm.s390x;

import org.jtcg.cpreg.S390Registers;
import org.jtcg.kvm.RegisterSetLayout;
import org.jtcg.kvm.RegisterSetSpec;
import org.jtcg.kvm.SyncLevel;

import java.util.ArrayList;
import java.util.List;

/**
 * The s390 register sets as data: which canonical ids each set holds, where each lives in {@code kvm_run}
 * ({@link S390SyncField}), its {@code KVM_SYNC_*} bit and the lowest {@link SyncLevel} that writes it.
 * This table is the mapping of jtcg's s390 project ids onto the sync registers (docs/register-ids.md).
 *
 * <ul>
 * <li>PSW (RUNTIME): psw_mask, psw_addr → kvm_run.psw_mask/psw_addr, which KVM reads at every KVM_RUN and
 *     writes at every exit (no bit).</li>
 * <li>GPRS, ACRS (RUNTIME): r0-r15, a0-a15 → s.regs.gprs/acrs.</li>
 * <li>VRS (RUNTIME): v0-v31, fpc → s.regs.vrs/fpc; on a host without the vector facility KVM offers FPRS
 *     instead (f0-f15 = the left halves of v0-v15), see {@link S390RegisterTransport}.</li>
 * <li>PREFIX, CRS (RESET): prefix, c0-c15 — what a CPU reset defines.</li>
 * <li>ARCH0 (FULL): todpr, cpu_timer, clock_comp, pp, gbea → s.regs.todpr/cputm/ckc/pp/gbea.</li>
 * <li>PFAULT (FULL): pftoken, pfselect, pfcompare → s.regs.pft/pfs/pfc.</li>
 * <li>EPOCH (FULL): epochdiff, only through ONE_REG (not in the sync area).</li>
 * </ul>
 * Each Linux ONE_REG id of the ARCH0/PFAULT fields is the canonical id of that field, so a snapshot carries
 * the value once whichever way KVM moves it.
 */
public final class S390RegisterSets {
    private S390RegisterSets() {}

    public static final int PSW = 0, GPRS = 1, ACRS = 2, VRS = 3, PREFIX = 4, CRS = 5, ARCH0 = 6, PFAULT = 7, EPOCH = 8;

    /** One set: spec fields plus its sync bit (0: always exchanged or not in the sync area) and its fields. */
    public record Set(String name, long syncBit, SyncLevel level, boolean required, boolean verified,
                      List<S390SyncField> fields) {
        public long[] ids() {
            return fields.stream().mapToLong(S390SyncField::id).toArray();
        }
    }

    private static final List<Set> SETS = List.of(
            new Set("PSW", 0, SyncLevel.RUNTIME, true, true, List.of(
                    new S390SyncField(S390Registers.PSW_MASK, "psw_mask", 0, 8),
                    new S390SyncField(S390Registers.PSW_ADDR, "psw_addr", 0, 8))),
            new Set("GPRS", S390KvmUapi.SYNC_GPRS, SyncLevel.RUNTIME, true, true, array(16, "s.regs.gprs", 8, S390Registers::gpr)),
            new Set("ACRS", S390KvmUapi.SYNC_ACRS, SyncLevel.RUNTIME, true, true, array(16, "s.regs.acrs", 4, S390Registers::acr)),
            new Set("VRS", S390KvmUapi.SYNC_VRS, SyncLevel.RUNTIME, false, true, vrs()),
            new Set("PREFIX", S390KvmUapi.SYNC_PREFIX, SyncLevel.RESET, false, true, List.of(
                    new S390SyncField(S390Registers.PREFIX, "s.regs.prefix", 0, 8))),
            new Set("CRS", S390KvmUapi.SYNC_CRS, SyncLevel.RESET, false, true, array(16, "s.regs.crs", 8, S390Registers::cr)),
            new Set("ARCH0", S390KvmUapi.SYNC_ARCH0, SyncLevel.FULL, false, false, List.of(
                    new S390SyncField(S390Registers.TODPR, "s.regs.todpr", 0, 8),
                    new S390SyncField(S390Registers.CPU_TIMER, "s.regs.cputm", 0, 8),
                    new S390SyncField(S390Registers.CLOCK_COMP, "s.regs.ckc", 0, 8),
                    new S390SyncField(S390Registers.PP, "s.regs.pp", 0, 8),
                    new S390SyncField(S390Registers.GBEA, "s.regs.gbea", 0, 8))),
            new Set("PFAULT", S390KvmUapi.SYNC_PFAULT, SyncLevel.FULL, false, false, List.of(
                    new S390SyncField(S390Registers.PFTOKEN, "s.regs.pft", 0, 8),
                    new S390SyncField(S390Registers.PFSELECT, "s.regs.pfs", 0, 8),
                    new S390SyncField(S390Registers.PFCOMPARE, "s.regs.pfc", 0, 8))),
            new Set("EPOCH", 0, SyncLevel.FULL, false, false, List.of()));

    /** The ONE_REG-only ids of the EPOCH set (no kvm_run field). */
    public static final long[] EPOCH_IDS = {S390Registers.EPOCHDIFF};

    /** Put order: what the PSW's meaning depends on (prefix, control registers) first. */
    private static final int[] PUT_ORDER = {PREFIX, CRS, PSW, GPRS, ACRS, VRS, ARCH0, PFAULT, EPOCH};

    public static List<Set> sets() {
        return SETS;
    }

    /** The canonical ids of a set (EPOCH: {@link #EPOCH_IDS}). */
    public static long[] ids(int set) {
        return set == EPOCH ? EPOCH_IDS.clone() : SETS.get(set).ids();
    }

    /** Every kvm_run field of every set (the project-id mapping, for tests and docs). */
    public static List<S390SyncField> allFields() {
        List<S390SyncField> out = new ArrayList<>();
        for (Set s : SETS) {
            out.addAll(s.fields());
        }
        return out;
    }

    public static RegisterSetLayout layout() {
        List<RegisterSetSpec> specs = new ArrayList<>();
        for (int i = 0; i < SETS.size(); i++) {
            Set s = SETS.get(i);
            specs.add(new RegisterSetSpec(s.name(), ids(i), s.level(), s.required(), s.verified()));
        }
        return new RegisterSetLayout(specs, PUT_ORDER, S390Registers.PSW_ADDR);
    }

    private static List<S390SyncField> array(int n, String field, int bytes, java.util.function.IntToLongFunction id) {
        List<S390SyncField> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new S390SyncField(id.applyAsLong(i), field, i, bytes));
        }
        return out;
    }

    private static List<S390SyncField> vrs() {
        List<S390SyncField> out = array(32, "s.regs.vrs", 16, S390Registers::vr);
        out.add(new S390SyncField(S390Registers.FPC, "s.regs.fpc", 0, 4));
        return out;
    }

    /**
     * The sync sets a host's {@code kvm_valid_regs} (set by s390 KVM at vCPU creation) does not offer, by name;
     * VRS counts as offered with KVM_SYNC_FPRS (a machine without the vector facility). Empty: every set can move.
     */
    public static List<String> missingSyncSets(long validRegs) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < SETS.size(); i++) {
            long bit = SETS.get(i).syncBit();
            boolean offered = (validRegs & bit) != 0 || (i == VRS && (validRegs & S390KvmUapi.SYNC_FPRS) != 0);
            if (bit != 0 && !offered) {
                out.add(SETS.get(i).name());
            }
        }
        return out;
    }
}

package org.jtcg.kvm;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.cpu.RegisterSyncHook;
import org.jtcg.cpreg.RegId;
import org.jtcg.cpreg.RegisterNames;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Dirty-tracked register synchronisation between one vCPU and the canonical {@link CpuState},
 * for any architecture: the plug-in's {@link RegisterTransport} moves the sets, this class decides
 * when.
 *
 * <p><b>Bits.</b> Per set two bits: <i>cached</i> (the Java copy in the CpuState is current) and
 * <i>dirty</i> (the Java copy must be written to KVM before the next KVM_RUN). The hook fetches a set
 * on the first by-id read of one of its registers and marks it dirty on a write (fetching it first if
 * needed, so the rest of the set is not lost). After an exit nothing is cached. A cached clean set is
 * also compared with the values it was fetched with before entry (the <i>shadow</i>), which catches
 * arch code that writes the public register fields directly.
 *
 * <p><b>Levels.</b> {@link #putLevel} schedules every set of a {@link SyncLevel} (post-reset: RESET;
 * post-init and after loading a state: FULL; {@link #attach} does FULL). Only a FULL put writes the
 * sets whose level is FULL.
 *
 * <p><b>Who marks what dirty.</b> The hook (CpuState writes by id), a level put, the shadow compare,
 * full-sync mode (everything), and the transport's {@code prepareEntry} (e.g. a set it must rewrite to
 * re-enter guest code). Nothing else.
 */
public final class RegisterSetCache implements RegisterSyncHook, RegisterSetAccess {
    private final RegisterTransport transport;
    private final RegisterSetLayout layout;
    private final int n;
    private final int all;
    private final int fullOnly;

    private CpuState cpu;
    private Set<Long> cpuIds = Set.of();
    private boolean fullSync;
    private int cached;
    private int dirty;
    private final long[][] shadow;
    private boolean suppress;
    private boolean fullLevelPending;

    private final long[] gets;
    private final long[] puts;

    public RegisterSetCache(RegisterTransport transport) {
        this.transport = transport;
        this.layout = transport.layout();
        this.n = layout.size();
        this.all = layout.allMask();
        this.fullOnly = all & ~layout.levelMask(SyncLevel.RESET);
        this.shadow = new long[n][];
        this.gets = new long[n];
        this.puts = new long[n];
    }

    // ------------------------------------------------------------------ configuration

    /** Full-sync mode: every set by ioctl after every exit and before every entry (the unoptimised baseline). */
    public void setFullSync(boolean on) {
        this.fullSync = on;
        transport.setFullSync(on);
    }

    public boolean fullSync() { return fullSync; }
    public CpuState cpu() { return cpu; }
    public RegisterSetLayout layout() { return layout; }
    public RegisterTransport transport() { return transport; }

    // ------------------------------------------------------------------ attach / detach / levels

    /**
     * Takes {@code cpu} as the canonical state: checks it has every register of the required sets,
     * installs the hook and schedules a FULL put (the Java copy is authoritative).
     */
    public void attach(CpuState cpu) {
        Set<Long> ids = new HashSet<>();
        for (long id : cpu.ids()) {
            ids.add(id);
        }
        for (int s = 0; s < n; s++) {
            if (!layout.spec(s).required()) {
                continue;
            }
            for (long id : layout.idsOf(s)) {
                if (!ids.contains(id)) {
                    throw new IllegalArgumentException("CPU state " + cpu.getClass().getSimpleName() + " lacks register "
                            + RegisterNames.describe(id) + ", which the KVM engine needs");
                }
            }
        }
        this.cpu = cpu;
        this.cpuIds = ids;
        cpu.setSyncHook(this);
        putLevel(SyncLevel.FULL);
    }

    /** Fetches every set into the CpuState and removes the hook: the CpuState is complete and authoritative again. */
    public void detach() {
        if (cpu == null) {
            return;
        }
        for (int s = 0; s < n; s++) {
            ensureCached(s);
        }
        cpu.setSyncHook(null);
        cpu = null;
    }

    /**
     * Schedules a put of every set in {@code level} from the CpuState before the next entry (post-reset:
     * RESET; post-init and after loading a state: FULL). The Java copy is taken as current.
     */
    public void putLevel(SyncLevel level) {
        cached = all;
        dirty |= layout.levelMask(level);
        if (level == SyncLevel.FULL) {
            fullLevelPending = true;
        }
        transport.levelScheduled(level);
    }

    /**
     * Before the CpuState is loaded from a snapshot or register list: everything counts as cached and
     * dirty, so the by-id writes of the load never trigger a fetch that would overwrite loaded values.
     * Follow the load with {@code putLevel(FULL)}.
     */
    public void preLoad() {
        cached = all;
        dirty = all;
    }

    // ------------------------------------------------------------------ the hook

    @Override
    public void beforeRead(long id) {
        if (suppress) {
            return;
        }
        int s = layout.setOf(id);
        if (s >= 0) {
            ensureCached(s);
        }
    }

    @Override
    public void afterWrite(long id) {
        if (suppress) {
            return;
        }
        int s = layout.setOf(id);
        if (s < 0) {
            return;
        }
        if ((cached & bit(s)) == 0) {
            // Keep the value just written, load the rest of the set, then put the value back.
            long[] v = javaRead(id);
            ensureCached(s);
            javaWrite(id, v);
        }
        dirty |= bit(s);
    }

    /** Makes the Java copy of a set current (no-op when cached). */
    @Override
    public void ensureCached(int s) {
        if ((cached & bit(s)) != 0) {
            return;
        }
        long[] v = transport.fetch(s);
        storeJava(s, v);
        shadow[s] = v;
        cached |= bit(s);
        gets[s]++;
    }

    /** True when the set will be put before the next entry. */
    @Override
    public boolean isDirty(int s) {
        return (dirty & bit(s)) != 0;
    }

    /** Schedules a put of the set (the Java copy must be current: {@link #ensureCached} first). */
    @Override
    public void markDirty(int s) {
        dirty |= bit(s);
    }

    // ------------------------------------------------------------------ exit side

    /** Called right after KVM_RUN returned: nothing is cached. */
    public void afterRun() {
        cached = 0;
        transport.afterRun();
    }

    /** Called after the exit was classified; full-sync mode fetches every set now. */
    public void exitClassified() {
        if (fullSync) {
            for (int s = 0; s < n; s++) {
                if (transport.canFetch(s)) {
                    ensureCached(s);
                }
            }
        }
    }

    // ------------------------------------------------------------------ entry side

    /**
     * Writes what must be written before KVM_RUN (see {@link RegisterTransport} for the order).
     * {@code stepping}: the next run single-steps one instruction.
     */
    public void beforeRun(boolean stepping) {
        if (cpu == null) {
            throw new IllegalStateException("no CPU state attached");
        }
        // The engine contract: execution resumes at cpu.pc.
        long pc = cpu.pc;
        if (javaPc() != pc) {
            cpu.setReg(layout.pcId(), pc);
        }
        for (int s = 0; s < n; s++) {
            int b = bit(s);
            if ((cached & b) != 0 && (dirty & b) == 0 && shadow[s] != null && !Arrays.equals(shadow[s], javaValues(s))) {
                dirty |= b;
            }
        }
        if (fullSync) {
            dirty = all & ~(fullLevelPending ? 0 : fullOnly);
        }
        transport.prepareEntry(this, stepping);
        for (int s = 0; s < n; s++) {
            if ((dirty & bit(s)) != 0 && !skippedFullOnly(s)) {
                transport.fill(s, this, fullLevelPending);
            }
        }
        for (int s : layout.putOrder()) {
            if ((dirty & bit(s)) == 0 || skippedFullOnly(s)) {
                continue;
            }
            puts[s]++;
            transport.put(s);
        }
        transport.putsDone();
        for (int s = 0; s < n; s++) {
            if ((dirty & bit(s)) != 0 && (cached & bit(s)) != 0) {
                shadow[s] = javaValues(s);
            }
        }
        dirty = 0;
        fullLevelPending = false;
    }

    /** Writes the puts {@link #beforeRun} deferred into KVM_RUN now (before KVM_SET_GUEST_DEBUG). */
    public void commitDeferredPuts() {
        transport.commitDeferredPuts();
    }

    /** A FULL-only set (e.g. the TSC) is written only by a FULL put, and only if the CPU state carries it. */
    private boolean skippedFullOnly(int s) {
        return (fullOnly & bit(s)) != 0 && !(fullLevelPending && cpuHasAny(s));
    }

    private boolean cpuHasAny(int s) {
        for (long id : layout.idsOf(s)) {
            if (cpuIds.contains(id)) {
                return true;
            }
        }
        return false;
    }

    private long javaPc() {
        ensureCached(layout.pcSet());
        return javaRead(layout.pcId())[0];
    }

    private static int bit(int s) {
        return 1 << s;
    }

    // ------------------------------------------------------------------ Java side (hook suppressed)

    /** The set's canonical words read from the CpuState (ids it lacks read as 0). */
    @Override
    public long[] javaValues(int s) {
        long[] ids = layout.idsOf(s);
        long[] out = new long[layout.wordCount(s)];
        int k = 0;
        for (long id : ids) {
            int w = RegId.words(id);
            if (cpuIds.contains(id)) {
                long[] v = javaRead(id);
                System.arraycopy(v, 0, out, k, w);
            }
            k += w;
        }
        return out;
    }

    private void storeJava(int s, long[] v) {
        int k = 0;
        for (long id : layout.idsOf(s)) {
            int w = RegId.words(id);
            if (cpuIds.contains(id)) {
                javaWrite(id, Arrays.copyOfRange(v, k, k + w));
            }
            k += w;
        }
        if (s == layout.pcSet()) {
            cpu.pc = v[layout.pcWord()];
        }
    }

    private long[] javaRead(long id) {
        boolean was = suppress;
        suppress = true;
        try {
            return cpu.readWords(id);
        } finally {
            suppress = was;
        }
    }

    private void javaWrite(long id, long[] v) {
        boolean was = suppress;
        suppress = true;
        try {
            cpu.writeWords(id, v);
        } finally {
            suppress = was;
        }
    }

    // ------------------------------------------------------------------ statistics

    /** Fetches per set, by set name (for --stats). */
    public Map<String, Long> getCounts() {
        return byName(gets);
    }

    /** Puts per set, by set name (for --stats). */
    public Map<String, Long> putCounts() {
        return byName(puts);
    }

    private Map<String, Long> byName(long[] counts) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int s = 0; s < n; s++) {
            m.put(layout.name(s), counts[s]);
        }
        return m;
    }
}

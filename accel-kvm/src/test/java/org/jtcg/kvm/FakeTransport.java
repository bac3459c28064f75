package org.jtcg.kvm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A register transport over plain arrays standing in for KVM: "KVM's" values per set, a log of every
 * call, and switches for the cases a real transport has (a set with no user view, a verification
 * that disagrees). Four sets over {@link ToyCpu}: CORE (pc, a, b; RUNTIME, required), VEC (v; RUNTIME),
 * EVENTS (no ids; RESET), CLOCK (clock; FULL). Put order: VEC, CORE, EVENTS, CLOCK.
 */
final class FakeTransport implements RegisterTransport {
    static final int CORE = 0, VEC = 1, EVENTS = 2, CLOCK = 3;
    static final RegisterSetLayout LAYOUT = new RegisterSetLayout(List.of(
            new RegisterSetSpec("CORE", new long[] {ToyCpu.PC, ToyCpu.A, ToyCpu.B}, SyncLevel.RUNTIME, true, true),
            new RegisterSetSpec("VEC", new long[] {ToyCpu.V}, SyncLevel.RUNTIME, false, true),
            new RegisterSetSpec("EVENTS", new long[0], SyncLevel.RESET, false, false),
            new RegisterSetSpec("CLOCK", new long[] {ToyCpu.CLOCK}, SyncLevel.FULL, false, false)),
            new int[] {VEC, CORE, EVENTS, CLOCK}, ToyCpu.PC);

    /** KVM's current canonical words per set. */
    final long[][] kvm = {{0, 0, 0}, {0, 0}, {}, {0}};
    /** The words the last fill of each set carried. */
    final long[][] filled = new long[4][];
    final List<String> log = new ArrayList<>();
    final boolean[] noUserView = new boolean[4];
    /** What the ioctl fetch of {@link #fetchByIoctl} reports instead of {@link #kvm}, per set (null: the same). */
    final long[][] ioctlTruth = new long[4][];
    final List<String> rawMismatch = new ArrayList<>();
    final List<SyncLevel> levels = new ArrayList<>();
    boolean fullSync;
    /** A set {@link #prepareEntry} rewrites at every entry (like x86 REGS on the direct path), or -1. */
    int rewriteAtEntry = -1;
    private final RegisterSetLayout layout;

    FakeTransport() {
        this(LAYOUT);
    }

    /** With another layout over the same four sets (e.g. requiring a register the toy CPU lacks). */
    FakeTransport(RegisterSetLayout layout) {
        this.layout = layout;
    }

    @Override
    public RegisterSetLayout layout() {
        return layout;
    }

    @Override
    public long[] fetch(int set) {
        log.add("fetch " + layout.name(set));
        return kvm[set].clone();
    }

    @Override
    public boolean canFetch(int set) {
        return !noUserView[set];
    }

    @Override
    public void levelScheduled(SyncLevel level) {
        levels.add(level);
    }

    @Override
    public void setFullSync(boolean on) {
        fullSync = on;
    }

    @Override
    public void prepareEntry(RegisterSetAccess cache, boolean stepping) {
        log.add("prepare" + (stepping ? " stepping" : ""));
        if (rewriteAtEntry >= 0 && !cache.isDirty(rewriteAtEntry)) {
            cache.ensureCached(rewriteAtEntry);
            cache.markDirty(rewriteAtEntry);
        }
    }

    @Override
    public void fill(int set, RegisterSetAccess cache, boolean fullLevel) {
        log.add("fill " + layout.name(set) + (fullLevel ? " full" : ""));
        filled[set] = cache.javaValues(set);
    }

    @Override
    public void put(int set) {
        log.add("put " + layout.name(set));
        kvm[set] = filled[set].clone();
    }

    @Override
    public void putsDone() {
        log.add("putsDone");
    }

    @Override
    public void commitDeferredPuts() {
        log.add("commit");
    }

    @Override
    public void afterRun() {
        log.add("afterRun");
    }

    @Override
    public Verification fetchByIoctl(int[] sets) {
        log.add("ioctl fetch " + Arrays.toString(sets));
        long[][] out = new long[sets.length][];
        for (int i = 0; i < sets.length; i++) {
            out[i] = (ioctlTruth[sets[i]] != null ? ioctlTruth[sets[i]] : kvm[sets[i]]).clone();
        }
        return new Verification(out, List.copyOf(rawMismatch));
    }

    @Override
    public String stopState() {
        return "TOY";
    }

    /** The calls logged since the last {@code take}, then forgets them. */
    List<String> take() {
        List<String> l = List.copyOf(log);
        log.clear();
        return l;
    }
}

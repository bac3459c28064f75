package org.jtcg.kvm.x86;

import org.jtcg.kvm.RegisterSetAccess;
import org.jtcg.kvm.RegisterSetLayout;
import org.jtcg.kvm.RegisterTransport;
import org.jtcg.kvm.SyncLevel;
import org.jtcg.kvm.sys.KvmStructs;
import org.jtcg.kvm.sys.KvmVcpu;
import org.jtcg.kvm.sys.StructLayout;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * How the x86 register sets ({@link RegSet}) move between one vCPU and canonical words, for the
 * generic {@link org.jtcg.kvm.RegisterSetCache} (which decides when).
 *
 * <p><b>Two views.</b> The vCPU's raw state is always that of a CPU stopped in the engine's ring-0
 * code or in user mode; the canonical state is what the user program sees. {@link Stop} says how
 * to translate: after SYSCALL the user RIP/RFLAGS are RCX/R11 and CS/SS are the fixed user
 * selectors; after an exception they are in the 6-qword frame on the kernel stack.
 *
 * <p><b>Transport.</b> With the sync area, REGS/SREGS/EVENTS are read from {@code kvm_run.s.regs}
 * (valid after every exit because {@code kvm_valid_regs} requests them) and written by setting
 * their {@code kvm_dirty_regs} bit, so they cost no ioctl. FPU, MSRs and DEBUGREGS take an
 * ioctl each way. In full-sync mode (the baseline for measurements) every set is fetched with an
 * ioctl after every exit and put with an ioctl before every entry.
 *
 * <p><b>Entry paths.</b> {@link #prepareEntry} picks how the vCPU returns to user mode: as it is, through
 * the SYSRETQ of the syscall stub, or directly (KVM_SET_REGS/SREGS with the user CS/SS), and asks for the
 * TLB flush the page tables need.
 *
 * <p><b>Put order</b> with ioctls: SREGS, REGS, FPU, MSRS_RUNTIME, MSRS_FULL (TSC, FULL level
 * only), EVENTS, DEBUGREGS — segments and control registers first because the meaning of RIP
 * and RFLAGS depends on them, events after the registers they refer to. The kernel applies the
 * sync area in REGS, SREGS, EVENTS order; none of our REGS values depend on the new SREGS.
 */
public final class X86RegisterTransport implements RegisterTransport {
    /** How the raw vCPU state relates to the user state. */
    public enum Stop {
        /** Raw state is the user state (fresh put, or a single-step exit in user mode). */
        USER,
        /** Stopped at the syscall stub: user RIP = RCX, RFLAGS = R11, user CS/SS fixed. */
        SYSCALL,
        /** Stopped in an exception stub: user RIP, CS, RFLAGS, RSP, SS in the kernel-stack frame. */
        EXCEPTION,
        /**
         * SYSCALL surfaced as the #PF at LSTAR ({@link SyscallMode#LSTAR_FAULT}): RCX/R11 hold the user
         * RIP/RFLAGS as after SYSCALL; RSP, CS, SS are in the exception frame.
         */
        SYSCALL_TRAP,
        /** Single-stepping stopped inside a stub on its way to an exit: no user view, just continue. */
        KERNEL
    }

    /** How the next entry gets back to user mode (for tests and stats). */
    public enum EntryPath { AS_IS, SYSRET, DIRECT }

    private static final RegisterSetLayout LAYOUT = RegSetTable.layout();
    private static final long USER_LIMIT = 0x8000_0000_0000L;
    private static final long RFLAGS_RF = 1L << 16;
    /** RFLAGS bits SYSRETQ restores from R11 (SDM: R11 & 3C7FD7H | 2). */
    private static final long SYSRET_RFLAGS = 0x3C7FD7L;
    private static final StructLayout R = KvmStructs.KVM_REGS;
    private static final StructLayout SR = KvmStructs.KVM_SREGS;
    private static final int[] GPR_OFFSET = gprOffsets();
    private static final String[] SREGS_CHECKED = {"cs.selector", "ss.selector", "ds.selector", "es.selector",
        "fs.selector", "gs.selector", "fs.base", "gs.base", "cr0", "cr2", "cr3", "cr4", "efer", "gdt.base", "idt.base",
        "tr.base"};

    private final KvmVcpu vcpu;
    private final boolean useSyncArea;
    private final FpuTransport fpuTransport;
    private final ByteBuffer privateMem;
    private final SupervisorImage image;
    private final GuestPageTables pageTables;
    /** The guest's XCR0 as set at creation (0: XSAVE not enabled); fixed, because only ring 0 can change it. */
    private final long xcr0;

    // raw buffers: sync-area slices or the vCPU's ioctl buffers
    private final ByteBuffer rawRegs, rawSregs, rawEvents;
    private final ByteBuffer rawFpu, rawDebugregs;
    private final long[] rawRuntimeMsrs = new long[SupervisorImage.RUNTIME_MSRS.length];
    private final long[] rawTsc = new long[1];
    private final byte[] eventsTemplate, debugregsTemplate;

    private boolean fullSync;
    /** Raw buffers that hold KVM's current values. */
    private int rawValid;
    private long syncDirty;
    private Stop stop = Stop.USER;
    private boolean forceRegsPut;
    /** The next entry must load the whole user state with KVM_SET_REGS/SREGS (after a level put). */
    private boolean forceDirect;
    private boolean pml4B;
    private EntryPath lastEntry = EntryPath.AS_IS;
    private final long[] entryPaths = new long[EntryPath.values().length];

    public X86RegisterTransport(KvmVcpu vcpu, boolean useSyncArea, FpuTransport fpuTransport, ByteBuffer privateMem,
                                SupervisorImage image, GuestPageTables pageTables, long xcr0) {
        this.xcr0 = xcr0;
        this.vcpu = vcpu;
        this.useSyncArea = useSyncArea;
        this.fpuTransport = fpuTransport;
        this.privateMem = privateMem;
        this.image = image;
        this.pageTables = pageTables;
        ByteBuffer run = vcpu.kvmRun();
        StructLayout rl = KvmStructs.KVM_RUN;
        rawRegs = useSyncArea ? slice(run, rl.field("s.regs.regs")) : vcpu.regs();
        rawSregs = useSyncArea ? slice(run, rl.field("s.regs.sregs")) : vcpu.sregs();
        rawEvents = useSyncArea ? slice(run, rl.field("s.regs.events")) : vcpu.events();
        rawFpu = fpuTransport.buffer(vcpu);
        rawDebugregs = vcpu.debugregs();
        // Templates of a freshly created vCPU: nothing pending, debug registers at their reset values.
        vcpu.getSregs();
        vcpu.getEvents();
        vcpu.getDebugregs();
        eventsTemplate = bytes(vcpu.events());
        debugregsTemplate = bytes(vcpu.debugregs());
        ByteBuffer sregs = vcpu.sregs();
        image.initSregs(sregs, pageTables.pml4Phys(false));
        copy(sregs, rawSregs);
        copy(vcpu.events(), rawEvents);
        vcpu.getRegs();
        copy(vcpu.regs(), rawRegs);
        fpuTransport.get(vcpu); // the fresh vCPU's image: header and components the canonical set does not cover
        // The raw buffers now hold the state the first put must write (supervisor sregs, reset events):
        // treat them as current so no fetch replaces them with the vCPU's power-on state.
        rawValid = RegSet.ALL;
        if (useSyncArea) {
            run.putLong(rl.offset("kvm_valid_regs"), RegSet.REGS.syncBit | RegSet.SREGS.syncBit | RegSet.EVENTS.syncBit);
        }
    }

    private static ByteBuffer slice(ByteBuffer run, StructLayout.Field f) {
        return run.slice(f.offset(), f.size()).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.capacity()];
        b.get(0, out);
        return out;
    }

    private static void copy(ByteBuffer from, ByteBuffer to) {
        for (int i = 0; i < Math.min(from.capacity(), to.capacity()); i += 8) {
            to.putLong(i, from.getLong(i));
        }
    }

    private static int[] gprOffsets() {
        String[] hw = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
            "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};
        int[] o = new int[16];
        for (int i = 0; i < 16; i++) {
            o[i] = R.offset(hw[i]);
        }
        return o;
    }

    @Override
    public RegisterSetLayout layout() {
        return LAYOUT;
    }

    // ------------------------------------------------------------------ configuration and state

    @Override
    public void setFullSync(boolean on) {
        this.fullSync = on;
        if (useSyncArea) {
            vcpu.kvmRun().putLong(KvmStructs.KVM_RUN.offset("kvm_valid_regs"),
                    on ? 0 : RegSet.REGS.syncBit | RegSet.SREGS.syncBit | RegSet.EVENTS.syncBit);
        }
    }

    public Stop stop() { return stop; }
    public EntryPath lastEntry() { return lastEntry; }

    @Override
    public String stopState() {
        return stop.name();
    }

    /** Records how the raw state relates to the user state after this exit. */
    public void setStop(Stop stop, boolean forceRegsPut) {
        this.stop = stop;
        this.forceRegsPut |= forceRegsPut;
    }

    @Override
    public void levelScheduled(SyncLevel level) {
        if (RegSet.REGS.level.includedIn(level)) {
            forceDirect = true;
        }
    }

    @Override
    public boolean canFetch(int set) {
        return set != RegSet.REGS.ordinal() || stop != Stop.KERNEL;
    }

    // ------------------------------------------------------------------ exit side

    @Override
    public long[] fetch(int set) {
        RegSet s = RegSet.values()[set];
        rawGet(s);
        return toCanonical(s, rawRegs, rawSregs, rawFpu, rawRuntimeMsrs, rawTsc);
    }

    /** Right after KVM_RUN returned: the sync-area sets are valid raw copies. */
    @Override
    public void afterRun() {
        rawValid = useSyncArea && !fullSync ? RegSet.mask(RegSet.REGS, RegSet.SREGS, RegSet.EVENTS) : 0;
        rawGet(RegSet.REGS);   // the exit handler inspects RIP/RSP, CS and CR2: free with the sync area
        rawGet(RegSet.SREGS);
    }

    // ------------------------------------------------------------------ entry side

    /**
     * Picks the entry path. {@code stepping}: the next run single-steps one user instruction, so the
     * guest must not pass through the ring-0 stubs (their SYSRETQ/IRETQ would drop the trap flag KVM sets).
     */
    @Override
    public void prepareEntry(RegisterSetAccess cache, boolean stepping) {
        int regs = RegSet.REGS.ordinal();
        boolean flush = pageTables.flushPending();
        if (stop == Stop.KERNEL) {
            if (stepping || cache.isDirty(regs) || forceDirect) {
                throw new IllegalStateException("vCPU is inside a ring-0 stub: registers cannot be changed now");
            }
        }
        boolean regsPut = cache.isDirty(regs) || forceRegsPut || forceDirect || stop == Stop.EXCEPTION
                || stop == Stop.SYSCALL_TRAP
                || (stop == Stop.USER && flush) || (stepping && stop != Stop.USER);
        if (!regsPut) {
            lastEntry = EntryPath.AS_IS;
            if (stop == Stop.SYSCALL && flush) {
                privateMem.put(VmLayout.DATA + VmLayout.DATA_FLUSH_FLAG, (byte) 1);
                pageTables.clearFlushPending();
            }
        } else {
            cache.ensureCached(regs);
            long[] v = cache.javaValues(regs);
            rawGet(RegSet.SREGS);
            if (!stepping && !forceDirect && stop == Stop.SYSCALL && sysretPossible(v)) {
                writeGprs(v);
                rawRegs.putLong(R.offset("rip"), image.syscallResumeVa());
                if (flush) {
                    privateMem.put(VmLayout.DATA + VmLayout.DATA_FLUSH_FLAG, (byte) 1);
                    pageTables.clearFlushPending();
                }
                lastEntry = EntryPath.SYSRET;
            } else {
                writeGprs(v);
                rawRegs.putLong(R.offset("rip"), v[RegSetTable.RIP]);
                rawRegs.putLong(R.offset("rflags"), v[RegSetTable.RFLAGS] | 2);
                int cs = v[RegSetTable.CS] == 0 ? VmLayout.USER_CS : (int) v[RegSetTable.CS];
                int ss = v[RegSetTable.SS] == 0 ? VmLayout.USER_DS : (int) v[RegSetTable.SS];
                Segments.write(rawSregs, "cs", cs, 0, Segments.forSelector(cs));
                Segments.write(rawSregs, "ss", ss, 0, Segments.forSelector(ss));
                if (flush) {
                    pml4B = !pml4B; // a different CR3 makes KVM flush the guest TLB
                    rawSregs.putLong(SR.offset("cr3"), pageTables.pml4Phys(pml4B));
                    pageTables.clearFlushPending();
                }
                cache.markDirty(RegSet.SREGS.ordinal());
                stop = Stop.USER;
                lastEntry = EntryPath.DIRECT;
            }
            cache.markDirty(regs);
            forceRegsPut = false;
            forceDirect = false;
        }
        entryPaths[lastEntry.ordinal()]++;
        syncDirty = 0;
    }

    private static boolean sysretPossible(long[] v) {
        long rip = v[RegSetTable.RIP], rflags = v[RegSetTable.RFLAGS];
        return v[1] == rip && v[11] == rflags && rip >= 0 && rip < USER_LIMIT
                && (rflags & ~SYSRET_RFLAGS & ~2L) == 0
                && (v[RegSetTable.CS] == 0 || v[RegSetTable.CS] == VmLayout.USER_CS)
                && (v[RegSetTable.SS] == 0 || v[RegSetTable.SS] == VmLayout.USER_DS);
    }

    private void writeGprs(long[] v) {
        for (int i = 0; i < 16; i++) {
            rawRegs.putLong(GPR_OFFSET[i], v[i]);
        }
    }

    /** Java values of a set into its raw buffer (REGS are handled by the entry path). */
    @Override
    public void fill(int set, RegisterSetAccess cache, boolean fullLevel) {
        RegSet s = RegSet.values()[set];
        switch (s) {
            case REGS -> { }
            case SREGS -> {
                rawGet(RegSet.SREGS);
                long[] v = cache.javaValues(set);
                String[] names = {"es", "ds", "fs", "gs"};
                for (int i = 0; i < 4; i++) {
                    long base = i >= 2 ? v[4 + i - 2] : 0;
                    Segments.write(rawSregs, names[i], (int) v[i], base, Segments.forSelector((int) v[i]));
                }
            }
            case FPU -> {
                rawGet(RegSet.FPU); // keep what the canonical set does not cover (XSAVE header, other components)
                fpuTransport.fill(rawFpu, cache.javaValues(set), fullLevel, (xcr0 & AvxStatePlan.XCR0_AVX) != 0);
            }
            case MSRS_RUNTIME -> {
                long kgs = cache.javaValues(set)[0]; // 0 when the CPU state has no KERNEL_GS_BASE
                System.arraycopy(image.runtimeMsrValues(kgs), 0, rawRuntimeMsrs, 0, rawRuntimeMsrs.length);
            }
            case MSRS_FULL -> rawTsc[0] = cache.javaValues(set)[0];
            case EVENTS -> rawEvents.put(0, eventsTemplate);
            case DEBUGREGS -> rawDebugregs.put(0, debugregsTemplate);
        }
        rawValid |= s.bit();
    }

    @Override
    public void put(int set) {
        RegSet s = RegSet.values()[set];
        if (useSyncArea && !fullSync && s.inSyncArea()) {
            syncDirty |= s.syncBit;
        } else {
            rawPut(s);
        }
    }

    @Override
    public void putsDone() {
        if (useSyncArea) {
            vcpu.kvmRun().putLong(KvmStructs.KVM_RUN.offset("kvm_dirty_regs"), syncDirty);
        }
        syncDirty = 0;
    }

    /**
     * Writes the sync-area puts scheduled for KVM_RUN now, with ioctls (KVM applies the sync area only
     * inside KVM_RUN, but KVM_SET_GUEST_DEBUG must see the final RIP to arm single-stepping).
     */
    @Override
    public void commitDeferredPuts() {
        if (!useSyncArea) {
            return;
        }
        ByteBuffer run = vcpu.kvmRun();
        int o = KvmStructs.KVM_RUN.offset("kvm_dirty_regs");
        long bits = run.getLong(o);
        if ((bits & RegSet.SREGS.syncBit) != 0) {
            rawPut(RegSet.SREGS);
        }
        if ((bits & RegSet.REGS.syncBit) != 0) {
            rawPut(RegSet.REGS);
        }
        if ((bits & RegSet.EVENTS.syncBit) != 0) {
            rawPut(RegSet.EVENTS);
        }
        run.putLong(o, 0);
    }

    // ------------------------------------------------------------------ raw transport

    /** Makes the raw buffer of a set hold KVM's current values. */
    private void rawGet(RegSet s) {
        if ((rawValid & s.bit()) != 0) {
            return;
        }
        switch (s) {
            case REGS -> { vcpu.getRegs(); copyIfSlice(vcpu.regs(), rawRegs); }
            case SREGS -> { vcpu.getSregs(); copyIfSlice(vcpu.sregs(), rawSregs); }
            case EVENTS -> { vcpu.getEvents(); copyIfSlice(vcpu.events(), rawEvents); }
            case FPU -> fpuTransport.get(vcpu);
            case DEBUGREGS -> vcpu.getDebugregs();
            case MSRS_RUNTIME -> vcpu.getMsrs(SupervisorImage.RUNTIME_MSRS, rawRuntimeMsrs);
            case MSRS_FULL -> vcpu.getMsrs(new long[] {org.jtcg.cpreg.X86Registers.msrIndex(
                    org.jtcg.cpreg.X86Registers.MSR_TSC)}, rawTsc);
        }
        rawValid |= s.bit();
    }

    private void copyIfSlice(ByteBuffer ioctlBuf, ByteBuffer raw) {
        if (raw != ioctlBuf) {
            copy(ioctlBuf, raw);
        }
    }

    private void rawPut(RegSet s) {
        switch (s) {
            case REGS -> { copyIfSlice(rawRegs, vcpu.regs()); vcpu.setRegs(); }
            case SREGS -> { copyIfSlice(rawSregs, vcpu.sregs()); vcpu.setSregs(); }
            case EVENTS -> { copyIfSlice(rawEvents, vcpu.events()); vcpu.setEvents(); }
            case FPU -> fpuTransport.set(vcpu);
            case DEBUGREGS -> vcpu.setDebugregs();
            case MSRS_RUNTIME -> vcpu.setMsrs(SupervisorImage.RUNTIME_MSRS, rawRuntimeMsrs);
            case MSRS_FULL -> vcpu.setMsrs(new long[] {org.jtcg.cpreg.X86Registers.msrIndex(
                    org.jtcg.cpreg.X86Registers.MSR_TSC)}, rawTsc);
        }
    }

    // ------------------------------------------------------------------ raw <-> canonical

    /**
     * The canonical words of a set computed from raw KVM structs (the lazily synced buffers, or
     * ioctl-fetched ones in verification), using the current {@link Stop}.
     */
    long[] toCanonical(RegSet s, ByteBuffer regs, ByteBuffer sregs, ByteBuffer fpu, long[] runtimeMsrs, long[] tsc) {
        switch (s) {
            case REGS: {
                long[] v = new long[20];
                for (int i = 0; i < 16; i++) {
                    v[i] = regs.getLong(GPR_OFFSET[i]);
                }
                switch (stop) {
                    case SYSCALL -> {
                        v[RegSetTable.RIP] = regs.getLong(R.offset("rcx"));
                        v[RegSetTable.RFLAGS] = regs.getLong(R.offset("r11"));
                        v[RegSetTable.CS] = VmLayout.USER_CS;
                        v[RegSetTable.SS] = VmLayout.USER_DS;
                    }
                    case EXCEPTION, SYSCALL_TRAP -> {
                        long[] f = frame();
                        v[RegSetTable.RIP] = f[1];
                        v[RegSetTable.CS] = f[2] & 0xffff;
                        v[RegSetTable.RFLAGS] = f[3] & ~RFLAGS_RF; // the CPU sets RF in the image it pushes for faults
                        v[4] = f[4];
                        v[RegSetTable.SS] = f[5] & 0xffff;
                        if (stop == Stop.SYSCALL_TRAP) {
                            v[RegSetTable.RIP] = regs.getLong(R.offset("rcx"));
                            v[RegSetTable.RFLAGS] = regs.getLong(R.offset("r11"));
                        }
                    }
                    case KERNEL -> throw new IllegalStateException("no user register view while inside a ring-0 stub");
                    case USER -> {
                        v[RegSetTable.RIP] = regs.getLong(R.offset("rip"));
                        v[RegSetTable.RFLAGS] = regs.getLong(R.offset("rflags"));
                        v[RegSetTable.CS] = Segments.selector(sregs, "cs");
                        v[RegSetTable.SS] = Segments.selector(sregs, "ss");
                    }
                }
                return v;
            }
            case SREGS:
                return new long[] {Segments.selector(sregs, "es"), Segments.selector(sregs, "ds"),
                    Segments.selector(sregs, "fs"), Segments.selector(sregs, "gs"),
                    Segments.base(sregs, "fs"), Segments.base(sregs, "gs")};
            case FPU:
                return fpuTransport.toCanonical(fpu);
            case MSRS_RUNTIME:
                return new long[] {runtimeMsrs[runtimeMsrs.length - 1]};
            case MSRS_FULL:
                return new long[] {tsc[0]};
            default:
                return new long[0];
        }
    }

    /** The exception frame on the kernel stack: error code, RIP, CS, RFLAGS, RSP, SS. */
    long[] frame() {
        long[] f = new long[6];
        int base = VmLayout.KSTACK_TOP - 48;
        for (int i = 0; i < 6; i++) {
            f[i] = privateMem.getLong(base + 8 * i);
        }
        return f;
    }

    // ------------------------------------------------------------------ verification

    /**
     * Fetches the sets with KVM_GET_REGS/SREGS/FPU (or XSAVE)/MSRS and compares the sync-area copies of
     * kvm_regs and the supervisor part of kvm_sregs field by field with the ioctl results. The TSC is
     * not fetched (it advances between two reads).
     */
    @Override
    public Verification fetchByIoctl(int[] sets) {
        ByteBuffer syncRegs = copyOf(rawRegs);
        ByteBuffer syncSregs = copyOf(rawSregs);
        vcpu.getRegs();
        vcpu.getSregs();
        fpuTransport.get(vcpu);
        long[] msrs = new long[SupervisorImage.RUNTIME_MSRS.length];
        vcpu.getMsrs(SupervisorImage.RUNTIME_MSRS, msrs);
        long[][] truth = new long[sets.length][];
        for (int i = 0; i < sets.length; i++) {
            truth[i] = toCanonical(RegSet.values()[sets[i]], vcpu.regs(), vcpu.sregs(), fpuTransport.buffer(vcpu), msrs,
                    new long[1]);
        }
        List<String> diffs = new ArrayList<>();
        for (String f : KvmStructs.REGS_FIELDS) {
            int o = KvmStructs.KVM_REGS.offset(f);
            compareRaw("kvm_run sync kvm_regs." + f, syncRegs.getLong(o), vcpu.regs().getLong(o), diffs);
        }
        for (String f : SREGS_CHECKED) {
            var fl = KvmStructs.KVM_SREGS.field(f);
            long a = fl.size() == 2 ? syncSregs.getShort(fl.offset()) & 0xffff : syncSregs.getLong(fl.offset());
            long b = fl.size() == 2 ? vcpu.sregs().getShort(fl.offset()) & 0xffff : vcpu.sregs().getLong(fl.offset());
            compareRaw("kvm_run sync kvm_sregs." + f, a, b, diffs);
        }
        if (xcr0 != 0) {
            // Not a register set (user code cannot change XCR0); checked so a KVM that dropped it is caught.
            long kvmXcr0 = vcpu.getXcr0();
            if (kvmXcr0 != xcr0) {
                diffs.add(String.format("xcr0: set 0x%x at creation, KVM_GET_XCRS returns 0x%x", xcr0, kvmXcr0));
            }
        }
        return new Verification(truth, diffs);
    }

    private static void compareRaw(String what, long a, long b, List<String> diffs) {
        if (a != b) {
            diffs.add(String.format("%s: sync area 0x%x vs ioctl 0x%x", what, a, b));
        }
    }

    private static ByteBuffer copyOf(ByteBuffer b) {
        ByteBuffer c = ByteBuffer.allocate(b.capacity()).order(b.order());
        for (int i = 0; i < b.capacity(); i++) {
            c.put(i, b.get(i));
        }
        return c;
    }

    // ------------------------------------------------------------------ accessors for the exit handler

    /** How the FPU set moves (for stats). */
    public FpuTransport fpuTransport() { return fpuTransport; }
    /** Entries per {@link EntryPath} (index = ordinal). */
    public long[] entryPathCounts() { return entryPaths.clone(); }
    public long rawRip() { return rawRegs.getLong(R.offset("rip")); }
    public long rawRsp() { return rawRegs.getLong(R.offset("rsp")); }
    public long cr2() { return rawSregs.getLong(SR.offset("cr2")); }
    public ByteBuffer rawRegs() { return rawRegs; }
    public ByteBuffer rawSregs() { return rawSregs; }
}

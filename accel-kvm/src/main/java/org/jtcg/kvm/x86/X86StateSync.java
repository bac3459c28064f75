package org.jtcg.kvm.x86;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.cpu.RegisterSyncHook;
import org.jtcg.cpreg.RegId;
import org.jtcg.cpreg.RegisterNames;
import org.jtcg.cpreg.X86Registers;
import org.jtcg.kvm.sys.KvmStructs;
import org.jtcg.kvm.sys.KvmVcpu;
import org.jtcg.kvm.sys.StructLayout;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Dirty-tracked register synchronisation between one vCPU and the canonical {@link CpuState}.
 *
 * <p><b>Two views.</b> The vCPU's raw state is always that of a CPU stopped in the engine's ring-0
 * code or in user mode; the canonical state is what the user program sees. {@link Stop} says how
 * to translate: after SYSCALL the user RIP/RFLAGS are RCX/R11 and CS/SS are the fixed user
 * selectors; after an exception they are in the 6-qword frame on the kernel stack.
 *
 * <p><b>Sets.</b> Per {@link RegSet} two bits: <i>cached</i> (the Java copy in the CpuState is
 * current) and <i>dirty</i> (the Java copy must be written to KVM before the next KVM_RUN).
 * The hook fetches a set on the first by-id read of one of its registers and marks it dirty
 * on a write (fetching it first if needed, so the rest of the set is not lost). After an exit
 * nothing is cached. A cached clean set is also compared with the values it was fetched with
 * before entry, which catches arch code that writes the public register fields directly.
 *
 * <p><b>Transport.</b> With the sync area, REGS/SREGS/EVENTS are read from {@code kvm_run.s.regs}
 * (valid after every exit because {@code kvm_valid_regs} requests them) and written by setting
 * their {@code kvm_dirty_regs} bit, so they cost no ioctl. FPU, MSRs and DEBUGREGS take an
 * ioctl each way. In full-sync mode (the baseline for measurements) every set is fetched with an
 * ioctl after every exit and put with an ioctl before every entry.
 *
 * <p><b>Put order</b> with ioctls: SREGS, REGS, FPU, MSRS_RUNTIME, MSRS_FULL (TSC, FULL level
 * only), EVENTS, DEBUGREGS — segments and control registers first because the meaning of RIP
 * and RFLAGS depends on them, events after the registers they refer to. The kernel applies the
 * sync area in REGS, SREGS, EVENTS order; none of our REGS values depend on the new SREGS.
 */
public final class X86StateSync implements RegisterSyncHook {
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

    private static final long USER_LIMIT = 0x8000_0000_0000L;
    private static final long RFLAGS_RF = 1L << 16;
    /** RFLAGS bits SYSRETQ restores from R11 (SDM: R11 & 3C7FD7H | 2). */
    private static final long SYSRET_RFLAGS = 0x3C7FD7L;
    private static final int N = RegSet.values().length;
    private static final StructLayout R = KvmStructs.KVM_REGS;
    private static final StructLayout SR = KvmStructs.KVM_SREGS;
    private static final int[] GPR_OFFSET = gprOffsets();

    private final KvmVcpu vcpu;
    private final boolean useSyncArea;
    private final FpuTransport fpuTransport;
    private final ByteBuffer privateMem;
    private final SupervisorImage image;
    private final GuestPageTables pageTables;

    // raw buffers: sync-area slices or the vCPU's ioctl buffers
    private final ByteBuffer rawRegs, rawSregs, rawEvents;
    private final ByteBuffer rawFpu, rawDebugregs;
    private final long[] rawRuntimeMsrs = new long[SupervisorImage.RUNTIME_MSRS.length];
    private final long[] rawTsc = new long[1];
    private final byte[] eventsTemplate, debugregsTemplate;

    private CpuState cpu;
    private Set<Long> cpuIds = Set.of();
    private boolean fullSync;
    private int cached;
    private int dirty;
    /** Raw buffers that hold KVM's current values. */
    private int rawValid;
    private final long[][] shadow = new long[N][];
    private boolean suppress;
    private Stop stop = Stop.USER;
    private boolean forceRegsPut;
    /** The next entry must load the whole user state with KVM_SET_REGS/SREGS (after a level put). */
    private boolean forceDirect;
    private boolean fullLevelPending;
    private boolean pml4B;
    private EntryPath lastEntry = EntryPath.AS_IS;

    final long[] gets = new long[N];
    final long[] puts = new long[N];

    public X86StateSync(KvmVcpu vcpu, boolean useSyncArea, FpuTransport fpuTransport, ByteBuffer privateMem,
                        SupervisorImage image, GuestPageTables pageTables) {
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

    // ------------------------------------------------------------------ configuration

    /** Full-sync mode: every set by ioctl after every exit and before every entry (the unoptimised baseline). */
    public void setFullSync(boolean on) {
        this.fullSync = on;
        if (useSyncArea) {
            vcpu.kvmRun().putLong(KvmStructs.KVM_RUN.offset("kvm_valid_regs"),
                    on ? 0 : RegSet.REGS.syncBit | RegSet.SREGS.syncBit | RegSet.EVENTS.syncBit);
        }
    }

    public boolean fullSync() { return fullSync; }
    public Stop stop() { return stop; }
    public EntryPath lastEntry() { return lastEntry; }
    public CpuState cpu() { return cpu; }

    // ------------------------------------------------------------------ attach / detach / levels

    /**
     * Takes {@code cpu} as the canonical state: checks it has every register the engine needs,
     * installs the hook and schedules a FULL put (the Java copy is authoritative).
     */
    public void attach(CpuState cpu) {
        Set<Long> ids = new HashSet<>();
        for (long id : cpu.ids()) {
            ids.add(id);
        }
        for (RegSet s : new RegSet[] {RegSet.REGS, RegSet.SREGS, RegSet.FPU}) {
            for (long id : RegSetTable.ids(s)) {
                if (!ids.contains(id)) {
                    throw new IllegalArgumentException("CPU state " + cpu.getClass().getSimpleName() + " lacks register "
                            + RegisterNames.describe(id) + ", which the KVM engine needs");
                }
            }
        }
        this.cpu = cpu;
        this.cpuIds = ids;
        cpu.setSyncHook(this);
        putLevel(RegSet.Level.FULL);
    }

    /** Fetches every set into the CpuState and removes the hook: the CpuState is complete and authoritative again. */
    public void detach() {
        if (cpu == null) {
            return;
        }
        for (RegSet s : RegSet.values()) {
            ensureCached(s);
        }
        cpu.setSyncHook(null);
        cpu = null;
    }

    /**
     * Schedules a put of every set in {@code level} from the CpuState before the next entry (post-reset:
     * RESET; post-init and after loading a state: FULL). The Java copy is taken as current.
     */
    public void putLevel(RegSet.Level level) {
        cached = RegSet.ALL;
        dirty |= level.mask;
        if (level == RegSet.Level.FULL) {
            fullLevelPending = true;
        }
        if ((level.mask & RegSet.REGS.bit()) != 0) {
            forceDirect = true;
        }
    }

    /**
     * Before the CpuState is loaded from a snapshot or register list: everything counts as cached and
     * dirty, so the by-id writes of the load never trigger a fetch that would overwrite loaded values.
     * Follow the load with {@code putLevel(FULL)}.
     */
    public void preLoad() {
        cached = RegSet.ALL;
        dirty = RegSet.ALL;
    }

    // ------------------------------------------------------------------ the hook

    @Override
    public void beforeRead(long id) {
        if (suppress) {
            return;
        }
        RegSet s = RegSetTable.setOf(id);
        if (s != null) {
            ensureCached(s);
        }
    }

    @Override
    public void afterWrite(long id) {
        if (suppress) {
            return;
        }
        RegSet s = RegSetTable.setOf(id);
        if (s == null) {
            return;
        }
        if ((cached & s.bit()) == 0) {
            // Keep the value just written, load the rest of the set, then put the value back.
            long[] v = javaRead(id);
            ensureCached(s);
            javaWrite(id, v);
        }
        dirty |= s.bit();
    }

    /** Makes the Java copy of a set current (no-op when cached). */
    public void ensureCached(RegSet s) {
        if ((cached & s.bit()) != 0) {
            return;
        }
        rawGet(s);
        long[] v = toCanonical(s, rawRegs, rawSregs, rawFpu, rawRuntimeMsrs, rawTsc);
        storeJava(s, v);
        shadow[s.ordinal()] = v;
        cached |= s.bit();
        gets[s.ordinal()]++;
    }

    // ------------------------------------------------------------------ exit side

    /** Called right after KVM_RUN returned: nothing is cached, the sync-area sets are valid raw copies. */
    public void afterRun() {
        cached = 0;
        rawValid = useSyncArea && !fullSync ? RegSet.mask(RegSet.REGS, RegSet.SREGS, RegSet.EVENTS) : 0;
        rawGet(RegSet.REGS);   // the exit handler inspects RIP/RSP, CS and CR2: free with the sync area
        rawGet(RegSet.SREGS);
    }

    /** Called after the exit was classified ({@link #setStop}); full-sync mode fetches every set now. */
    public void exitClassified() {
        if (fullSync) {
            for (RegSet s : RegSet.values()) {
                if (s != RegSet.REGS || stop != Stop.KERNEL) {
                    ensureCached(s);
                }
            }
        }
    }

    /** Records how the raw state relates to the user state after this exit. */
    public void setStop(Stop stop, boolean forceRegsPut) {
        this.stop = stop;
        this.forceRegsPut |= forceRegsPut;
    }

    // ------------------------------------------------------------------ entry side

    /**
     * Writes what must be written before KVM_RUN. {@code stepping}: the next run single-steps one user
     * instruction, so the guest must not pass through the ring-0 stubs (their SYSRETQ/IRETQ would
     * drop the trap flag KVM sets).
     */
    public void beforeRun(boolean stepping) {
        if (cpu == null) {
            throw new IllegalStateException("no CPU state attached");
        }
        // The engine contract: execution resumes at cpu.pc.
        long pc = cpu.pc;
        if (javaRip() != pc) {
            cpu.setReg(X86Registers.RIP, pc);
        }
        for (RegSet s : RegSet.values()) {
            int b = s.bit();
            if ((cached & b) != 0 && (dirty & b) == 0 && shadow[s.ordinal()] != null
                    && !Arrays.equals(shadow[s.ordinal()], loadJava(s))) {
                dirty |= b;
            }
        }
        if (fullSync) {
            dirty = RegSet.ALL & ~(fullLevelPending ? 0 : RegSet.MSRS_FULL.bit());
        }
        boolean flush = pageTables.flushPending();
        if (stop == Stop.KERNEL) {
            if (stepping || (dirty & RegSet.REGS.bit()) != 0 || forceDirect) {
                throw new IllegalStateException("vCPU is inside a ring-0 stub: registers cannot be changed now");
            }
        }
        boolean regsPut = (dirty & RegSet.REGS.bit()) != 0 || forceRegsPut || forceDirect || stop == Stop.EXCEPTION
                || stop == Stop.SYSCALL_TRAP
                || (stop == Stop.USER && flush) || (stepping && stop != Stop.USER);
        long syncDirty = 0;
        if (!regsPut) {
            lastEntry = EntryPath.AS_IS;
            if (stop == Stop.SYSCALL && flush) {
                privateMem.put(VmLayout.DATA + VmLayout.DATA_FLUSH_FLAG, (byte) 1);
                pageTables.clearFlushPending();
            }
        } else {
            ensureCached(RegSet.REGS);
            long[] v = loadJava(RegSet.REGS);
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
                dirty |= RegSet.SREGS.bit();
                stop = Stop.USER;
                lastEntry = EntryPath.DIRECT;
            }
            dirty |= RegSet.REGS.bit();
            forceRegsPut = false;
            forceDirect = false;
        }
        // SREGS first, then REGS, FPU, MSRs, EVENTS, DEBUGREGS.
        for (RegSet s : RegSet.values()) {
            int b = s.bit();
            if ((dirty & b) == 0) {
                continue;
            }
            if (s == RegSet.MSRS_FULL && !(fullLevelPending && cpuHasAny(s))) {
                continue; // the TSC is only written by a FULL put, and only if the CPU state carries it
            }
            fillRaw(s);
        }
        int[] order = {RegSet.SREGS.ordinal(), RegSet.REGS.ordinal(), RegSet.FPU.ordinal(), RegSet.MSRS_RUNTIME.ordinal(),
            RegSet.MSRS_FULL.ordinal(), RegSet.EVENTS.ordinal(), RegSet.DEBUGREGS.ordinal()};
        for (int o : order) {
            RegSet s = RegSet.values()[o];
            if ((dirty & s.bit()) == 0 || (s == RegSet.MSRS_FULL && !(fullLevelPending && cpuHasAny(s)))) {
                continue;
            }
            puts[o]++;
            if (useSyncArea && !fullSync && s.inSyncArea()) {
                syncDirty |= s.syncBit;
            } else {
                rawPut(s);
            }
        }
        if (useSyncArea) {
            vcpu.kvmRun().putLong(KvmStructs.KVM_RUN.offset("kvm_dirty_regs"), syncDirty);
        }
        for (RegSet s : RegSet.values()) {
            if ((dirty & s.bit()) != 0 && (cached & s.bit()) != 0) {
                shadow[s.ordinal()] = loadJava(s);
            }
        }
        dirty = 0;
        fullLevelPending = false;
    }

    /**
     * Writes the sync-area puts scheduled by {@link #beforeRun} now, with ioctls (KVM applies the sync
     * area only inside KVM_RUN, but KVM_SET_GUEST_DEBUG must see the final RIP to arm single-stepping).
     */
    public void flushSyncAreaPuts() {
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

    private boolean cpuHasAny(RegSet s) {
        for (long id : RegSetTable.ids(s)) {
            if (cpuIds.contains(id)) {
                return true;
            }
        }
        return false;
    }

    private long javaRip() {
        if ((cached & RegSet.REGS.bit()) == 0) {
            ensureCached(RegSet.REGS);
        }
        return javaRead(X86Registers.RIP)[0];
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
    private void fillRaw(RegSet s) {
        switch (s) {
            case REGS -> { }
            case SREGS -> {
                rawGet(RegSet.SREGS);
                long[] v = loadJava(s);
                String[] names = {"es", "ds", "fs", "gs"};
                for (int i = 0; i < 4; i++) {
                    long base = i >= 2 ? v[4 + i - 2] : 0;
                    Segments.write(rawSregs, names[i], (int) v[i], base, Segments.forSelector((int) v[i]));
                }
            }
            case FPU -> {
                rawGet(RegSet.FPU); // keep what the canonical set does not cover (XSAVE header, other components)
                fpuTransport.fill(rawFpu, loadJava(s), fullLevelPending);
            }
            case MSRS_RUNTIME -> {
                long kgs = cpuIds.contains(X86Registers.MSR_KERNEL_GS_BASE) ? loadJava(s)[0] : 0;
                System.arraycopy(image.runtimeMsrValues(kgs), 0, rawRuntimeMsrs, 0, rawRuntimeMsrs.length);
            }
            case MSRS_FULL -> rawTsc[0] = loadJava(s)[0];
            case EVENTS -> rawEvents.put(0, eventsTemplate);
            case DEBUGREGS -> rawDebugregs.put(0, debugregsTemplate);
        }
        rawValid |= s.bit();
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
            case MSRS_FULL -> vcpu.getMsrs(new long[] {X86Registers.msrIndex(X86Registers.MSR_TSC)}, rawTsc);
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
            case MSRS_FULL -> vcpu.setMsrs(new long[] {X86Registers.msrIndex(X86Registers.MSR_TSC)}, rawTsc);
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

    // ------------------------------------------------------------------ Java side (hook suppressed)

    /** The set's canonical words read from the CpuState (ids it lacks read as 0). */
    long[] loadJava(RegSet s) {
        long[] ids = RegSetTable.ids(s);
        long[] out = new long[wordCount(ids)];
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

    private void storeJava(RegSet s, long[] v) {
        long[] ids = RegSetTable.ids(s);
        int k = 0;
        for (long id : ids) {
            int w = RegId.words(id);
            if (cpuIds.contains(id)) {
                javaWrite(id, Arrays.copyOfRange(v, k, k + w));
            }
            k += w;
        }
        if (s == RegSet.REGS) {
            cpu.pc = v[RegSetTable.RIP];
        }
    }

    static int wordCount(long[] ids) {
        int n = 0;
        for (long id : ids) {
            n += RegId.words(id);
        }
        return n;
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

    // ------------------------------------------------------------------ accessors for the engine

    int cached() { return cached; }
    int dirty() { return dirty; }
    KvmVcpu vcpu() { return vcpu; }
    /** How the FPU set moves (for the verifier and stats). */
    public FpuTransport fpuTransport() { return fpuTransport; }
    /** Fetches per set (index = RegSet ordinal). */
    public long[] getCounts() { return gets.clone(); }
    /** Puts per set (index = RegSet ordinal). */
    public long[] putCounts() { return puts.clone(); }
    public long rawRip() { return rawRegs.getLong(R.offset("rip")); }
    public long rawRsp() { return rawRegs.getLong(R.offset("rsp")); }
    public long cr2() { return rawSregs.getLong(SR.offset("cr2")); }
    public ByteBuffer rawRegs() { return rawRegs; }
    public ByteBuffer rawSregs() { return rawSregs; }
}

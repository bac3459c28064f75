package org.jtcg.kvm;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.engine.Engine;
import org.jtcg.core.engine.EngineContext;
import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.memory.GuestMemory;
import org.jtcg.core.memory.PagedMemory;
import org.jtcg.core.memory.RamChunk;
import org.jtcg.kvm.sys.HostMemory;
import org.jtcg.kvm.sys.Kvm;
import org.jtcg.kvm.sys.KvmIoctls;
import org.jtcg.kvm.sys.KvmStructs;
import org.jtcg.kvm.sys.KvmVcpu;
import org.jtcg.kvm.sys.KvmVm;
import org.jtcg.kvm.x86.ExceptionSignals;
import org.jtcg.kvm.x86.FpuTransport;
import org.jtcg.kvm.x86.FpuTransportCheck;
import org.jtcg.kvm.x86.GuestPageTables;
import org.jtcg.kvm.x86.RegSet;
import org.jtcg.kvm.x86.SupervisorImage;
import org.jtcg.kvm.x86.SyscallMode;
import org.jtcg.kvm.x86.SyncVerifier;
import org.jtcg.kvm.x86.VmLayout;
import org.jtcg.kvm.x86.X86StateSync;
import org.jtcg.cpreg.X86Registers;
import org.jtcg.x86.cpuid.CpuidModel;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Runs an x86-64 Linux user-mode guest on a one-vCPU KVM virtual machine.
 *
 * <p>The guest's RAM chunks are KVM memory slots (no copy); the engine mirrors the guest page
 * table into hardware page tables, and runs user code at CPL 3 with ring-0 stubs that turn
 * SYSCALL and CPU exceptions into exits (see docs/kvm.md). Registers live in the vCPU while the
 * engine owns the CPU; the {@link CpuState} sees them through a {@link X86StateSync} hook that
 * fetches register sets lazily and writes back only dirty ones.
 *
 * <p><b>Handoff.</b> The first {@link #run}/{@link #step} with a CPU state (or after {@link #leave})
 * loads the whole canonical state into the vCPU (FULL). To switch to another engine, call
 * {@link #leave(CpuState, Engine)} (or {@link #leave(CpuState, LongConsumer)}): it fetches every
 * register into the CpuState, removes the hook and reports the guest pages KVM wrote since entry so
 * the next engine can drop translated code for them.
 */
public final class KvmEngine implements Engine {
    private final EngineContext ctx;
    private final PagedMemory memory;
    private final KvmOptions options;
    private final Kvm kvm;
    private final KvmVm vm;
    private final KvmVcpu vcpu;
    private final ByteBuffer privateMem;
    private final long privatePhys;
    private final SupervisorImage image;
    private final GuestPageTables pageTables;
    private final X86StateSync sync;
    private final SyncVerifier verifier;
    private final FpuTransport fpuTransport;
    private final List<RamChunk> slots = new ArrayList<>();
    private final Map<Integer, ByteBuffer> dirtyBitmaps = new LinkedHashMap<>();

    private CpuState attached;
    private boolean stepping;
    private boolean closed;

    // statistics
    private long cpuidEmulated;
    private long exits, syscallExits, exceptionExits, debugExits, otherExits, shadowResets;
    private final long[] entryPaths = new long[X86StateSync.EntryPath.values().length];

    /** With default options (verification from the system property {@code jtcg.kvm.verifySync}). */
    public KvmEngine(EngineContext ctx) {
        this(ctx, KvmOptions.defaults());
    }

    /**
     * Creates the VM: opens /dev/kvm, registers the RAM chunks and the private region, builds the page
     * tables from the current mappings, creates the vCPU with jtcg's CPUID model.
     *
     * @throws org.jtcg.kvm.sys.KvmUnavailableException if KVM cannot be used here
     * @throws IllegalArgumentException if the guest memory is not a {@link PagedMemory}
     */
    public KvmEngine(EngineContext ctx, KvmOptions options) {
        this.ctx = ctx;
        this.options = options;
        if (!(ctx.memory() instanceof PagedMemory pm)) {
            throw new IllegalArgumentException("the KVM engine needs PagedMemory guest memory (its RAM chunks become "
                    + "KVM memory slots), got " + ctx.memory().getClass().getName());
        }
        this.memory = pm;
        int physBits = CpuidModel.query(0x80000008, 0).eax() & 0xff;
        this.privatePhys = VmLayout.privatePhysBase(physBits);
        long ramTop = pm.config().ramLimitBytes() + pm.config().chunkBytes();
        if (Long.compareUnsigned(ramTop, privatePhys) > 0) {
            throw new IllegalArgumentException(String.format("guest RAM limit 0x%x reaches the KVM engine's private "
                    + "region at 0x%x (MAXPHYADDR %d)", ramTop, privatePhys, physBits));
        }
        this.kvm = Kvm.open();
        try {
            this.vm = kvm.createVm();
            this.privateMem = HostMemory.allocate(VmLayout.PRIVATE_SIZE);
            vm.setUserMemoryRegion(0, 0, privatePhys, VmLayout.PRIVATE_SIZE, HostMemory.address(privateMem));
            for (RamChunk c : pm.chunks()) {
                addChunk(c);
            }
            pm.addChunkListener(this::addChunk);
            this.image = new SupervisorImage(privateMem);
            this.pageTables = new GuestPageTables(privateMem, privatePhys);
            pageTables.rebuild(pm);
            pm.addMappingListener((va, len) -> {
                if (!closed) {
                    pageTables.sync(pm, va, len);
                }
            });
            this.vcpu = vm.createVcpu(0);
            vcpu.setCpuid2(cpuidTable());
            this.fpuTransport = options.fpuTransport() != null ? options.fpuTransport()
                    : kvm.checkExtension(KvmIoctls.CAP_XSAVE) > 0 ? FpuTransport.XSAVE : FpuTransport.FPU;
            this.sync = new X86StateSync(vcpu, options.useSyncArea(), fpuTransport, privateMem, image, pageTables);
            sync.setFullSync(options.fullSync());
            this.verifier = new SyncVerifier(sync);
            if (options.verifySync()) {
                // The per-exit check compares against the same ioctl; this one compares against the guest's own view.
                FpuTransportCheck.Result check = FpuTransportCheck.run(fpuTransport);
                if (!check.exact()) {
                    throw new SyncMismatchException("register sync mismatch: the " + fpuTransport + " transport does not "
                            + "round-trip the FPU state on this host: " + String.join("; ", check.differences()));
                }
            }
        } catch (RuntimeException e) {
            kvm.close();
            throw e;
        }
    }

    private static List<KvmVcpu.CpuidEntry> cpuidTable() {
        List<KvmVcpu.CpuidEntry> out = new ArrayList<>();
        for (int leaf : CpuidModel.definedLeaves()) {
            CpuidModel.Answer a = CpuidModel.query(leaf, 0);
            out.add(new KvmVcpu.CpuidEntry(leaf, 0, 0, a.eax(), a.ebx(), a.ecx(), a.edx()));
        }
        return out;
    }

    private void addChunk(RamChunk c) {
        if (closed) {
            return; // memory outlives the engine: nothing to register any more
        }
        int slot = 1 + c.index();
        int flags = options.dirtyLogging() ? KvmIoctls.MEM_LOG_DIRTY_PAGES : 0;
        vm.setUserMemoryRegion(slot, flags, c.physicalBase(), c.size(), HostMemory.address(c.buffer()));
        slots.add(c);
        if (options.dirtyLogging()) {
            dirtyBitmaps.put(slot, KvmVm.dirtyBitmapFor(c.size()));
        }
    }

    @Override
    public String name() {
        return "kvm";
    }

    public KvmOptions options() {
        return options;
    }

    /**
     * Whether guest user code sees jtcg's CPUID model ({@code KVM_SET_CPUID2} takes effect) rather than
     * the host CPU; false on PVM hosts without CPUID faulting. See {@link CpuidProbe}.
     */
    public boolean controlsCpuid() {
        return CpuidProbe.run().controlled();
    }

    /** The register synchroniser (levels, pre-load, statistics); for the CLI's snapshot loading and for tests. */
    public X86StateSync registerSync() {
        return sync;
    }

    // ------------------------------------------------------------------ attach / leave

    private void ensureAttached(CpuState cpu) {
        if (attached == cpu && cpu.syncHook() == sync) {
            return;
        }
        if (attached != null && attached != cpu) {
            sync.detach();
        }
        sync.attach(cpu);
        attached = cpu;
        resetDirtyLog();
    }

    /**
     * Leaves KVM: the whole register state goes into the CpuState, the hook is removed, and every
     * guest page KVM wrote since the engine was entered is reported (virtual page addresses, each
     * mapping of a written frame once). The next {@link #run} loads the CpuState again (FULL).
     */
    public void leave(CpuState cpu, LongConsumer writtenPage) {
        if (attached != cpu) {
            return;
        }
        if (stepping) {
            vcpu.setGuestDebug(0);
            stepping = false;
        }
        sync.detach();
        attached = null;
        for (long va : writtenPages()) {
            writtenPage.accept(va);
        }
    }

    /** {@link #leave(CpuState, LongConsumer)} that invalidates the written pages in {@code next}. */
    @Override
    public void leave(CpuState cpu, Engine next) {
        leave(cpu, va -> next.invalidate(va, GuestMemory.PAGE_SIZE));
    }

    /** Guest-virtual pages written by the vCPU since entry (reads and resets the KVM dirty logs). */
    public long[] writtenPages() {
        Set<Long> phys = new HashSet<>();
        for (Map.Entry<Integer, ByteBuffer> e : dirtyBitmaps.entrySet()) {
            ByteBuffer bm = e.getValue();
            vm.getDirtyLog(e.getKey(), bm);
            long base = slots.get(e.getKey() - 1).physicalBase();
            for (int w = 0; w < bm.capacity() / 8; w++) {
                long bits = bm.getLong(8 * w);
                while (bits != 0) {
                    int b = Long.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                    phys.add(base + ((long) (64 * w + b) << GuestMemory.PAGE_SHIFT));
                }
            }
        }
        if (phys.isEmpty()) {
            return new long[0];
        }
        List<Long> vas = new ArrayList<>();
        memory.forEachMapping(0, -1, (va, len, pa, prot) -> {
            if (pa < 0) {
                return;
            }
            for (long off = 0; off < len; off += GuestMemory.PAGE_SIZE) {
                if (phys.contains(pa + off)) {
                    vas.add(va + off);
                }
            }
        });
        return vas.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private void resetDirtyLog() {
        for (Map.Entry<Integer, ByteBuffer> e : dirtyBitmaps.entrySet()) {
            vm.getDirtyLog(e.getKey(), e.getValue());
        }
    }

    // ------------------------------------------------------------------ running

    @Override
    public EngineExit run(CpuState cpu) {
        ensureAttached(cpu);
        if (stepping) {
            vcpu.setGuestDebug(0);
            stepping = false;
        }
        while (true) {
            EngineExit e = runOnce(cpu, false);
            if (e != null) {
                return e;
            }
        }
    }

    /** KVM has no translation blocks: a step is one instruction (KVM_GUESTDBG_SINGLESTEP). */
    @Override
    public boolean canStepInstruction() {
        return true;
    }

    @Override
    public EngineExit stepInstruction(CpuState cpu) {
        return step(cpu);
    }

    /**
     * Single-steps one user instruction (KVM_SET_GUEST_DEBUG with SINGLESTEP); a SYSCALL returns SYSCALL.
     * Where KVM cannot control CPUID ({@link #controlsCpuid()}, PVM), a CPUID instruction is not run on the
     * host CPU but answered from {@link CpuidModel}, like the TCG engines do: stepping is the one mode in which
     * the engine sees each instruction before it runs, so a stepped guest gets the same answers as under
     * jit/interp (this is what makes {@code jtcg diff --step insn} with kvm meaningful on such hosts).
     */
    @Override
    public EngineExit step(CpuState cpu) {
        ensureAttached(cpu);
        long userTf = cpu.getReg(org.jtcg.cpreg.X86Registers.RFLAGS) & 0x100;
        if (userTf == 0 && isCpuidAt(cpu.pc) && !controlsCpuid()) {
            emulateCpuid(cpu);
            return EngineExit.stepDone();
        }
        long start = cpu.pc;
        boolean repString = userTf == 0 && isRepStringAt(start);
        stepping = true;
        while (true) {
            EngineExit e = runOnce(cpu, stepping, userTf);
            // The CPU traps after every iteration of a REP string instruction; one step is the whole instruction.
            if (e != null && !(repString && e.kind() == EngineExit.Kind.STEP_DONE && cpu.pc == start)) {
                return e;
            }
        }
    }

    /** Up to 15 instruction bytes at {@code pc} (fewer at the end of the executable mapping; none if unmapped). */
    private byte[] fetchInsn(long pc) {
        byte[] b = new byte[15];
        try {
            int n = memory.fetch(pc, b, 0, b.length);
            return java.util.Arrays.copyOf(b, n);
        } catch (org.jtcg.core.memory.GuestFault f) {
            return new byte[0]; // let the step fault as the hardware would
        }
    }

    private boolean isCpuidAt(long pc) {
        byte[] b = fetchInsn(pc);
        return b.length >= 2 && b[0] == 0x0f && b[1] == (byte) 0xa2;
    }

    /** A string instruction (ins/outs/movs/cmps/stos/lods/scas) with a REP/REPE/REPNE prefix. */
    private boolean isRepStringAt(long pc) {
        boolean rep = false;
        for (byte x : fetchInsn(pc)) {
            int b = x & 0xff;
            switch (b) {
                case 0xf2, 0xf3 -> rep = true;
                case 0xf0, 0x2e, 0x36, 0x3e, 0x26, 0x64, 0x65, 0x66, 0x67 -> { }
                default -> {
                    if (b >= 0x40 && b <= 0x4f) {
                        continue; // REX
                    }
                    return rep && ((b >= 0x6c && b <= 0x6f) || (b >= 0xa4 && b <= 0xa7) || (b >= 0xaa && b <= 0xaf));
                }
            }
        }
        return false;
    }

    /** CPUID from the model: EAX..EDX zero-extended to 64 bits, RIP past the 2-byte instruction, flags unchanged. */
    private void emulateCpuid(CpuState cpu) {
        CpuidModel.Answer a = CpuidModel.query((int) cpu.getReg(X86Registers.gpr(0)), (int) cpu.getReg(X86Registers.gpr(1)));
        cpu.setReg(X86Registers.gpr(0), a.eax() & 0xffff_ffffL);
        cpu.setReg(X86Registers.gpr(3), a.ebx() & 0xffff_ffffL);
        cpu.setReg(X86Registers.gpr(1), a.ecx() & 0xffff_ffffL);
        cpu.setReg(X86Registers.gpr(2), a.edx() & 0xffff_ffffL);
        cpu.setReg(X86Registers.RIP, cpu.pc + 2);
        cpuidEmulated++;
    }

    private EngineExit runOnce(CpuState cpu, boolean step) {
        return runOnce(cpu, step, 0);
    }

    private long userTfForStep;

    private EngineExit runOnce(CpuState cpu, boolean step, long userTf) {
        userTfForStep = userTf;
        boolean stepNow = step && sync.stop() != X86StateSync.Stop.KERNEL;
        if (step && !stepNow && stepping) {
            vcpu.setGuestDebug(0); // finish the stub without trapping; its OUT exits anyway
            stepping = false;
        }
        if (pageTables.entriesRemoved()) {
            dropShadowPageTables();
        }
        sync.beforeRun(stepNow);
        if (stepNow) {
            // KVM arms the trap flag for the RIP current at KVM_SET_GUEST_DEBUG: registers first.
            sync.flushSyncAreaPuts();
            vcpu.setGuestDebug(KvmIoctls.GUESTDBG_ENABLE | KvmIoctls.GUESTDBG_SINGLESTEP);
        }
        entryPaths[sync.lastEntry().ordinal()]++;
        int reason = vcpu.run();
        exits++;
        sync.afterRun();
        EngineExit exit = classify(reason, cpu, userTf);
        sync.exitClassified();
        if (options.verifySync()) {
            verifier.check(cpu);
        }
        return exit;
    }

    /**
     * After the host cleared or replaced present page-table entries: on a KVM that shadows guest page
     * tables, make it forget every shadow page, because its write protection of guest page tables only
     * sees the guest's own writes (see {@link GuestPageTables}). Deleting and re-adding the memory slot
     * that holds the tables (same host memory, contents kept) invalidates all of KVM's shadow pages; the
     * guest then faults its mappings in again from the current tables. With EPT/NPT the CPU walks the
     * tables itself and the TLB flush at entry is enough.
     */
    private void dropShadowPageTables() {
        pageTables.clearEntriesRemoved();
        if (!options.shadowPaging()) {
            return;
        }
        long host = HostMemory.address(privateMem);
        vm.setUserMemoryRegion(0, 0, privatePhys, 0, host);
        vm.setUserMemoryRegion(0, 0, privatePhys, VmLayout.PRIVATE_SIZE, host);
        shadowResets++;
    }

    /** Interprets an exit; null means "nothing for the caller, run again". */
    private EngineExit classify(int reason, CpuState cpu, long userTf) {
        ByteBuffer run = vcpu.kvmRun();
        switch (reason) {
            case KvmIoctls.EXIT_IO -> {
                int port = run.getShort(KvmStructs.KVM_RUN.offset("io.port")) & 0xffff;
                if (port == VmLayout.PORT_SYSCALL && sync.rawRip() == image.syscallEntryVa()) {
                    syscallExits++;
                    sync.setStop(X86StateSync.Stop.SYSCALL, false);
                    sync.ensureCached(RegSet.REGS); // the syscall layer reads GPRs: free from the sync area
                    return EngineExit.syscall();
                }
                int vector = port - VmLayout.PORT_EXCEPTION_BASE;
                if (vector >= 0 && vector < VmLayout.IDT_VECTORS) {
                    return exception(vector, cpu);
                }
                throw failure("unexpected port I/O exit, port 0x" + Integer.toHexString(port));
            }
            case KvmIoctls.EXIT_DEBUG -> {
                debugExits++;
                int cs = org.jtcg.kvm.x86.Segments.selector(sync.rawSregs(), "cs");
                if ((cs & 3) == 3) {
                    sync.setStop(X86StateSync.Stop.USER, false);
                    sync.ensureCached(RegSet.REGS);
                    return EngineExit.stepDone();
                }
                if (sync.rawRip() == image.syscallEntryVa()) {
                    clearSteppingTf(userTf);
                    syscallExits++;
                    sync.setStop(X86StateSync.Stop.SYSCALL, true);
                    sync.ensureCached(RegSet.REGS);
                    return EngineExit.syscall();
                }
                long rip = sync.rawRip();
                if (rip >= image.exceptionEntryVa(ExceptionSignals.VEC_DB) && rip < image.exceptionEntryVa(ExceptionSignals.VEC_DB + 1)) {
                    return steppedIntoDebugStub(userTf);
                }
                sync.setStop(X86StateSync.Stop.KERNEL, false);
                return null;
            }
            case KvmIoctls.EXIT_INTR -> {
                otherExits++;
                return null;
            }
            case KvmIoctls.EXIT_HLT -> throw failure("vCPU halted in the engine's ring-0 code");
            case KvmIoctls.EXIT_SHUTDOWN -> throw failure("triple fault (KVM_EXIT_SHUTDOWN)");
            case KvmIoctls.EXIT_FAIL_ENTRY -> throw failure(String.format("VM entry failed, hardware reason 0x%x",
                    run.getLong(KvmStructs.KVM_RUN.offset("fail_entry.hardware_entry_failure_reason"))));
            case KvmIoctls.EXIT_INTERNAL_ERROR -> throw failure("KVM internal error, suberror "
                    + run.getInt(KvmStructs.KVM_RUN.offset("internal.suberror")));
            case KvmIoctls.EXIT_MMIO -> throw failure(String.format("access to unbacked guest-physical address 0x%x",
                    run.getLong(KvmStructs.KVM_RUN.offset("mmio.phys_addr"))));
            default -> throw failure("unexpected KVM exit reason " + reason);
        }
    }

    /** A stepped SYSCALL: R11 holds the trap flag KVM set for stepping; the user did not (unless {@code userTf}). */
    private void clearSteppingTf(long userTf) {
        ByteBuffer regs = sync.rawRegs();
        int r11 = KvmStructs.KVM_REGS.offset("r11");
        regs.putLong(r11, (regs.getLong(r11) & ~0x100L) | userTf);
    }

    /**
     * PVM delivers the single-step #DB to the guest's IDT as well: the user instruction completed and
     * the user state is in the #DB frame. Drop the trap flag KVM set for stepping from the saved RFLAGS.
     */
    private EngineExit steppedIntoDebugStub(long userTf) {
        int rflagsAt = VmLayout.KSTACK_TOP - 24;
        privateMem.putLong(rflagsAt, (privateMem.getLong(rflagsAt) & ~0x100L) | userTf);
        sync.setStop(X86StateSync.Stop.EXCEPTION, true);
        sync.ensureCached(RegSet.REGS);
        return EngineExit.stepDone();
    }

    private long frameRip() {
        return privateMem.getLong(VmLayout.KSTACK_TOP - 40);
    }

    private EngineExit exception(int vector, CpuState cpu) {
        long expectedRsp = image.kernelStackTopVa() - 48;
        ExceptionSignals.Mapping m = ExceptionSignals.forVector(vector);
        if (sync.rawRsp() != expectedRsp) {
            throw failure(String.format("CPU exception %s in the engine's ring-0 code (rsp 0x%x, cr2 0x%x)", m.name(),
                    sync.rawRsp(), sync.cr2()));
        }
        long errorCode = privateMem.getLong(VmLayout.KSTACK_TOP - 48);
        if (vector == ExceptionSignals.VEC_PF && options.syscallMode() == SyscallMode.LSTAR_FAULT
                && frameRip() == image.syscallEntryVa() && sync.cr2() == image.syscallEntryVa() && (errorCode & 16) != 0) {
            if (stepping) {
                clearSteppingTf(userTfForStep); // R11 = the user RFLAGS, incl. the trap flag KVM set for stepping
            }
            syscallExits++;
            sync.setStop(X86StateSync.Stop.SYSCALL_TRAP, true);
            sync.ensureCached(RegSet.REGS);
            return EngineExit.syscall();
        }
        if (vector == ExceptionSignals.VEC_DB && stepping) {
            return steppedIntoDebugStub(userTfForStep);
        }
        exceptionExits++;
        sync.setStop(X86StateSync.Stop.EXCEPTION, true);
        sync.ensureCached(RegSet.REGS);
        long cs = cpu.getReg(org.jtcg.cpreg.X86Registers.seg(org.jtcg.cpreg.X86Registers.CS, 0));
        if ((cs & 3) != 3) {
            throw failure(String.format("CPU exception %s in the engine's ring-0 code at 0x%x (cr2 0x%x)", m.name(),
                    cpu.pc, sync.cr2()));
        }
        if (vector == ExceptionSignals.VEC_PF) {
            long addr = sync.cr2();
            int code = memory.protectionAt(addr) < 0 ? ExceptionSignals.SEGV_MAPERR : ExceptionSignals.SEGV_ACCERR;
            String access = (errorCode & 16) != 0 ? "instruction fetch" : (errorCode & 2) != 0 ? "write" : "read";
            return EngineExit.signal(m.signal(), code, addr, String.format("%s, %s of 0x%x (error code 0x%x)", m.name(),
                    access, addr, errorCode));
        }
        String detail = StubDetail.describe(m.name(), errorCode, vector);
        return EngineExit.signal(m.signal(), m.siCode(), 0, detail);
    }

    /** Formats an exception detail. */
    private static final class StubDetail {
        static String describe(String name, long errorCode, int vector) {
            return org.jtcg.kvm.x86.StubCode.hasErrorCode(vector) && errorCode != 0
                    ? String.format("%s (error code 0x%x)", name, errorCode) : name;
        }
    }

    private KvmEngineException failure(String what) {
        return new KvmEngineException(String.format("KVM engine: %s (vCPU rip 0x%x, rsp 0x%x)", what, sync.rawRip(),
                sync.rawRsp()));
    }

    /** Translated code does not exist under KVM: nothing to drop. */
    @Override
    public void invalidate(long va, long len) {
    }

    // ------------------------------------------------------------------ statistics

    /** Counters for --stats: exits, vCPU ioctls (KVM_RUN included), per-set sync gets/puts, entry paths. */
    @Override
    public Map<String, Object> statsMap() {
        return stats();
    }

    public Map<String, Object> stats() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kvm_exits", exits);
        m.put("kvm_syscall_exits", syscallExits);
        m.put("kvm_exception_exits", exceptionExits);
        m.put("kvm_debug_exits", debugExits);
        m.put("kvm_other_exits", otherExits);
        m.put("kvm_ioctls", vcpu.ioctlCount());
        m.put("kvm_vm_ioctls", vm.ioctlCount());
        m.put("kvm_ioctls_by_kind", vcpu.countsByName());
        Map<String, Long> gets = new LinkedHashMap<>();
        Map<String, Long> puts = new LinkedHashMap<>();
        long[] g = sync.getCounts();
        long[] p = sync.putCounts();
        for (RegSet s : RegSet.values()) {
            gets.put(s.name(), g[s.ordinal()]);
            puts.put(s.name(), p[s.ordinal()]);
        }
        m.put("sync_gets", gets);
        m.put("sync_puts", puts);
        Map<String, Long> paths = new LinkedHashMap<>();
        for (X86StateSync.EntryPath e : X86StateSync.EntryPath.values()) {
            paths.put(e.name().toLowerCase(), entryPaths[e.ordinal()]);
        }
        m.put("kvm_entry_paths", paths);
        m.put("kvm_page_tables", pageTables.tablesInUse());
        m.put("kvm_shadow_resets", shadowResets);
        m.put("sync_verifications", verifier.checks());
        m.put("kvm_fpu_transport", fpuTransport.name());
        m.put("kvm_cpuid_emulated", cpuidEmulated);
        return m;
    }

    /** The vCPU's ioctl counter (KVM_RUN included). */
    public long vcpuIoctls() {
        return vcpu.ioctlCount();
    }

    public long exits() {
        return exits;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (attached != null) {
            sync.detach();
            attached = null;
        }
        closed = true;
        vcpu.close();
        vm.close();
        kvm.close();
    }

    @Override
    public String toString() {
        return "KvmEngine" + options;
    }
}

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

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Runs a Linux user-mode guest on a one-vCPU KVM virtual machine, for any architecture that has a
 * {@link KvmTarget} plug-in (the generic half; the plug-in's {@link TargetVcpu} does the rest).
 *
 * <p>The guest's RAM chunks are KVM memory slots (no copy; chunk <i>i</i> = slot 1+<i>i</i>, slot 0
 * belongs to the plug-in). Registers live in the vCPU while the engine owns the CPU; the
 * {@link CpuState} sees them through a {@link RegisterSetCache} hook that fetches register sets lazily
 * and writes back only dirty ones.
 *
 * <p><b>Handoff.</b> The first {@link #run}/{@link #step} with a CPU state (or after {@link #leave})
 * loads the whole canonical state into the vCPU (FULL). To switch to another engine, call
 * {@link #leave(CpuState, Engine)} (or {@link #leave(CpuState, LongConsumer)}): it fetches every
 * register into the CpuState, removes the hook and reports the guest pages KVM wrote since entry so
 * the next engine can drop translated code for them.
 */
public final class KvmEngine implements Engine {
    private final PagedMemory memory;
    private final KvmOptions options;
    private final TargetVcpu target;
    private final Kvm kvm;
    private final KvmVm vm;
    private final KvmVcpu vcpu;
    private final RegisterSetCache sync;
    private final SyncVerifier verifier;
    private final List<RamChunk> slots = new ArrayList<>();
    private final Map<Integer, ByteBuffer> dirtyBitmaps = new LinkedHashMap<>();

    private CpuState attached;
    private boolean stepping;
    private boolean closed;

    // statistics
    private long exits, syscallExits, exceptionExits, debugExits, otherExits;

    /** With default options (verification from the system property {@code jtcg.kvm.verifySync}). */
    public KvmEngine(EngineContext ctx) {
        this(ctx, KvmOptions.defaults());
    }

    /** With the plug-in of the context's architecture (the host's when the context names none). */
    public KvmEngine(EngineContext ctx, KvmOptions options) {
        this(ctx, options, KvmTargets.forContext(ctx));
    }

    /**
     * Creates the VM: opens /dev/kvm, lets the plug-in set up the VM, registers the RAM chunks, creates
     * the vCPU and lets the plug-in set it up.
     *
     * @throws org.jtcg.kvm.sys.KvmUnavailableException if KVM cannot be used here
     * @throws IllegalArgumentException if the guest memory is not a {@link PagedMemory} or the plug-in
     *                                  refuses its configuration
     */
    public KvmEngine(EngineContext ctx, KvmOptions options, KvmTarget kvmTarget) {
        this.options = options;
        if (!(ctx.memory() instanceof PagedMemory pm)) {
            throw new IllegalArgumentException("the KVM engine needs PagedMemory guest memory (its RAM chunks become "
                    + "KVM memory slots), got " + ctx.memory().getClass().getName());
        }
        this.memory = pm;
        this.target = kvmTarget.create(pm);
        this.kvm = Kvm.open(kvmTarget.requiredCapabilities());
        try {
            this.vm = kvm.createVm();
            target.vmCreated(kvm, vm);
            // the hardware page tables need a frame behind every accessible page: no demand paging under KVM
            if (!pm.backEagerly()) {
                throw new IllegalArgumentException("not enough guest RAM to back the guest's mapped pages for KVM");
            }
            for (RamChunk c : pm.chunks()) {
                addChunk(c);
            }
            pm.addChunkListener(this::addChunk);
            this.vcpu = vm.createVcpu(0);
            this.sync = target.vcpuCreated(kvm, vcpu, options);
            sync.setFullSync(options.fullSync());
            this.verifier = new SyncVerifier(sync.transport());
        } catch (RuntimeException e) {
            kvm.close();
            throw e;
        }
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

    /** The register cache (levels, pre-load, statistics); for loading a state while KVM owns the CPU, and for tests. */
    public RegisterSetCache registerSync() {
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
        target.beforeFreeRun();
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
     * Single-steps one guest instruction (KVM_SET_GUEST_DEBUG with SINGLESTEP); a syscall instruction
     * returns SYSCALL. The plug-in may complete the instruction itself ({@link TargetVcpu#beforeStep}) or
     * ask for more stops until it is done ({@link TargetVcpu#stepIncomplete}).
     */
    @Override
    public EngineExit step(CpuState cpu) {
        ensureAttached(cpu);
        EngineExit done = target.beforeStep(cpu);
        if (done != null) {
            return done;
        }
        stepping = true;
        while (true) {
            EngineExit e = runOnce(cpu, stepping);
            if (e != null && !target.stepIncomplete(e, cpu)) {
                return e;
            }
        }
    }

    private EngineExit runOnce(CpuState cpu, boolean step) {
        boolean stepNow = step && target.canStepNow();
        if (step && !stepNow && stepping) {
            vcpu.setGuestDebug(0); // finish the engine code without trapping; it exits anyway
            stepping = false;
        }
        target.beforeEntry();
        sync.beforeRun(stepNow);
        if (stepNow) {
            // KVM arms single-stepping for the registers current at KVM_SET_GUEST_DEBUG: registers first.
            sync.commitDeferredPuts();
            vcpu.setGuestDebug(KvmIoctls.GUESTDBG_ENABLE | KvmIoctls.GUESTDBG_SINGLESTEP);
        }
        int reason = vcpu.run();
        exits++;
        sync.afterRun();
        EngineExit exit = classify(reason);
        sync.exitClassified();
        if (options.verifySync()) {
            verifier.check(cpu);
        }
        return exit;
    }

    /** Exits every architecture handles alike here; the rest goes to the plug-in. Null: run again. */
    private EngineExit classify(int reason) {
        ByteBuffer run = vcpu.kvmRun();
        switch (reason) {
            case KvmIoctls.EXIT_INTR -> {
                otherExits++;
                return null;
            }
            case KvmIoctls.EXIT_SHUTDOWN -> throw failure("triple fault (KVM_EXIT_SHUTDOWN)");
            case KvmIoctls.EXIT_FAIL_ENTRY -> throw failure(String.format("VM entry failed, hardware reason 0x%x",
                    run.getLong(KvmStructs.KVM_RUN.offset("fail_entry.hardware_entry_failure_reason"))));
            case KvmIoctls.EXIT_INTERNAL_ERROR -> throw failure("KVM internal error, suberror "
                    + run.getInt(KvmStructs.KVM_RUN.offset("internal.suberror")));
            case KvmIoctls.EXIT_MMIO -> throw failure(String.format("access to unbacked guest-physical address 0x%x",
                    run.getLong(KvmStructs.KVM_RUN.offset("mmio.phys_addr"))));
            default -> {
                if (reason == KvmIoctls.EXIT_DEBUG) {
                    debugExits++;
                }
                EngineExit e = target.classifyExit(reason, stepping);
                if (e != null && e.kind() == EngineExit.Kind.SYSCALL) {
                    syscallExits++;
                } else if (e != null && e.kind() == EngineExit.Kind.SIGNAL) {
                    exceptionExits++;
                }
                return e;
            }
        }
    }

    private KvmEngineException failure(String what) {
        return KvmEngineException.at(what, target.position());
    }

    /** Translated code does not exist under KVM: nothing to drop. */
    @Override
    public void invalidate(long va, long len) {
    }

    // ------------------------------------------------------------------ statistics

    /** Counters for --stats: exits, vCPU ioctls (KVM_RUN included), per-set sync gets/puts, the plug-in's. */
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
        m.put("sync_gets", sync.getCounts());
        m.put("sync_puts", sync.putCounts());
        target.addStats(m);
        m.put("sync_verifications", verifier.checks());
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
        target.closed();
        vcpu.close();
        vm.close();
        kvm.close();
    }

    @Override
    public String toString() {
        return "KvmEngine" + options;
    }
}

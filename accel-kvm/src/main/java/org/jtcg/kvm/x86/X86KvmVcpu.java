package org.jtcg.kvm.x86;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.memory.GuestFault;
import org.jtcg.core.memory.PagedMemory;
import org.jtcg.cpreg.X86Registers;
import org.jtcg.kvm.KvmOptions;
import org.jtcg.kvm.RegisterSetCache;
import org.jtcg.kvm.SyncMismatchException;
import org.jtcg.kvm.TargetVcpu;
import org.jtcg.kvm.sys.HostMemory;
import org.jtcg.kvm.sys.Kvm;
import org.jtcg.kvm.sys.KvmIoctls;
import org.jtcg.kvm.sys.KvmVcpu;
import org.jtcg.kvm.sys.KvmVm;
import org.jtcg.x86.cpuid.CpuidModel;
import org.jtcg.x86.decoder.DecodedInsn;
import org.jtcg.x86.decoder.Mnemonic;
import org.jtcg.x86.decoder.X86Decoder;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The x86-64 half of one KVM engine: the private supervisor region (slot 0: page tables, GDT, IDT,
 * TSS, ring-0 stubs; see {@link VmLayout}), the mirrored guest page tables, CPUID, the register
 * transport, and single-step details (CPUID emulation where KVM cannot control it, REP string
 * instructions as one step). Exits go to {@link X86ExitHandler}.
 */
final class X86KvmVcpu implements TargetVcpu {
    /**
     * What this vCPU relies on: the sync area for REGS, SREGS and EVENTS, single-stepping, and the
     * events and debug-register ioctls.
     */
    static final List<Kvm.Capability> REQUIRED_CAPABILITIES = List.of(
            new Kvm.Capability(KvmIoctls.CAP_SYNC_REGS,
                    (int) (RegSet.REGS.syncBit | RegSet.SREGS.syncBit | RegSet.EVENTS.syncBit)),
            new Kvm.Capability(KvmIoctls.CAP_SET_GUEST_DEBUG, 1),
            new Kvm.Capability(KvmIoctls.CAP_VCPU_EVENTS, 1),
            new Kvm.Capability(KvmIoctls.CAP_DEBUGREGS, 1));

    private final PagedMemory memory;
    private final X86KvmOptions options;
    private final X86HostFacts hostFacts;
    private final long privatePhys;

    private KvmVm vm;
    private ByteBuffer privateMem;
    private SupervisorImage image;
    private GuestPageTables pageTables;
    private FpuTransport fpuTransport;
    private X86RegisterTransport transport;
    private X86ExitHandler exits;
    private AvxStatePlan avxPlan;
    private boolean closed;

    // the current step: the user's own trap flag, and the REP string instruction being stepped
    private long userTf;
    private boolean repString;
    private long stepStart;

    private long cpuidEmulated, shadowResets;

    /** Checks that the guest RAM stays below the private region (no KVM calls yet). */
    X86KvmVcpu(PagedMemory memory, X86KvmOptions options, X86HostFacts hostFacts) {
        this.memory = memory;
        this.options = options;
        this.hostFacts = hostFacts;
        int physBits = CpuidModel.active().query(0x80000008, 0).eax() & 0xff;
        this.privatePhys = VmLayout.privatePhysBase(physBits);
        long ramTop = memory.config().ramLimitBytes() + memory.config().chunkBytes();
        if (Long.compareUnsigned(ramTop, privatePhys) > 0) {
            throw new IllegalArgumentException(String.format("guest RAM limit 0x%x reaches the KVM engine's private "
                    + "region at 0x%x (MAXPHYADDR %d)", ramTop, privatePhys, physBits));
        }
    }

    // ------------------------------------------------------------------ set-up

    /** Slot 0 = the private region; supervisor structures and page tables from the current mappings. */
    @Override
    public void vmCreated(Kvm kvm, KvmVm vm) {
        this.vm = vm;
        this.avxPlan = avxStatePlan(kvm);
        this.privateMem = HostMemory.allocate(VmLayout.PRIVATE_SIZE);
        vm.setUserMemoryRegion(0, 0, privatePhys, VmLayout.PRIVATE_SIZE, HostMemory.address(privateMem));
        this.image = new SupervisorImage(privateMem, avxPlan.cr4Bits());
        this.pageTables = new GuestPageTables(privateMem, privatePhys);
        pageTables.rebuild(memory);
        memory.addMappingListener((va, len) -> {
            if (!closed) {
                pageTables.sync(memory, va, len);
            }
        });
    }

    private static final AtomicBoolean AVX_NOTICE_SHOWN = new AtomicBoolean();

    /**
     * CR4/XCR0/CPUID for the XSAVE state from what this host's KVM supports ({@link AvxStatePlan}); says on
     * stderr, once per JVM, what the guest does not get. Without KVM_CAP_XCRS XCR0 cannot be set, and without
     * KVM_CAP_XSAVE the ymm upper halves cannot be moved, so the XSAVE family then counts as unsupported.
     */
    private static AvxStatePlan avxStatePlan(Kvm kvm) {
        boolean xsaveIoctls = kvm.checkExtension(KvmIoctls.CAP_XCRS) > 0 && kvm.checkExtension(KvmIoctls.CAP_XSAVE) > 0;
        List<KvmVcpu.CpuidEntry> host = xsaveIoctls ? kvm.supportedCpuid() : List.of();
        AvxStatePlan plan = AvxStatePlan.decide(CpuidModel.active(), host);
        String notice = plan.notice();
        if (notice != null && AVX_NOTICE_SHOWN.compareAndSet(false, true)) {
            System.err.println(notice);
        }
        return plan;
    }

    /**
     * jtcg's CPUID model as far as the host allows (KVM_SET_CPUID2), then XCR0 (KVM_SET_XCRS checks it
     * against the leaf 0xD just set), the FPU transport, the register transport and cache.
     */
    @Override
    public RegisterSetCache vcpuCreated(Kvm kvm, KvmVcpu vcpu, KvmOptions engineOptions) {
        vcpu.setCpuid2(cpuidTable(avxPlan.model()));
        if (avxPlan.xcr0() != 0) {
            vcpu.setXcr0(avxPlan.xcr0());
        }
        this.fpuTransport = options.fpuTransport() != null ? options.fpuTransport()
                : kvm.checkExtension(KvmIoctls.CAP_XSAVE) > 0 ? FpuTransport.XSAVE : FpuTransport.FPU;
        this.transport = new X86RegisterTransport(vcpu, engineOptions.useSyncArea(), fpuTransport, privateMem, image,
                pageTables, avxPlan.xcr0());
        RegisterSetCache cache = new RegisterSetCache(transport);
        this.exits = new X86ExitHandler(vcpu, transport, cache, image, privateMem, memory, options.syscallMode());
        if (engineOptions.verifySync()) {
            // The per-exit check compares against the same ioctl; this one compares against the guest's own view.
            List<String> differences = hostFacts.fpuTransportDifferences(fpuTransport);
            if (!differences.isEmpty()) {
                throw new SyncMismatchException("register sync mismatch: the " + fpuTransport + " transport does not "
                        + "round-trip the FPU state on this host: " + String.join("; ", differences));
            }
        }
        return cache;
    }

    /** kvm_cpuid_entry2.flags: the answer depends on the subleaf (ECX) (UAPI asm/kvm.h). */
    private static final int KVM_CPUID_FLAG_SIGNIFCANT_INDEX = 1;

    static List<KvmVcpu.CpuidEntry> cpuidTable(CpuidModel model) {
        List<KvmVcpu.CpuidEntry> out = new ArrayList<>();
        for (CpuidModel.Entry e : model.entries()) {
            CpuidModel.Answer a = e.answer();
            out.add(new KvmVcpu.CpuidEntry(e.leaf(), e.subleaf(), e.indexed() ? KVM_CPUID_FLAG_SIGNIFCANT_INDEX : 0,
                    a.eax(), a.ebx(), a.ecx(), a.edx()));
        }
        return out;
    }

    // ------------------------------------------------------------------ stepping

    @Override
    public void beforeFreeRun() {
        userTf = 0;
        repString = false;
    }

    /**
     * Where KVM cannot control CPUID ({@link X86HostFacts#kvmControlsCpuid()}, PVM), a CPUID instruction is not run on the host
     * CPU but answered from {@link CpuidModel}, like the TCG engines do: stepping is the one mode in which
     * the engine sees each instruction before it runs, so a stepped guest gets the same answers as under
     * jit/interp (this is what makes {@code jtcg diff --step insn} with kvm meaningful on such hosts).
     */
    @Override
    public EngineExit beforeStep(CpuState cpu) {
        userTf = cpu.getReg(X86Registers.RFLAGS) & 0x100;
        DecodedInsn insn = decodeAt(cpu.pc);
        if (userTf == 0 && insn.ok() && insn.op() == Mnemonic.CPUID && !hostFacts.kvmControlsCpuid()) {
            emulateCpuid(cpu, insn.length());
            return EngineExit.stepDone();
        }
        stepStart = cpu.pc;
        repString = userTf == 0 && isRepString(insn);
        return null;
    }

    /** The CPU traps after every iteration of a REP string instruction; one step is the whole instruction. */
    @Override
    public boolean stepIncomplete(EngineExit exit, CpuState cpu) {
        return repString && exit.kind() == EngineExit.Kind.STEP_DONE && cpu.pc == stepStart;
    }

    @Override
    public boolean canStepNow() {
        return transport.stop() != X86RegisterTransport.Stop.KERNEL;
    }

    /** The instruction at {@code pc} (not OK when undecodable, cut off by the end of the mapping, or unmapped). */
    private DecodedInsn decodeAt(long pc) {
        byte[] b = new byte[X86Decoder.MAX_LENGTH];
        int n;
        try {
            n = memory.fetch(pc, b, 0, b.length);
        } catch (GuestFault f) {
            n = 0; // let the step fault as the hardware would
        }
        return X86Decoder.decode(Arrays.copyOf(b, n), pc);
    }

    /** A string instruction (movs/cmps/stos/lods/scas) with a REP/REPE/REPNE prefix. */
    static boolean isRepString(DecodedInsn insn) {
        if (!insn.ok() || !(insn.rep() || insn.repne())) {
            return false;
        }
        Mnemonic op = insn.op();
        return op == Mnemonic.MOVS || op == Mnemonic.CMPS || op == Mnemonic.STOS || op == Mnemonic.LODS || op == Mnemonic.SCAS;
    }

    /** CPUID from the model: EAX..EDX zero-extended to 64 bits, RIP past the instruction, flags unchanged. */
    private void emulateCpuid(CpuState cpu, int length) {
        CpuidModel.Answer a = avxPlan.model().query((int) cpu.getReg(X86Registers.gpr(0)), (int) cpu.getReg(X86Registers.gpr(1)));
        cpu.setReg(X86Registers.gpr(0), a.eax() & 0xffff_ffffL);
        cpu.setReg(X86Registers.gpr(3), a.ebx() & 0xffff_ffffL);
        cpu.setReg(X86Registers.gpr(1), a.ecx() & 0xffff_ffffL);
        cpu.setReg(X86Registers.gpr(2), a.edx() & 0xffff_ffffL);
        cpu.setReg(X86Registers.RIP, cpu.pc + length);
        cpuidEmulated++;
    }

    // ------------------------------------------------------------------ running

    @Override
    public void beforeEntry() {
        if (pageTables.entriesRemoved()) {
            dropShadowPageTables();
        }
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

    @Override
    public EngineExit classifyExit(int reason, boolean stepping) {
        return exits.classify(reason, stepping, userTf);
    }

    @Override
    public String position() {
        return exits.position();
    }

    @Override
    public void addStats(Map<String, Object> m) {
        Map<String, Long> paths = new LinkedHashMap<>();
        long[] counts = transport.entryPathCounts();
        for (X86RegisterTransport.EntryPath e : X86RegisterTransport.EntryPath.values()) {
            paths.put(e.name().toLowerCase(), counts[e.ordinal()]);
        }
        m.put("kvm_entry_paths", paths);
        m.put("kvm_page_tables", pageTables.tablesInUse());
        m.put("kvm_shadow_resets", shadowResets);
        m.put("kvm_fpu_transport", fpuTransport.name());
        m.put("kvm_cpuid_emulated", cpuidEmulated);
        m.put("kvm_xcr0", avxPlan.xcr0());
    }

    @Override
    public void closed() {
        closed = true;
    }
}

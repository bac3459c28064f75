package org.jtcg.kvm.x86;

import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.memory.GuestMemory;
import org.jtcg.core.memory.MemoryConfig;
import org.jtcg.core.memory.PagedMemory;
import org.jtcg.kvm.KvmEngine;
import org.jtcg.kvm.KvmEngineException;
import org.jtcg.x86.X86Cpu;
import org.jtcg.x86.cpuid.CpuidModel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Finds out whether this host's KVM lets {@code KVM_SET_CPUID2} decide what guest user code sees
 * when it executes CPUID, by running {@code mov $0x80000002,%eax; cpuid; mov %ecx,%esi; syscall} in a throw-away VM
 * and comparing the first 16 bytes of the brand string with {@link CpuidModel#BRAND_PREFIX} (not the vendor: the
 * model's "GenuineIntel" is also what an Intel host shows).
 *
 * <p>Why it matters: glibc picks its string/memory routines (IFUNCs) from CPUID once, at start-up.
 * Hardware KVM (VMX/SVM) intercepts CPUID, so the guest sees jtcg's model and picks code every
 * engine can run. PVM (software virtualization, guest code at hardware CPL 3) cannot intercept a
 * user-mode CPUID unless the host CPU has CPUID faulting ({@code arch_prctl(ARCH_SET_CPUID)});
 * without it the guest sees the host CPU (AVX2, AVX-512...) and a later handoff to a TCG engine
 * runs into instructions the translator does not implement. The answer is measured, not guessed
 * from the host type, and cached for the JVM (one VM creation, a few milliseconds).
 */
public final class CpuidProbe {
    /**
     * The probe's finding.
     *
     * @param controlled true when guest user code saw jtcg's CPUID model
     * @param guestBrand the first 16 bytes of the brand string the guest saw (leaf 0x8000_0002: EAX, EBX, ECX, EDX)
     */
    public record Result(boolean controlled, String guestBrand) {}

    private static volatile Result cached;

    private CpuidProbe() {}

    // mov $0x80000002,%eax; cpuid; mov %ecx,%esi (SYSCALL overwrites RCX); syscall
    private static final byte[] CODE = {(byte) 0xb8, 0x02, 0x00, 0x00, (byte) 0x80, 0x0f, (byte) 0xa2, (byte) 0x89,
        (byte) 0xce, 0x0f, 0x05};
    private static final long CODE_VA = 0x10000, STACK_VA = 0x20000;

    /** Runs the probe once per JVM; throws {@link org.jtcg.kvm.sys.KvmException} if KVM cannot be used at all. */
    public static Result run() {
        Result r = cached;
        if (r == null) {
            synchronized (CpuidProbe.class) {
                r = cached;
                if (r == null) {
                    r = probe();
                    cached = r;
                }
            }
        }
        return r;
    }

    private static Result probe() {
        // A small chunk: the probe should not reserve the default 16 MiB of RAM.
        PagedMemory m = new PagedMemory(MemoryConfig.defaults().withChunkBytes(64 * 1024));
        m.mmap(CODE_VA, GuestMemory.PAGE_SIZE, GuestMemory.PROT_READ | GuestMemory.PROT_EXEC,
                GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS | GuestMemory.MAP_FIXED);
        m.poke(CODE_VA, CODE, 0, CODE.length);
        m.mmap(STACK_VA, GuestMemory.PAGE_SIZE, GuestMemory.PROT_READ | GuestMemory.PROT_WRITE,
                GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS | GuestMemory.MAP_FIXED);
        X86Cpu cpu = new X86Cpu();
        cpu.pc = CODE_VA;
        cpu.rsp = STACK_VA + GuestMemory.PAGE_SIZE - 64;
        try (KvmEngine engine = ProbeVms.engine(m, X86KvmOptions.forHost())) {
            EngineExit exit = engine.run(cpu);
            engine.leave(cpu, va -> { });
            if (exit.kind() != EngineExit.Kind.SYSCALL) {
                throw new KvmEngineException("KVM engine: the CPUID probe stopped with " + exit + " instead of its SYSCALL");
            }
        }
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt((int) cpu.rax).putInt((int) cpu.rbx).putInt((int) cpu.rsi).putInt((int) cpu.rdx);
        String brand = new String(b.array(), StandardCharsets.US_ASCII);
        return new Result(CpuidModel.BRAND_PREFIX.equals(brand), brand);
    }
}

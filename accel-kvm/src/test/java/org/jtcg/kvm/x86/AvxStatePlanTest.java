package org.jtcg.kvm.x86;

import org.jtcg.kvm.sys.KvmStructs;
import org.jtcg.kvm.sys.KvmVcpu;
import org.jtcg.x86.cpuid.CpuLevel;
import org.jtcg.x86.cpuid.CpuidModel;
import org.jtcg.x86.cpuid.X86Extension;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.jtcg.x86.cpuid.X86Extension.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decision "host-supported CPUID → CR4, XCR0 and the CPUID KVM gets" ({@link AvxStatePlan}) with fake
 * KVM_GET_SUPPORTED_CPUID tables, and what reaches the vCPU: the supervisor's CR4 and the XSAVE image's
 * XSTATE_BV when XCR0 lacks AVX.
 */
class AvxStatePlanTest {
    private static final CpuidModel V3 = CpuidModel.forLevel(CpuLevel.V3);
    private static final CpuidModel V2 = CpuidModel.forLevel(CpuLevel.V2);

    /** A host table as KVM_GET_SUPPORTED_CPUID answers: the given extensions' bits, leaf 0xD with {@code xcr0}. */
    private static List<KvmVcpu.CpuidEntry> host(Set<X86Extension> has, long xcr0) {
        int l1c = 0, l1d = 0, l7b = 0, e1c = 0, e1d = 0;
        for (X86Extension e : has) {
            switch (e.field) {
                case LEAF1_ECX -> l1c |= e.mask();
                case LEAF1_EDX -> l1d |= e.mask();
                case LEAF7_EBX -> l7b |= e.mask();
                case EXT1_ECX -> e1c |= e.mask();
                case EXT1_EDX -> e1d |= e.mask();
            }
        }
        l1c &= ~OSXSAVE.mask(); // KVM never lists OSXSAVE: it reflects the guest's CR4
        List<KvmVcpu.CpuidEntry> t = new ArrayList<>();
        t.add(new KvmVcpu.CpuidEntry(0, 0, 0, 0x10, 0, 0, 0));
        t.add(new KvmVcpu.CpuidEntry(1, 0, 0, 0, 0, l1c, l1d));
        t.add(new KvmVcpu.CpuidEntry(7, 0, 1, 0, l7b, 0, 0));
        t.add(new KvmVcpu.CpuidEntry(0xd, 0, 1, (int) xcr0, 0x340, 0x988, (int) (xcr0 >>> 32)));
        t.add(new KvmVcpu.CpuidEntry(0x8000_0001, 0, 0, 0, 0, e1c, e1d));
        return t;
    }

    /** Everything the model can advertise, plus AVX-512 state bits a real host has (0xe7). */
    private static final Set<X86Extension> EVERYTHING = EnumSet.allOf(X86Extension.class);

    @Test
    void aHostWithAvxGetsOsxsaveAndXcr0OfTheModel() {
        AvxStatePlan p = AvxStatePlan.decide(V3, host(EVERYTHING, 0xe7));
        assertEquals(AvxStatePlan.CR4_OSXSAVE, p.cr4Bits());
        assertEquals(7, p.xcr0(), "x87|SSE|AVX, not the host's AVX-512 bits");
        assertTrue(p.withheld().isEmpty());
        assertNull(p.notice());
        assertEquals(V3.entries(), p.model().entries(), "the model goes to KVM unchanged");
    }

    @Test
    void aHostWithoutAvxGetsXsaveWithX87AndSseOnly() {
        Set<X86Extension> noAvx = EnumSet.complementOf(EnumSet.of(AVX, AVX2, FMA, F16C));
        AvxStatePlan p = AvxStatePlan.decide(V3, host(noAvx, 0x3));
        assertEquals(EnumSet.of(AVX, AVX2, FMA, F16C), p.withheld());
        assertEquals(AvxStatePlan.CR4_OSXSAVE, p.cr4Bits());
        assertEquals(3, p.xcr0());
        CpuidModel.Answer l1 = p.model().query(1, 0);
        assertEquals(0, l1.ecx() & (AVX.mask() | FMA.mask() | F16C.mask()));
        assertTrue((l1.ecx() & XSAVE.mask()) != 0 && (l1.ecx() & OSXSAVE.mask()) != 0);
        assertEquals(0, p.model().query(7, 0).ebx() & AVX2.mask());
        assertTrue((p.model().query(7, 0).ebx() & BMI2.mask()) != 0, "VEX-encoded GPR instructions need no AVX state");
        assertEquals(new CpuidModel.Answer(3, 576, 576, 0), p.model().query(0xd, 0));
        assertEquals(new CpuidModel.Answer(0, 0, 0, 0), p.model().query(0xd, 2));
        String n = p.notice();
        assertTrue(n.startsWith("jtcg: kvm: ") && n.contains("avx, avx2") && n.contains("SIGILL") && !n.contains("\n"), n);
    }

    @Test
    void avxWithoutTheYmmComponentInKvmsLeafDIsNotAvx() {
        AvxStatePlan p = AvxStatePlan.decide(V3, host(EVERYTHING, 0x3));
        assertEquals(EnumSet.of(AVX, AVX2, FMA, F16C), p.withheld());
        assertEquals(3, p.xcr0());
    }

    @Test
    void aMissingAvx2BitWithholdsAvx2Alone() {
        AvxStatePlan p = AvxStatePlan.decide(V3, host(EnumSet.complementOf(EnumSet.of(AVX2)), 0x7));
        assertEquals(EnumSet.of(AVX2), p.withheld());
        assertEquals(7, p.xcr0());
    }

    @Test
    void noXsaveWithholdsTheWholeFamilyAndLeavesCr4Alone() {
        AvxStatePlan p = AvxStatePlan.decide(V3, host(EnumSet.complementOf(EnumSet.of(XSAVE)), 0x7));
        assertEquals(EnumSet.of(XSAVE, OSXSAVE, AVX, AVX2, FMA, F16C), p.withheld());
        assertEquals(0, p.cr4Bits());
        assertEquals(0, p.xcr0());
        assertEquals(new CpuidModel.Answer(0, 0, 0, 0), p.model().query(0xd, 0));
        // without KVM_CAP_XCRS the vCPU passes an empty host table: the same outcome
        assertEquals(p.withheld(), AvxStatePlan.decide(V3, List.of()).withheld());
    }

    @Test
    void aLevelWithoutXsaveAsksForNothing() {
        AvxStatePlan p = AvxStatePlan.decide(V2, host(EVERYTHING, 0xe7));
        assertEquals(0, p.cr4Bits());
        assertEquals(0, p.xcr0());
        assertTrue(p.withheld().isEmpty());
        assertFalse(V2.has(XSAVE));
    }

    @Test
    void theSupervisorCr4CarriesOsxsaveOnlyWhenPlanned() {
        ByteBuffer mem = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer sregs = ByteBuffer.allocate(KvmStructs.KVM_SREGS.size()).order(ByteOrder.LITTLE_ENDIAN);
        new SupervisorImage(mem, AvxStatePlan.CR4_OSXSAVE).initSregs(sregs, 0x1000);
        assertEquals(VmLayout.CR4 | (1L << 18), sregs.getLong(KvmStructs.KVM_SREGS.offset("cr4")));
        new SupervisorImage(mem).initSregs(sregs, 0x1000);
        assertEquals(0x620L, sregs.getLong(KvmStructs.KVM_SREGS.offset("cr4")), "PAE|OSFXSR|OSXMMEXCPT");
    }

    @Test
    void xstateBvGetsAvxOnlyWhenXcr0HasIt() {
        long[] v = new long[FpuTransport.WORDS];
        v[FpuTransport.WORDS - 32] = 0x1234; // ymmh0 low word
        ByteBuffer raw = ByteBuffer.allocate(KvmStructs.KVM_XSAVE.size()).order(ByteOrder.LITTLE_ENDIAN);
        FpuTransport.XSAVE.fill(raw, v, true, true);
        assertEquals(0b111, raw.getLong(FpuTransport.XSTATE_BV));
        assertEquals(0x1234, FpuTransport.XSAVE.toCanonical(raw)[FpuTransport.WORDS - 32]);
        raw.putLong(FpuTransport.XSTATE_BV, 0b111); // even a stale AVX bit from KVM is dropped
        FpuTransport.XSAVE.fill(raw, v, false, false);
        assertEquals(0b011, raw.getLong(FpuTransport.XSTATE_BV));
        assertEquals(0, FpuTransport.XSAVE.toCanonical(raw)[FpuTransport.WORDS - 32], "no AVX state: upper halves read as zero");
    }
}

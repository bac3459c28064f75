package org.jtcg.kvm.x86;

import org.jtcg.kvm.sys.KvmVcpu;
import org.jtcg.x86.cpuid.CpuidModel;
import org.jtcg.x86.cpuid.X86Extension;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a KVM guest gets the XSAVE/AVX state the CPUID model advertises, decided from the host's
 * {@code KVM_GET_SUPPORTED_CPUID} (pure: no ioctls, so it is tested with fake host tables).
 *
 * <p>An OS enables AVX in two steps the guest cannot take itself (both are ring-0 state): CR4.OSXSAVE
 * (bit 18), which also makes the CPU report CPUID.1:ECX.OSXSAVE, and XCR0 = the components it manages.
 * jtcg's engine is that OS: with XSAVE advertised and offered by KVM it sets CR4.OSXSAVE and XCR0 =
 * what leaf 0xD subleaf 0 lists (x87|SSE|AVX at x86-64-v3), the same XCR0 the TCG engines report.
 * What KVM cannot offer is withheld from the CPUID KVM gets, together with what depends on it: no
 * XSAVE → XSAVE, OSXSAVE and the AVX family; no AVX (or no YMM component in KVM's leaf 0xD) → AVX,
 * AVX2, FMA, F16C; a missing AVX2/FMA/F16C bit → that extension alone. OSXSAVE is never looked up in
 * the host table: KVM does not list it and reports it from the guest's CR4 instead.
 *
 * @param model    the CPUID KVM is given (the active model, minus {@code withheld})
 * @param cr4Bits  CR4 bits to add to the supervisor's CR4 (OSXSAVE or nothing)
 * @param xcr0     the XCR0 to set with KVM_SET_XCRS, 0 for none (XSAVE not enabled)
 * @param withheld extensions of the active model the guest does not get under KVM
 */
public record AvxStatePlan(CpuidModel model, long cr4Bits, long xcr0, Set<X86Extension> withheld) {
    /** CR4.OSXSAVE: the OS has enabled XSAVE/XGETBV and the XCR0-managed state. */
    public static final long CR4_OSXSAVE = 1L << 18;
    /** XCR0 bits: x87, SSE, AVX (the upper halves of ymm0-15). */
    static final long XCR0_X87 = 1, XCR0_SSE = 2, XCR0_AVX = 4;

    /** Extensions that need the AVX state component (VEX vector instructions #UD while XCR0[2:1] != 11). */
    private static final Set<X86Extension> NEED_AVX_STATE = EnumSet.of(X86Extension.AVX, X86Extension.AVX2,
            X86Extension.FMA, X86Extension.F16C);

    /** The plan for {@code wanted} on a host whose KVM offers {@code hostSupported}. */
    public static AvxStatePlan decide(CpuidModel wanted, List<KvmVcpu.CpuidEntry> hostSupported) {
        Set<X86Extension> withheld = EnumSet.noneOf(X86Extension.class);
        long hostXcr0 = hostXcr0(hostSupported);
        boolean xsave = wanted.has(X86Extension.XSAVE) && hostHas(hostSupported, X86Extension.XSAVE)
                && (hostXcr0 & (XCR0_X87 | XCR0_SSE)) == (XCR0_X87 | XCR0_SSE);
        if (wanted.has(X86Extension.XSAVE) && !xsave) {
            withheld.add(X86Extension.XSAVE);
            withheld.add(X86Extension.OSXSAVE);
        }
        boolean avxState = xsave && hostHas(hostSupported, X86Extension.AVX) && (hostXcr0 & XCR0_AVX) != 0;
        for (X86Extension e : NEED_AVX_STATE) {
            if (wanted.has(e) && (!avxState || !hostHas(hostSupported, e))) {
                withheld.add(e);
            }
        }
        CpuidModel model = withheld.isEmpty() ? wanted : wanted.without(withheld);
        long xcr0 = xsave ? model.xcr0() : 0;
        return new AvxStatePlan(model, xsave ? CR4_OSXSAVE : 0, xcr0, withheld);
    }

    /**
     * One line for stderr when something was withheld (null otherwise): what the guest lacks under kvm, and
     * why a guest that started on another engine may fail after a handoff.
     */
    public String notice() {
        if (withheld.isEmpty()) {
            return null;
        }
        String names = withheld.stream().map(X86Extension::displayName).collect(Collectors.joining(", "));
        return "jtcg: kvm: this host's KVM cannot give the guest " + names + " (KVM_GET_SUPPORTED_CPUID); the guest's "
                + "CPUID under kvm omits them, so its C library picks code without them (code that uses them anyway, "
                + "or a guest handed over from another engine after choosing them, gets SIGILL)";
    }

    /** Whether the host table sets the extension's bit (leaf, subleaf 0, register). */
    static boolean hostHas(List<KvmVcpu.CpuidEntry> host, X86Extension e) {
        for (KvmVcpu.CpuidEntry c : host) {
            if (c.function() == e.field.leaf && c.index() == 0) {
                int reg = switch (e.field.register) {
                    case 'a' -> c.eax();
                    case 'b' -> c.ebx();
                    case 'c' -> c.ecx();
                    default -> c.edx();
                };
                return (reg & e.mask()) != 0;
            }
        }
        return false;
    }

    /** The XCR0 bits KVM can enable: leaf 0xD subleaf 0, EDX:EAX (0 when the host table has no such leaf). */
    static long hostXcr0(List<KvmVcpu.CpuidEntry> host) {
        for (KvmVcpu.CpuidEntry c : host) {
            if (c.function() == 0xd && c.index() == 0) {
                return (c.eax() & 0xffff_ffffL) | ((long) c.edx() << 32);
            }
        }
        return 0;
    }
}

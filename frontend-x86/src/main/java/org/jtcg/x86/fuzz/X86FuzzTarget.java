package org.jtcg.x86.fuzz;

import org.jtcg.fuzz.ArchFuzzer;
import org.jtcg.x86.X86Arch;
import org.jtcg.fuzz.FuzzTarget;

import java.util.List;

/** x86-64's fuzz target (registered in {@code META-INF/services/org.jtcg.fuzz.FuzzTarget}). */
public final class X86FuzzTarget implements FuzzTarget {
    @Override
    public String arch() {
        return "x86_64";
    }

    @Override
    public int elfMachine() {
        return X86Arch.EM_X86_64;
    }

    @Override
    public List<String> groups() {
        return List.copyOf(PatternTable.groupNames());
    }

    /**
     * Forms qemu-x86_64 7.2 computes differently from the host CPU (AMD EPYC) while jit agrees with
     * the host, found by {@code jtcg fuzz --engines native,qemu} (docs/fuzz.md "Findings"):
     * shld/shrd with a rip-relative memory operand and an imm8 count write other bytes and flags;
     * bsf/bsr with a zero source: the host leaves the whole 64-bit destination unchanged, qemu
     * zero-extends a 32-bit one (Intel calls the destination undefined). blsi: qemu 7.2 sets CF when the
     * source is zero; the SDM and the host set it when the source is not zero (jit agrees with the host:
     * NativeFlagOracleTest, the native lane).
     */
    static final List<String> QEMU_DIFFERS = List.of("shld", "shrd", "bsf", "bsr", "blsi");
    /**
     * Left out of the default groups with a qemu lane (asked for by name, they run): ssefp because
     * qemu 7.2 propagates the wrong NaN when both operands of an SSE arithmetic instruction are NaNs
     * (x86 returns the first source's, quieted), which the generator's NaN-rich values hit in most
     * sequences; the x86-64-v2 groups (sse3, ssse3, sse41, sse42): qemu differs from the host on NaN
     * results of haddps/hsubps/dpps/dppd and takes pcmpestri's lengths from eax/edx even with REX.W
     * (docs/fuzz.md), while jit agrees with the host; ssse3 agreed but was surveyed only briefly. fma and
     * f16c (x86-64-v3 floating point): their oracle is the host CPU (native and kvm lanes); qemu's NaN
     * rules for them were not surveyed. avx (the VEX.128 forms of the SSE groups) inherits their NaN
     * differences. avx2 (integer and lane moves) stays on.
     */
    static final List<String> QEMU_DEFAULT_OFF_GROUPS = List.of("ssefp", "sse3", "ssse3", "sse41", "sse42", "fma", "f16c", "avx");

    /**
     * Left out of the default groups whatever the lanes (asked for by name, they run): approx (rcpps, rsqrtps and their
     * scalar and VEX forms), whose bits are implementation-specific; jtcg gives those of AMD family 0x1a, so a native
     * or kvm oracle of another CPU (or qemu) differs in the low bits by design.
     */
    static final List<String> DEFAULT_OFF_GROUPS = List.of("approx");

    @Override
    public List<String> defaultOffGroups() {
        return DEFAULT_OFF_GROUPS;
    }

    @Override
    public ArchFuzzer open(Selection s) {
        PatternTable table = PatternTable.builtIn();
        List<String> notes = new java.util.ArrayList<>();
        if (s.groups() != null) {
            table = table.only(s.groups());
        } else if (s.qemuLane()) {
            table = table.only(PatternTable.groupNames().stream()
                    .filter(g -> !QEMU_DEFAULT_OFF_GROUPS.contains(g) && !DEFAULT_OFF_GROUPS.contains(g)).toList());
            notes.add("qemu lane: groups " + String.join(", ", QEMU_DEFAULT_OFF_GROUPS) + " left out by default (docs/fuzz.md)");
        } else {
            table = table.only(PatternTable.groupNames().stream().filter(g -> !DEFAULT_OFF_GROUPS.contains(g)).toList());
        }
        if (s.qemuLane()) {
            table = table.without(QEMU_DIFFERS);
            notes.add("qemu lane: " + String.join(", ", QEMU_DIFFERS) + " left out (qemu differs from the host CPU; docs/fuzz.md)");
        }
        if (!s.exclude().isEmpty()) {
            table = table.without(s.exclude());
        }
        if (table.patterns().isEmpty()) {
            throw new IllegalArgumentException("--groups/--exclude leave no instruction forms");
        }
        MaskTable masks = MaskTable.load();
        if (!s.extraMasks().isEmpty()) {
            masks = masks.plus(MaskTable.of(s.extraMasks(), s.masksSource()));
        }
        return new X86Fuzzer(this, table, masks, s.length(), notes);
    }
}

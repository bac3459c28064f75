package org.jtcg.kvm.arm64;

import org.jtcg.cpreg.Arm64Registers;
import org.jtcg.cpreg.RegisterNames;
import org.jtcg.kvm.CrossProbe;
import org.jtcg.kvm.UapiProbeCheck;
import org.jtcg.kvm.sys.StructLayout;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every struct offset, ioctl number, constant and ONE_REG id the arm64 plug-in uses, compared with the arm64
 * UAPI headers: {@code arm64_uapi_probe.c} is built with aarch64-linux-gnu-gcc and run under
 * qemu-aarch64-static. Skipped with the reason when the cross compiler, headers or qemu are missing.
 * Planted checks prove the comparison catches the two classic mistakes (the 16-byte alignment of the vregs,
 * the swapped timer ids).
 */
class Arm64UapiProbeTest {
    static final CrossProbe PROBE = new CrossProbe("aarch64-linux-gnu-gcc", "qemu-aarch64-static",
            Path.of("/usr/aarch64-linux-gnu/include/asm/kvm.h"));
    private static List<String> lines;
    private static String unavailable;

    @BeforeAll
    static void runProbe() throws Exception {
        unavailable = PROBE.unavailableReason();
        if (unavailable == null) {
            lines = PROBE.run(Arm64UapiProbeTest.class, "arm64_uapi_probe.c");
        }
    }

    @BeforeEach
    void needsTheProbe() {
        assumeTrue(unavailable == null, unavailable);
    }

    /** Every ONE_REG id the plug-in moves or reads, by register name. */
    static Map<String, Long> pluginIds() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int s = 0; s < Arm64RegisterSets.layout().size(); s++) {
            for (long id : Arm64RegisterSets.layout().spec(s).ids()) {
                m.put(RegisterNames.name(id), id);
            }
        }
        for (long id : new Arm64El1Image(0, 0, 0, 0).values().keySet()) {
            m.put(RegisterNames.name(id), id);
        }
        for (long id : new long[] {Arm64RegisterTransport.ESR_EL1, Arm64RegisterTransport.FAR_EL1,
            Arm64RegisterTransport.TPIDR_EL1, Arm64RegisterTransport.SPSR_EL1, Arm64Registers.ELR_EL1}) {
            m.put(RegisterNames.name(id), id);
        }
        for (long id : Arm64RegisterSets.userModeRegList()) {
            m.put(RegisterNames.name(id), id);
        }
        return m;
    }

    static UapiProbeCheck check(Map<String, StructLayout> structs, Map<String, Long> ids) {
        return new UapiProbeCheck(structs, Arm64KvmUapi.constants(), ids, Map.of());
    }

    @Test
    void everyTableEntryMatchesTheArm64Headers() {
        UapiProbeCheck.Result r = check(Arm64KvmUapi.structs(), pluginIds()).compare(lines);
        assertEquals(List.of(), r.mismatches());
        assertEquals(Arm64KvmUapi.structs().size(), r.structs());
        assertTrue(r.fields() >= 40, "fields checked: " + r.fields());
        assertEquals(pluginIds().size(), r.ids());
        assertTrue(r.ids() >= 85, "ids checked: " + r.ids());
        assertEquals(Arm64KvmUapi.constants().size(), r.consts());
    }

    /** Planted: v0-v31 aligned to 8 instead of 16 bytes would put them at 328; the probe says 336. */
    @Test
    void aMisalignedVregsTableFails() {
        StructLayout wrongFp = StructLayout.builder("user_fpsimd_state")
                .array("vregs", 32, 16, 8).u32("fpsr").u32("fpcr").array("__reserved", 2, 4, 4).build();
        StructLayout wrongRegs = StructLayout.builder("kvm_regs")
                .struct("regs", Arm64KvmUapi.USER_PT_REGS).u64("sp_el1").u64("elr_el1").array("spsr", 5, 8, 8)
                .struct("fp_regs", wrongFp).build();
        Map<String, StructLayout> structs = new LinkedHashMap<>(Arm64KvmUapi.structs());
        structs.put("kvm_regs", wrongRegs);
        List<String> bad = check(structs, pluginIds()).compare(lines).mismatches();
        assertTrue(bad.stream().anyMatch(s -> s.startsWith("kvm_regs.fp_regs.vregs: headers offset 336")), bad.toString());
    }

    /** Planted: building TIMER_CNT from CNTVCT_EL0's architectural encoding (3,3,14,0,2) is the frozen-ABI trap. */
    @Test
    void anArchitecturalTimerCntIdFails() {
        Map<String, Long> ids = new LinkedHashMap<>(pluginIds());
        ids.put("arm64.timer_cnt", Arm64Registers.sysreg(3, 3, 14, 0, 2));
        List<String> bad = check(Arm64KvmUapi.structs(), ids).compare(lines).mismatches();
        assertEquals(1, bad.size(), bad.toString());
        assertTrue(bad.get(0).startsWith("arm64.timer_cnt: headers 0x603000000013df1a"), bad.toString());
    }

    /** An entry the probe never prints is reported, so a new table row cannot go unchecked. */
    @Test
    void anUncheckedIdIsReported() {
        Map<String, Long> ids = new LinkedHashMap<>(pluginIds());
        ids.put("arm64.ctr_el0", Arm64Registers.CTR_EL0);
        List<String> bad = check(Arm64KvmUapi.structs(), ids).compare(lines).mismatches();
        assertEquals(List.of("id arm64.ctr_el0: not checked by the probe"), bad);
    }
}

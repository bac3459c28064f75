package org.jtcg.kvm.s390x;

import org.jtcg.cpreg.RegisterNames;
import org.jtcg.cpreg.S390Registers;
import org.jtcg.kvm.CrossProbe;
import org.jtcg.kvm.UapiProbeCheck;
import org.jtcg.kvm.sys.KvmStructs;
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
 * Every struct offset, ioctl number, sync bit, ONE_REG id and project-id placement the s390x plug-in uses,
 * compared with the s390x UAPI headers: {@code s390_uapi_probe.c} is built with s390x-linux-gnu-gcc and run
 * under qemu-s390x-static. Skipped with the reason when the cross compiler, headers or qemu are missing.
 * Planted checks: taking the x86 kvm_run (no PSW before the union) and mapping a project id onto the wrong
 * sync field must both fail.
 */
class S390UapiProbeTest {
    static final CrossProbe PROBE = new CrossProbe("s390x-linux-gnu-gcc", "qemu-s390x-static",
            Path.of("/usr/s390x-linux-gnu/include/asm/kvm.h"));
    private static List<String> lines;
    private static String unavailable;

    @BeforeAll
    static void runProbe() throws Exception {
        unavailable = PROBE.unavailableReason();
        if (unavailable == null) {
            lines = PROBE.run(S390UapiProbeTest.class, "s390_uapi_probe.c");
        }
    }

    @BeforeEach
    void needsTheProbe() {
        assumeTrue(unavailable == null, unavailable);
    }

    /** Linux's ONE_REG ids the plug-in uses (the ARCH0/PFAULT fields' ids and EPOCHDIFF). */
    static Map<String, Long> linuxIds() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (long id : new long[] {S390Registers.TODPR, S390Registers.EPOCHDIFF, S390Registers.CPU_TIMER,
            S390Registers.CLOCK_COMP, S390Registers.PFTOKEN, S390Registers.PFCOMPARE, S390Registers.PFSELECT,
            S390Registers.PP, S390Registers.GBEA}) {
            m.put(RegisterNames.name(id), id);
        }
        return m;
    }

    /** Where every canonical id of the sync sets lives in kvm_run, from the Java table. */
    static Map<String, int[]> placements(List<S390SyncField> fields) {
        Map<String, int[]> m = new LinkedHashMap<>();
        for (S390SyncField f : fields) {
            m.put(RegisterNames.name(f.id()), new int[] {f.offset(), f.bytes()});
        }
        return m;
    }

    static UapiProbeCheck check(Map<String, StructLayout> structs, Map<String, int[]> places) {
        return new UapiProbeCheck(structs, S390KvmUapi.constants(), linuxIds(), places);
    }

    @Test
    void everyTableEntryMatchesTheS390Headers() {
        UapiProbeCheck.Result r = check(S390KvmUapi.structs(), placements(S390RegisterSets.allFields())).compare(lines);
        assertEquals(List.of(), r.mismatches());
        assertEquals(S390KvmUapi.structs().size(), r.structs());
        assertTrue(r.fields() >= 45, "fields checked: " + r.fields());
        assertEquals(9, r.ids());
        assertEquals(S390RegisterSets.allFields().size(), r.places());
        assertEquals(92, r.places(), "psw 2, gprs/acrs/crs 48, vrs 32, fpc, prefix, arch0 5, pfault 3");
        assertEquals(S390KvmUapi.constants().size(), r.consts());
    }

    /** Planted: the x86 kvm_run has no psw_mask/psw_addr before the exit union, so everything after moves by 16. */
    @Test
    void theX86KvmRunLayoutFails() {
        Map<String, StructLayout> structs = new LinkedHashMap<>(S390KvmUapi.structs());
        structs.put("kvm_run", KvmStructs.KVM_RUN);
        List<String> bad = check(structs, placements(S390RegisterSets.allFields())).compare(lines).mismatches();
        assertTrue(bad.stream().anyMatch(s -> s.startsWith("kvm_run.kvm_valid_regs: headers offset 304")), bad.toString());
    }

    /** Planted: todpr mapped onto the CPU timer's field. */
    @Test
    void aWrongPlacementFails() {
        Map<String, int[]> places = placements(S390RegisterSets.allFields());
        places.put("s390.todpr", new int[] {S390KvmUapi.KVM_RUN.offset("s.regs.cputm"), 8});
        List<String> bad = check(S390KvmUapi.structs(), places).compare(lines).mismatches();
        assertEquals(1, bad.size(), bad.toString());
        assertTrue(bad.get(0).startsWith("s390.todpr: headers offset"), bad.toString());
    }
}

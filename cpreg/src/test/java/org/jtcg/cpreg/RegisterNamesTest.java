package org.jtcg.cpreg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegisterNamesTest {

    @ParameterizedTest
    @EnumSource(RegArch.class)
    void everyCatalogueEntryRoundTrips(RegArch arch) {
        RegisterCatalogue cat = RegisterCatalogue.of(arch);
        assertTrue(cat.entries().size() > 40, "catalogue too small: " + cat.entries().size());
        Set<Long> ids = new HashSet<>();
        for (RegisterCatalogue.Entry e : cat.entries()) {
            assertTrue(ids.add(e.id()), "duplicate id " + e.name());
            assertEquals(arch, RegId.arch(e.id()));
            assertTrue(e.name().startsWith(arch.prefix() + "."), e.name());
            assertEquals(e.name(), RegisterNames.name(e.id()));
            assertEquals(e.id(), RegisterNames.parse(e.name()));
            assertEquals(e.id(), RegisterNames.parse("  " + e.name().toUpperCase(Locale.ROOT) + " "));
        }
    }

    @Test
    void arm64CoreIdsAreLinuxs() {
        // KVM_REG_ARM64 | size | KVM_REG_ARM_CORE | offsetof(struct kvm_regs, f) / 4
        assertEquals(0x6030000000100000L, RegisterNames.parse("arm64.x0"));
        assertEquals(0x603000000010003cL, RegisterNames.parse("arm64.x30"));
        assertEquals(0x603000000010003eL, RegisterNames.parse("arm64.sp"));
        assertEquals(0x6030000000100040L, RegisterNames.parse("arm64.pc"));
        assertEquals(0x6030000000100042L, RegisterNames.parse("arm64.pstate"));
        assertEquals(0x6030000000100044L, RegisterNames.parse("arm64.sp_el1"));
        assertEquals(0x6030000000100046L, RegisterNames.parse("arm64.elr_el1"));
        assertEquals(0x6030000000100048L, RegisterNames.parse("arm64.spsr_el1"));
        assertEquals(0x6030000000100050L, RegisterNames.parse("arm64.spsr_fiq"));
        assertEquals(0x6040000000100054L, RegisterNames.parse("arm64.v0"));
        assertEquals(0x60400000001000d0L, RegisterNames.parse("arm64.v31"));
        assertEquals(0x60200000001000d4L, RegisterNames.parse("arm64.fpsr"));
        assertEquals(0x60200000001000d5L, RegisterNames.parse("arm64.fpcr"));
        assertEquals(RegisterNames.parse("arm64.x30"), RegisterNames.parse("arm64.lr"));
    }

    @Test
    void arm64SysregIdsAreLinuxs() {
        assertEquals(0x603000000013de82L, RegisterNames.parse("arm64.tpidr_el0"));
        assertEquals(0x603000000013de83L, RegisterNames.parse("arm64.tpidrro_el0"));
        assertEquals(0x603000000013c000L, RegisterNames.parse("arm64.midr_el1"));
        // KVM_REG_ARM_TIMER_CNT = ARM64_SYS_REG(3,3,14,3,2), swapped with CVAL in Linux's UAPI
        assertEquals(0x603000000013df1aL, RegisterNames.parse("arm64.timer_cnt"));
        assertEquals(0x603000000013df1aL, RegisterNames.parse("arm64.cntvct_el0"));
        assertEquals(0x603000000013df02L, RegisterNames.parse("arm64.timer_cval"));
        assertEquals("arm64.tpidr_el0", RegisterNames.name(Arm64Registers.sysreg(3, 3, 13, 0, 2)));
        assertEquals(Arm64Registers.TPIDR_EL0, RegisterNames.parse("arm64.sysreg(3,3,13,0,2)"));
        assertEquals(Arm64Registers.TPIDR_EL0, RegisterNames.parse("arm64.sysreg(3, 3, 13, 0, 2)"));
        long unknown = Arm64Registers.sysreg(3, 0, 15, 2, 0);
        assertEquals("arm64.sysreg(3,0,15,2,0)", RegisterNames.name(unknown));
        assertEquals(unknown, RegisterNames.parse("arm64.sysreg(3,0,15,2,0)"));
        assertEquals(3, Arm64Registers.sysregFields(unknown)[0]);
        assertEquals(15, Arm64Registers.sysregFields(unknown)[2]);
    }

    @Test
    void arm64SveIdsAreLinuxs() {
        assertEquals(0x6080000000150000L, RegisterNames.parse("arm64.z0"));
        assertEquals(0x60800000001503e0L, RegisterNames.parse("arm64.z31"));
        assertEquals(0x6050000000150400L, RegisterNames.parse("arm64.p0"));
        assertEquals(0x6050000000150600L, RegisterNames.parse("arm64.ffr"));
        assertEquals(0x606000000015ffffL, RegisterNames.parse("arm64.sve_vls"));
        assertEquals(RegSize.U2048, RegId.size(RegisterNames.parse("arm64.z7")));
        assertEquals(0x6030000000140000L, RegisterNames.parse("arm64.psci_version"));
    }

    @Test
    void s390IdsAreLinuxsWhereLinuxHasThem() {
        assertEquals(0x5020000000000001L, RegisterNames.parse("s390.todpr"));
        assertEquals(0x5030000000000002L, RegisterNames.parse("s390.epochdiff"));
        assertEquals(0x5030000000000003L, RegisterNames.parse("s390.cpu_timer"));
        assertEquals(0x5030000000000004L, RegisterNames.parse("s390.clock_comp"));
        assertEquals(0x5030000000000005L, RegisterNames.parse("s390.pftoken"));
        assertEquals(0x5030000000000006L, RegisterNames.parse("s390.pfcompare"));
        assertEquals(0x5030000000000007L, RegisterNames.parse("s390.pfselect"));
        assertEquals(0x5030000000000008L, RegisterNames.parse("s390.pp"));
        assertEquals(0x5030000000000009L, RegisterNames.parse("s390.gbea"));
    }

    @Test
    void s390ProjectIds() {
        assertEquals(0x5030000010000003L, RegisterNames.parse("s390.r3"));
        assertEquals(0x5030000010010001L, RegisterNames.parse("s390.psw_addr"));
        assertEquals(0x502000001002000fL, RegisterNames.parse("s390.a15"));
        assertEquals(0x5040000010040000L | 31, RegisterNames.parse("s390.v31"));
        assertEquals(RegSize.U32, RegId.size(RegisterNames.parse("s390.fpc")));
        for (RegisterCatalogue.Entry e : RegisterCatalogue.of(RegArch.S390).entries()) {
            assertEquals(e.origin() == RegisterCatalogue.Origin.PROJECT, S390Registers.isProjectId(e.id()), e.name());
        }
    }

    @Test
    void x86MsrIdsAreLinuxs() {
        // KVM_X86_REG_MSR(i) = KVM_REG_X86 | KVM_REG_SIZE_U64 | 2 << 32 | i
        assertEquals(0x20300002c0000100L, RegisterNames.parse("x86.fs_base"));
        assertEquals(0x20300002c0000100L, RegisterNames.parse("x86.msr(0xc0000100)"));
        assertEquals(0x20300002c0000100L, RegisterNames.parse("x86.msr(3221225728)"));
        assertEquals(0x2030000200000010L, RegisterNames.parse("x86.tsc"));
        assertEquals(0x2030000200000277L, RegisterNames.parse("x86.pat"));
        assertEquals(0x20300002c0000080L, RegisterNames.parse("x86.efer"));
        assertEquals(0x2030000300000000L, RegisterNames.parse("x86.guest_ssp"));
        assertEquals("x86.fs_base", RegisterNames.name(X86Registers.msr(0xc0000100L)));
        assertEquals("x86.msr(0x123)", RegisterNames.name(X86Registers.msr(0x123)));
        assertEquals(0x123, X86Registers.msrIndex(RegisterNames.parse("x86.msr(0x123)")));
    }

    @Test
    void x86ProjectIds() {
        assertEquals(0x2030008000000000L, RegisterNames.parse("x86.rax"));
        assertEquals(0x203000800000000fL, RegisterNames.parse("x86.r15"));
        assertEquals(0x2030008000000010L, RegisterNames.parse("x86.rip"));
        assertEquals(X86Registers.xmm(3), RegisterNames.parse("x86.xmm3"));
        assertEquals(RegSize.U128, RegId.size(RegisterNames.parse("x86.xmm3")));
        assertEquals(RegSize.U128, RegId.size(RegisterNames.parse("x86.st7")));
        assertEquals(RegSize.U16, RegId.size(RegisterNames.parse("x86.cs.selector")));
        assertEquals(X86Registers.seg(X86Registers.FS, X86Registers.SEG_BASE), RegisterNames.parse("x86.fs.base"));
        assertEquals(X86Registers.cr(4), RegisterNames.parse("x86.cr4"));
        for (RegisterCatalogue.Entry e : RegisterCatalogue.of(RegArch.X86).entries()) {
            boolean projectType = (e.id() >>> 32 & 0xff) >= 0x80;
            assertEquals(e.origin() == RegisterCatalogue.Origin.PROJECT, projectType, e.name());
            // Linux requires bits 40-51 to be zero; project ids keep that too
            assertEquals(0, e.id() >>> 40 & 0xfff, e.name());
        }
    }

    @Test
    void genericFormsRoundTripForRandomIds() {
        Random rnd = new Random(42);
        for (int i = 0; i < 20000; i++) {
            long id = i % 2 == 0 ? rnd.nextLong()
                    : RegId.make(RegArch.values()[rnd.nextInt(3)], RegSize.values()[rnd.nextInt(9)],
                    rnd.nextLong() & (i % 4 == 1 ? 0xffffL : RegId.LOW_MASK));
            String name = RegisterNames.name(id);
            assertEquals(id, RegisterNames.parse(name), name);
        }
    }

    @Test
    void genericFormsLookRight() {
        assertEquals("s390.raw(u64,0x1234)", RegisterNames.name(RegId.make(RegArch.S390, RegSize.U64, 0x1234)));
        assertEquals("id(0x0130000000000001)", RegisterNames.name(0x0130000000000001L));
        assertEquals("id(0x60f0000000000001)", RegisterNames.name(0x60f0000000000001L));
        assertEquals("x86.rax (0x2030008000000000)", RegisterNames.describe(X86Registers.gpr(0)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "rax", "ppc.r1", "x86.nosuch", "x86.", "arm64.sysreg(4,0,0,0,0)",
        "arm64.sysreg(3,0,0,0)", "x86.msr(0x100000000)", "x86.raw(u4096,0x1)", "s390.raw(u64,0x10000000000000)",
        "id(0x)", "x86.sysreg(3,3,13,0,2)", "arm64.msr(0x10)", "x86.msr(99999999999999999999)"})
    void badNamesGiveClearErrors(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RegisterNames.parse(name));
        assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}

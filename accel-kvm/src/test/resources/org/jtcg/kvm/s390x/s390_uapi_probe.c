/* Prints what the s390x KVM plug-in takes from the UAPI, as read from the s390x cross headers
 * (<asm/kvm.h>, <linux/kvm.h>; struct kvm_run has the PSW before its exit union on s390). Built with
 * s390x-linux-gnu-gcc -static and run under qemu-s390x-static by S390UapiProbeTest, which compares every
 * line with the Java tables. Lines:
 *   struct <name> <sizeof>
 *   field <struct>.<member> <offset> <size>
 *   const <macro> <value, unsigned decimal>
 *   id <jtcg register name> <ONE_REG id>           (Linux's ids)
 *   place <jtcg register name> <offset> <size>     (where jtcg's project ids live in struct kvm_run)
 * The placements are jtcg's mapping of its s390 project ids onto kvm_sync_regs, stated here independently
 * of the Java table (docs/register-ids.md). */
#include <stddef.h>
#include <stdio.h>
#include <linux/kvm.h>

#define S(t) printf("struct %s %zu\n", #t, sizeof(struct t))
#define F(t, f) printf("field %s.%s %zu %zu\n", #t, #f, offsetof(struct t, f), sizeof(((struct t *)0)->f))
#define C(n) printf("const %s %llu\n", #n, (unsigned long long)(n))
#define ID(name, v) printf("id %s %llu\n", name, (unsigned long long)(v))
#define P(name, f) printf("place %s %zu %zu\n", name, offsetof(struct kvm_run, f), sizeof(((struct kvm_run *)0)->f))

int main(void) {
    char name[64];
    S(kvm_sync_regs); F(kvm_sync_regs, prefix); F(kvm_sync_regs, gprs); F(kvm_sync_regs, acrs); F(kvm_sync_regs, crs);
    F(kvm_sync_regs, todpr); F(kvm_sync_regs, cputm); F(kvm_sync_regs, ckc); F(kvm_sync_regs, pp); F(kvm_sync_regs, gbea);
    F(kvm_sync_regs, pft); F(kvm_sync_regs, pfs); F(kvm_sync_regs, pfc); F(kvm_sync_regs, vrs); F(kvm_sync_regs, fprs);
    F(kvm_sync_regs, reserved); F(kvm_sync_regs, fpc); F(kvm_sync_regs, padding1); F(kvm_sync_regs, riccb);
    F(kvm_sync_regs, diag318); F(kvm_sync_regs, padding2); F(kvm_sync_regs, sdnx);
    S(kvm_run); F(kvm_run, exit_reason); F(kvm_run, immediate_exit); F(kvm_run, psw_mask); F(kvm_run, psw_addr);
    F(kvm_run, s390_sieic.icptcode); F(kvm_run, s390_sieic.ipa); F(kvm_run, s390_sieic.ipb);
    F(kvm_run, s390_ucontrol.trans_exc_code); F(kvm_run, s390_ucontrol.pgm_code); F(kvm_run, internal.suberror);
    F(kvm_run, kvm_valid_regs); F(kvm_run, kvm_dirty_regs); F(kvm_run, s); F(kvm_run, s.regs);
    F(kvm_run, s.regs.prefix); F(kvm_run, s.regs.gprs); F(kvm_run, s.regs.vrs); F(kvm_run, s.regs.fprs);
    F(kvm_run, s.regs.fpc);
    S(kvm_regs); F(kvm_regs, gprs);
    S(kvm_sregs); F(kvm_sregs, acrs); F(kvm_sregs, crs);
    S(kvm_fpu); F(kvm_fpu, fpc); F(kvm_fpu, fprs);
    S(kvm_s390_psw); F(kvm_s390_psw, mask); F(kvm_s390_psw, addr);
    S(kvm_one_reg); F(kvm_one_reg, id); F(kvm_one_reg, addr);

    C(KVM_GET_REGS); C(KVM_SET_REGS); C(KVM_GET_SREGS); C(KVM_SET_SREGS); C(KVM_GET_FPU); C(KVM_SET_FPU);
    C(KVM_S390_SET_INITIAL_PSW); C(KVM_S390_INITIAL_RESET); C(KVM_S390_NORMAL_RESET); C(KVM_S390_CLEAR_RESET);
    C(KVM_GET_ONE_REG); C(KVM_SET_ONE_REG); C(KVM_RUN);
    C(KVM_SYNC_PREFIX); C(KVM_SYNC_GPRS); C(KVM_SYNC_ACRS); C(KVM_SYNC_CRS); C(KVM_SYNC_ARCH0); C(KVM_SYNC_PFAULT);
    C(KVM_SYNC_VRS); C(KVM_SYNC_RICCB); C(KVM_SYNC_FPRS); C(KVM_SYNC_GSCB); C(KVM_SYNC_BPBC); C(KVM_SYNC_ETOKEN);
    C(KVM_SYNC_DIAG318);
    C(KVM_CAP_ONE_REG); C(KVM_CAP_SYNC_REGS); C(KVM_CAP_S390_VECTOR_REGISTERS);
    C(KVM_EXIT_S390_SIEIC); C(KVM_EXIT_S390_RESET); C(KVM_EXIT_S390_UCONTROL); C(KVM_EXIT_S390_TSCH);
    C(KVM_EXIT_S390_STSI);

    ID("s390.todpr", KVM_REG_S390_TODPR); ID("s390.epochdiff", KVM_REG_S390_EPOCHDIFF);
    ID("s390.cpu_timer", KVM_REG_S390_CPU_TIMER); ID("s390.clock_comp", KVM_REG_S390_CLOCK_COMP);
    ID("s390.pftoken", KVM_REG_S390_PFTOKEN); ID("s390.pfcompare", KVM_REG_S390_PFCOMPARE);
    ID("s390.pfselect", KVM_REG_S390_PFSELECT); ID("s390.pp", KVM_REG_S390_PP); ID("s390.gbea", KVM_REG_S390_GBEA);

    P("s390.psw_mask", psw_mask);
    P("s390.psw_addr", psw_addr);
    for (int i = 0; i < 16; i++) {
        snprintf(name, sizeof name, "s390.r%d", i); P(name, s.regs.gprs[i]);
        snprintf(name, sizeof name, "s390.a%d", i); P(name, s.regs.acrs[i]);
        snprintf(name, sizeof name, "s390.c%d", i); P(name, s.regs.crs[i]);
    }
    for (int i = 0; i < 32; i++) {
        snprintf(name, sizeof name, "s390.v%d", i); P(name, s.regs.vrs[i]);
    }
    P("s390.fpc", s.regs.fpc);
    P("s390.prefix", s.regs.prefix);
    /* the ARCH0 and PFAULT fields carry Linux's ONE_REG registers */
    P("s390.todpr", s.regs.todpr); P("s390.cpu_timer", s.regs.cputm); P("s390.clock_comp", s.regs.ckc);
    P("s390.pp", s.regs.pp); P("s390.gbea", s.regs.gbea);
    P("s390.pftoken", s.regs.pft); P("s390.pfselect", s.regs.pfs); P("s390.pfcompare", s.regs.pfc);
    return 0;
}

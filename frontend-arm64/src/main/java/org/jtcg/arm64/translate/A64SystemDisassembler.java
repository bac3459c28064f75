package org.jtcg.arm64.translate;

import static org.jtcg.arm64.translate.A64Table.*;

/** objdump syntax for the system patterns: hints, clrex, barriers, isb, mrs/msr (register) and the dc/ic operations. */
final class A64SystemDisassembler {
    private A64SystemDisassembler() {}

    private static final String[] BARRIER_OPTIONS = {null, "oshld", "oshst", "osh", null, "nshld", "nshst", "nsh",
        null, "ishld", "ishst", "ish", null, "ld", "st", "sy"};

    static String format(String name, long[] a) {
        int crm = (int) a[CRM], op2 = (int) a[OP2];
        return switch (name) {
            case "HINT" -> hint(crm << 3 | op2);
            case "CLREX" -> crm == 15 ? "clrex" : "clrex #0x" + Integer.toHexString(crm);
            case "ISB" -> crm == 15 ? "isb" : "isb #0x" + Integer.toHexString(crm);
            case "BARRIER" -> {
                if (op2 == 4 && crm == 0) {
                    yield "ssbb";
                }
                if (op2 == 4 && crm == 4) {
                    yield "pssbb";
                }
                String opt = BARRIER_OPTIONS[crm];
                yield (op2 == 4 ? "dsb " : "dmb ") + (opt != null ? opt : String.format("#0x%02x", crm));
            }
            case "MRS" -> "mrs " + A64Disassembler.x(a[RD], true) + ", " + sysreg(a);
            case "MSR_reg" -> "msr " + sysreg(a) + ", " + A64Disassembler.x(a[RD], true);
            case "SYS" -> sys(a);
            default -> null;
        };
    }

    private static String hint(int imm) {
        return switch (imm) {
            case 0 -> "nop";
            case 1 -> "yield";
            case 2 -> "wfe";
            case 3 -> "wfi";
            case 4 -> "sev";
            case 5 -> "sevl";
            case 7 -> "xpaclri";
            case 8 -> "pacia1716";
            case 10 -> "pacib1716";
            case 12 -> "autia1716";
            case 14 -> "autib1716";
            case 16 -> "esb";
            case 17 -> "psb csync";
            case 18 -> "tsb csync";
            case 20 -> "csdb";
            case 22 -> "clearbhb";
            case 24 -> "paciaz";
            case 25 -> "paciasp";
            case 26 -> "pacibz";
            case 27 -> "pacibsp";
            case 28 -> "autiaz";
            case 29 -> "autiasp";
            case 30 -> "autibz";
            case 31 -> "autibsp";
            case 32 -> "bti";
            case 34 -> "bti c";
            case 36 -> "bti j";
            case 38 -> "bti jc";
            default -> "hint #0x" + Integer.toHexString(imm);
        };
    }

    private static String sysreg(long[] a) {
        int o0 = (int) a[SYSOP0] + 2, op1 = (int) a[OP1], crn = (int) a[CRN], crm = (int) a[CRM], op2 = (int) a[OP2];
        int key = o0 << 14 | op1 << 11 | crn << 7 | crm << 3 | op2;
        return switch (key) {
            case 3 << 14 | 3 << 11 | 4 << 7 | 2 << 3 -> "nzcv";
            case 3 << 14 | 3 << 11 | 4 << 7 | 4 << 3 -> "fpcr";
            case 3 << 14 | 3 << 11 | 4 << 7 | 4 << 3 | 1 -> "fpsr";
            case 3 << 14 | 3 << 11 | 13 << 7 | 2 -> "tpidr_el0";
            case 3 << 14 | 3 << 11 | 13 << 7 | 3 -> "tpidrro_el0";
            case 3 << 14 | 3 << 11 | 1 -> "ctr_el0";
            case 3 << 14 | 3 << 11 | 7 -> "dczid_el0";
            case 3 << 14 | 0 -> "midr_el1";
            case 3 << 14 | 6 -> "revidr_el1";
            case 3 << 14 | 5 -> "mpidr_el1";
            case 3 << 14 | 3 << 11 | 14 << 7 | 2 -> "cntvct_el0";
            case 3 << 14 | 3 << 11 | 14 << 7 -> "cntfrq_el0";
            case 3 << 14 | 4 << 3 -> "id_aa64pfr0_el1";
            case 3 << 14 | 4 << 3 | 1 -> "id_aa64pfr1_el1";
            case 3 << 14 | 6 << 3 -> "id_aa64isar0_el1";
            case 3 << 14 | 6 << 3 | 1 -> "id_aa64isar1_el1";
            case 3 << 14 | 7 << 3 -> "id_aa64mmfr0_el1";
            case 3 << 14 | 7 << 3 | 1 -> "id_aa64mmfr1_el1";
            default -> "s" + o0 + "_" + op1 + "_c" + crn + "_c" + crm + "_" + op2;
        };
    }

    private static String sys(long[] a) {
        int op1 = (int) a[OP1], crn = (int) a[CRN], crm = (int) a[CRM], op2 = (int) a[OP2];
        String reg = A64Disassembler.x(a[RD], true);
        if (crn == 7 && op1 == 3 && op2 == 1) {
            String op = switch (crm) {
                case 4 -> "dc zva";
                case 5 -> "ic ivau";
                case 10 -> "dc cvac";
                case 11 -> "dc cvau";
                case 12 -> "dc cvap";
                case 13 -> "dc cvadp";
                case 14 -> "dc civac";
                default -> null;
            };
            if (op != null) {
                return op + ", " + reg;
            }
        }
        if (crn == 7 && op1 == 3 && crm == 4 && (op2 == 3 || op2 == 4)) { // MTE, not implemented: for SIGILL lines
            return (op2 == 3 ? "dc gva, " : "dc gzva, ") + reg;
        }
        // objdump's generic form; it names more operations (tlbi, at, other dc/ic) than the few EL0 ones above,
        // but those are not implemented (SIGILL) and only reach the SIGILL line
        return "sys #" + op1 + ", C" + crn + ", C" + crm + ", #" + op2 + (a[RD] == 31 ? "" : ", " + reg);
    }
}

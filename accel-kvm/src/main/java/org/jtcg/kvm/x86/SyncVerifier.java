package org.jtcg.kvm.x86;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.cpreg.RegId;
import org.jtcg.cpreg.RegisterNames;
import org.jtcg.cpreg.X86Registers;
import org.jtcg.kvm.SyncMismatchException;
import org.jtcg.kvm.sys.KvmStructs;
import org.jtcg.kvm.sys.KvmVcpu;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Verification mode: after an exit, reads every canonical register through the lazy path (the
 * CpuState's by-id accessors, which fetch from the sync area or by ioctl on demand), then fetches
 * the complete vCPU state with ioctls (KVM_GET_REGS/SREGS/FPU/MSRS) and compares register by
 * register. The sync-area copies of kvm_regs and the supervisor part of kvm_sregs are also compared
 * field by field with the ioctl results, which catches a stale sync area even where the canonical
 * view hides it. The TSC is excluded (it advances between the two reads).
 */
public final class SyncVerifier {
    private static final String[] SREGS_CHECKED = {"cs.selector", "ss.selector", "ds.selector", "es.selector",
        "fs.selector", "gs.selector", "fs.base", "gs.base", "cr0", "cr2", "cr3", "cr4", "efer", "gdt.base", "idt.base",
        "tr.base"};

    private final X86StateSync sync;
    private long checks;

    public SyncVerifier(X86StateSync sync) {
        this.sync = sync;
    }

    public long checks() {
        return checks;
    }

    /** Compares; throws {@link SyncMismatchException} naming every difference. */
    public void check(CpuState cpu) {
        if (sync.stop() == X86StateSync.Stop.KERNEL) {
            return;
        }
        checks++;
        List<String> diffs = new ArrayList<>();
        KvmVcpu vcpu = sync.vcpu();
        // 1. the lazy path (may fetch; must not change anything)
        RegSet[] sets = {RegSet.REGS, RegSet.SREGS, RegSet.FPU, RegSet.MSRS_RUNTIME};
        long[][] lazy = new long[sets.length][];
        for (int i = 0; i < sets.length; i++) {
            long[] ids = RegSetTable.ids(sets[i]);
            long[] words = new long[X86StateSync.wordCount(ids)];
            int k = 0;
            for (long id : ids) {
                int w = RegId.words(id);
                if (hasId(cpu, id)) {
                    System.arraycopy(cpu.readWords(id), 0, words, k, w);
                }
                k += w;
            }
            lazy[i] = words;
        }
        // 2. the truth, by ioctl
        ByteBuffer syncRegs = copyOf(sync.rawRegs());
        ByteBuffer syncSregs = copyOf(sync.rawSregs());
        vcpu.getRegs();
        vcpu.getSregs();
        sync.fpuTransport().get(vcpu);
        long[] msrs = new long[SupervisorImage.RUNTIME_MSRS.length];
        vcpu.getMsrs(SupervisorImage.RUNTIME_MSRS, msrs);
        for (int i = 0; i < sets.length; i++) {
            long[] truth = sync.toCanonical(sets[i], vcpu.regs(), vcpu.sregs(),
                    sync.fpuTransport().buffer(vcpu), msrs, new long[1]);
            if (!hasAll(cpu, sets[i])) {
                mask(cpu, sets[i], truth);
            }
            compareCanonical(sets[i], lazy[i], truth, diffs);
        }
        for (String f : KvmStructs.REGS_FIELDS) {
            int o = KvmStructs.KVM_REGS.offset(f);
            compareRaw("kvm_run sync kvm_regs." + f, syncRegs.getLong(o), vcpu.regs().getLong(o), diffs);
        }
        for (String f : SREGS_CHECKED) {
            var fl = KvmStructs.KVM_SREGS.field(f);
            long a = fl.size() == 2 ? syncSregs.getShort(fl.offset()) & 0xffff : syncSregs.getLong(fl.offset());
            long b = fl.size() == 2 ? vcpu.sregs().getShort(fl.offset()) & 0xffff : vcpu.sregs().getLong(fl.offset());
            compareRaw("kvm_run sync kvm_sregs." + f, a, b, diffs);
        }
        if (!diffs.isEmpty()) {
            throw new SyncMismatchException("register sync mismatch after exit " + checks + " (" + sync.stop() + "): "
                    + String.join("; ", diffs));
        }
    }

    private static boolean hasId(CpuState cpu, long id) {
        for (long x : cpu.ids()) {
            if (x == id) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasAll(CpuState cpu, RegSet s) {
        for (long id : RegSetTable.ids(s)) {
            if (!hasId(cpu, id)) {
                return false;
            }
        }
        return true;
    }

    /** Zeroes the words of ids the CPU state lacks (the lazy side reads them as 0). */
    private static void mask(CpuState cpu, RegSet s, long[] truth) {
        int k = 0;
        for (long id : RegSetTable.ids(s)) {
            int w = RegId.words(id);
            if (!hasId(cpu, id)) {
                Arrays.fill(truth, k, k + w, 0);
            }
            k += w;
        }
    }

    private static void compareCanonical(RegSet s, long[] lazy, long[] truth, List<String> diffs) {
        int k = 0;
        for (long id : RegSetTable.ids(s)) {
            int w = RegId.words(id);
            long[] a = Arrays.copyOfRange(lazy, k, k + w);
            long[] b = Arrays.copyOfRange(truth, k, k + w);
            if (!Arrays.equals(a, b) && id != X86Registers.MSR_TSC) {
                diffs.add(RegisterNames.describe(id) + ": lazy " + hex(a) + " vs KVM " + hex(b));
            }
            k += w;
        }
    }

    private static void compareRaw(String what, long a, long b, List<String> diffs) {
        if (a != b) {
            diffs.add(String.format("%s: sync area 0x%x vs ioctl 0x%x", what, a, b));
        }
    }

    private static String hex(long[] w) {
        StringBuilder sb = new StringBuilder("0x");
        for (int i = w.length - 1; i >= 0; i--) {
            sb.append(i == w.length - 1 ? Long.toHexString(w[i]) : String.format("%016x", w[i]));
        }
        return sb.toString();
    }

    private static ByteBuffer copyOf(ByteBuffer b) {
        ByteBuffer c = ByteBuffer.allocate(b.capacity()).order(b.order());
        for (int i = 0; i < b.capacity(); i++) {
            c.put(i, b.get(i));
        }
        return c;
    }
}

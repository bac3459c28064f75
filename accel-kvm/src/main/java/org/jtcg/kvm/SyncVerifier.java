package org.jtcg.kvm;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.cpreg.RegId;
import org.jtcg.cpreg.RegisterNames;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Verification mode ({@code --verify-sync}): after an exit, reads every canonical register of the
 * verified sets through the lazy path (the CpuState's by-id accessors, which make the
 * {@link RegisterSetCache} fetch on demand), then has the plug-in's transport fetch the same sets
 * with ioctls and compares register by register. The transport also compares its raw shortcuts
 * (e.g. the sync area of {@code kvm_run}) with the ioctl results, which catches a stale shortcut
 * even where the canonical view hides it. Any difference throws {@link SyncMismatchException}.
 */
public final class SyncVerifier {
    private final RegisterTransport transport;
    private final RegisterSetLayout layout;
    private final int[] sets;
    private long checks;

    public SyncVerifier(RegisterTransport transport) {
        this.transport = transport;
        this.layout = transport.layout();
        List<Integer> v = new ArrayList<>();
        for (int s = 0; s < layout.size(); s++) {
            if (layout.spec(s).verified()) {
                v.add(s);
            }
        }
        this.sets = v.stream().mapToInt(Integer::intValue).toArray();
    }

    public long checks() {
        return checks;
    }

    /** Compares; throws {@link SyncMismatchException} naming every difference. */
    public void check(CpuState cpu) {
        for (int s : sets) {
            if (!transport.canFetch(s)) {
                return; // no user view (vCPU inside engine code): nothing to compare
            }
        }
        checks++;
        List<String> diffs = new ArrayList<>();
        // 1. the lazy path (may fetch; must not change anything)
        long[][] lazy = new long[sets.length][];
        for (int i = 0; i < sets.length; i++) {
            long[] ids = layout.idsOf(sets[i]);
            long[] words = new long[layout.wordCount(sets[i])];
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
        RegisterTransport.Verification truth = transport.fetchByIoctl(sets.clone());
        for (int i = 0; i < sets.length; i++) {
            long[] t = truth.canonical()[i];
            if (!hasAll(cpu, sets[i])) {
                mask(cpu, sets[i], t);
            }
            compareCanonical(sets[i], lazy[i], t, diffs);
        }
        diffs.addAll(truth.rawMismatch());
        if (!diffs.isEmpty()) {
            throw new SyncMismatchException("register sync mismatch after exit " + checks + " (" + transport.stopState()
                    + "): " + String.join("; ", diffs));
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

    private boolean hasAll(CpuState cpu, int s) {
        for (long id : layout.idsOf(s)) {
            if (!hasId(cpu, id)) {
                return false;
            }
        }
        return true;
    }

    /** Zeroes the words of ids the CPU state lacks (the lazy side reads them as 0). */
    private void mask(CpuState cpu, int s, long[] truth) {
        int k = 0;
        for (long id : layout.idsOf(s)) {
            int w = RegId.words(id);
            if (!hasId(cpu, id)) {
                Arrays.fill(truth, k, k + w, 0);
            }
            k += w;
        }
    }

    private void compareCanonical(int s, long[] lazy, long[] truth, List<String> diffs) {
        int k = 0;
        for (long id : layout.idsOf(s)) {
            int w = RegId.words(id);
            long[] a = Arrays.copyOfRange(lazy, k, k + w);
            long[] b = Arrays.copyOfRange(truth, k, k + w);
            if (!Arrays.equals(a, b)) {
                diffs.add(RegisterNames.describe(id) + ": lazy " + hex(a) + " vs KVM " + hex(b));
            }
            k += w;
        }
    }

    private static String hex(long[] w) {
        StringBuilder sb = new StringBuilder("0x");
        for (int i = w.length - 1; i >= 0; i--) {
            sb.append(i == w.length - 1 ? Long.toHexString(w[i]) : String.format("%016x", w[i]));
        }
        return sb.toString();
    }
}

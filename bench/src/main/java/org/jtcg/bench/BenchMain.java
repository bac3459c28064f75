package org.jtcg.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Entry point of benchmarks.jar: JMH's own command line, except that benchmarks which cannot run
 * in this build or on this machine are left out with a one-line note each (instead of failing in
 * their setup with a stack trace). Everything else is {@code org.openjdk.jmh.Main}: all JMH
 * options work, e.g. {@code java -jar benchmarks.jar DispatchBench -f 1 -wi 2 -i 3 -w 1s -r 1s}.
 * {@code -l}, {@code -h} and friends pass through untouched.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        List<String> a = new ArrayList<>(List.of(args));
        boolean listing = a.stream().anyMatch(x -> x.equals("-l") || x.equals("-lp") || x.equals("-h")
                || x.equals("-lprof") || x.equals("-lrf"));
        if (!listing) {
            String x86 = Availability.x86Missing();
            if (x86 != null) {
                skip(a, "X86TranslateBench", x86);
                skip(a, "PipelineStageBench", x86);
                skip(a, "ColdTierBench", x86);
            }
            String kvm = x86 != null ? x86 : Availability.kvmMissing();
            if (kvm != null) {
                // KvmExitBench's jit column also needs only the x86 frontend, but its point is kvm.
                skip(a, "KvmExitBench", kvm);
            }
        }
        org.openjdk.jmh.Main.main(a.toArray(String[]::new));
    }

    private static void skip(List<String> args, String bench, String why) {
        System.out.println("# SKIPPED " + bench + ": " + why);
        args.add("-e");
        args.add("\\." + bench + "\\.");
    }
}

package org.jtcg.bench;

import org.jtcg.cli.Main;

import java.util.Arrays;

/**
 * Runs one {@code jtcg} command several times in one JVM and prints how long each run took, to
 * separate jtcg's own start-up (JVM boot, class loading, HotSpot compiling jtcg) from its
 * warmed-up speed:
 * <pre>
 *   java -cp bench/target/benchmarks.jar org.jtcg.bench.InProcessRun RUNS run --engine jit ELF [ARGS...]
 * </pre>
 * Run 1 is cold. Later runs reuse the warm JVM (the translator, IR passes, JIT back end and
 * syscall layer are already compiled by HotSpot) but start a fresh guest: a new address space
 * and an empty block cache, so guest code is translated again and its new classes are compiled
 * by HotSpot again. The best later run is therefore "jtcg warmed up, guest cold" — what a
 * long-lived jtcg service would see per guest run.
 *
 * <p>Guest output goes to this process's stdout each time (RUNS copies). Per run one line
 * {@code inprocess run=N ms=T status=S} goes to stderr, then
 * {@code inprocess first_ms=T1 best_later_ms=T2}. Exit status: the last run's, or 1 if the
 * runs disagree.
 */
public final class InProcessRun {
    private InProcessRun() {}

    public static void main(String[] args) {
        if (args.length < 2 || !args[0].matches("[1-9][0-9]*")) {
            System.err.println("usage: InProcessRun RUNS JTCG-ARGS...   e.g. InProcessRun 3 run --engine jit ./prog");
            System.exit(2);
        }
        int runs = Integer.parseInt(args[0]);
        String[] cmd = Arrays.copyOfRange(args, 1, args.length);
        double first = 0, bestLater = Double.MAX_VALUE;
        int status = 0;
        boolean consistent = true;
        for (int i = 1; i <= runs; i++) {
            long t0 = System.nanoTime();
            int s = Main.execute(cmd);
            System.out.flush();
            double ms = (System.nanoTime() - t0) / 1e6;
            System.err.printf("inprocess run=%d ms=%.1f status=%d%n", i, ms, s);
            if (i == 1) {
                first = ms;
                status = s;
            } else {
                bestLater = Math.min(bestLater, ms);
                consistent &= s == status;
            }
        }
        System.err.printf("inprocess first_ms=%.1f best_later_ms=%s%n", first,
                runs > 1 ? String.format("%.1f", bestLater) : "NA");
        System.exit(consistent ? status : 1);
    }
}

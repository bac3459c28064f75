package org.jtcg.x86.sse;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Differential test against the host CPU: every op in {@link CrossCheckCases} runs on thousands of
 * random, edge-biased operands under random MXCSR modes (all four rounding modes × FTZ × DAZ,
 * exceptions masked) both natively (gcc-compiled inline asm) and in Java; results and MXCSR must be
 * bit-identical. Skipped (with a message) when gcc or an x86-64 host is missing.
 */
class NativeCrossCheckTest {
    private static final long SEED = Long.getLong("jtcg.sse.seed", 0x5eed_55e2L);

    @TestFactory
    Stream<DynamicTest> matchesHostCpu() throws Exception {
        assumeTrue(NativeSse.available(), "gcc on an x86-64 host is required for the native SSE cross-check");
        List<CrossCheckCases.Case> cases = CrossCheckCases.all();
        List<String> asm = new ArrayList<>();
        for (CrossCheckCases.Case c : cases) asm.add(c.asm());
        NativeSse nat = NativeSse.compile(asm);
        Random rnd = new Random(SEED);
        List<long[]> inputs = new ArrayList<>();
        for (int id = 0; id < cases.size(); id++) {
            CrossCheckCases.Case c = cases.get(id);
            for (int n = 0; n < c.iterations(); n++) {
                long[] ops = Inputs.operands(c.kind(), rnd);
                long g = c.kind() == Inputs.Kind.TEXT ? Inputs.lengths(rnd) : ops[2];
                inputs.add(new long[] {id, ops[0], ops[1], ops[2], ops[3], Inputs.mxcsr(rnd), g});
            }
        }
        List<NativeSse.Result> results;
        try {
            results = nat.run(inputs);
        } finally {
            nat.delete();
        }
        Map<String, List<String>> mismatches = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            long[] in = inputs.get(i);
            CrossCheckCases.Case c = cases.get((int) in[0]);
            counts.merge(c.family(), 1, Integer::sum);
            List<String> bad = mismatches.computeIfAbsent(c.family(), k -> new ArrayList<>());
            String diff = compare(c, in, results.get(i));
            if (diff != null && bad.size() < 12) bad.add(diff);
            else if (diff != null) bad.add(null);
        }
        return mismatches.entrySet().stream().map(e -> DynamicTest.dynamicTest(
                e.getKey() + " (" + counts.get(e.getKey()) + " inputs)", () -> {
                    List<String> bad = e.getValue();
                    StringBuilder sb = new StringBuilder();
                    for (String s : bad) if (s != null) sb.append('\n').append(s);
                    assertTrue(bad.isEmpty(), bad.size() + " mismatches, first ones:" + sb);
                }));
    }

    private static String compare(CrossCheckCases.Case c, long[] in, NativeSse.Result hw) {
        SseState s = new SseState();
        s.set(0, in[1], in[2]);
        s.set(1, in[3], in[4]);
        s.mxcsr = (int) in[5];
        s.set(V2CrossCheckCases.G, in[6], ~in[6]); // the GPR input and, whole, the blendv mask
        long ret = c.op().run(s);
        String got, want;
        switch (c.result()) {
            case XMM:
                got = String.format("%016x:%016x mxcsr=%04x ret=%d", s.hi(0), s.lo(0), s.mxcsr, ret);
                want = String.format("%016x:%016x mxcsr=%04x ret=0", hw.hi(), hw.lo(), hw.mxcsr());
                break;
            case GPR:
                got = String.format("r=%016x mxcsr=%04x", ret, s.mxcsr);
                want = String.format("r=%016x mxcsr=%04x", hw.gpr(), hw.mxcsr());
                break;
            default:
                got = String.format("rflags=%03x mxcsr=%04x", ret, s.mxcsr);
                want = String.format("rflags=%03x mxcsr=%04x", hw.gpr() & 0x8d5, hw.mxcsr());
        }
        if (got.equals(want)) return null;
        return String.format("%s a=%016x:%016x b=%016x:%016x mxcsr=%04x: java %s, cpu %s",
                c.name(), in[2], in[1], in[4], in[3], in[5], got, want);
    }
}

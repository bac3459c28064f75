package org.jtcg.x86.sse;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.jtcg.core.softfloat.FloatFormat;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The x86-64-v3 floating-point library ops against the host CPU (needs FMA and F16C on the host, as
 * the AMD EPYC CI machines have): every FMA3 form (6 kinds × 132/213/231 × ps/pd/ss/sd, 128-bit) and
 * vcvtph2ps / vcvtps2ph (every rounding selector) on edge-biased operands under random MXCSR modes;
 * results and MXCSR must be bit-identical. The addend is often minus the rounded product, so a missing
 * single rounding shows. The translator side of these instructions is covered by the guest programs.
 */
class V3CrossCheckTest {
    private static final long SEED = Long.getLong("jtcg.sse.seed", 0x5eed_f3a3L);
    private static final int FMA_ITERATIONS = 300, F16C_ITERATIONS = 1500;

    interface Op { int run(SseState s); }

    record Case(String family, String name, String asm, FloatFormat format, Op op, int iterations) {}

    private static final String[] KINDS = {"fmadd", "fmsub", "fnmadd", "fnmsub", "fmaddsub", "fmsubadd"};
    private static final String[] ORDERS = {"132", "213", "231"};

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        for (int k = 0; k < KINDS.length; k++) {
            for (int o = 0; o < ORDERS.length; o++) {
                for (String t : k < 4 ? new String[] {"ps", "pd", "ss", "sd"} : new String[] {"ps", "pd"}) {
                    FloatFormat f = t.endsWith("s") ? FloatFormat.BINARY32 : FloatFormat.BINARY64;
                    boolean scalar = t.startsWith("s");
                    String name = "v" + KINDS[k] + ORDERS[o] + t;
                    int kind = k, order = o;
                    // Intel order: vfmadd132ps a, b, m (dst = src1 = a, src2 = b, src3 = m = xmm2 on the Java side)
                    c.add(new Case("fma", name, name + " %[m], %[b], %[a]", f,
                            s -> Fma3.apply128(s, 0, 1, 2, f, kind, order, scalar), FMA_ITERATIONS));
                }
            }
        }
        c.add(new Case("f16c", "vcvtph2ps", "vcvtph2ps %[b], %[a]", FloatFormat.BINARY16,
                s -> HalfConvert.ph2ps128(s, 0, 1), F16C_ITERATIONS));
        for (int imm : new int[] {0, 1, 2, 3, 4, 5, 0xf8, 0xfb}) {
            c.add(new Case("f16c", "vcvtps2ph/" + imm, "vcvtps2ph $" + imm + ", %[b], %[a]", FloatFormat.BINARY32,
                    s -> HalfConvert.ps2ph128(s, 0, 1, imm), F16C_ITERATIONS / 4));
        }
        return c;
    }

    /** Half-precision edge lanes: zeros, denormals, the normal range's ends, infinities, NaNs. */
    private static final long[] HALF_EDGES = {0x0000, 0x8000, 0x0001, 0x03ff, 0x0400, 0x3c00, 0x7bff, 0x7c00, 0xfc00,
        0x7c01, 0x7dff, 0x7e00, 0xfe01, 0x83ff, 0x3555, 0xc000};

    private static long halves(Random r) {
        long w = 0;
        for (int i = 0; i < 4; i++) {
            long h = r.nextBoolean() ? HALF_EDGES[r.nextInt(HALF_EDGES.length)] : r.nextInt(0x10000);
            w |= h << (16 * i);
        }
        return w;
    }

    /** A lane value near minus the rounded product of a and b (so a·b + c is the product's rounding error). */
    private static long negProduct(FloatFormat f, long a, long b, Random r) {
        if (f == FloatFormat.BINARY32) {
            float p = -(Float.intBitsToFloat((int) a) * Float.intBitsToFloat((int) b));
            return (Float.floatToRawIntBits(p) + r.nextInt(3) - 1) & 0xffffffffL;
        }
        double p = -(Double.longBitsToDouble(a) * Double.longBitsToDouble(b));
        return Double.doubleToRawLongBits(p) + r.nextInt(3) - 1;
    }

    /** {a.lo, a.hi, b.lo, b.hi, c.lo, c.hi}. */
    private static long[] operands(Case c, Random r) {
        if (c.format() == FloatFormat.BINARY16) {
            return new long[] {r.nextLong(), r.nextLong(), halves(r), halves(r), 0, 0};
        }
        Inputs.Kind k = c.format() == FloatFormat.BINARY32 ? Inputs.Kind.F32 : Inputs.Kind.F64;
        long[] ab = Inputs.operands(k, r), third = Inputs.operands(k, r);
        long[] v = {ab[0], ab[1], ab[2], ab[3], third[0], third[2]};
        if (r.nextInt(3) == 0) {
            int bits = c.format().width;
            for (int w = 0; w < 2; w++) {
                long out = 0;
                for (int lane = 0; lane < 64 / bits; lane++) {
                    long m = bits == 64 ? -1L : 0xffffffffL;
                    long a = (v[w] >>> (bits * lane)) & m, b = (v[2 + w] >>> (bits * lane)) & m;
                    out |= (negProduct(c.format(), a, b, r) & m) << (bits * lane);
                }
                v[4 + w] = out;
            }
        }
        return v;
    }

    @TestFactory
    Stream<DynamicTest> matchesHostCpu() throws Exception {
        assumeTrue(NativeSse.available(), "gcc on an x86-64 host is required for the native v3 cross-check");
        assumeTrue(hostHas("fma") && hostHas("f16c"), "the host CPU lacks FMA or F16C");
        List<Case> cases = cases();
        List<String> asm = new ArrayList<>();
        for (Case c : cases) asm.add(c.asm());
        NativeSse nat = NativeSse.compile(asm);
        Random rnd = new Random(SEED);
        List<long[]> inputs = new ArrayList<>();
        List<long[]> thirds = new ArrayList<>();
        for (int id = 0; id < cases.size(); id++) {
            for (int n = 0; n < cases.get(id).iterations(); n++) {
                long[] v = operands(cases.get(id), rnd);
                // the native m operand is {g, ~g}: the third operand's high half is ~c.lo there
                inputs.add(new long[] {id, v[0], v[1], v[2], v[3], Inputs.mxcsr(rnd), v[4]});
                thirds.add(new long[] {v[4], ~v[4]});
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
            Case c = cases.get((int) in[0]);
            counts.merge(c.family(), 1, Integer::sum);
            List<String> bad = mismatches.computeIfAbsent(c.family(), k -> new ArrayList<>());
            SseState s = new SseState();
            s.set(0, in[1], in[2]);
            s.set(1, in[3], in[4]);
            s.set(2, thirds.get(i)[0], thirds.get(i)[1]);
            s.mxcsr = (int) in[5];
            int ret = c.op().run(s);
            NativeSse.Result hw = results.get(i);
            String got = String.format("%016x:%016x mxcsr=%04x ret=%d", s.hi(0), s.lo(0), s.mxcsr, ret);
            String want = String.format("%016x:%016x mxcsr=%04x ret=0", hw.hi(), hw.lo(), hw.mxcsr());
            if (!got.equals(want) && bad.size() < 12) {
                bad.add(String.format("%s a=%016x:%016x b=%016x:%016x c=%016x:%016x mxcsr=%04x: java %s, cpu %s",
                        c.name(), in[2], in[1], in[4], in[3], thirds.get(i)[1], thirds.get(i)[0], in[5], got, want));
            }
        }
        return mismatches.entrySet().stream().map(e -> DynamicTest.dynamicTest(
                e.getKey() + " (" + counts.get(e.getKey()) + " inputs)", () -> {
                    StringBuilder sb = new StringBuilder();
                    for (String s : e.getValue()) sb.append('\n').append(s);
                    assertTrue(e.getValue().isEmpty(), "mismatches, first ones:" + sb);
                }));
    }

    static boolean hostHas(String flag) {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) return (" " + line + " ").contains(" " + flag + " ");
            }
        } catch (java.io.IOException e) {
            return false;
        }
        return false;
    }
}

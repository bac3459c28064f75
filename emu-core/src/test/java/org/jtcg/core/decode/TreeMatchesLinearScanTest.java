package org.jtcg.core.decode;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Property: for every encoding, the decision tree returns exactly the pattern a linear scan over
 * the table finds first (which, outside groups, is the only pattern that matches). Exhaustive for
 * 16-bit tables, random words plus words built from each pattern for the wider ones.
 */
class TreeMatchesLinearScanTest {

    private static void assertAgreesOnEveryEncoding(DecodeTable table, Set<String> features) {
        Decoder decoder = table.decoder(features);
        LinearScan scan = new LinearScan(table, features);
        long[] args = table.newArgumentArray();
        for (long insn = 0; insn < (1L << table.width()); insn++) {
            int expected = scan.firstMatch(insn);
            if (decoder.match(insn) != expected || decoder.decode(insn, args) != expected) {
                fail(table.name() + " " + features + ": " + Long.toHexString(insn) + " decodes to " + decoder.match(insn)
                        + ", the linear scan finds " + expected + "\n" + table.patterns());
            }
        }
    }

    private static void assertAgreesOnSamples(DecodeTable table, Set<String> features, long seed) {
        Decoder decoder = table.decoder(features);
        LinearScan scan = new LinearScan(table, features);
        long[] args = table.newArgumentArray();
        long widthMask = table.width() == 64 ? -1L : (1L << table.width()) - 1;
        Random random = new Random(seed);
        List<EncodingPattern> patterns = table.patterns();
        int matched = 0;
        for (int n = 0; n < 200_000; n++) {
            long noise = random.nextLong() & widthMask;
            long insn;
            if (n % 2 == 0) {
                insn = noise;   // mostly unallocated
            } else {
                EncodingPattern pattern = patterns.get(random.nextInt(patterns.size()));
                long flips = random.nextInt(4) == 0 ? 1L << random.nextInt(table.width()) : 0;
                insn = (pattern.value() | (noise & ~pattern.mask())) ^ flips;   // a member, sometimes one bit off
            }
            int expected = scan.firstMatch(insn);
            if (decoder.decode(insn, args) != expected) {
                fail(table.name() + " " + features + ": " + Long.toHexString(insn) + " decodes to " + decoder.match(insn)
                        + ", the linear scan finds " + expected);
            }
            if (expected != Decoder.UNALLOCATED) {
                matched++;
            }
        }
        assertTrue(matched > 50_000, "the samples should exercise the patterns, matched " + matched);
    }

    @Test
    void toyTableExhaustively() {
        DecodeTable table = DecodeTable.load(getClass(), "toy16.decode");
        assertAgreesOnEveryEncoding(table, Set.of());
        assertAgreesOnEveryEncoding(table, Set.of("fpu"));
        assertAgreesOnEveryEncoding(table, table.features());
    }

    @Test
    void arm64SampleOnRandomWords() {
        DecodeTable table = DecodeTable.load(getClass(), "arm64-sample.decode");
        assertAgreesOnSamples(table, Set.of(), 64);
        assertAgreesOnSamples(table, Set.of("lse"), 65);
    }

    @Test
    void s390xSampleOnRandomWords() {
        assertAgreesOnSamples(DecodeTable.load(getClass(), "s390x-sample.decode"), Set.of(), 390);
    }

    @Test
    void randomTablesExhaustively() {
        Random random = new Random(1016);
        for (int n = 0; n < 60; n++) {
            String text = RandomTable.generate(random, 16, 4 + random.nextInt(40));
            DecodeTable table = DecodeTable.parse("random" + n, text);
            assertAgreesOnEveryEncoding(table, Set.of());
            assertAgreesOnEveryEncoding(table, table.features());
        }
    }

    @Test
    void randomWideTablesOnRandomWords() {
        Random random = new Random(4832);
        for (int n = 0; n < 12; n++) {
            int width = List.of(32, 48, 64).get(n % 3);
            DecodeTable table = DecodeTable.parse("random" + n, RandomTable.generate(random, width, 20 + random.nextInt(150)));
            assertAgreesOnSamples(table, table.features(), n);
        }
    }

    /** Random tables that keep the rules: overlaps only inside groups, no member hidden by an earlier one. */
    static final class RandomTable {
        private RandomTable() {
        }

        static String generate(Random random, int width, int patternCount) {
            List<List<long[]>> units = new ArrayList<>();   // each unit: one pattern or a group; long[]{mask, value}
            List<long[]> all = new ArrayList<>();
            int made = 0;
            for (int attempt = 0; attempt < patternCount * 20 && made < patternCount; attempt++) {
                int size = random.nextInt(4) == 0 ? 2 + random.nextInt(3) : 1;
                List<long[]> unit = new ArrayList<>();
                long density = random.nextInt(3);
                long[] base = randomPattern(random, width, density);
                for (int m = 0; m < size; m++) {
                    long[] member = m == 0 ? base : refine(random, width, base);
                    boolean hidden = unit.stream().anyMatch(earlier -> covers(earlier, member));
                    if (!hidden) {
                        unit.add(member);
                    }
                }
                boolean clash = unit.stream().anyMatch(member -> all.stream().anyMatch(other -> overlap(member, other)));
                if (clash || (size > 1 && unit.size() < 2)) {
                    continue;
                }
                units.add(unit);
                all.addAll(unit);
                made += unit.size();
            }
            StringBuilder text = new StringBuilder("width " + width + "\n");
            text.append("field lo ").append(width / 2 - 1).append("..0\n");
            text.append("field mix ").append(width - 1).append("..").append(width - 3).append(" 1..0 signed <<1\n");
            text.append("format both lo mix\n");
            int name = 0;
            Set<String> used = new HashSet<>();
            for (List<long[]> unit : units) {
                if (unit.size() > 1) {
                    text.append("{\n");
                }
                for (long[] member : unit) {
                    text.append("P").append(name++).append(' ');
                    for (int bit = width - 1; bit >= 0; bit--) {
                        long b = 1L << bit;
                        text.append((member[0] & b) == 0 ? '.' : (member[1] & b) != 0 ? '1' : '0');
                    }
                    text.append(random.nextBoolean() ? " both" : " lo");
                    if (random.nextInt(6) == 0) {
                        String feature = "f" + random.nextInt(3);
                        used.add(feature);
                        text.append(" feature:").append(feature);
                    }
                    text.append('\n');
                }
                if (unit.size() > 1) {
                    text.append("}\n");
                }
            }
            return text.toString();
        }

        private static long[] randomPattern(Random random, int width, long density) {
            long mask = 0;
            for (int bit = 0; bit < width; bit++) {
                // the top bits are fixed more often, like opcode bits
                int percent = bit >= width - 4 ? 90 : (int) (15 + 20 * density);
                if (random.nextInt(100) < percent) {
                    mask |= 1L << bit;
                }
            }
            return new long[] {mask, random.nextLong() & mask};
        }

        private static long[] refine(Random random, int width, long[] base) {
            long mask = base[0];
            long value = base[1];
            if (random.nextBoolean()) {
                // drop some fixed bits: a more general pattern after a specific one
                for (int n = 0; n < 3; n++) {
                    mask &= ~(1L << random.nextInt(width));
                }
            } else {
                for (int n = 0; n < 3; n++) {
                    mask |= 1L << random.nextInt(width);
                }
            }
            value = (value | random.nextLong()) & mask;
            value = (value & ~base[0]) | (base[1] & mask);
            return new long[] {mask, value};
        }

        private static boolean overlap(long[] a, long[] b) {
            return ((a[1] ^ b[1]) & a[0] & b[0]) == 0;
        }

        private static boolean covers(long[] a, long[] b) {
            return (a[0] & ~b[0]) == 0 && ((a[1] ^ b[1]) & a[0]) == 0;
        }
    }
}

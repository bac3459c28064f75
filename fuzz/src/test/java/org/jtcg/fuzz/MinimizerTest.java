package org.jtcg.fuzz;

import org.jtcg.cpreg.RegisterList;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Delta debugging on a toy case whose "instructions" are numbers: no architecture involved. */
class MinimizerTest {
    /** Items are single numbers; a candidate starting with 9 is not runnable. */
    record ToyCase(List<Integer> items) implements FuzzCase {
        public long seed() {
            return 0;
        }

        public long index() {
            return 0;
        }

        public FuzzState init() {
            return new FuzzState() {
                public RegisterList registers() {
                    return RegisterList.empty();
                }

                public byte[] scratch() {
                    return new byte[0];
                }
            };
        }

        public int itemCount() {
            return items.size();
        }

        public int instructionCount() {
            return items.size();
        }

        public FuzzCase keepItems(List<Integer> keep) {
            return new ToyCase(keep.stream().map(items::get).toList());
        }

        public FuzzCase prefix(int n) {
            return new ToyCase(items.subList(0, n));
        }

        public boolean runnable() {
            return items.isEmpty() || items.get(0) != 9; // like an instruction reading an undefined flag
        }

        public Program program() {
            throw new UnsupportedOperationException();
        }
    }

    private static ToyCase toy(int... v) {
        List<Integer> l = new ArrayList<>();
        for (int x : v) {
            l.add(x);
        }
        return new ToyCase(l);
    }

    @Test
    void keepsOnlyTheItemsThatTogetherDiverge() {
        // "diverges" when 3 and 7 are both present, 3 first
        Minimizer m = new Minimizer(c -> {
            List<Integer> i = ((ToyCase) c).items();
            return i.contains(3) && i.contains(7) && i.indexOf(3) < i.indexOf(7);
        });
        ToyCase c = toy(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        assertEquals(List.of(3, 7), ((ToyCase) m.minimise(c)).items());
        assertEquals(6, m.firstDivergingInstruction(c));
        assertEquals(-1, m.firstDivergingInstruction(toy()));
    }

    @Test
    void neverTriesAnUnrunnableCandidate() {
        List<List<Integer>> tried = new ArrayList<>();
        Minimizer m = new Minimizer(c -> {
            tried.add(((ToyCase) c).items());
            return ((ToyCase) c).items().contains(4);
        });
        assertEquals(List.of(4), ((ToyCase) m.minimise(toy(9, 4, 2))).items());
        tried.forEach(t -> assertEquals(true, t.isEmpty() || t.get(0) != 9, t.toString()));
        assertEquals(tried.size(), m.tests());
    }
}

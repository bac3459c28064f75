package org.jtcg.core.ir;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The passes were made cheaper (versioned facts instead of scanning every fact at each write, one
 * dead-code sweep per chain instead of one per link, liveness stored only where it is asked): their
 * output must not change. {@link ReferencePasses} is the straightforward version they replaced; both run
 * on random programs and must return the same ops, pass by pass and for the whole pipeline.
 */
class PassesMatchReferenceTest {
    @Test
    void cheaperPassesGiveTheReferenceOutput() {
        long master = Long.getLong("jtcg.propSeed", System.nanoTime());
        int count = Integer.getInteger("jtcg.propCount", 3_000);
        Random seeds = new Random(master);
        for (int n = 0; n < count; n++) {
            long seed = seeds.nextLong();
            IrBlock prog = RandomProgram.generate(seed);
            String where = "program seed " + seed + " (master " + master + "):\n" + prog;
            assertEquals(ReferencePasses.foldAndPropagate(prog).ops(), Passes.foldAndPropagate(prog).ops(), "fold, " + where);
            assertEquals(ReferencePasses.eliminateDeadCode(prog).ops(), Passes.eliminateDeadCode(prog).ops(), "dce, " + where);
            assertEquals(ReferencePasses.optimize(prog).ops(), Passes.optimize(prog).ops(), "optimize, " + where);
            assertEquals(java.util.Arrays.asList(ReferencePasses.liveGlobalsAfter(prog.ops())),
                    java.util.Arrays.asList(Passes.liveGlobalsAfter(prog.ops())), "liveness, " + where);
        }
    }
}

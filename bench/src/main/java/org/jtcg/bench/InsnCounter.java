package org.jtcg.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Guest instructions handled by a translation benchmark; JMH reports the field as a secondary
 * result in the benchmark's throughput unit ({@code insns} ops/s = guest instructions per second).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class InsnCounter {
    public long insns;

    @Setup(Level.Iteration)
    public void reset() {
        insns = 0;
    }
}

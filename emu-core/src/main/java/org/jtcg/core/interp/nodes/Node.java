package org.jtcg.core.interp.nodes;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.engine.ExecContext;

/**
 * One IR op of a block, decoded once: its operands resolved to frame slots ({@link NodeBlock}) and its
 * successor to a node index. {@link #run} does the op and returns the index of the node to run next,
 * or {@code -1 - e} when the block leaves by its exit {@code e}. Nodes are immutable once the block is
 * built and shared by every thread running it; all per-run state is in the frame {@code f}.
 */
abstract class Node {
    /** Index of the node that follows in program order (set when the block's labels are resolved). */
    int next;

    abstract int run(long[] f, CpuState cpu, ExecContext ctx);

    /** The branch target of a branching node, or -1 (the builder resolves labels through this). */
    int label() {
        return -1;
    }

    /** Sets the node index of {@link #label()}. */
    void resolve(int target) {
        throw new IllegalStateException(getClass().getSimpleName() + " has no branch target");
    }
}

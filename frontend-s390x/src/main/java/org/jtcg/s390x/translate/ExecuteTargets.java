package org.jtcg.s390x.translate;

/**
 * The instructions EXECUTE has run, each under a pseudo PC, so the engine can translate and cache the
 * modified target as a one-instruction block like any other code. A real s390x instruction address is
 * even (a branch to an odd address is a specification exception), so every odd PC is free: EXECUTE number
 * k runs at {@code PSEUDO_BASE + 2k}. An entry is the modified instruction bytes plus the three addresses
 * its translation depends on (where the target is: relative operands; where EXECUTE is: restart after a
 * fault; what follows EXECUTE: the next instruction, the link address of a branch-and-save), so a block
 * never depends on anything but its PC, and a guest store to the target just makes a new entry. Shared
 * by all CPUs (entries are immutable; there is one per distinct modified instruction).
 */
public final class ExecuteTargets {
    private ExecuteTargets() {}

    /** Odd, and above any address a program maps in practice; pseudo PCs count up by 2 from here. */
    static final long PSEUDO_BASE = 0x8000_0000_0000_0001L;

    /** @param insn the modified instruction left-aligned in 48 bits; len its length in bytes */
    record Entry(long insn, int len, long target, long executePc, long next) {
        // explicit: the record's generated hashCode/equals go through an invokedynamic bootstrap that C1
        // leaves as calls, and every EXECUTE looks its entry up
        @Override
        public int hashCode() {
            long h = insn * 0x9E3779B97F4A7C15L + target;
            h = h * 31 + executePc;
            h = h * 31 + next;
            return (int) (h ^ (h >>> 32)) + len;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && e.insn == insn && e.len == len && e.target == target
                    && e.executePc == executePc && e.next == next;
        }
    }

    private static final PseudoPcs<Entry> PCS = new PseudoPcs<>(PSEUDO_BASE);

    /** The pseudo PC of an executed instruction (registering it the first time). */
    static long pseudoPc(Entry entry) {
        return PCS.pcOf(entry);
    }

    /** Whether pc is not a real instruction address (odd). */
    static boolean isPseudo(long pc) {
        return (pc & 1) != 0;
    }

    /** The entry for a pseudo PC, or null (an odd PC that EXECUTE did not hand out: a branch to an odd address). */
    static Entry lookup(long pc) {
        if (Long.compareUnsigned(pc, PSEUDO_BASE) < 0) {
            return null;
        }
        return PCS.lookup(pc);
    }
}

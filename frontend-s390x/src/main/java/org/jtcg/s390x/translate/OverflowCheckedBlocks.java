package org.jtcg.s390x.translate;

import java.util.Arrays;

/**
 * The overflow-checked copies of blocks ({@link ProgramMask}), each under a pseudo PC so that the engine
 * translates and caches it like other code while a block still depends only on its PC. A copy is the
 * instructions of a block from its first instruction that can overflow to its end: their bytes as the
 * block was translated, so a guest store to the code (which drops the block) makes the retranslated block
 * point at a new copy, never at a stale one. Pseudo PCs are odd (real instruction addresses are even),
 * {@code BASE + 2k} for copy k, below {@link ExecuteTargets#PSEUDO_BASE}. Registered when a block with
 * such an instruction is translated (identical code shares one entry); shared by all CPUs, only grows.
 */
final class OverflowCheckedBlocks {
    private OverflowCheckedBlocks() {}

    static final long BASE = 0x4000_0000_0000_0001L;

    /** The instructions (left-aligned in 48 bits, with their lengths) from {@code pc} on. */
    record Code(long pc, long[] insns, int[] lens) {
        @Override
        public int hashCode() {
            return Long.hashCode(pc) * 31 + Arrays.hashCode(insns);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Code c && c.pc == pc && Arrays.equals(c.insns, insns) && Arrays.equals(c.lens, lens);
        }
    }

    /** Collects a block's instructions from the guard on while the block is translated. */
    static final class Recorder {
        final long pc;
        private long[] insns = new long[8];
        private int[] lens = new int[8];
        private int n;

        Recorder(long pc) {
            this.pc = pc;
        }

        void add(long insn, int len) {
            if (n == insns.length) {
                insns = Arrays.copyOf(insns, 2 * n);
                lens = Arrays.copyOf(lens, 2 * n);
            }
            insns[n] = insn;
            lens[n++] = len;
        }

        Code code() {
            return new Code(pc, Arrays.copyOf(insns, n), Arrays.copyOf(lens, n));
        }
    }

    private static final PseudoPcs<Code> PCS = new PseudoPcs<>(BASE);

    static long pseudoPc(Code code) {
        return PCS.pcOf(code);
    }

    /** Whether pc is in the pseudo range of checked copies (odd, below the EXECUTE pseudo PCs). */
    static boolean isChecked(long pc) {
        return (pc & 1) != 0 && Long.compareUnsigned(pc, BASE) >= 0
                && Long.compareUnsigned(pc, ExecuteTargets.PSEUDO_BASE) < 0;
    }

    /** The copy for a pseudo PC, or null (an odd PC not handed out). */
    static Code lookup(long pc) {
        return PCS.lookup(pc);
    }
}

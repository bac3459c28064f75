package org.jtcg.x86.fuzz;

/** The six arithmetic RFLAGS bits and their letter notation (O S Z A P C) used by the pattern table. */
public final class FlagBits {
    private FlagBits() {}

    public static final int CF = 0x1, PF = 0x4, AF = 0x10, ZF = 0x40, SF = 0x80, OF = 0x800;
    public static final int ALL = CF | PF | AF | ZF | SF | OF;

    /** Flags each condition code (0..15: o no b ae e ne be a s ns p np l ge le g) reads. */
    private static final int[] CONDITION_READS = {
        OF, OF, CF, CF, ZF, ZF, CF | ZF, CF | ZF, SF, SF, PF, PF, SF | OF, SF | OF, ZF | SF | OF, ZF | SF | OF,
    };

    /** Condition-code suffixes in encoding order, as X86Decoder spells them. */
    public static final String[] CONDITIONS = {"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"};

    public static int readByCondition(int cc) {
        return CONDITION_READS[cc];
    }

    /**
     * Parses letters such as {@code OSZAPC}.
     *
     * @throws IllegalArgumentException for any other letter
     */
    public static int parse(String letters) {
        int m = 0;
        for (char c : letters.toCharArray()) {
            m |= switch (c) {
                case 'O' -> OF;
                case 'S' -> SF;
                case 'Z' -> ZF;
                case 'A' -> AF;
                case 'P' -> PF;
                case 'C' -> CF;
                default -> throw new IllegalArgumentException("unknown flag letter '" + c + "' (use O S Z A P C)");
            };
        }
        return m;
    }

    /** Letters of a mask, e.g. "OSZ" ("-" for none). */
    public static String format(long mask) {
        StringBuilder b = new StringBuilder();
        if ((mask & OF) != 0) b.append('O');
        if ((mask & SF) != 0) b.append('S');
        if ((mask & ZF) != 0) b.append('Z');
        if ((mask & AF) != 0) b.append('A');
        if ((mask & PF) != 0) b.append('P');
        if ((mask & CF) != 0) b.append('C');
        return b.length() == 0 ? "-" : b.toString();
    }
}

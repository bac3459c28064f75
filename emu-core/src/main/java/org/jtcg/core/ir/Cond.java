package org.jtcg.core.ir;

/**
 * Comparison conditions for setcond, movcond and brcond. Signed and unsigned orderings
 * compare at the operand width; TSTEQ/TSTNE test {@code (a & b) == 0} / {@code != 0}.
 */
public enum Cond {
    EQ, NE, LT, LE, GT, GE, LTU, LEU, GTU, GEU, TSTEQ, TSTNE;

    /** The condition that is true exactly when this one is false. */
    public Cond invert() {
        return switch (this) {
            case EQ -> NE; case NE -> EQ; case LT -> GE; case GE -> LT; case LE -> GT; case GT -> LE;
            case LTU -> GEU; case GEU -> LTU; case LEU -> GTU; case GTU -> LEU;
            case TSTEQ -> TSTNE; case TSTNE -> TSTEQ;
        };
    }

    public String toString() {
        return name().toLowerCase();
    }
}

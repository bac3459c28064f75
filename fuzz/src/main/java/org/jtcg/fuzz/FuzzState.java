package org.jtcg.fuzz;

import org.jtcg.cpreg.RegisterList;

/** The machine state a sequence starts from: registers (pc included) and the scratch block's bytes. */
public interface FuzzState {
    /** Every register the architecture fuzzes, with the pc at the code start. */
    RegisterList registers();

    /** The scratch block ({@link FuzzLayout#scratchSize()} bytes). */
    byte[] scratch();
}

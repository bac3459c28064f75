package org.jtcg.core.cpu;

import java.lang.invoke.VarHandle;

/**
 * One hot guest register word held in a {@code public long} field of an arch's CPU state
 * class. Translated code reads and writes it with GETFIELD/PUTFIELD by {@link #fieldName()};
 * the interpreter and the by-id accessors use {@link #handle()}.
 *
 * @param index     position in the owning {@link CpuLayout}
 * @param fieldName Java field name in the CPU state class
 * @param regId     canonical register id (KVM ONE_REG encoding), or 0 for engine-internal
 *                  state that is not architectural (e.g. lazy-flag operands)
 * @param handle    VarHandle for the field, type long
 * @param word      which 64-bit word of the register this field holds (0 = least
 *                  significant); registers wider than 64 bits (e.g. a U128 XMM register)
 *                  are spread over several fields with the same id
 */
public record CpuField(int index, String fieldName, long regId, VarHandle handle, int word) {
}

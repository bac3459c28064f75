package org.jtcg.x86.fuzz;

import org.jtcg.core.signal.Signals;
import org.jtcg.fuzz.FuzzLayout;

/**
 * Where a fuzz sequence lives in the guest address space and which registers are reserved.
 * Memory operands address the scratch block through {@link #BASE_REG} (r15 = middle of the block)
 * and optionally {@link #INDEX_REG} (r14 = 0, 16, 32 or 48), so every access stays inside it;
 * neither register, nor rsp, is ever an instruction's destination.
 */
public final class X86FuzzLayout {
    private X86FuzzLayout() {}

    /** The sequence, followed by the terminator ({@code ud2}). Read + execute. */
    public static final long CODE = 0x400000;
    public static final int CODE_SIZE = 0x4000;
    /** Scratch data block, read + write; below 4 GiB so 32-bit (0x67) addressing reaches it. */
    public static final long SCRATCH = 0x1000_0000L;
    public static final int SCRATCH_SIZE = 0x2000;
    /** Base register of memory operands and its value. */
    public static final int BASE_REG = 15;
    public static final long BASE_VALUE = SCRATCH + SCRATCH_SIZE / 2;
    /** Index register of memory operands; its value is a multiple of 16 in [0, 48]. */
    public static final int INDEX_REG = 14;
    public static final int MAX_INDEX_VALUE = 48;
    /** rsp points at the end of the scratch block; nothing uses the stack. */
    public static final long RSP_VALUE = SCRATCH + SCRATCH_SIZE;
    /**
     * The layout for the shared lanes. Terminator: ud2, which every engine stops at the same way
     * (SIGILL with pc at the ud2, no register side effects; a syscall would clobber rcx/r11).
     */
    public static final FuzzLayout LAYOUT = new FuzzLayout(CODE, CODE_SIZE, SCRATCH, SCRATCH_SIZE, new byte[] {0x0f, 0x0b}, Signals.SIGILL);

    /** True if GPR {@code num} must not be written by a generated instruction. */
    public static boolean reserved(int num) {
        return num == 4 || num == BASE_REG || num == INDEX_REG;
    }
}

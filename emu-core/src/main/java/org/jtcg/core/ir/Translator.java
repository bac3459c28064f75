package org.jtcg.core.ir;

import org.jtcg.core.memory.GuestMemory;

/**
 * A frontend's guest-code-to-IR translator (the frontend SPI, {@code GuestArch.translator()}).
 *
 * <p>Contract for {@link #translate}:
 * <ul>
 * <li>Decode guest instructions starting at {@code req.pc()}, reading code only through
 *     {@link TranslationRequest#fetch} (which needs PROT_EXEC), and emit IR with
 *     {@link TranslationRequest#newBuilder()}: {@code insnStart(pc)} before each instruction.</li>
 * <li>End the block after at most {@code req.maxInsns()} instructions, after any instruction that
 *     changes control flow (branch, call, return, syscall, trap), and before an instruction that
 *     would start on the next guest page. The block must end with an exit or {@code br}; the usual
 *     fall-through end is {@code gotoDirect(nextPc)}.</li>
 * <li>If the first instruction cannot be fetched, let the {@link org.jtcg.core.memory.GuestFault}
 *     propagate (the engine raises SIGSEGV at that PC). If a later instruction cannot be fetched
 *     (e.g. it crosses into an unmapped page), end the block before it instead.</li>
 * <li>An undecodable instruction becomes {@code exitSignal(SIGILL, ILL_ILLOPC, pc, pc)}, never an
 *     exception; a syscall instruction becomes {@code exitSyscall(nextPc)}.</li>
 * <li>{@code finish(endPc)} with endPc = address after the last instruction; the engine registers
 *     every page in [pc, endPc) with {@link GuestMemory#markCode}, so a store there retranslates.</li>
 * <li>Translation must depend only on the guest bytes and the PC (no CPU register values): blocks are
 *     cached by PC. Guest registers are the layout's globals; state not in the layout is reached with
 *     helpers that take the CPU state.</li>
 * </ul>
 * A translator must be thread-safe or stateless between calls (engines of different CPUs share it).
 */
public interface Translator {
    /** Translates one block at {@code req.pc()}. */
    IrBlock translate(TranslationRequest req);

    /**
     * Disassembles the instruction at pc for {@code --trace in_asm}: one line such as
     * {@code "add x0, x1, #4"}, or null if not supported. Must not throw for undecodable bytes
     * (return e.g. {@code "(bad)"}); may throw GuestFault if pc is not executable.
     */
    default String disassemble(GuestMemory memory, long pc) {
        return null;
    }
}

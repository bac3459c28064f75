package org.jtcg.core.engine;

/**
 * Why an engine stopped running guest code. The user-mode loop acts on it, like
 * QEMU's linux-user cpu_loop: SYSCALL runs the syscall layer (cpu.pc already points
 * past the syscall instruction); SIGNAL delivers a guest signal (cpu.pc is the faulting
 * instruction, lazy state is folded); INTERRUPTED means {@link org.jtcg.core.cpu.CpuState#requestExit()} was
 * called (cpu.pc is the next block's start, lazy state is folded, nothing else happened). Signal numbers are {@link org.jtcg.core.signal.Signals}',
 * si_codes {@link org.jtcg.core.signal.SigCodes}'.
 */
public record EngineExit(Kind kind, int signal, int siCode, long address, String detail) {
    public enum Kind { SYSCALL, SIGNAL, STEP_DONE, HALT, INTERRUPTED }

    private static final EngineExit SYSCALL_EXIT = new EngineExit(Kind.SYSCALL, 0, 0, 0, null);
    private static final EngineExit STEP_EXIT = new EngineExit(Kind.STEP_DONE, 0, 0, 0, null);

    private static final EngineExit INTERRUPTED_EXIT = new EngineExit(Kind.INTERRUPTED, 0, 0, 0, null);

    public static EngineExit syscall() { return SYSCALL_EXIT; }
    public static EngineExit interrupted() { return INTERRUPTED_EXIT; }
    public static EngineExit stepDone() { return STEP_EXIT; }
    public static EngineExit signal(int signo, int siCode, long address, String detail) {
        return new EngineExit(Kind.SIGNAL, signo, siCode, address, detail);
    }
}

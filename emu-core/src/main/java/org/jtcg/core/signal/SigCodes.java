package org.jtcg.core.signal;

/**
 * Linux {@code si_code} values (UAPI asm-generic/siginfo.h; x86-64, arm64 and s390x use the generic
 * values unchanged): why a signal was sent. A code is only meaningful together with its signal:
 * positive codes are per signal (SEGV_MAPERR and BUS_ADRALN are both 1), codes {@code <= 0} and
 * SI_KERNEL are shared by all signals. This is the one table the engines, frontends and the KVM
 * exception mapping use; signal numbers are in {@link Signals}.
 */
public final class SigCodes {
    private SigCodes() {}

    /** Any signal: who sent it. */
    public static final int SI_USER = 0, SI_KERNEL = 0x80, SI_QUEUE = -1, SI_TIMER = -2, SI_MESGQ = -3,
            SI_ASYNCIO = -4, SI_SIGIO = -5, SI_TKILL = -6, SI_DETHREAD = -7, SI_ASYNCNL = -60;

    /** SIGILL. */
    public static final int ILL_ILLOPC = 1, ILL_ILLOPN = 2, ILL_ILLADR = 3, ILL_ILLTRP = 4, ILL_PRVOPC = 5,
            ILL_PRVREG = 6, ILL_COPROC = 7, ILL_BADSTK = 8, ILL_BADIADDR = 9;

    /** SIGFPE. */
    public static final int FPE_INTDIV = 1, FPE_INTOVF = 2, FPE_FLTDIV = 3, FPE_FLTOVF = 4, FPE_FLTUND = 5,
            FPE_FLTRES = 6, FPE_FLTINV = 7, FPE_FLTSUB = 8, FPE_FLTUNK = 14, FPE_CONDTRAP = 15;

    /** SIGSEGV. */
    public static final int SEGV_MAPERR = 1, SEGV_ACCERR = 2, SEGV_BNDERR = 3, SEGV_PKUERR = 4,
            SEGV_MTEAERR = 8, SEGV_MTESERR = 9;

    /** SIGBUS. */
    public static final int BUS_ADRALN = 1, BUS_ADRERR = 2, BUS_OBJERR = 3, BUS_MCEERR_AR = 4, BUS_MCEERR_AO = 5;

    /** SIGTRAP. */
    public static final int TRAP_BRKPT = 1, TRAP_TRACE = 2, TRAP_BRANCH = 3, TRAP_HWBKPT = 4, TRAP_UNK = 5;

    /** SIGCHLD. */
    public static final int CLD_EXITED = 1, CLD_KILLED = 2, CLD_DUMPED = 3, CLD_TRAPPED = 4, CLD_STOPPED = 5,
            CLD_CONTINUED = 6;

    // Names of the per-signal codes, index = code (index 0 unused).
    private static final String[] ILL = {null, "ILL_ILLOPC", "ILL_ILLOPN", "ILL_ILLADR", "ILL_ILLTRP",
            "ILL_PRVOPC", "ILL_PRVREG", "ILL_COPROC", "ILL_BADSTK", "ILL_BADIADDR"};
    private static final String[] FPE = {null, "FPE_INTDIV", "FPE_INTOVF", "FPE_FLTDIV", "FPE_FLTOVF",
            "FPE_FLTUND", "FPE_FLTRES", "FPE_FLTINV", "FPE_FLTSUB", null, null, null, null, null, "FPE_FLTUNK",
            "FPE_CONDTRAP"};
    private static final String[] SEGV = {null, "SEGV_MAPERR", "SEGV_ACCERR", "SEGV_BNDERR", "SEGV_PKUERR",
            null, null, null, "SEGV_MTEAERR", "SEGV_MTESERR"};
    private static final String[] BUS = {null, "BUS_ADRALN", "BUS_ADRERR", "BUS_OBJERR", "BUS_MCEERR_AR",
            "BUS_MCEERR_AO"};
    private static final String[] TRAP = {null, "TRAP_BRKPT", "TRAP_TRACE", "TRAP_BRANCH", "TRAP_HWBKPT",
            "TRAP_UNK"};
    private static final String[] CLD = {null, "CLD_EXITED", "CLD_KILLED", "CLD_DUMPED", "CLD_TRAPPED",
            "CLD_STOPPED", "CLD_CONTINUED"};

    /** The code's UAPI name for signal {@code signal} ("SEGV_MAPERR", "SI_KERNEL"), or "si_code N" when unknown. */
    public static String name(int signal, int code) {
        switch (code) {
            case SI_USER: return "SI_USER";
            case SI_KERNEL: return "SI_KERNEL";
            case SI_QUEUE: return "SI_QUEUE";
            case SI_TIMER: return "SI_TIMER";
            case SI_MESGQ: return "SI_MESGQ";
            case SI_ASYNCIO: return "SI_ASYNCIO";
            case SI_SIGIO: return "SI_SIGIO";
            case SI_TKILL: return "SI_TKILL";
            case SI_DETHREAD: return "SI_DETHREAD";
            case SI_ASYNCNL: return "SI_ASYNCNL";
            default: break;
        }
        String[] names = switch (signal) {
            case Signals.SIGILL -> ILL;
            case Signals.SIGFPE -> FPE;
            case Signals.SIGSEGV -> SEGV;
            case Signals.SIGBUS -> BUS;
            case Signals.SIGTRAP -> TRAP;
            case Signals.SIGCHLD -> CLD;
            default -> new String[0];
        };
        String n = code > 0 && code < names.length ? names[code] : null;
        return n != null ? n : "si_code " + code;
    }
}

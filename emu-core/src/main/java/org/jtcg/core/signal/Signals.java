package org.jtcg.core.signal;

/**
 * Linux signal numbers (the same on x86-64, arm64 and s390x), names and default actions.
 */
public final class Signals {
    private Signals() {}

    public static final int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4, SIGTRAP = 5, SIGABRT = 6, SIGBUS = 7,
            SIGFPE = 8, SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11, SIGUSR2 = 12, SIGPIPE = 13, SIGALRM = 14,
            SIGTERM = 15, SIGSTKFLT = 16, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21,
            SIGTTOU = 22, SIGURG = 23, SIGXCPU = 24, SIGXFSZ = 25, SIGVTALRM = 26, SIGPROF = 27, SIGWINCH = 28,
            SIGIO = 29, SIGPWR = 30, SIGSYS = 31;
    /** Highest signal number (real-time signals included). */
    public static final int NSIG = 64;

    /** What a signal does when its disposition is SIG_DFL. */
    public enum DefaultAction { TERMINATE, CORE, IGNORE, STOP, CONTINUE }

    private static final String[] NAMES = {null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
            "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM",
            "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
            "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};

    private static final DefaultAction T = DefaultAction.TERMINATE, C = DefaultAction.CORE,
            I = DefaultAction.IGNORE, S = DefaultAction.STOP;
    private static final DefaultAction[] DEFAULTS = {null, T, T, C, C, C, C, C, C, T, T, C, T, T, T, T, T, I,
            DefaultAction.CONTINUE, S, S, S, S, I, C, C, T, T, I, T, T, C};

    /** "SIGSEGV", or "SIGRT<n>" / "SIG<n>". */
    public static String name(int sig) {
        if (sig > 0 && sig < NAMES.length) return NAMES[sig];
        if (sig >= 32 && sig <= NSIG) return "SIGRT" + (sig - 32);
        return "SIG" + sig;
    }

    /** Default action; real-time signals terminate. */
    public static DefaultAction defaultAction(int sig) {
        return sig > 0 && sig < DEFAULTS.length ? DEFAULTS[sig] : DefaultAction.TERMINATE;
    }

    public static boolean valid(long sig) {
        return sig >= 1 && sig <= NSIG;
    }
}

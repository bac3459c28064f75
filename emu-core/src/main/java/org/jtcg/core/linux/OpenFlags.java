package org.jtcg.core.linux;

/**
 * The open(2) flag bits that differ between arches. x86-64 and s390x use the asm-generic
 * values; arm64 swaps O_DIRECTORY, O_NOFOLLOW, O_DIRECT and O_LARGEFILE (arch/arm64 uapi
 * fcntl.h). All other O_* bits are the same everywhere and are constants here.
 */
public record OpenFlags(int directory, int noFollow, int direct, int largeFile) {
    public static final int O_ACCMODE = 3, O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2;
    public static final int O_CREAT = 0100, O_EXCL = 0200, O_NOCTTY = 0400, O_TRUNC = 01000,
            O_APPEND = 02000, O_NONBLOCK = 04000, O_DSYNC = 010000, O_ASYNC = 020000,
            O_NOATIME = 01000000, O_CLOEXEC = 02000000, O_SYNC = 04000000 | O_DSYNC, O_PATH = 010000000,
            O_TMPFILE_BIT = 020000000;

    /** asm-generic (x86-64, s390x). */
    public static final OpenFlags GENERIC = new OpenFlags(0200000, 0400000, 040000, 0100000);
    /** arm64. */
    public static final OpenFlags ARM64 = new OpenFlags(040000, 0100000, 0200000, 0400000);
}

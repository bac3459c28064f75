package org.jtcg.kvm.sys;

/**
 * Linux's generic ioctl number encoding ({@code asm-generic/ioctl.h}, used by x86):
 * {@code dir << 30 | size << 16 | type << 8 | nr}, with dir NONE = 0, WRITE = 1 (user to kernel),
 * READ = 2 (kernel to user).
 */
public final class Ioctl {
    private Ioctl() {}

    public static final int NONE = 0, WRITE = 1, READ = 2;

    public static long ioc(int dir, int type, int nr, int size) {
        if (size < 0 || size >= 1 << 14) {
            throw new IllegalArgumentException("ioctl argument size " + size + " does not fit in 14 bits");
        }
        return ((long) dir << 30 | (long) size << 16 | (long) type << 8 | nr) & 0xffff_ffffL;
    }

    public static long io(int type, int nr) { return ioc(NONE, type, nr, 0); }
    public static long ior(int type, int nr, int size) { return ioc(READ, type, nr, size); }
    public static long iow(int type, int nr, int size) { return ioc(WRITE, type, nr, size); }
    public static long iowr(int type, int nr, int size) { return ioc(READ | WRITE, type, nr, size); }
}

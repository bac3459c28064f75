package org.jtcg.s390x.translate;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.s390x.S390xCpu;

/**
 * EXECUTE / EXECUTE RELATIVE LONG. The target instruction is fetched, its second byte ORed with the
 * given value and run here directly. Only the targets compilers and glibc use EXECUTE for are handled:
 * the length-modified storage-to-storage forms (MVC, CLC, XC, NC, OC, TR) and the immediate-modified
 * MVI/CLI. Anything else returns {@link #UNSUPPORTED} and the translated code raises SIGILL.
 */
public final class ExecuteHelper {
    private ExecuteHelper() {}

    public static final long DONE = 0, UNSUPPORTED = 1;

    public static long execute(CpuState state, long target, long or) {
        S390xCpu cpu = (S390xCpu) state;
        byte[] buf = new byte[6];
        int got = cpu.memory().fetch(target, buf, 0, 2);
        int op = buf[0] & 0xff;
        int len = S390xTable.length((op << 8) | (buf[1] & 0xff));
        if (got < 2 || cpu.memory().fetch(target + 2, buf, 2, len - 2) < len - 2) {
            return UNSUPPORTED;
        }
        long second = (buf[1] & 0xff) | (or & 0xff);
        int b1 = (buf[2] & 0xf0) >> 4;
        long d1 = ((buf[2] & 0xf) << 8) | (buf[3] & 0xff);
        long a1 = base(cpu, b1) + d1;
        if (len == 6 && op >= 0xd2 && op <= 0xdc) {
            int b2 = (buf[4] & 0xf0) >> 4;
            long a2 = base(cpu, b2) + (((buf[4] & 0xf) << 8) | (buf[5] & 0xff));
            switch (op) {
                case 0xd2 -> StorageHelpers.mvc(cpu, second, a1, a2);
                case 0xd5 -> cpu.setCc(StorageHelpers.clc(cpu, second, a1, a2));
                case 0xd7 -> cpu.setCc(StorageHelpers.xc(cpu, second, a1, a2));
                case 0xd4 -> cpu.setCc(StorageHelpers.nc(cpu, second, a1, a2));
                case 0xd6 -> cpu.setCc(StorageHelpers.oc(cpu, second, a1, a2));
                case 0xdc -> StorageHelpers.tr(cpu, second, a1, a2);
                default -> {
                    return UNSUPPORTED;
                }
            }
            return DONE;
        }
        if (op == 0x92) {
            cpu.memory().store(a1, 1, second, true);
            return DONE;
        }
        if (op == 0x95) {
            long x = cpu.memory().load(a1, 1, true);
            cpu.setCc(x == second ? 0 : x < second ? 1 : 2);
            return DONE;
        }
        return UNSUPPORTED;
    }

    private static long base(S390xCpu cpu, int reg) {
        return reg == 0 ? 0 : cpu.gpr(reg);
    }
}

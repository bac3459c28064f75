package org.jtcg.bench;

import org.jtcg.core.arch.GuestArch;
import org.jtcg.core.cpu.CpuLayout;
import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.IrBlock;
import org.jtcg.core.ir.IrBuilder;
import org.jtcg.core.ir.Label;
import org.jtcg.core.ir.TranslationRequest;
import org.jtcg.core.ir.Translator;
import org.jtcg.core.ir.Val;
import org.jtcg.core.linux.LinuxAbi;
import org.jtcg.core.memory.GuestFault;
import org.jtcg.core.memory.GuestMemory;
import org.jtcg.core.memory.MemoryConfig;
import org.jtcg.core.memory.PagedMemory;
import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;

import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;

/**
 * A made-up guest ISA for benchmarks that must not depend on a real frontend: fixed 8-byte
 * instructions {@code op, a, b, 0, imm32 (little-endian, signed)} over eight 64-bit registers.
 * <pre>
 * 0x01 addi ra, imm      0x02 add ra, rb       0x03 xor ra, rb        0x04 movi ra, imm
 * 0x05 ld ra, [rb]       0x06 st ra, [rb]      0x07 shl ra, imm&amp;63
 * 0x10 jmp imm           0x11 bnz ra, imm      (target = address of the next insn + imm)
 * 0x12 jr ra             0x20 syscall          anything else: SIGILL
 * </pre>
 * Blocks end at a control-flow instruction, at {@code maxInsns}, or before the next page.
 */
final class BenchIsa {
    static final int INSN = 8;
    static final int ADDI = 0x01, ADD = 0x02, XOR = 0x03, MOVI = 0x04, LD = 0x05, ST = 0x06, SHL = 0x07;
    static final int JMP = 0x10, BNZ = 0x11, JR = 0x12, SYSCALL = 0x20;

    private BenchIsa() {}

    /** Eight registers r0..r7 as hot fields. */
    public static final class Cpu extends CpuState {
        public long r0, r1, r2, r3, r4, r5, r6, r7;
        static final CpuLayout LAYOUT;

        static {
            List<CpuLayout.Spec> specs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                specs.add(CpuLayout.spec("r" + i, 0x7100_0000_0000_0000L + i));
            }
            LAYOUT = CpuLayout.of(MethodHandles.lookup(), Cpu.class, specs);
        }

        @Override
        public CpuLayout layout() {
            return LAYOUT;
        }
    }

    /** The translator: one IR op group per instruction, no flags, no helpers. */
    static final class Xlat implements Translator {
        @Override
        public IrBlock translate(TranslationRequest req) {
            IrBuilder b = req.newBuilder();
            long pc = req.pc();
            byte[] c = new byte[INSN];
            for (int n = 0; n < req.maxInsns(); n++) {
                int got;
                try {
                    got = req.fetch(pc, c, 0, INSN);
                } catch (GuestFault f) {
                    if (n == 0) {
                        throw f;
                    }
                    b.gotoDirect(pc);
                    return b.finish(pc);
                }
                long next = pc + INSN;
                b.insnStart(pc);
                if (got < INSN) {
                    b.exitSignal(Signals.SIGILL, SigCodes.ILL_ILLOPC, pc, pc);
                    return b.finish(next);
                }
                int op = c[0] & 0xff;
                Val ra = b.global(c[1] & 7), rb = b.global(c[2] & 7);
                long imm = (c[4] & 0xff) | (c[5] & 0xff) << 8 | (c[6] & 0xff) << 16 | (long) c[7] << 24;
                switch (op) {
                    case ADDI -> b.add(ra, ra, b.const64(imm));
                    case ADD -> b.add(ra, ra, rb);
                    case XOR -> b.xor(ra, ra, rb);
                    case MOVI -> b.movi(ra, imm);
                    case LD -> b.load(ra, rb, 8, false, false);
                    case ST -> b.store(ra, rb, 8, false);
                    case SHL -> b.shl(ra, ra, b.const64(imm & 63));
                    case JMP -> {
                        b.gotoDirect(next + imm);
                        return b.finish(next);
                    }
                    case BNZ -> {
                        Label taken = b.newLabel();
                        b.brcond(Cond.NE, ra, b.const64(0), taken);
                        b.gotoDirect(next);
                        b.setLabel(taken);
                        b.gotoDirect(next + imm);
                        return b.finish(next);
                    }
                    case JR -> {
                        b.gotoIndirect(ra);
                        return b.finish(next);
                    }
                    case SYSCALL -> {
                        b.exitSyscall(next);
                        return b.finish(next);
                    }
                    default -> {
                        b.exitSignal(Signals.SIGILL, SigCodes.ILL_ILLOPC, pc, pc);
                        return b.finish(next);
                    }
                }
                pc = next;
                if ((pc & (GuestMemory.PAGE_SIZE - 1)) == 0) {
                    break;
                }
            }
            b.gotoDirect(pc);
            return b.finish(pc);
        }
    }

    /** The arch record for an {@link org.jtcg.core.engine.EngineContext}; no Linux ABI. */
    static final class Arch implements GuestArch {
        private final Translator t = new Xlat();
        @Override public String name() { return "bench-isa"; }
        @Override public int elfMachine() { return -1; }
        @Override public CpuState newCpu() { return new Cpu(); }
        @Override public Translator translator() { return t; }
        @Override public LinuxAbi linuxAbi() { return null; }
    }

    /** Emits instructions at consecutive addresses. */
    static final class Asm {
        private final long origin;
        private byte[] buf = new byte[1024];
        private int len;

        Asm(long origin) {
            this.origin = origin;
        }

        long pc() {
            return origin + len;
        }

        Asm emit(int op, int a, int b, long imm) {
            if (imm != (int) imm) {
                throw new IllegalArgumentException("immediate does not fit 32 bits: " + imm);
            }
            if (len + INSN > buf.length) {
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            }
            buf[len] = (byte) op;
            buf[len + 1] = (byte) a;
            buf[len + 2] = (byte) b;
            for (int i = 0; i < 4; i++) {
                buf[len + 4 + i] = (byte) (imm >>> (8 * i));
            }
            len += INSN;
            return this;
        }

        /** A jump/branch to an absolute target (imm relative to the next instruction). */
        Asm branch(int op, int a, long target) {
            return emit(op, a, 0, target - (pc() + INSN));
        }

        byte[] bytes() {
            return java.util.Arrays.copyOf(buf, len);
        }
    }

    /** A fresh address space with {@code code} mapped RWX at {@code base} and {@code dataBytes} RW after it. */
    static PagedMemory memoryWith(long base, byte[] code, long dataBytes) {
        PagedMemory mem = new PagedMemory(MemoryConfig.defaults());
        long codeLen = (code.length + GuestMemory.PAGE_SIZE - 1) & GuestMemory.PAGE_MASK;
        long got = mem.mmap(base, codeLen + dataBytes, GuestMemory.PROT_READ | GuestMemory.PROT_WRITE
                | GuestMemory.PROT_EXEC, GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS | GuestMemory.MAP_FIXED);
        if (got != base) {
            throw new IllegalStateException("mmap at 0x" + Long.toHexString(base) + " failed: " + got);
        }
        mem.poke(base, code, 0, code.length);
        return mem;
    }
}

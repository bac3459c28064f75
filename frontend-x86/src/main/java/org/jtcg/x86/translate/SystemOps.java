package org.jtcg.x86.translate;

import org.jtcg.core.ir.GuestAtomics;
import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.ir.IrBuilder;
import org.jtcg.core.ir.Val;
import org.jtcg.x86.LazyFlags;
import org.jtcg.x86.X86Cpu;
import org.jtcg.x86.decoder.Mnemonic;
import org.jtcg.x86.decoder.Operand;
import org.jtcg.core.signal.Signals;
import org.jtcg.core.signal.SigCodes;

import java.util.Map;

/**
 * syscall, cpuid, rdtsc(p), the flag instructions (clc stc cmc cld std lahf sahf), traps (ud2 hlt
 * int3 int cli sti), the fences (host fences: {@link GuestAtomics}) and the instructions that are no-ops
 * for a user-mode guest (nop, pause, endbr, prefetch*, clflush, CET shadow-stack reads with CET off).
 */
final class SystemOps {
    private SystemOps() {}

    private static final HelperRef CPUID = HelperRef.of(SystemHelpers.class, "cpuid",
            HelperRef.READS_GLOBALS | HelperRef.WRITES_GLOBALS);
    private static final HelperRef RDTSC = HelperRef.of(SystemHelpers.class, "rdtsc", HelperRef.WRITES_GLOBALS);
    private static final HelperRef RDTSCP = HelperRef.of(SystemHelpers.class, "rdtscp", HelperRef.WRITES_GLOBALS);

    static void register(Map<Mnemonic, InsnTable.Emitter> m) {
        InsnTable.Emitter nop = c -> { };
        for (Mnemonic op : new Mnemonic[] {Mnemonic.NOP, Mnemonic.PAUSE, Mnemonic.ENDBR64, Mnemonic.ENDBR32, Mnemonic.PREFETCH, Mnemonic.PREFETCHW, Mnemonic.PREFETCHNTA,
            Mnemonic.PREFETCHT0, Mnemonic.PREFETCHT1, Mnemonic.PREFETCHT2,
            // with CET shadow stacks disabled, rdssp leaves its register unchanged and incssp is a NOP
            Mnemonic.RDSSPD, Mnemonic.RDSSPQ, Mnemonic.INCSSPD, Mnemonic.INCSSPQ}) {
            m.put(op, nop);
        }
        // ---- issue 13: fences. Plain accesses already keep TSO order (Op.ORDERED); mfence also orders a
        // store before a later load (store buffering), which only a full fence does on the host.
        m.put(Mnemonic.MFENCE, c -> GuestAtomics.emitFence(c.b, GuestAtomics.Fence.FULL));
        m.put(Mnemonic.SFENCE, c -> GuestAtomics.emitFence(c.b, GuestAtomics.Fence.STORE_STORE));
        m.put(Mnemonic.LFENCE, c -> GuestAtomics.emitFence(c.b, GuestAtomics.Fence.LOAD_LOAD));
        m.put(Mnemonic.CLFLUSH, c -> c.load(c.ea((Operand.Mem) c.op(0)), 1)); // faults like a read on a bad address
        m.put(Mnemonic.SYSCALL, SystemOps::syscall);
        m.put(Mnemonic.CPUID, c -> c.b.call(CPUID, null));
        m.put(Mnemonic.RDTSC, c -> c.b.call(RDTSC, null));
        m.put(Mnemonic.RDTSCP, c -> c.b.call(RDTSCP, null));
        m.put(Mnemonic.CLC, c -> setCarry(c, 0));
        m.put(Mnemonic.STC, c -> setCarry(c, 1));
        m.put(Mnemonic.CMC, c -> setCarry(c, 2));
        m.put(Mnemonic.CLD, c -> c.b.and(c.global(X86Cpu.RFLAGS_REST), c.global(X86Cpu.RFLAGS_REST), c.c(~(long) LazyFlags.DF)));
        m.put(Mnemonic.STD, c -> c.b.or(c.global(X86Cpu.RFLAGS_REST), c.global(X86Cpu.RFLAGS_REST), c.c(LazyFlags.DF)));
        m.put(Mnemonic.LAHF, SystemOps::lahf);
        m.put(Mnemonic.SAHF, SystemOps::sahf);
        m.put(Mnemonic.UD2, Ctx::sigill);
        // user-mode hlt, cli, sti and int n (n != 3) are #GP: Linux sends SIGSEGV with si_code SI_KERNEL, address 0
        m.put(Mnemonic.HLT, c -> c.raise(Signals.SIGSEGV, SigCodes.SI_KERNEL, 0, c.pc()));
        m.put(Mnemonic.CLI, c -> c.raise(Signals.SIGSEGV, SigCodes.SI_KERNEL, 0, c.pc()));
        m.put(Mnemonic.STI, c -> c.raise(Signals.SIGSEGV, SigCodes.SI_KERNEL, 0, c.pc()));
        m.put(Mnemonic.INT, SystemOps::intN);
        // int3 is a trap: the reported pc is after the instruction
        m.put(Mnemonic.INT3, c -> c.raise(Signals.SIGTRAP, SigCodes.SI_KERNEL, 0, c.next()));
    }

    private static void syscall(Ctx c) {
        IrBuilder b = c.b;
        // hardware: rcx = next rip, r11 = rflags (RF cleared), before the kernel runs
        Val fl = StackOps.rflags(c);
        b.movi(c.gpr(1), c.next());
        b.mov(c.gpr(11), fl);
        b.exitSyscall(c.next());
        c.endBlock();
    }

    private static void intN(Ctx c) {
        long n = ((Operand.Imm) c.op(0)).value() & 0xff;
        if (n == 0x80) {
            throw new Ctx.Unsupported("int 0x80 (32-bit syscalls)");
        }
        c.raise(Signals.SIGSEGV, SigCodes.SI_KERNEL, 0, c.pc());
    }

    /** mode 0 clears CF, 1 sets it, 2 complements it. */
    private static void setCarry(Ctx c, int mode) {
        IrBuilder b = c.b;
        Val f = c.flags.value();
        Val r = switch (mode) {
            case 0 -> b.and(f, c.c(~(long) LazyFlags.CF));
            case 1 -> b.or(f, c.c(LazyFlags.CF));
            default -> b.xor(f, c.c(LazyFlags.CF));
        };
        c.flags.setExplicit(r);
    }

    /** ah = SF ZF 0 AF 0 PF 1 CF. */
    private static void lahf(Ctx c) {
        Val f = c.b.or(c.b.and(c.flags.value(), c.c(0xd5)), c.c(2));
        Val g = c.gpr(0);
        c.b.deposit(g, g, f, 8, 8);
    }

    private static void sahf(Ctx c) {
        IrBuilder b = c.b;
        Val ah = b.extract(c.gpr(0), 8, 8, false);
        Val f = b.or(b.and(c.flags.value(), c.c(LazyFlags.OF)), b.and(ah, c.c(0xd5)));
        c.flags.setExplicit(f);
    }
}

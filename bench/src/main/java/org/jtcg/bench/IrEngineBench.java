package org.jtcg.bench;

import org.jtcg.core.arch.GuestArch;
import org.jtcg.core.cpu.CpuLayout;
import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.engine.BlockEngine;
import org.jtcg.core.engine.EngineContext;
import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.interp.InterpCompiler;
import org.jtcg.core.interp.nodes.NodeCompiler;
import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.IrBlock;
import org.jtcg.core.ir.IrBuilder;
import org.jtcg.core.ir.Label;
import org.jtcg.core.ir.TranslationRequest;
import org.jtcg.core.ir.Translator;
import org.jtcg.core.ir.Val;
import org.jtcg.core.jit.JitCompiler;
import org.jtcg.core.linux.LinuxAbi;
import org.jtcg.core.memory.GuestFault;
import org.jtcg.core.memory.GuestMemory;
import org.jtcg.core.memory.SoftTlb;
import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.invoke.MethodHandles;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The IR engines on one kernel: a guest loop of 5 instructions (load, multiply-add, xor-shift,
 * store, counter and branch) run through the full dispatch loop (block cache, chaining) until its
 * syscall exit. Score = ns per guest loop iteration; interp (the reference IR interpreter) vs nodes (the
 * jit's cold tier, every block kept there) vs jit, with and without IR passes. The launcher runs C1 only:
 * add {@code -jvmArgsAppend -XX:TieredStopAtLevel=1} to measure that.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class IrEngineBench {
    static final int ITERATIONS = 10_000;
    static final long LOOP_PC = 0x1000, DATA = 0x10000;

    @Param({"interp", "nodes", "jit"})
    public String engine;

    @Param({"true"})
    public boolean passes;

    private BlockEngine eng;
    private BenchCpu cpu;

    @Setup(Level.Trial)
    public void setup() {
        FlatMemory mem = new FlatMemory(0, 0x20000);
        GuestArch arch = new KernelArch();
        EngineContext ctx = new EngineContext(arch, mem, null, Set.of());
        eng = new BlockEngine(engine, ctx, switch (engine) {
            case "jit" -> new JitCompiler();
            case "nodes" -> new NodeCompiler();
            default -> new InterpCompiler();
        }, new BlockEngine.Config(passes, 128, true));
        cpu = new BenchCpu();
    }

    @Benchmark
    @OperationsPerInvocation(ITERATIONS)
    public long kernel() {
        cpu.r1 = ITERATIONS;
        cpu.pc = LOOP_PC;
        EngineExit x = eng.run(cpu);
        if (x.kind() != EngineExit.Kind.SYSCALL) {
            throw new IllegalStateException("unexpected exit " + x);
        }
        return cpu.r0;
    }

    /** Guest registers of the kernel. */
    public static final class BenchCpu extends CpuState {
        public long r0, r1, r2, r3;
        static final CpuLayout LAYOUT = CpuLayout.of(MethodHandles.lookup(), BenchCpu.class, List.of(
                CpuLayout.spec("r0", 0x7100_0000_0000_0000L), CpuLayout.spec("r1", 0x7100_0000_0000_0001L),
                CpuLayout.spec("r2", 0x7100_0000_0000_0002L), CpuLayout.spec("r3", 0x7100_0000_0000_0003L)));

        @Override
        public CpuLayout layout() {
            return LAYOUT;
        }
    }

    /** Emits the kernel loop at LOOP_PC (and nothing else: any other PC is a SIGILL block). */
    static final class KernelTranslator implements Translator {
        @Override
        public IrBlock translate(TranslationRequest req) {
            IrBuilder b = req.newBuilder();
            long pc = req.pc();
            if (pc != LOOP_PC) {
                b.insnStart(pc).exitSignal(Signals.SIGILL, SigCodes.ILL_ILLOPC, pc, pc);
                return b.finish(pc + 4);
            }
            Val r0 = b.global(0), r1 = b.global(1), r2 = b.global(2), r3 = b.global(3);
            b.insnStart(pc);                                                   // r2 = ld64 [DATA + (r3 & 0x7f8)]
            Val addr = b.add(b.and(r3, b.const64(0x7f8)), b.const64(DATA));
            b.load(r2, addr, 8, false, false);
            b.insnStart(pc + 4);                                               // r0 = r0 + r2 * 3
            b.add(r0, r0, b.mul(r2, b.const64(3)));
            b.insnStart(pc + 8);                                               // r0 ^= r0 >>> 7
            b.xor(r0, r0, b.shr(r0, b.const64(7)));
            b.insnStart(pc + 12);                                              // st64 [addr] = r0 + r3
            b.store(b.add(r0, r3), addr, 8, false);
            b.insnStart(pc + 16);                                              // r3 += 8; r1 -= 1; bnz r1, loop
            b.add(r3, r3, b.const64(8));
            b.sub(r1, r1, b.const64(1));
            Label again = b.newLabel();
            b.brcond(Cond.NE, r1, b.const64(0), again);
            b.exitSyscall(pc + 20);
            b.setLabel(again);
            b.gotoDirect(pc);
            return b.finish(pc + 20);
        }
    }

    static final class KernelArch implements GuestArch {
        private final Translator t = new KernelTranslator();
        @Override public String name() { return "bench-kernel"; }
        @Override public int elfMachine() { return -1; }
        @Override public CpuState newCpu() { return new BenchCpu(); }
        @Override public Translator translator() { return t; }
        @Override public LinuxAbi linuxAbi() { return null; }
    }

    /** One RWX region over a direct buffer, filling the soft TLB on slow-path accesses. */
    static final class FlatMemory implements GuestMemory {
        private final long base;
        private final int size;
        private final ByteBuffer buf;
        private final SoftTlb tlb = new SoftTlb();
        private final java.util.Set<Long> code = new java.util.HashSet<>();
        private final java.util.List<CodeWriteListener> listeners = new java.util.ArrayList<>();

        FlatMemory(long base, int size) {
            this.base = base;
            this.size = size;
            this.buf = ByteBuffer.allocateDirect(size);
        }

        private void check(long va, int len, GuestFault.Access a) {
            if (va - base < 0 || va - base + len > size) {
                throw new GuestFault(va, a, SigCodes.SEGV_MAPERR);
            }
        }

        private void fill(long va) {
            long page = va & PAGE_MASK;
            tlb.fill(page, buf, (int) (page - base), true, !code.contains(page));
        }

        @Override
        public long load(long va, int n, boolean be) {
            check(va, n, GuestFault.Access.READ);
            fill(va);
            long v = 0;
            for (int i = 0; i < n; i++) {
                long x = buf.get((int) (va - base + i)) & 0xffL;
                v |= be ? x << (8 * (n - 1 - i)) : x << (8 * i);
            }
            return v;
        }

        @Override
        public void store(long va, int n, long value, boolean be) {
            check(va, n, GuestFault.Access.WRITE);
            for (long p = va & PAGE_MASK; p <= ((va + n - 1) & PAGE_MASK); p += PAGE_SIZE) {
                if (code.remove(p)) {
                    final long page = p;
                    listeners.forEach(l -> l.codeWritten(page));
                    tlb.flushPage(p);
                }
            }
            for (int i = 0; i < n; i++) {
                buf.put((int) (va - base + i), (byte) (value >>> (be ? 8 * (n - 1 - i) : 8 * i)));
            }
            fill(va);
        }

        @Override
        public int fetch(long va, byte[] dst, int off, int len) {
            check(va, 1, GuestFault.Access.EXEC);
            int n = (int) Math.min(len, size - (va - base));
            for (int i = 0; i < n; i++) {
                dst[off + i] = buf.get((int) (va - base + i));
            }
            return n;
        }

        @Override public void read(long va, byte[] dst, int off, int len) { throw new UnsupportedOperationException(); }
        @Override public void write(long va, byte[] src, int off, int len) { throw new UnsupportedOperationException(); }
        @Override public void poke(long va, byte[] src, int off, int len) { throw new UnsupportedOperationException(); }
        @Override public byte[] readCString(long va, int maxLen) { throw new UnsupportedOperationException(); }
        @Override public int protectionAt(long va) { return PROT_READ | PROT_WRITE | PROT_EXEC; }
        @Override public SoftTlb tlb() { return tlb; }
        @Override public long mmap(long addr, long len, int prot, int flags) { throw new UnsupportedOperationException(); }
        @Override public int munmap(long addr, long len) { throw new UnsupportedOperationException(); }
        @Override public int mprotect(long addr, long len, int prot) { throw new UnsupportedOperationException(); }
        @Override public long mremap(long o, long ol, long nl, int f, long na) { throw new UnsupportedOperationException(); }
        @Override public void initBrk(long start) { throw new UnsupportedOperationException(); }
        @Override public long brk(long newBrk) { throw new UnsupportedOperationException(); }
        @Override public void markCode(long va) { code.add(va & PAGE_MASK); tlb.flushPage(va); }
        @Override public void addCodeWriteListener(CodeWriteListener l) { listeners.add(l); }
    }
}

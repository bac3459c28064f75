package org.jtcg.x86.translate;

import org.jtcg.core.engine.Engine;
import org.jtcg.core.engine.EngineContext;
import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.engine.EngineProvider;
import org.jtcg.core.signal.Signals;
import org.jtcg.x86.X86Arch;
import org.jtcg.x86.X86Cpu;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * LOCK-prefixed instructions are host atomics (GuestAtomics) but compute exactly what the unlocked forms do:
 * each form runs with and without F0 from the same random states (aligned and unaligned operands) and must
 * leave the same registers, flags and memory. Then four JVM threads, each with its own engine, run locked
 * increments on one shared counter and none may be lost.
 */
class LockedOpsTest {
    private static final long D = SnippetRunner.DATA;

    /** Lockable forms with the memory operand at [rbx] (rex/66 prefixes included, lock goes first). */
    private static final String[] FORMS = {
        "48 01 0b", "01 0b", "66 01 0b", "00 0b",            // add [rbx], rcx/ecx/cx/cl
        "48 11 0b", "48 19 0b", "48 29 0b", "29 0b",        // adc sbb sub
        "48 21 0b", "48 09 0b", "48 31 0b", "30 0b",        // and or xor
        "48 83 03 85", "80 33 5a",                          // add qword [rbx], -123; xor byte [rbx], 0x5a
        "48 ff 03", "48 ff 0b", "fe 03", "66 ff 0b",         // inc dec
        "48 f7 1b", "f7 1b", "48 f7 13", "f6 13",           // neg not
        "48 0f ab 0b", "48 0f b3 0b", "48 0f bb 0b", "0f ab 0b", // bts btr btc [rbx], rcx
        "48 0f ba 2b 25", "0f ba 33 05", "48 0f ba 3b 3f",  // bts/btr/btc with an immediate bit
        "48 0f c1 0b", "0f c0 0b", "66 0f c1 0b",           // xadd
        "48 0f b1 0b", "0f b1 0b", "66 0f b1 0b", "0f b0 0b", // cmpxchg
        "0f c7 0b", "48 0f c7 0b",                          // cmpxchg8b, cmpxchg16b
    };

    private static long[] regs(X86Cpu c) {
        return new long[]{c.rax, c.rcx, c.rdx, c.rbx, c.rsi, c.rdi, c.r8, c.rflags() & org.jtcg.x86.LazyFlags.OSZAPC};
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void lockedFormsComputeWhatUnlockedFormsDo(String engine) {
        Random rnd = new Random(13);
        SnippetRunner plain = new SnippetRunner(engine), locked = new SnippetRunner(engine);
        for (String form : FORMS) {
            boolean is16b = form.equals("48 0f c7 0b");
            plain.code(form);
            locked.code("f0 " + form);
            for (int round = 0; round < 12; round++) {
                long[] memory = {rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong()};
                long base = D + 0x100 + (is16b || round % 3 != 2 ? 0 : 1 + rnd.nextInt(7)); // some unaligned
                long rax = round % 2 == 0 ? memory[0] : rnd.nextLong();                      // cmpxchg: hit or miss
                if (round % 4 == 0) {
                    rax = memory[0];
                }
                long rdx = round % 4 == 0 ? memory[1] : rnd.nextLong();
                long rcx = rnd.nextInt(192) - 64;                                             // bit offsets near [rbx]
                long flagsIn = rnd.nextInt(2);                                                // CF for adc/sbb
                List<long[]> results = new ArrayList<>();
                for (SnippetRunner r : new SnippetRunner[]{plain, locked}) {
                    for (int k = 0; k < 4; k++) {
                        r.mem.store(D + 0xf8 + 8 * k, 8, 0, false);
                        r.mem.store(base + 8 * k, 8, memory[k], false);
                    }
                    r.cpu.rax = rax;
                    r.cpu.rdx = rdx;
                    r.cpu.rcx = rcx;
                    r.cpu.rbx = base;
                    r.cpu.setRflags(0x202 | flagsIn);
                    r.runToEnd();
                    long[] out = new long[12];
                    System.arraycopy(regs(r.cpu), 0, out, 0, 8);
                    for (int k = 0; k < 4; k++) {
                        out[8 + k] = r.mem.load(D + 0xf8 + 8 * k, 8, false);
                    }
                    results.add(out);
                }
                assertArrayEquals(results.get(0), results.get(1), "lock " + form + " round " + round + " under " + engine);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void xchgWithMemoryExchanges(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        r.mem.store(D, 8, 0x1122334455667788L, false);
        r.cpu.rbx = D + 1;
        r.cpu.rcx = 0xaabb;
        r.code("66 87 0b").runToEnd();   // xchg [rbx+0], cx: unaligned, 16-bit
        assertEquals(0x6677, r.cpu.rcx);
        assertEquals(0x11223344_55aabb88L, r.mem.load(D, 8, false));
        r.cpu.rbx = D;
        r.cpu.rdx = -1;
        r.code("48 87 13").runToEnd();   // xchg [rbx], rdx
        assertEquals(0x11223344_55aabb88L, r.cpu.rdx);
        assertEquals(-1, r.mem.load(D, 8, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void lockedAccessToAReadOnlyPageFaultsEvenWhenTheComparisonFails(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        r.cpu.rbx = SnippetRunner.CODE;   // mapped read/execute only
        r.cpu.rax = 12345;
        r.code(0x401000, "");
        r.code("f0 48 0f b1 0b");
        EngineExit e = r.run();
        assertEquals(Signals.SIGSEGV, e.signal());
        assertEquals(SnippetRunner.CODE, r.cpu.pc, "the fault is at the locked instruction");
    }

    /**
     * Four JVM threads (own CPU and engine each, one shared address space) run a loop of locked read-modify-writes;
     * the totals are exact only if every form is one host atomic.
     */
    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void fourThreadsLoseNoLockedIncrement(String engine) throws Exception {
        SnippetRunner setup = new SnippetRunner(engine);
        int iterations = engine.equals("jit") ? 20_000 : 3_000;
        // loop: lock add, lock inc, lock xadd (+2), a lock cmpxchg loop (+3), lock add on one byte; dec esi; jnz loop
        String body = "f0 48 83 03 01"            // lock add qword [rbx], 1
                + " f0 ff 43 08"                  // lock inc dword [rbx+8]
                + " ba 02 00 00 00"               // mov edx, 2
                + " f0 48 0f c1 53 10"            // lock xadd [rbx+16], rdx
                + " 48 8b 43 20"                  // retry: mov rax, [rbx+32]
                + " 48 8d 48 03"                  // lea rcx, [rax+3]
                + " f0 48 0f b1 4b 20"            // lock cmpxchg [rbx+32], rcx
                + " 75 f0"                        // jnz retry
                + " f0 80 43 29 01"               // lock add byte [rbx+41], 1 (its neighbours belong to others)
                + " ff ce"                        // dec esi
                + " 75 d3";                       // jnz loop
        setup.code(body);
        byte[] code = new byte[64];
        setup.mem.read(SnippetRunner.CODE, code, 0, code.length);
        setup.mem.store(D, 8, 0, false);          // touch the data page before the threads share it
        int threads = 4;
        List<Thread> ts = new ArrayList<>();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                try {
                    X86Cpu cpu = new X86Cpu();
                    cpu.attachMemory(setup.mem);
                    Engine e = EngineProvider.byName(engine).create(new EngineContext(new X86Arch(), setup.mem, null, Set.of()));
                    cpu.rbx = D;
                    cpu.rsi = iterations;
                    cpu.pc = SnippetRunner.CODE;
                    EngineExit exit = e.run(cpu);
                    if (exit.signal() != Signals.SIGTRAP) {
                        throw new AssertionError("thread stopped with " + exit);
                    }
                } catch (Throwable x) {
                    errors.add(x);
                }
            });
            ts.add(th);
        }
        ts.forEach(Thread::start);
        for (Thread th : ts) {
            th.join();
        }
        assertEquals(List.of(), errors);
        long n = (long) threads * iterations;
        assertEquals(n, setup.mem.load(D, 8, false), "lock add");
        assertEquals(n, setup.mem.load(D + 8, 4, false), "lock inc");
        assertEquals(2 * n, setup.mem.load(D + 16, 8, false), "lock xadd");
        assertEquals(3 * n, setup.mem.load(D + 32, 8, false), "lock cmpxchg loop");
        assertEquals(n & 0xff, setup.mem.load(D + 41, 1, false), "lock add byte");
    }
}

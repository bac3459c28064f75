package org.jtcg.kvm;

import org.jtcg.core.engine.Engine;
import org.jtcg.core.engine.EngineContext;
import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.engine.EngineProvider;
import org.jtcg.core.memory.PagedMemory;
import org.jtcg.cpreg.X86Registers;
import org.jtcg.x86.X86Arch;
import org.jtcg.x86.X86Cpu;
import org.jtcg.x86.X86UserRegisters;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Set;

import static org.jtcg.kvm.KvmTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The x87/SSE state between guest code under KVM and the canonical CpuState, in both directions,
 * and across jit -> kvm -> jit handoffs. On PVM the former KVM_GET/SET_FPU transport read MXCSR as 0
 * and lost the XMM registers of the first entry; these tests fail with it.
 */
@ExtendWith(KvmRequired.class)
class FpuStateTest {
    static final long A = 0x1122_3344_5566_7788L, B = 0x99aa_bbcc_ddee_ff00L;
    static final byte[] UD2 = {0x0f, 0x0b};

    static byte[] movRax(long v) {
        return bytes(0x48, 0xb8, le32((int) v), le32((int) (v >>> 32)));
    }

    /** mov dword [rsp-8], v ; ldmxcsr [rsp-8] */
    static byte[] ldmxcsr(int v) {
        return bytes(0xc7, 0x44, 0x24, 0xf8, le32(v), 0x0f, 0xae, 0x54, 0x24, 0xf8);
    }

    static final int MXCSR_ZERO_DAZ = 0x7fc0; // round toward zero, all masked, DAZ

    @Test
    void guestWrittenSseAndX87StateReadsBackThroughTheCpuState() {
        byte[] code = bytes(movRax(A), 0x66, 0x48, 0x0f, 0x6e, 0xc0,   // movq xmm0, rax
                movRax(B), 0x66, 0x48, 0x0f, 0x6e, 0xc8,                // movq xmm1, rax
                0x66, 0x0f, 0x6c, 0xc1,                                  // punpcklqdq xmm0, xmm1
                0x66, 0x44, 0x0f, 0x6f, 0xf8,                            // movdqa xmm15, xmm0
                ldmxcsr(MXCSR_ZERO_DAZ),
                0xd9, 0xe8, 0xd9, 0xeb,                                  // fld1 ; fldpi
                UD2);
        for (boolean verify : new boolean[] {false, true}) {
            PagedMemory m = memoryWith(code);
            TestX86Cpu cpu = new TestX86Cpu();
            cpu.pc = CODE;
            cpu.rsp = STACK_TOP - 64;
            try (KvmEngine engine = new KvmEngine(context(m), KvmOptions.defaults().withVerifySync(verify))) {
                EngineExit e = engine.run(cpu);
                assertEquals(EngineExit.Kind.SIGNAL, e.kind(), e.toString());
                assertEquals(MXCSR_ZERO_DAZ, cpu.getReg(X86Registers.MXCSR), "MXCSR (verify " + verify + ")");
                assertArrayEquals(new long[] {A, B}, cpu.readWords(X86Registers.xmm(0)));
                assertArrayEquals(new long[] {A, B}, cpu.readWords(X86Registers.xmm(15)));
                assertArrayEquals(new long[] {0xc90f_daa2_2168_c235L, 0x4000}, cpu.readWords(X86Registers.st(0)), "st0 = pi");
                assertArrayEquals(new long[] {0x8000_0000_0000_0000L, 0x3fff}, cpu.readWords(X86Registers.st(1)), "st1 = 1");
                assertEquals(0x3000, cpu.getReg(X86UserRegisters.FSW), "TOP = 6");
                assertEquals(0xc0, cpu.getReg(X86UserRegisters.FTW), "physical registers 6 and 7 valid");
            }
        }
    }

    @Test
    void cpuStateValuesReachTheGuestOnTheFirstEntry() {
        byte[] code = bytes(0x0f, 0xae, 0x5c, 0x24, 0xf8,                   // stmxcsr [rsp-8]
                0xf3, 0x0f, 0x7f, 0x5c, 0x24, 0xe0,                          // movdqu [rsp-32], xmm3
                0xf3, 0x44, 0x0f, 0x7f, 0x64, 0x24, 0xd0,                    // movdqu [rsp-48], xmm12
                0xdd, 0x5c, 0x24, 0xc0,                                      // fstp qword [rsp-64]
                UD2);
        PagedMemory m = memoryWith(code);
        TestX86Cpu cpu = new TestX86Cpu();
        cpu.pc = CODE;
        cpu.rsp = STACK_TOP - 64;
        cpu.setReg(X86Registers.MXCSR, 0x3f80);
        cpu.writeWords(X86Registers.xmm(3), new long[] {A, B});
        cpu.writeWords(X86Registers.xmm(12), new long[] {~A, ~B});
        cpu.writeWords(X86Registers.st(0), new long[] {0xc000_0000_0000_0000L, 0x4000}); // 3.0
        cpu.setReg(X86UserRegisters.FSW, 0x3800);                                      // TOP = 7
        cpu.setReg(X86UserRegisters.FTW, 0x80);                                        // register 7 valid
        try (KvmEngine engine = new KvmEngine(context(m), KvmOptions.defaults())) {
            assertEquals(EngineExit.Kind.SIGNAL, engine.run(cpu).kind());
        }
        ByteBuffer stack = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        m.read(STACK_TOP - 128, stack.array(), 0, 64);
        assertEquals(0x3f80, stack.getInt(56), "stmxcsr");
        assertEquals(A, stack.getLong(32));
        assertEquals(B, stack.getLong(40));
        assertEquals(~A, stack.getLong(16));
        assertEquals(~B, stack.getLong(24));
        assertEquals(3.0, Double.longBitsToDouble(stack.getLong(0)), "fstp of st0");
    }

    @Test
    void jitKvmJitHandoffKeepsSseAndX87State() {
        int kvmMxcsr = 0x3fc0; // round down, DAZ
        byte[] jit1 = bytes(movRax(A), 0x66, 0x48, 0x0f, 0x6e, 0xc8,   // movq xmm1, rax
                movRax(B), 0x66, 0x48, 0x0f, 0x6e, 0xd0,                // movq xmm2, rax
                0x66, 0x0f, 0x6c, 0xca,                                  // punpcklqdq xmm1, xmm2
                ldmxcsr(0x7f80),
                0xd9, 0xe8, 0xd9, 0xeb,                                  // fld1 ; fldpi
                movEax(39), SYSCALL);
        byte[] kvm = bytes(0x66, 0x0f, 0xd4, 0xc9,                        // paddq xmm1, xmm1
                0x0f, 0xae, 0x5c, 0x24, 0xf0,                            // stmxcsr [rsp-16]
                0x8b, 0x5c, 0x24, 0xf0,                                  // mov ebx, [rsp-16]
                0xde, 0xc1,                                              // faddp st1, st0
                ldmxcsr(kvmMxcsr),
                movEax(39), SYSCALL);
        byte[] jit2 = bytes(0x0f, 0xae, 0x5c, 0x24, 0xf0,                 // stmxcsr [rsp-16]
                0x44, 0x8b, 0x64, 0x24, 0xf0,                            // mov r12d, [rsp-16]
                0x66, 0x48, 0x0f, 0x7e, 0xcd,                            // movq rbp, xmm1
                0x66, 0x0f, 0x73, 0xd9, 0x08,                            // psrldq xmm1, 8
                0x66, 0x48, 0x0f, 0x7e, 0xce,                            // movq rsi, xmm1
                0xdd, 0x5c, 0x24, 0xe0,                                  // fstp qword [rsp-32]
                0x4c, 0x8b, 0x6c, 0x24, 0xe0,                            // mov r13, [rsp-32]
                UD2);
        PagedMemory m = memoryWith(bytes(jit1, kvm, jit2));
        X86Cpu cpu = new X86Cpu();
        cpu.pc = CODE;
        cpu.rsp = STACK_TOP - 64;
        Engine jit = EngineProvider.byName("jit").create(new EngineContext(new X86Arch(), m, null, Set.of()));
        try (KvmEngine k = new KvmEngine(context(m), KvmOptions.defaults().withVerifySync(true))) {
            assertEquals(EngineExit.Kind.SYSCALL, jit.run(cpu).kind());
            assertEquals(CODE + jit1.length, cpu.pc);
            jit.leave(cpu, k);
            assertEquals(EngineExit.Kind.SYSCALL, k.run(cpu).kind());
            assertEquals(CODE + jit1.length + kvm.length, cpu.pc);
            assertEquals(kvmMxcsr, cpu.getReg(X86Registers.MXCSR), "kvm's MXCSR in the CpuState before leaving");
            k.leave(cpu, jit);
            EngineExit last = jit.run(cpu);
            assertEquals(EngineExit.Kind.SIGNAL, last.kind(), last.toString());
        } finally {
            jit.close();
        }
        assertEquals(0x7f80, cpu.rbx, "kvm saw the MXCSR jit loaded");
        assertEquals(kvmMxcsr, cpu.r12, "jit saw the MXCSR kvm loaded");
        assertEquals(2 * A, cpu.rbp, "kvm doubled jit's xmm1 (low)");
        assertEquals(2 * B, cpu.rsi, "kvm doubled jit's xmm1 (high)");
        double piPlusOne = new BigDecimal("4.14159265358979323846264338327950288").doubleValue();
        assertEquals(piPlusOne, Double.longBitsToDouble(cpu.r13), "pi (jit) + 1 (kvm faddp), stored by jit");
        assertEquals(0, cpu.getReg(X86UserRegisters.FSW) & 0x3800, "TOP 0: two pushes (jit), two pops (kvm, jit)");
    }
}

package org.jtcg.kvm;

import org.jtcg.core.linux.CpuLoop;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;

import static org.jtcg.kvm.KvmTestSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-assembled programs run through CpuLoop under the KVM engine: syscalls and faults. */
@ExtendWith(KvmRequired.class)
class HandAssembledTest {
    @Test
    void writeAndExit() {
        Result r = runCode(helloProgram("hello from kvm\n", 7), KvmOptions.defaults().withVerifySync(true));
        assertEquals("hello from kvm\n", r.stdout());
        assertEquals(7, r.status());
        assertEquals(CpuLoop.StopReason.EXITED, r.loop().stopReason());
    }

    @Test
    void nullWriteIsSigsegvAtAddressZero() {
        // mov %eax, 0 (absolute): c7 04 25 00 00 00 00 2a 00 00 00  = movl $42, 0x0
        Result r = runCode(bytes(0xc7, 0x04, 0x25, le32(0), le32(42)), KvmOptions.defaults().withVerifySync(true));
        assertEquals(139, r.status(), r.stderr());
        assertTrue(r.stderr().contains("fault address 0x0"), r.stderr());
        assertTrue(r.stderr().contains("write"), r.stderr());
    }

    @Test
    void ud2IsSigill() {
        Result r = runCode(bytes(0x90, 0x0f, 0x0b), KvmOptions.defaults().withVerifySync(true));
        assertEquals(132, r.status(), r.stderr());
        assertTrue(r.stderr().contains(String.format("pc 0x%x", CODE + 1)), r.stderr());
    }

    @Test
    void divideByZeroIsSigfpe() {
        // xor %ecx,%ecx ; div %ecx
        Result r = runCode(bytes(0x31, 0xc9, 0xf7, 0xf1), KvmOptions.defaults());
        assertEquals(136, r.status(), r.stderr());
    }

    @Test
    void int3IsSigtrap() {
        Result r = runCode(bytes(0xcc), KvmOptions.defaults());
        assertEquals(133, r.status(), r.stderr());
    }

    @Test
    void writeToReadOnlyCodeIsAccerr() {
        // movl $1, 0x400000
        Result r = runCode(bytes(0xc7, 0x04, 0x25, le32((int) CODE), le32(1)), KvmOptions.defaults());
        assertEquals(139, r.status(), r.stderr());
        assertTrue(r.stderr().contains(String.format("fault address 0x%x", CODE)), r.stderr());
    }

    @Test
    void cpuidAnswersFromTheModel() {
        // xor %eax,%eax; cpuid; sub $16,%rsp; mov %ebx,(%rsp); mov %edx,4(%rsp); mov %ecx,8(%rsp);
        // write(1, %rsp, 12); exit_group(0)
        byte[] code = bytes(0x31, 0xc0, 0x0f, 0xa2, 0x48, 0x83, 0xec, 0x10, 0x89, 0x1c, 0x24, 0x89, 0x54, 0x24, 0x04,
                0x89, 0x4c, 0x24, 0x08, movEax(1), movEdi(1), 0x48, 0x89, 0xe6, movEdx(12), SYSCALL,
                movEax(231), movEdi(0), SYSCALL);
        Result r = runCode(code, KvmOptions.defaults());
        assertEquals(0, r.status(), r.stderr());
        org.junit.jupiter.api.Assumptions.assumeTrue(
                org.jtcg.kvm.x86.SyscallMode.forHost() == org.jtcg.kvm.x86.SyscallMode.STUB,
                "skipped: this host's KVM is PVM, which executes user-mode CPUID natively (guest saw '" + r.stdout()
                        + "'), so KVM_SET_CPUID2 does not reach user code");
        assertEquals(org.jtcg.x86.cpuid.CpuidModel.VENDOR, r.stdout());
    }

    @Test
    void privilegedInstructionIsSigsegv() {
        Result r = runCode(bytes(0xf4), KvmOptions.defaults()); // hlt at CPL 3: #GP
        assertEquals(139, r.status(), r.stderr());
    }
}

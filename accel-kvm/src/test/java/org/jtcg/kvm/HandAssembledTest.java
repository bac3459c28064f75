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

    /**
     * The AVX state under kvm (docs/kvm.md "XSAVE and AVX state"): XGETBV reads XCR0 = x87|SSE|AVX, CPUID.1:ECX
     * has OSXSAVE and AVX, and a ymm upper half written before a syscall exit is still there after it.
     */
    @Test
    void avxStateIsEnabledAndSurvivesAnExit() throws java.io.IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                java.nio.file.Files.readString(java.nio.file.Path.of("/proc/cpuinfo")).contains(" avx2"),
                "skipped: the host CPU has no AVX2");
        // xor ecx,ecx; xgetbv; sub rsp,16; mov [rsp],eax; mov eax,1; cpuid; mov [rsp+4],ecx;
        // mov eax,0x12345678; movd xmm3,eax; vpbroadcastd ymm3,xmm3; getpid();
        // vextracti128 xmm4,ymm3,1; movd [rsp+8],xmm4; write(1, rsp, 12); exit_group(0)
        byte[] code = bytes(0x31, 0xc9, 0x0f, 0x01, 0xd0, 0x48, 0x83, 0xec, 0x10, 0x89, 0x04, 0x24, movEax(1), 0x0f, 0xa2,
                0x89, 0x4c, 0x24, 0x04, movEax(0x12345678), 0x66, 0x0f, 0x6e, 0xd8, 0xc4, 0xe2, 0x7d, 0x58, 0xdb,
                movEax(39), SYSCALL, 0xc4, 0xe3, 0x7d, 0x39, 0xdc, 0x01, 0x66, 0x0f, 0x7e, 0x64, 0x24, 0x08,
                movEax(1), movEdi(1), 0x48, 0x89, 0xe6, movEdx(12), SYSCALL, movEax(231), movEdi(0), SYSCALL);
        Result r = runCode(code, KvmOptions.defaults().withVerifySync(true));
        assertEquals(0, r.status(), r.stderr());
        java.nio.ByteBuffer out = java.nio.ByteBuffer.wrap(r.stdoutBytes())
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertEquals(12, out.capacity(), r.stderr());
        int xcr0 = out.getInt(0), ecx = out.getInt(4);
        assertEquals(0x12345678, out.getInt(8), "ymm3 bits 159:128 after the getpid exit");
        assertTrue((ecx & (1 << 27)) != 0 && (ecx & (1 << 28)) != 0, String.format("CPUID.1:ECX 0x%x lacks OSXSAVE/AVX", ecx));
        assertEquals(7, xcr0 & 7, String.format("XCR0 0x%x", xcr0));
        if (org.jtcg.kvm.x86.SyscallMode.forHost() == org.jtcg.kvm.x86.SyscallMode.STUB) {
            assertEquals(7, xcr0, "XCR0 is the model's leaf 0xD where KVM controls the guest");
        }
    }

    @Test
    void privilegedInstructionIsSigsegv() {
        Result r = runCode(bytes(0xf4), KvmOptions.defaults()); // hlt at CPL 3: #GP
        assertEquals(139, r.status(), r.stderr());
    }
}

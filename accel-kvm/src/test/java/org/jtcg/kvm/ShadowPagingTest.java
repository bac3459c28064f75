package org.jtcg.kvm;

import org.junit.jupiter.api.Test;

import static org.jtcg.kvm.KvmTestSupport.Result;
import static org.jtcg.kvm.KvmTestSupport.SYSCALL;
import static org.jtcg.kvm.KvmTestSupport.bytes;
import static org.jtcg.kvm.KvmTestSupport.runCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Unmapping or remapping a page the guest already used must take effect in the vCPU, also on a KVM that
 * shadows guest page tables (PVM here), where a TLB flush alone leaves KVM's stale shadow copy in use.
 */
class ShadowPagingTest {
    /** mmap(NULL, 4096, RW, PRIVATE|ANON) -> rbx; movl $42,(%rbx). */
    private static final byte[] MAP_AND_TOUCH = bytes(0xb8, 9, 0, 0, 0, 0x31, 0xff, 0xbe, 0, 0x10, 0, 0,
            0xba, 3, 0, 0, 0, 0x41, 0xba, 0x22, 0, 0, 0, 0x49, 0xc7, 0xc0, 0xff, 0xff, 0xff, 0xff, 0x45, 0x31, 0xc9,
            SYSCALL, 0x48, 0x89, 0xc3, 0xc7, 0x03, 42, 0, 0, 0);
    /** munmap(rbx, 4096). */
    private static final byte[] UNMAP = bytes(0xb8, 11, 0, 0, 0, 0x48, 0x89, 0xdf, 0xbe, 0, 0x10, 0, 0, SYSCALL);
    /** mov (%rbx),%edi; exit_group(edi). */
    private static final byte[] LOAD_AND_EXIT = bytes(0x8b, 0x3b, 0xb8, 231, 0, 0, 0, SYSCALL);

    /** mmap(rbx, 4096, RW, PRIVATE|ANON|FIXED) over the used page (a fresh zero frame at the same address). */
    private static final byte[] REMAP = bytes(0xb8, 9, 0, 0, 0, 0x48, 0x89, 0xdf, 0xbe, 0, 0x10, 0, 0, 0xba, 3, 0, 0, 0,
            0x41, 0xba, 0x32, 0, 0, 0, 0x49, 0xc7, 0xc0, 0xff, 0xff, 0xff, 0xff, 0x45, 0x31, 0xc9, SYSCALL);
    /** movl $42,(%rbx). */
    private static final byte[] TOUCH = bytes(0xc7, 0x03, 42, 0, 0, 0);

    /**
     * Map and touch the page, then remap-and-touch it {@code rounds} times: the engine alternates two page-table
     * roots, so KVM has shadow copies of both after a few rounds, which a plain TLB flush leaves stale.
     */
    private static byte[] churn(int rounds) {
        byte[] code = MAP_AND_TOUCH;
        for (int i = 0; i < rounds; i++) {
            code = bytes(code, REMAP, TOUCH);
        }
        return code;
    }

    @Test
    void loadFromAPageUnmappedAfterUseFaults() {
        KvmTestSupport.assumeKvm();
        Result r = runCode(bytes(churn(4), UNMAP, LOAD_AND_EXIT), KvmOptions.defaults());
        assertEquals(139, r.status(), "the load must fault after munmap: " + r.stderr());
        assertTrue(r.stderr().contains("SIGSEGV"), r.stderr());
        if (org.jtcg.kvm.x86.X86KvmOptions.forHost().shadowPaging()) {
            long resets = (Long) r.loop().engine().statsMap().get("kvm_shadow_resets");
            assertTrue(resets >= 5, "each remap and the munmap of a used page drop KVM's shadow pages: " + resets);
        }
    }

    @Test
    void remappedPageReadsItsNewZeroFrame() {
        KvmTestSupport.assumeKvm();
        Result r = runCode(bytes(churn(4), REMAP, LOAD_AND_EXIT), KvmOptions.defaults());
        assertEquals(0, r.status(), "a MAP_FIXED remap reads zeros, not the old frame's 42: " + r.stderr());
    }
}

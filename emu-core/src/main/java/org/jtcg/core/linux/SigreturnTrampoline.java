package org.jtcg.core.linux;

import org.jtcg.core.memory.GuestMemory;

/**
 * The page holding an arch's rt_sigreturn trampoline ({@link SignalFrameLayout#sigreturnTrampoline}),
 * jtcg's stand-in for the vDSO sigtramp Linux returns through when a handler's action has no
 * SA_RESTORER (glibc sets none on arm64 and s390x). Mapped read+execute on the first delivery that
 * needs it, in the address space the delivery runs in, and mapped again when that address space was
 * replaced (execve) or the guest unmapped or reprotected the page.
 */
final class SigreturnTrampoline {
    private static final int PROT = GuestMemory.PROT_READ | GuestMemory.PROT_EXEC;

    private final byte[] code;
    private GuestMemory mappedIn;
    private long address;

    SigreturnTrampoline(byte[] code) {
        this.code = code.clone();
    }

    /** The trampoline's address in {@code memory}, mapping it first when needed; 0 when no page could be mapped. */
    long address(GuestMemory memory) {
        if (mappedIn == memory && memory.protectionAt(address) == PROT) return address;
        long a = memory.mmap(0, GuestMemory.PAGE_SIZE, PROT, GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS);
        if (a < 0) return 0;
        memory.poke(a, code, 0, code.length);
        mappedIn = memory;
        address = a;
        return a;
    }
}

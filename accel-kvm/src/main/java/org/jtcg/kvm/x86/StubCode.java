package org.jtcg.kvm.x86;

import java.io.ByteArrayOutputStream;

/**
 * The ring-0 stubs, hand-assembled (the encodings are from the Intel SDM vol. 2):
 *
 * <pre>
 * syscall_entry:              ; LSTAR; RCX = user RIP, R11 = user RFLAGS, still on the user stack
 *     out  %al, $PORT_SYSCALL ; exit to the host (reads AL only, changes nothing)
 * syscall_resume:             ; the host resumes here (KVM skips the OUT, or sets RIP)
 *     FLUSH                   ; reload CR3 if the host changed the page tables
 *     sysretq                 ; RIP = RCX, RFLAGS = R11, CS/SS = user
 * exception_v:                ; IDT vector v; CPU pushed SS, RSP, RFLAGS, CS, RIP [, error code] at RSP0
 *     push $0                 ; only for vectors without an error code: uniform 6-qword frame
 *     out  %al, $(PORT_EXCEPTION_BASE + v)
 *     hlt                     ; never resumed: the host re-enters user mode with KVM_SET_REGS/SREGS
 *
 * FLUSH:
 *     cmpb $0, flush_flag(%rip) ; je 1f
 *     mov  %rax, scratch(%rip) ; mov %cr3, %rax ; mov %rax, %cr3
 *     movb $0, flush_flag(%rip) ; mov scratch(%rip), %rax
 * 1:
 * </pre>
 * No stub touches the stack on the SYSCALL path, so the user's red zone is safe.
 */
public final class StubCode {
    /** Vectors for which the CPU pushes an error code (SDM vol. 3, table 6-1). */
    public static boolean hasErrorCode(int vector) {
        return vector == 8 || (vector >= 10 && vector <= 14) || vector == 17 || vector == 21 || vector == 29 || vector == 30;
    }

    private final byte[] code;
    private final int syscallEntry;
    private final int syscallResume;
    private final int[] exceptionEntry = new int[VmLayout.IDT_VECTORS];

    /**
     * Assembles the stubs for a code page at offset {@link VmLayout#STUBS} of the private region,
     * with the data page at {@link VmLayout#DATA} (RIP-relative addressing needs their distance only).
     */
    public StubCode() {
        Asm a = new Asm();
        syscallEntry = a.pos();
        a.bytes(0xe6, VmLayout.PORT_SYSCALL);
        syscallResume = a.pos();
        a.flush();
        a.bytes(0x48, 0x0f, 0x07); // sysretq
        for (int v = 0; v < VmLayout.IDT_VECTORS; v++) {
            exceptionEntry[v] = a.pos();
            if (!hasErrorCode(v)) {
                a.bytes(0x6a, 0x00); // push $0
            }
            a.bytes(0xe6, VmLayout.PORT_EXCEPTION_BASE + v); // out %al, $port
            a.bytes(0xf4); // hlt
        }
        code = a.out.toByteArray();
        if (code.length > 0x1000) {
            throw new IllegalStateException("stubs exceed one page");
        }
    }

    public byte[] code() { return code.clone(); }
    /** Offsets from the start of the stub page. */
    public int syscallEntry() { return syscallEntry; }
    public int syscallResume() { return syscallResume; }
    public int exceptionEntry(int vector) { return exceptionEntry[vector]; }

    /** A tiny byte emitter with RIP-relative operands into the data page. */
    private static final class Asm {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        int pos() { return out.size(); }

        void bytes(int... bs) {
            for (int b : bs) {
                out.write(b);
            }
        }

        /** disp32 of a RIP-relative operand addressing data-page offset {@code dataOff}; {@code trailing}
         *  immediate bytes follow the displacement, so the next instruction starts after them. */
        void ripRel(int dataOff, int trailing) {
            int next = pos() + 4 + trailing;
            int disp = (VmLayout.DATA + dataOff) - (VmLayout.STUBS + next);
            bytes(disp & 0xff, (disp >>> 8) & 0xff, (disp >>> 16) & 0xff, disp >>> 24);
        }

        void flush() {
            bytes(0x80, 0x3d); ripRel(VmLayout.DATA_FLUSH_FLAG, 1); bytes(0x00);   // cmpb $0, flag(%rip)
            bytes(0x74, 27);                                                        // je +27
            int start = pos();
            bytes(0x48, 0x89, 0x05); ripRel(VmLayout.DATA_SCRATCH, 0);              // mov %rax, scratch(%rip)
            bytes(0x0f, 0x20, 0xd8);                                                // mov %cr3, %rax
            bytes(0x0f, 0x22, 0xd8);                                                // mov %rax, %cr3
            bytes(0xc6, 0x05); ripRel(VmLayout.DATA_FLUSH_FLAG, 1); bytes(0x00);    // movb $0, flag(%rip)
            bytes(0x48, 0x8b, 0x05); ripRel(VmLayout.DATA_SCRATCH, 0);              // mov scratch(%rip), %rax
            if (pos() - start != 27) {
                throw new IllegalStateException("flush sequence length " + (pos() - start));
            }
        }
    }
}

package org.jtcg.kvm;

import org.jtcg.core.cpu.CpuLayout;
import org.jtcg.core.cpu.CpuState;
import org.jtcg.cpreg.RegisterTable;
import org.jtcg.cpreg.X86Registers;
import org.jtcg.x86.X86UserRegisters;

import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only x86-64 CPU state exposing every id of {@link X86UserRegisters}: GPRs, RIP (the
 * inherited {@code pc} field), RFLAGS, selectors and FS/GS base as long fields; XMM, MXCSR and x87
 * in its register table. Reset values as a Linux process starts (RFLAGS 0x202, FCW 0x37f, MXCSR 0x1f80).
 */
public final class TestX86Cpu extends CpuState {
    public long rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8, r9, r10, r11, r12, r13, r14, r15;
    public long rflags = 0x202;
    public long es, cs = 0x33, ss = 0x2b, ds, fs, gs;
    public long fsBase, gsBase;

    private static final String[] GPR = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};
    private static final String[] SEG = {"es", "cs", "ss", "ds", "fs", "gs"};
    static final CpuLayout LAYOUT = buildLayout();

    private final RegisterTable sys;

    public TestX86Cpu() {
        List<Long> ids = new ArrayList<>();
        for (long id : X86UserRegisters.ids()) {
            if (LAYOUT.byId(id) == null) {
                ids.add(id);
            }
        }
        sys = new RegisterTable(ids);
        sys.writeWords(X86UserRegisters.FCW, new long[] {0x37f});
        sys.writeWords(X86Registers.MXCSR, new long[] {0x1f80});
    }

    private static CpuLayout buildLayout() {
        List<CpuLayout.Spec> specs = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            specs.add(CpuLayout.spec(GPR[i], X86Registers.gpr(i)));
        }
        specs.add(CpuLayout.spec("pc", X86Registers.RIP));
        specs.add(CpuLayout.spec("rflags", X86Registers.RFLAGS));
        for (int s = 0; s < SEG.length; s++) {
            specs.add(CpuLayout.spec(SEG[s], X86Registers.seg(s, X86Registers.SEG_SELECTOR)));
        }
        specs.add(CpuLayout.spec("fsBase", X86UserRegisters.FS_BASE));
        specs.add(CpuLayout.spec("gsBase", X86UserRegisters.GS_BASE));
        return CpuLayout.of(MethodHandles.lookup(), TestX86Cpu.class, specs);
    }

    @Override
    public CpuLayout layout() {
        return LAYOUT;
    }

    @Override
    public RegisterTable sysregs() {
        return sys;
    }
}

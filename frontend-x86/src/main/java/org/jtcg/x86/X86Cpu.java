package org.jtcg.x86;

import org.jtcg.core.cpu.CpuLayout;
import org.jtcg.core.cpu.CpuState;
import org.jtcg.cpreg.RegId;
import org.jtcg.cpreg.RegisterNames;
import org.jtcg.cpreg.X86Registers;
import org.jtcg.x86.sse.SseState;
import org.jtcg.x86.x87.X87State;

import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * x86-64 CPU state for user mode. GPRs, RIP ({@link #pc}), the lazy-flag words, the non-arithmetic
 * RFLAGS bits, the FS/GS bases and the segment selectors are hot registers (public long fields that
 * translated code keeps in JVM locals); SSE and x87 state live in {@link #sse} and {@link #x87}.
 *
 * <p>By-id access covers every id of {@link X86UserRegisters#ids()}. RFLAGS is assembled from the
 * lazy flags ({@link LazyFlags}) and {@link #rflagsRest}; writing it puts the lazy state in "flags
 * explicit" mode. x87 {@code st0..st7} are stack-relative (FXSAVE order): U128 with the significand
 * in the low word and sign/exponent in the low 16 bits of the high word. Writing FSW with a different
 * TOP keeps every ST(i) value (the physical registers rotate), so a register list restores correctly
 * whatever the write order. The abridged ftw (FXSAVE form, one bit per physical register) is kept
 * as empty/non-empty; the full tag of a non-empty register is derived from its contents whenever
 * ftw, fsw or an st register is written, so a restore gives the same tags in any id order.
 */
public final class X86Cpu extends CpuState {
    /** GPRs in hardware order: layout index n is GPR n. */
    public long rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8, r9, r10, r11, r12, r13, r14, r15;
    /** Lazy flags: see {@link LazyFlags}. Engine-internal (id 0). */
    public long ccOp, ccDst, ccSrc, ccSrc2;
    /** RFLAGS bits other than OSZAPC (DF, IF, bit 1, AC, ID ...). */
    public long rflagsRest = 0x202;
    public long fsBase, gsBase;
    /** Segment selectors (Linux user mode: cs 0x33, ss 0x2b, others 0). */
    public long es, cs = 0x33, ss = 0x2b, ds, fs, gs;

    public final SseState sse = new SseState();

    /** The IR's vector register file: XMM0-15, scratch, YMM upper halves, temporaries ({@link SseState}), two longs each. */
    @Override
    public long[] vectorFile() {
        return sse.xmm;
    }
    public final X87State x87 = new X87State();

    /** Bits of RFLAGS the guest can change with popf in user mode: OSZAPC, TF, DF, AC, ID (IOPL/IF/VM are not). */
    public static final long RFLAGS_USER_WRITABLE = LazyFlags.OSZAPC | 0x100 | LazyFlags.DF | 0x40000 | 0x200000;

    public static final String[] GPR_FIELDS = {
        "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
    };

    private static final CpuLayout LAYOUT;

    static {
        List<CpuLayout.Spec> s = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            s.add(CpuLayout.spec(GPR_FIELDS[i], X86Registers.gpr(i)));
        }
        s.add(CpuLayout.spec("pc", X86Registers.RIP));
        for (String f : new String[] {"ccOp", "ccDst", "ccSrc", "ccSrc2", "rflagsRest"}) {
            s.add(CpuLayout.spec(f, 0));
        }
        s.add(CpuLayout.spec("fsBase", X86UserRegisters.FS_BASE));
        s.add(CpuLayout.spec("gsBase", X86UserRegisters.GS_BASE));
        String[] segs = {"es", "cs", "ss", "ds", "fs", "gs"};
        for (int i = 0; i < segs.length; i++) {
            s.add(CpuLayout.spec(segs[i], X86Registers.seg(i, X86Registers.SEG_SELECTOR)));
        }
        // the SSE/AVX file is the IR's vector registers 0-35 (SseState.xmm): xmm, scratch, ymm upper halves, temps
        LAYOUT = CpuLayout.of(MethodHandles.lookup(), X86Cpu.class, s, SseState.REGISTERS);
    }

    /** Layout index of the first non-GPR fields, for translators. */
    public static final int PC = 16, CC_OP = 17, CC_DST = 18, CC_SRC = 19, CC_SRC2 = 20, RFLAGS_REST = 21,
            FS_BASE = 22, GS_BASE = 23;

    public static CpuLayout cpuLayout() {
        return LAYOUT;
    }

    @Override
    public CpuLayout layout() {
        return LAYOUT;
    }

    /** RFLAGS as the guest sees it. */
    public long rflags() {
        return LazyFlags.compute(ccOp, ccDst, ccSrc, ccSrc2) | (rflagsRest & ~(long) LazyFlags.OSZAPC);
    }

    /** Sets RFLAGS (all bits as given, bit 1 forced on); the lazy state becomes explicit. */
    public void setRflags(long v) {
        ccOp = LazyFlags.EFLAGS;
        ccSrc = v & LazyFlags.OSZAPC;
        ccDst = 0;
        ccSrc2 = 0;
        rflagsRest = (v & ~(long) LazyFlags.OSZAPC) | 2;
    }

    @Override
    public void foldLazyState() {
        if (ccOp != LazyFlags.EFLAGS || ccDst != 0 || ccSrc2 != 0 || (ccSrc & ~LazyFlags.OSZAPC) != 0) {
            long f = LazyFlags.compute(ccOp, ccDst, ccSrc, ccSrc2);
            ccOp = LazyFlags.EFLAGS;
            ccSrc = f;
            ccDst = 0;
            ccSrc2 = 0;
        }
    }

    @Override
    public long[] ids() {
        return X86UserRegisters.ids();
    }

    @Override
    public long[] readWords(long id) {
        if (LAYOUT.byId(id) != null) {
            return super.readWords(id);
        }
        if (syncHook() != null) {
            syncHook().beforeRead(id);
        }
        foldLazyState();
        long v;
        if (id == X86Registers.RFLAGS) {
            v = rflags();
        } else if (id == X86Registers.MXCSR) {
            v = sse.mxcsr & 0xffffffffL;
        } else if (isXmm(id)) {
            int n = (int) (id & 0xff);
            return new long[] {sse.lo(n), sse.hi(n)};
        } else if (isYmmHigh(id)) {
            int n = (int) (id & 0xf);
            return new long[] {sse.upperLo(n), sse.upperHi(n)};
        } else if (isSt(id)) {
            int p = (x87.top + (int) (id & 0xff)) & 7;
            return new long[] {x87.significand[p], x87.signExp[p] & 0xffffL};
        } else if (id == X86UserRegisters.FCW) {
            v = x87.fcw & 0xffff;
        } else if (id == X86UserRegisters.FSW) {
            v = x87.fsw() & 0xffff;
        } else if (id == X86UserRegisters.FTW) {
            v = abridgedTags();
        } else if (id == X86UserRegisters.FOP) {
            v = x87.fop & 0x7ff;
        } else if (id == X86UserRegisters.FIP) {
            v = x87.fip;
        } else if (id == X86UserRegisters.FDP) {
            v = x87.fdp;
        } else {
            throw new IllegalArgumentException("register " + RegisterNames.describe(id) + " is not part of this CPU state");
        }
        return new long[] {v};
    }

    @Override
    public void writeWords(long id, long[] words) {
        if (LAYOUT.byId(id) != null) {
            super.writeWords(id, words);
            return;
        }
        int want = RegId.words(id);
        if (!known(id)) {
            throw new IllegalArgumentException("register " + RegisterNames.describe(id) + " is not part of this CPU state");
        }
        if (words.length != want) {
            throw new IllegalArgumentException(RegisterNames.describe(id) + " takes " + want + " word(s), got " + words.length);
        }
        foldLazyState();
        long v = words[words.length - 1] & RegId.size(id).wordMask();
        if (id == X86Registers.RFLAGS) {
            setRflags(v);
        } else if (id == X86Registers.MXCSR) {
            sse.mxcsr = (int) v;
        } else if (isXmm(id)) {
            sse.set((int) (id & 0xff), words[0], words[1]);
        } else if (isYmmHigh(id)) {
            sse.setUpper((int) (id & 0xf), words[0], words[1]);
        } else if (isSt(id)) {
            int p = (x87.top + (int) (id & 0xff)) & 7;
            x87.significand[p] = words[0];
            x87.signExp[p] = (int) (words[1] & 0xffff);
            setAbridgedTags(abridgedTags()); // a non-empty register's tag follows its new contents
        } else if (id == X86UserRegisters.FCW) {
            x87.fcw = (int) v;
        } else if (id == X86UserRegisters.FSW) {
            setFswKeepingStack((int) v);
        } else if (id == X86UserRegisters.FTW) {
            setAbridgedTags((int) v);
        } else if (id == X86UserRegisters.FOP) {
            x87.fop = (int) v & 0x7ff;
        } else if (id == X86UserRegisters.FIP) {
            x87.fip = v;
        } else {
            x87.fdp = v;
        }
        afterRegisterWrite(id);
    }

    private static boolean known(long id) {
        return id == X86Registers.RFLAGS || id == X86Registers.MXCSR || isXmm(id) || isYmmHigh(id) || isSt(id)
                || id == X86UserRegisters.FCW || id == X86UserRegisters.FSW || id == X86UserRegisters.FTW
                || id == X86UserRegisters.FOP || id == X86UserRegisters.FIP || id == X86UserRegisters.FDP;
    }

    private static boolean isXmm(long id) {
        return (id & ~0xfL) == X86Registers.xmm(0);
    }

    private static boolean isYmmHigh(long id) {
        return (id & ~0xfL) == X86Registers.ymmHigh(0);
    }

    private static boolean isSt(long id) {
        return (id & ~0x7L) == X86Registers.st(0);
    }

    /** FXSAVE's abridged tag byte: bit i set when physical register i is not empty. */
    private int abridgedTags() {
        int r = 0;
        for (int i = 0; i < 8; i++) {
            if (((x87.tags >> (2 * i)) & 3) != 3) {
                r |= 1 << i;
            }
        }
        return r;
    }

    /** Rebuilds the full tag word from the abridged byte and the register contents (as FXRSTOR does). */
    private void setAbridgedTags(int abridged) {
        int tags = 0;
        for (int i = 0; i < 8; i++) {
            int t;
            if ((abridged & (1 << i)) == 0) {
                t = 3;
            } else {
                int exp = x87.signExp[i] & 0x7fff;
                long sig = x87.significand[i];
                if (exp == 0 && sig == 0) {
                    t = 1;
                } else if (exp == 0x7fff || exp == 0 || sig >= 0) {
                    t = 2; // NaN/infinity, denormal, or unnormal (integer bit clear)
                } else {
                    t = 0;
                }
            }
            tags |= t << (2 * i);
        }
        x87.tags = tags;
    }

    private void setFswKeepingStack(int fsw) {
        int oldTop = x87.top;
        int newTop = (fsw >> 11) & 7;
        if (newTop != oldTop) {
            long[] sig = Arrays.copyOf(x87.significand, 8);
            int[] se = Arrays.copyOf(x87.signExp, 8);
            for (int i = 0; i < 8; i++) {
                x87.significand[(newTop + i) & 7] = sig[(oldTop + i) & 7];
                x87.signExp[(newTop + i) & 7] = se[(oldTop + i) & 7];
            }
        }
        x87.setFsw(fsw);
        setAbridgedTags(abridgedTags());
    }
}

package org.jtcg.s390x.translate;

import org.jtcg.core.decode.Decoder;
import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.IrBlock;
import org.jtcg.core.ir.IrBuilder;
import org.jtcg.core.ir.Label;
import org.jtcg.core.ir.TranslationRequest;
import org.jtcg.core.ir.Translator;
import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;
import org.jtcg.core.memory.GuestFault;
import org.jtcg.core.memory.GuestMemory;

/**
 * s390x guest code to IR. Fetches the first halfword, takes the length from its top two bits, reads
 * the rest, decodes with the shared decoder ({@link S390xTable}) and hands the instruction to its
 * family's handler. Blocks end after control flow, before an instruction that would start on the next
 * page, and after {@code maxInsns} instructions. An instruction that is not in the table (including
 * the all-zero halfword) becomes SIGILL (ILL_ILLOPC, address = pc), as Linux reports an operation
 * exception. A block with an instruction that can raise fixed-point overflow gets one program-mask test
 * before the first such instruction, leading to the block's overflow-checked copy under a pseudo PC
 * ({@link ProgramMask}, {@link OverflowCheckedBlocks}). Stateless apart from a per-thread argument array.
 */
public final class S390xTranslator implements Translator {
    static final PatternHandlers<Handler> HANDLERS = buildHandlers();

    private static PatternHandlers<Handler> buildHandlers() {
        PatternHandlers.Builder<Handler> h = PatternHandlers.builder(S390xTable.TABLE);
        LoadStore.register(h);
        Arith.register(h);
        Logical.register(h);
        Compare.register(h);
        Shifts.register(h);
        Branches.register(h);
        Storage.register(h);
        SystemOps.register(h);
        FpMoves.register(h);
        Bfp.register(h);
        BfpExtended.register(h);
        FpControl.register(h);
        // general
        OverflowShifts.register(h);
        MaskedChars.register(h);
        DoubleSwap.register(h);
        LongStrings.register(h);
        HighWord.register(h);
        CompareAndTrap.register(h);
        CacheAttributes.register(h);
        ProgramMask.register(h);
        BaseGeneral.register(h);
        return h.build();
    }

    private final ThreadLocal<long[]> args = ThreadLocal.withInitial(S390xTable.TABLE::newArgumentArray);

    @Override
    public IrBlock translate(TranslationRequest req) {
        IrBuilder b = req.newBuilder();
        b.orderMemoryAccesses(true); // s390x: stores in order, loads in order (TSO-like): the JVM must not reorder them
        Emit e = new Emit(b);
        long[] a = args.get();
        long pc = req.pc();
        if (OverflowCheckedBlocks.isChecked(pc)) {
            return translateChecked(b, e, a, pc);
        }
        if (ExecuteTargets.isPseudo(pc)) {
            return translateExecuted(req, b, e, a);
        }
        e.req = req;
        long page = pc & GuestMemory.PAGE_MASK;
        byte[] buf = new byte[6];
        int n = 0;
        Checked checked = null;
        while (true) {
            if (n >= req.maxInsns() || (pc & GuestMemory.PAGE_MASK) != page) {
                b.gotoDirect(pc);
                return finish(b, checked, pc);
            }
            long insn;
            int len;
            try {
                int got = req.fetch(pc, buf, 0, 2);
                if (got < 2) {
                    req.fetch(pc + got, buf, got, 1); // faults at the missing byte
                }
                int first = ((buf[0] & 0xff) << 8) | (buf[1] & 0xff);
                len = S390xTable.length(first);
                if (len > 2) {
                    int more = req.fetch(pc + 2, buf, 2, len - 2);
                    if (more < len - 2) {
                        req.fetch(pc + 2 + more, buf, 2 + more, 1);
                    }
                }
                insn = leftAligned(buf, len);
            } catch (GuestFault f) {
                if (n == 0) {
                    throw f;
                }
                b.gotoDirect(pc);
                return finish(b, checked, pc);
            }
            b.insnStart(pc);
            int id = S390xTable.DECODER.decode(insn, a);
            if (checked == null && id != Decoder.UNALLOCATED && ProgramMask.canOverflow(id)) {
                checked = new Checked(b.newLabel(), new OverflowCheckedBlocks.Recorder(pc));
                ProgramMask.guard(e, checked.label);
            }
            if (checked != null) {
                checked.code.add(insn, len);
            }
            if (id == Decoder.UNALLOCATED) {
                b.exitSignal(Signals.SIGILL, SigCodes.ILL_ILLOPC, pc, pc + len); // PSW past it (ILC from the opcode)
                return finish(b, checked, pc + len);
            }
            e.pc = pc;
            e.next = pc + len;
            e.restartPc = pc;
            e.startInsn();
            HANDLERS.get(id).emit(e, a);
            n++;
            pc += len;
            if (e.ended) {
                return finish(b, checked, pc);
            }
        }
    }

    /** The guard of a block that has an instruction that can overflow, and the instructions from there on. */
    private record Checked(Label label, OverflowCheckedBlocks.Recorder code) {}

    /** Ends a block; one with a guard gets the guard's target: its overflow-checked copy ({@link ProgramMask}). */
    private static IrBlock finish(IrBuilder b, Checked checked, long endPc) {
        if (checked != null) {
            b.setLabel(checked.label);
            b.gotoDirect(OverflowCheckedBlocks.pseudoPc(checked.code.code()));
        }
        return b.finish(endPc);
    }

    /**
     * The overflow-checked copy of a block ({@link OverflowCheckedBlocks}): its recorded instructions at
     * their real addresses, each that can overflow followed by the interrupt test, then on to the real
     * address after them. Nothing is read from guest memory at translation time (no EXECUTE in place), so
     * the copy depends only on the recorded bytes.
     */
    private static IrBlock translateChecked(IrBuilder b, Emit e, long[] a, long pseudo) {
        OverflowCheckedBlocks.Code code = OverflowCheckedBlocks.lookup(pseudo);
        if (code == null) {
            b.insnStart(pseudo);
            b.exitSignal(Signals.SIGILL, SigCodes.ILL_ILLOPN, pseudo, pseudo);
            return b.finish(pseudo + 1);
        }
        long pc = code.pc();
        for (int i = 0; i < code.insns().length; i++) {
            int len = code.lens()[i];
            b.insnStart(pc);
            int id = S390xTable.DECODER.decode(code.insns()[i], a);
            if (id == Decoder.UNALLOCATED) {
                b.exitSignal(Signals.SIGILL, SigCodes.ILL_ILLOPC, pc, pc + len);
                return b.finish(pseudo + 1);
            }
            e.pc = pc;
            e.next = pc + len;
            e.restartPc = pc;
            e.startInsn();
            HANDLERS.get(id).emit(e, a);
            if (e.ended) {
                return b.finish(pseudo + 1);
            }
            if (ProgramMask.canOverflow(id)) {
                ProgramMask.check(e);
            }
            pc += len;
        }
        b.gotoDirect(pc);
        return b.finish(pseudo + 1);
    }

    /**
     * The block of an instruction EXECUTE runs ({@link ExecuteTargets}): the one modified instruction, with
     * the target's address for relative operands and the EXECUTE's for faults (the PSW stays at the EXECUTE),
     * continuing after the EXECUTE. An odd PC that EXECUTE did not hand out is a branch to an odd address:
     * a specification exception.
     */
    private static IrBlock translateExecuted(TranslationRequest req, IrBuilder b, Emit e, long[] a) {
        long pc = req.pc();
        ExecuteTargets.Entry x = ExecuteTargets.lookup(pc);
        if (x == null) {
            b.insnStart(pc);
            b.exitSignal(Signals.SIGILL, SigCodes.ILL_ILLOPN, pc, pc);
            return b.finish(pc + 1);
        }
        b.insnStart(x.executePc());
        int id = S390xTable.DECODER.decode(x.insn(), a);
        if (id == Decoder.UNALLOCATED) {
            b.exitSignal(Signals.SIGILL, SigCodes.ILL_ILLOPC, x.executePc(), x.next());
            return b.finish(pc + 1);
        }
        e.pc = x.target();
        e.next = x.next();
        e.restartPc = x.executePc();
        HANDLERS.get(id).emit(e, a);
        if (!e.ended) {
            if (ProgramMask.canOverflow(id)) {
                ProgramMask.check(e); // tests the mask at run time: executed instructions have no guard
            }
            b.gotoDirect(x.next());
        }
        return b.finish(pc + 1);
    }

    /** The instruction's bytes left-aligned in 48 bits, as the decode table expects. */
    static long leftAligned(byte[] buf, int len) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = (v << 8) | (i < len ? buf[i] & 0xff : 0);
        }
        return v;
    }

    @Override
    public String disassemble(GuestMemory memory, long pc) {
        if (OverflowCheckedBlocks.isChecked(pc)) {
            OverflowCheckedBlocks.Code code = OverflowCheckedBlocks.lookup(pc);
            return code == null ? "(odd address)"
                    : "(overflow-checked) " + S390xDisassembler.format(code.insns()[0], code.lens()[0], code.pc());
        }
        if (ExecuteTargets.isPseudo(pc)) {
            ExecuteTargets.Entry x = ExecuteTargets.lookup(pc);
            return x == null ? "(odd address)" : "(executed) " + S390xDisassembler.format(x.insn(), x.len(), x.target());
        }
        return S390xDisassembler.disassemble(memory, pc);
    }
}

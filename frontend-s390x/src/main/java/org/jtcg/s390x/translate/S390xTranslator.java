package org.jtcg.s390x.translate;

import org.jtcg.core.decode.Decoder;
import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.IrBlock;
import org.jtcg.core.ir.IrBuilder;
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
 * exception. Stateless apart from a per-thread argument array.
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
        if (ExecuteTargets.isPseudo(pc)) {
            return translateExecuted(req, b, e, a);
        }
        e.req = req;
        long page = pc & GuestMemory.PAGE_MASK;
        byte[] buf = new byte[6];
        int n = 0;
        while (true) {
            if (n >= req.maxInsns() || (pc & GuestMemory.PAGE_MASK) != page) {
                b.gotoDirect(pc);
                return b.finish(pc);
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
                return b.finish(pc);
            }
            b.insnStart(pc);
            int id = S390xTable.DECODER.decode(insn, a);
            if (id == Decoder.UNALLOCATED) {
                b.exitSignal(Signals.SIGILL, SigCodes.ILL_ILLOPC, pc, pc);
                return b.finish(pc + len);
            }
            e.pc = pc;
            e.next = pc + len;
            e.restartPc = pc;
            e.startInsn();
            HANDLERS.get(id).emit(e, a);
            n++;
            pc += len;
            if (e.ended) {
                return b.finish(pc);
            }
        }
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
            b.exitSignal(Signals.SIGILL, SigCodes.ILL_ILLOPC, x.executePc(), x.executePc());
            return b.finish(pc + 1);
        }
        e.pc = x.target();
        e.next = x.next();
        e.restartPc = x.executePc();
        HANDLERS.get(id).emit(e, a);
        if (!e.ended) {
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
        if (ExecuteTargets.isPseudo(pc)) {
            ExecuteTargets.Entry x = ExecuteTargets.lookup(pc);
            return x == null ? "(odd address)" : "(executed) " + S390xDisassembler.format(x.insn(), x.len(), x.target());
        }
        return S390xDisassembler.disassemble(memory, pc);
    }
}

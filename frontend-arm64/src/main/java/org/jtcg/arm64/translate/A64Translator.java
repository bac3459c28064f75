package org.jtcg.arm64.translate;

import org.jtcg.core.decode.Decoder;
import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.IrBlock;
import org.jtcg.core.ir.IrBuilder;
import org.jtcg.core.ir.TranslationRequest;
import org.jtcg.core.ir.Translator;
import org.jtcg.core.memory.GuestFault;
import org.jtcg.core.memory.GuestMemory;

/**
 * A64 guest code to IR. Each 32-bit word is decoded with the shared decoder over {@code a64.decode}
 * and handed to the handler bound to its pattern (family files: {@link DataProcImm},
 * {@link DataProcReg}, {@link Branches}, {@link LoadStore}, {@link SystemOps}, {@link SimdOps}, {@link SimdMoves}, {@link FpScalar}, {@link SimdFpArith}, {@link SimdFpMisc}).
 * Blocks end after control flow, at the page end and after {@code maxInsns}. An unallocated
 * encoding becomes SIGILL (ILL_ILLOPC) with a one-line reason. Stateless and thread-safe: the
 * argument array is per call.
 */
public final class A64Translator implements Translator {
    static final PatternHandlers<A64Handler> HANDLERS = bindAll();

    private static PatternHandlers<A64Handler> bindAll() {
        PatternHandlers.Builder<A64Handler> h = PatternHandlers.builder(A64Table.TABLE);
        DataProcImm.bind(h);
        DataProcReg.bind(h);
        Branches.bind(h);
        LoadStore.bind(h);
        SystemOps.bind(h);
        SimdOps.bind(h);
        SimdMoves.bind(h);
        SimdStructLoads.bind(h);
        SimdSaturating.bind(h);
        SimdWidening.bind(h);
        FpScalar.bind(h);
        SimdFpArith.bind(h);
        SimdFpMisc.bind(h);
        return h.build();
    }

    @Override
    public IrBlock translate(TranslationRequest req) {
        IrBuilder b = req.newBuilder();
        A64Ctx c = new A64Ctx(b);
        long[] args = A64Table.TABLE.newArgumentArray();
        byte[] buf = new byte[4];
        long pc = req.pc();
        long page = pc & GuestMemory.PAGE_MASK;
        int n = 0;
        while (true) {
            if (n >= req.maxInsns() || (pc & GuestMemory.PAGE_MASK) != page) {
                b.gotoDirect(pc);
                return b.finish(pc);
            }
            int insn;
            try {
                req.fetch(pc, buf, 0, 4); // aligned: the 4 bytes never cross a page
                insn = word(buf);
            } catch (GuestFault f) {
                if (n == 0) {
                    throw f;
                }
                b.gotoDirect(pc);
                return b.finish(pc);
            }
            b.insnStart(pc);
            c.pc = pc;
            c.insn = insn;
            int id = A64Table.DECODER.decode(insn & 0xffff_ffffL, args);
            if (id == Decoder.UNALLOCATED) {
                c.sigill();
            } else {
                HANDLERS.get(id).emit(c, args);
            }
            n++;
            pc += 4;
            if (c.ended()) {
                return b.finish(pc);
            }
        }
    }

    private static int word(byte[] buf) {
        return (buf[0] & 0xff) | (buf[1] & 0xff) << 8 | (buf[2] & 0xff) << 16 | (buf[3] & 0xff) << 24;
    }

    @Override
    public String disassemble(GuestMemory memory, long pc) {
        byte[] buf = new byte[4];
        memory.fetch(pc, buf, 0, 4);
        return A64Disassembler.format(word(buf), pc);
    }
}

package org.jtcg.x86.translate;

import org.jtcg.core.ir.IrBlock;
import org.jtcg.core.ir.IrBuilder;
import org.jtcg.core.ir.TranslationRequest;
import org.jtcg.core.ir.Translator;
import org.jtcg.core.memory.GuestFault;
import org.jtcg.core.memory.GuestMemory;
import org.jtcg.x86.decoder.DecodeStatus;
import org.jtcg.x86.decoder.DecodedInsn;
import org.jtcg.x86.decoder.Mnemonic;
import org.jtcg.x86.decoder.X86Decoder;
import org.jtcg.x86.decoder.X86Disassembler;

import java.util.Set;

/**
 * x86-64 guest code to IR. Decodes with {@link X86Decoder} at each PC and hands each instruction to
 * its family ({@link InsnTable}). Blocks end after control flow, before an instruction that would
 * start on the next page, and after {@code maxInsns} instructions. An instruction that is undefined,
 * or decoded but not implemented, becomes SIGILL (ILL_ILLOPN, address = pc), like Linux's #UD.
 * Stateless and thread-safe.
 */
public final class X86Translator implements Translator {
    /**
     * Builds the decoder's opcode table and the families' handler table now rather than at the first
     * translation (both are static and take ~15 ms at start-up): an arch's translator is where start-up
     * work is expected, and the CLI builds it on a second thread while the ELF loads (cli TranslatorPrefetch).
     */
    public X86Translator() {
        X86Decoder.loadTable();
        InsnTable.get(Mnemonic.NOP);
    }

    @Override
    public IrBlock translate(TranslationRequest req) {
        int limit = req.maxInsns();
        for (;;) {
            try {
                return translate(req, limit);
            } catch (Retry r) {
                limit = r.insns; // an unimplemented instruction: stop the block before it
            }
        }
    }

    /** Translation of the block restarts with fewer instructions (0 = the first one is SIGILL). */
    private static final class Retry extends RuntimeException {
        final int insns;

        Retry(int insns) {
            super(null, null, false, false);
            this.insns = insns;
        }
    }

    private IrBlock translate(TranslationRequest req, int limit) {
        IrBuilder b = req.newBuilder();
        b.orderMemoryAccesses(true); // x86 is TSO: the JVM must not reorder the guest's loads and stores
        Ctx c = new Ctx(b);
        long pc = req.pc();
        long page = pc & GuestMemory.PAGE_MASK;
        byte[] buf = new byte[X86Decoder.MAX_LENGTH];
        int n = 0;
        while (true) {
            if (n >= Math.max(limit, 1) || (pc & GuestMemory.PAGE_MASK) != page) {
                b.gotoDirect(pc);
                return finish(c, pc);
            }
            int avail;
            try {
                avail = req.fetch(pc, buf, 0, buf.length);
            } catch (GuestFault f) {
                if (n == 0) {
                    throw f;
                }
                b.gotoDirect(pc);
                return finish(c, pc);
            }
            DecodedInsn insn = X86Decoder.decode(buf, 0, avail, pc);
            if (insn.status() == DecodeStatus.TRUNCATED) {
                if (n == 0) {
                    // the instruction runs into a page we may not execute: fault at its first missing byte
                    req.fetch(pc + avail, new byte[1], 0, 1);
                    throw new IllegalStateException("fetch at 0x" + Long.toHexString(pc + avail) + " did not fault");
                }
                b.gotoDirect(pc);
                return finish(c, pc);
            }
            b.insnStart(pc);
            c.insn = insn;
            InsnTable.Emitter e = insn.ok() ? InsnTable.get(insn) : null;
            if (e == null || (limit == 0 && n == 0)) {
                c.sigill();
                return finish(c, pc + Math.max(1, insn.length()));
            }
            try {
                e.emit(c);
            } catch (Ctx.Unsupported u) {
                throw new Retry(n);
            }
            n++;
            pc = insn.nextPc();
            if (c.ended()) {
                return finish(c, pc);
            }
        }
    }

    private static IrBlock finish(Ctx c, long endPc) {
        c.emitStubs();
        return c.b.finish(endPc);
    }

    @Override
    public String disassemble(GuestMemory memory, long pc) {
        byte[] buf = new byte[X86Decoder.MAX_LENGTH];
        int avail = memory.fetch(pc, buf, 0, buf.length);
        DecodedInsn i = X86Decoder.decode(buf, 0, avail, pc);
        return i.ok() ? X86Disassembler.format(i) : "(bad) " + i.hexBytes();
    }

    /** The decoded ops this translator implements. */
    public static Set<Mnemonic> supportedOps() {
        return InsnTable.supported();
    }

    /** The ops whose VEX (AVX/AVX2) forms this translator implements. */
    public static Set<Mnemonic> supportedVexOps() {
        return InsnTable.supportedVex();
    }
}

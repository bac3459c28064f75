package org.jtcg.core.engine;

import org.jtcg.core.ir.IrBlock;
import org.jtcg.core.ir.Op;
import org.jtcg.core.ir.Opcode;
import org.jtcg.core.ir.Passes;

import java.util.ArrayList;
import java.util.List;

/**
 * A cached block: its executable code, a description of its exits, and chain links. Direct
 * exit {@code i} is chained by storing the successor in {@code chain[i]}; the successor records
 * the link in {@code incoming} so invalidating it can unlink every predecessor.
 */
public final class TranslatedBlock {
    final long pc;
    final long endPc;
    final int insnCount;
    /** The executable form; replaced in place when the block tiers up from the interpreter. */
    BlockCode code;
    /** Still in the interpreter form (see {@link BlockEngine.Config#tierUpThreshold()}). */
    boolean cold;
    final Opcode[] exitKind;
    final long[] exitPc;
    final int[] exitSigno;
    final int[] exitSiCode;
    final String[] exitDetail;
    final TranslatedBlock[] chain;
    /**
     * Per indirect exit: the block it went to last time (set by the dispatcher, no incoming link kept).
     * Only a guess for region forming: a region jumps there after comparing the exit's pc with it.
     */
    final TranslatedBlock[] lastIndirect;
    final List<Link> incoming = new ArrayList<>(2);
    /** The dispatcher has come here by an indirect jump (a return, say): a candidate region entry ({@link RegionEntries#choose}). */
    boolean enteredIndirectly;
    boolean valid = true;
    /** The IR the code was compiled from, kept for tier-up and regions (null when neither is on). */
    final IrBlock ir;
    /** Times the dispatcher ran this block on its own (counts towards region formation). */
    int execCount;
    /**
     * execCount at which the dispatcher next acts on this cold block's tier-up ({@link #NEVER} once tiered up
     * or while its background compile is queued; {@link #RETRANSLATE} when the background compiler found it
     * too large: the guest thread translates it again smaller).
     */
    int nextTierUp = NEVER;
    static final int NEVER = Integer.MAX_VALUE, RETRANSLATE = Integer.MIN_VALUE;
    /** Set by the background compiler: too large for the engine's compiler (the guest translates it again smaller). */
    boolean tooLargeToTierUp;
    /** This block's tier-up job while it waits in the background compile queue, else null ({@link TierCompiles}). */
    Runnable queuedTierUp;
    /** The region job headed here while it waits in the background compile queue, else null. */
    TierCompiles.QueuedRegion queuedRegion;
    /** execCount at which the engine next tries to build a region headed here ({@link #NEVER} while one is queued). */
    int nextRegionTry;
    /** Guest instructions the next region headed here may have (lowered when a larger one did not fit a method). */
    int regionMaxInsns = TierCompiles.REGION_MAX_INSNS;
    /** A region grown at this head did not fit one compilable method: the head's region grows no more ({@link RegionGrowth}). */
    boolean growBlocked;
    /** The region headed by this block. */
    Region region;
    /**
     * The region entry {@link BlockEngine#run} takes instead of running this block: its own region's head entry,
     * else (with {@link RegionEntries#MEMBER_ENTRY}) the entry at this block of the first installed region holding it;
     * null when it runs on its own. Written under the cache lock, read unlocked (an immutable entry).
     */
    Region.Entry regionEntry;
    /** Translated on a page written while it held code: ends after its first store, joins no region ({@link SelfModifyingCode}). */
    boolean onSmcPage;
    /** {@link #ir} went through {@link Passes#optimizeCold} only: the bytecode tiers compile {@link #hotIr}. */
    boolean narrowWhenHot;
    private volatile IrBlock hotIr;

    /**
     * The IR the bytecode tiers compile (tier-up, regions): {@link #ir}, narrowed once on first use when it was
     * translated for the cold tier. Either thread may compute it first; both get equal blocks.
     */
    IrBlock hotIr() {
        IrBlock h = hotIr;
        if (h == null) {
            h = narrowWhenHot ? Passes.narrow(ir) : ir;
            if (h != ir && !sameExits(ir, h)) {
                h = ir; // the exit table and chain links index ir's exits: never compile a block that numbers them otherwise
            }
            hotIr = h;
        }
        return h;
    }

    private static boolean sameExits(IrBlock a, IrBlock b) {
        List<Op> ea = a.exits();
        List<Op> eb = b.exits();
        if (ea.size() != eb.size()) {
            return false;
        }
        for (int i = 0; i < ea.size(); i++) {
            if (ea.get(i).opc != eb.get(i).opc || ea.get(i).imm != eb.get(i).imm) {
                return false;
            }
        }
        return true;
    }

    /** Regions this block is a member of (dropped with it). */
    final List<Region> inRegions = new ArrayList<>(1);

    record Link(TranslatedBlock from, int exit) {}

    TranslatedBlock(IrBlock ir, BlockCode code) {
        this(ir, code, false, false, 0);
    }

    TranslatedBlock(IrBlock ir, BlockCode code, boolean keepIr, boolean cold, int regionThreshold) {
        this.ir = keepIr ? ir : null;
        this.cold = cold;
        this.nextRegionTry = regionThreshold;
        this.pc = ir.startPc();
        this.endPc = ir.startPc() + ir.guestLength();
        this.insnCount = ir.insnCount();
        this.code = code;
        List<Op> exits = ir.exits();
        int n = exits.size();
        exitKind = new Opcode[n];
        exitPc = new long[n];
        exitSigno = new int[n];
        exitSiCode = new int[n];
        exitDetail = new String[n];
        for (int i = 0; i < n; i++) {
            Op e = exits.get(i);
            exitKind[i] = e.opc;
            exitPc[i] = e.imm;
            exitSigno[i] = e.aux1;
            exitSiCode[i] = e.aux2;
            exitDetail[i] = e.detail;
        }
        chain = new TranslatedBlock[n];
        lastIndirect = new TranslatedBlock[n];
    }

    public long pc() { return pc; }
    public long endPc() { return endPc; }
    public boolean isValid() { return valid; }
}

package org.jtcg.core.engine;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.ir.IrBlock;
import org.jtcg.core.ir.IrPrinter;
import org.jtcg.core.ir.Passes;
import org.jtcg.core.ir.TranslationRequest;
import org.jtcg.core.ir.Translator;
import org.jtcg.core.memory.GuestFault;
import org.jtcg.core.memory.GuestMemory;
import org.jtcg.core.signal.Signals;

import java.io.PrintStream;
import java.util.Set;

/**
 * The translate-cache-dispatch loop shared by the interp and jit engines; they differ only in
 * their {@link BlockCompiler}. Blocks come from the arch's {@link Translator}, go through
 * {@link Passes#optimize} (unless disabled), are compiled and cached in a {@link BlockCache}.
 *
 * <p>The loop is iterative: a direct exit whose successor is chained continues with it without
 * any lookup; other continuing exits look the PC up (jump cache, then map, then translate).
 * Syscall, signal, halt and fault exits fold lazy state and return, and so does every goto exit once
 * {@link CpuState#requestExit()} was called (region code checks it on its back edges and leaves through
 * the plain exit).
 *
 * <p>One instance may run several CPUs at once, one per JVM thread (the parallel guest threads of a
 * process share their translated code): the block caches are thread-safe ({@link BlockCache}), and each
 * thread has its own {@link ExecContext}, jump caches and counters ({@link EngineThreads}).
 */
public class BlockEngine implements Engine {
    /**
     * Engine tuning.
     *
     * @param optimize run the IR passes
     * @param maxInsns guest instructions per block (the JIT halves it for blocks too big for one method)
     * @param chain    chain direct exits
     * @param tierUpThreshold when &gt; 0 and the engine has a cold compiler, new blocks are first built by
     *                 it (e.g. for the IR interpreter: cheap to build, slow to run) and handed to the
     *                 engine's compiler once they have run this many times; 0 = compile every block
     *                 with the engine's compiler at once
     * @param regionThreshold run count after which a block that is on a loop of chained blocks gets
     *                 that loop compiled as one region ({@link BlockCompiler#compileRegion}); 0 = never
     * @param backgroundCompile tier-ups and regions are compiled by a background thread ({@link CompileQueue})
     *                 while the guest runs on in the block's current tier; false = the guest thread compiles
     *                 them when they become due (deterministic counts, for tests that count them)
     */
    public record Config(boolean optimize, int maxInsns, boolean chain, int tierUpThreshold, int regionThreshold,
                         boolean backgroundCompile) {
        /** No tiers, no regions: every block is compiled by the engine's compiler and dispatched on its own. */
        public Config(boolean optimize, int maxInsns, boolean chain) {
            this(optimize, maxInsns, chain, 0, 0, false);
        }

        /** Tiers and regions compiled synchronously by the guest thread that finds them due. */
        public Config(boolean optimize, int maxInsns, boolean chain, int tierUpThreshold, int regionThreshold) {
            this(optimize, maxInsns, chain, tierUpThreshold, regionThreshold, false);
        }

        /**
         * From system properties: jtcg.noopt, jtcg.maxInsns, jtcg.tierUp (default 1000, 0 = off; 50 while the
         * cold tier was the IR interpreter, docs/performance.md "Round 6 — cold tier"),
         * jtcg.regionThreshold (default 1000, 0 = off), jtcg.backgroundCompile (default true).
         */
        public static Config defaults() {
            return new Config(!Boolean.getBoolean("jtcg.noopt"), Integer.getInteger("jtcg.maxInsns", 128), true,
                    Integer.getInteger("jtcg.tierUp", 1000), Integer.getInteger("jtcg.regionThreshold", 1000),
                    Boolean.parseBoolean(System.getProperty("jtcg.backgroundCompile", "true")));
        }
    }

    private static final EngineExit HALT = new EngineExit(EngineExit.Kind.HALT, 0, 0, 0, null);

    /**
     * Whether the dispatcher and region back edges honour {@link CpuState#requestExit()} (asynchronous signals
     * inside loops without syscalls). {@code -Djtcg.interruptChecks=false} turns the checks off, only to
     * measure what they cost (docs/performance.md); a guest spinning on a signal flag then never sees it.
     */
    public static final boolean INTERRUPTIBLE = !"false".equals(System.getProperty("jtcg.interruptChecks"));

    private final String name;
    private final EngineContext ctx;
    private final BlockCompiler compiler;
    private final Config config;
    private final GuestMemory memory;
    private final Translator translator;
    /** Counters changed under the block caches' locks (invalidations); the rest are per thread. */
    private final EngineStats sharedStats = new EngineStats();
    private final EngineThreads threads;
    private final BlockCache cache;
    private final BlockCache singleInsnCache;
    private final SelfModifyingCode smc = new SelfModifyingCode();
    private final PrintStream traceOut;
    private final boolean traceInAsm, traceOp, traceExec;
    /** Whether run() forms regions (a threshold is set, the compiler builds them, exec tracing is off). */
    private final boolean regions;
    /** The compiler of new blocks before they tier up, or null when every block goes to {@link #compiler}. */
    private final BlockCompiler coldCompiler;
    /** Tier-ups and regions: compiled in the background or by the guest thread. */
    private final TierCompiles tiers;
    /** Count of one region exit at which the region may grow over it ({@link RegionGrowth}); 0 = never. */
    private final int growAt;
    private boolean closed;

    /** An engine without tiers: every block goes to {@code compiler} ({@link Config#tierUpThreshold()} is unused). */
    public BlockEngine(String name, EngineContext ctx, BlockCompiler compiler, Config config) {
        this(name, ctx, compiler, null, config);
    }

    /**
     * @param compiler     the compiler of hot blocks and regions
     * @param coldCompiler the compiler of new blocks until they have run
     *                     {@link Config#tierUpThreshold()} times (cheap to build, e.g. the IR
     *                     interpreter's), or null for no tiers
     */
    public BlockEngine(String name, EngineContext ctx, BlockCompiler compiler, BlockCompiler coldCompiler, Config config) {
        this.name = name;
        this.ctx = ctx;
        this.compiler = compiler;
        this.config = config;
        this.memory = ctx.memory();
        this.translator = ctx.arch().translator();
        this.cache = new BlockCache(memory, sharedStats);
        this.singleInsnCache = new BlockCache(memory, sharedStats);
        this.threads = new EngineThreads(memory);
        Set<String> trace = ctx.trace() == null ? Set.of() : ctx.trace();
        this.traceOut = ctx.traceOut();
        this.traceInAsm = traceOut != null && trace.contains("in_asm");
        this.traceOp = traceOut != null && trace.contains("op");
        this.traceExec = traceOut != null && trace.contains("exec");
        this.regions = config.regionThreshold() > 0 && !traceExec
                && compiler.buildsRegions();
        this.coldCompiler = config.tierUpThreshold() > 0 ? coldCompiler : null;
        this.tiers = new TierCompiles(name, compiler, config.tierUpThreshold(), config.regionThreshold(), regions,
                config.backgroundCompile() && (this.coldCompiler != null || regions));
        this.growAt = regions ? RegionGrowth.growAt(config.regionThreshold()) : 0;
        memory.addCodeWriteListener(this::codeWritten);
    }

    private void codeWritten(long va) {
        boolean dropped = false;
        if (!closed) {
            dropped = cache.invalidatePage(va);
            dropped |= singleInsnCache.invalidatePage(va);
        }
        threads.codeChanged(dropped);
        EngineThreads.PerThread writer = threads.currentIfAny();
        if (writer != null) {
            smc.codeWritten(va, writer.exec); // may refuse the store: precise self-modifying code
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public java.util.Map<String, Object> statsMap() {
        return stats().asMap();
    }

    /** The block cache of {@link #run} (tests and diagnostics in this package). */
    BlockCache cacheForTests() {
        return cache;
    }

    /** The counters of every thread that ran this engine, summed (a snapshot). */
    public EngineStats stats() {
        EngineStats s = threads.total();
        s.add(sharedStats);
        tiers.addStats(s);
        return s;
    }

    public EngineContext context() {
        return ctx;
    }

    @Override
    public EngineExit run(CpuState cpu) {
        return loop(cpu, false, cache, config.maxInsns());
    }

    @Override
    public EngineExit step(CpuState cpu) {
        return loop(cpu, true, cache, config.maxInsns());
    }

    /** Executes exactly one guest instruction (a one-instruction block, cached separately). */
    @Override
    public boolean canStepInstruction() {
        return true;
    }

    @Override
    public EngineExit stepInstruction(CpuState cpu) {
        return loop(cpu, true, singleInsnCache, 1);
    }

    /** Every CPU's state is in its CpuState between runs, and the cache is shared (by parallel runs too, one per thread). */
    @Override
    public boolean runsManyCpus() {
        return true;
    }

    /**
     * Waits until the background compiler has run every queued job (tests that count tier-ups or regions;
     * an engine handoff). Nothing to wait for with synchronous compilation.
     */
    public void awaitBackgroundCompiles() {
        tiers.awaitBackgroundCompiles();
    }

    /** Tests: where regions formed from now on may be entered besides their heads ({@link RegionEntries.MemberEntry}). */
    void regionMemberEntryForTests(RegionEntries.MemberEntry mode) {
        cache.memberEntry = mode;
    }

    /** The background compile queue, or null (tests: {@link CompileQueue#hold}). */
    CompileQueue compileQueueForTests() {
        return tiers.queue;
    }

    /**
     * Handoff to another engine: no queued compile of this one is left half-way while the other runs (the
     * code it would install is checked against invalidation anyway; draining keeps the handoff point simple).
     */
    @Override
    public void leave(CpuState cpu, Engine next) {
        awaitBackgroundCompiles();
    }

    @Override
    public void invalidate(long va, long len) {
        boolean dropped = cache.invalidate(va, len);
        dropped |= singleInsnCache.invalidate(va, len);
        threads.codeChanged(dropped);
    }

    /** The calling thread will not run this engine again (its guest thread ended). */
    @Override
    public void threadEnded() {
        threads.release();
    }

    @Override
    public void close() {
        if (HOT_BLOCKS > 0 && !closed) {
            printHotBlocks(System.err, HOT_BLOCKS);
        }
        closed = true;
        tiers.close(); // before the cache empties: a job compiling now finds its blocks dropped and installs nothing
        cache.clear();
        singleInsnCache.clear();
    }

    /** {@code -Djtcg.hotBlocks=N}: at close, print the N blocks the dispatcher ran most (tuning aid). */
    private static final int HOT_BLOCKS = Integer.getInteger("jtcg.hotBlocks", 0);

    private void printHotBlocks(PrintStream out, int n) {
        java.util.List<Region> rs = new java.util.ArrayList<>();
        for (TranslatedBlock tb : cache.blocks()) {
            if (tb.region != null) {
                rs.add(tb.region);
            }
        }
        rs.sort((a, b) -> Long.compare(b.entries(), a.entries()));
        // overlap: member slots over distinct member blocks (the blocks compiled into more than one region)
        java.util.Map<TranslatedBlock, Integer> holders = new java.util.IdentityHashMap<>();
        long slots = 0, insnSlots = 0;
        for (Region rg : rs) {
            for (TranslatedBlock m : rg.members) {
                holders.merge(m, 1, Integer::sum);
                slots++;
                insnSlots += m.insnCount;
            }
        }
        long shared = holders.values().stream().filter(c -> c > 1).count();
        long memberEntries = rs.stream().mapToLong(rg -> rg.memberEntryCount).sum();
        out.printf("jtcg: %d installed regions: %d member slots (%d guest insns) over %d distinct blocks, %d blocks in"
                + " more than one region; %d entries at a non-head member%n", rs.size(), slots, insnSlots, holders.size(),
                shared, memberEntries);
        out.printf("jtcg: the %d regions entered most, with their hot exits:%n", Math.min(n, rs.size()));
        for (Region rg : rs.subList(0, Math.min(n, rs.size()))) {
            StringBuilder exits = new StringBuilder();
            for (int r = 0; r < rg.exitCounts.length; r++) {
                if (rg.exitCounts[r] * 20L >= rg.entries() && rg.exitCounts[r] > 0) {
                    TranslatedBlock m = rg.exitBlock[r];
                    int e = rg.exitIndex[r];
                    TranslatedBlock to = m.exitKind[e] == org.jtcg.core.ir.Opcode.GOTO_DIRECT ? m.chain[e]
                            : m.exitKind[e] == org.jtcg.core.ir.Opcode.GOTO_INDIRECT ? m.lastIndirect[e] : null;
                    exits.append(String.format(" %s@0x%x->%s:%d", m.exitKind[e], m.pc,
                            to == null ? "?" : String.format("0x%x%s", to.pc, to.regionEntry != null ? "(R)" : ""), rg.exitCounts[r]));
                }
            }
            out.printf("  0x%x %9d entries %2d blocks %3d insns |%s%n", rg.head.pc, rg.entries(), rg.members.length,
                    java.util.Arrays.stream(rg.members).mapToInt(m -> m.insnCount).sum(), exits);
        }
        java.util.List<TranslatedBlock> all = new java.util.ArrayList<>(cache.blocks());
        all.sort((a, b) -> Integer.compare(b.execCount, a.execCount));
        out.printf("jtcg: %d blocks; the %d the dispatcher ran most (regions entered at a head are not counted):%n",
                all.size(), Math.min(n, all.size()));
        for (TranslatedBlock tb : all.subList(0, Math.min(n, all.size()))) {
            StringBuilder exits = new StringBuilder();
            for (int e = 0; e < tb.exitKind.length; e++) {
                exits.append(' ').append(tb.exitKind[e]).append(tb.exitKind[e] == org.jtcg.core.ir.Opcode.GOTO_DIRECT
                        ? String.format("->0x%x%s", tb.exitPc[e], tb.chain[e] != null ? "" : "(unlinked)") : "");
            }
            out.printf("  0x%x %8d runs %3d insns%s%s%s |%s%n", tb.pc, tb.execCount, tb.insnCount,
                    tb.region != null ? " region-head" : "", tb.inRegions.isEmpty() ? "" : " in-region",
                    tb.cold ? " cold" : "", exits);
        }
    }

    private EngineExit loop(CpuState cpu, boolean once, BlockCache bc, int maxInsns) {
        tiers.rethrowFailure();
        EngineThreads.PerThread me = threads.current();
        me.running = cpu;
        try {
            return loop(cpu, once, bc, maxInsns, me.exec, bc == cache ? me.jumpCache : me.singleInsnJumpCache, me.stats);
        } finally {
            me.running = null;
            me.exec.runningBlock = null;
            me.exec.runningRegion = null;
        }
    }

    private EngineExit loop(CpuState cpu, boolean once, BlockCache bc, int maxInsns, ExecContext exec,
                            TranslatedBlock[] jumpCache, EngineStats stats) {
        TranslatedBlock tb = null;
        TranslatedBlock indirectFrom = null; // block whose indirect exit indirectExit led to the lookup
        int indirectExit = 0;
        Region linkFrom = null; // the region whose result linkResult led here (learning region-to-region links)
        int linkResult = 0;
        for (;;) {
            if (tb == null) {
                try {
                    tb = lookup(cpu, bc, maxInsns, jumpCache, stats);
                    if (indirectFrom != null) {
                        indirectFrom.lastIndirect[indirectExit] = tb;
                        if (!tb.enteredIndirectly) {
                            tb.enteredIndirectly = true;
                        }
                        indirectFrom = null;
                    }
                } catch (GuestFault f) {
                    cpu.foldLazyState();
                    return EngineExit.signal(Signals.SIGSEGV, f.siCode(), f.address(), f.getMessage());
                }
            }
            if (traceExec) {
                traceOut.printf("Trace %s: pc=0x%x%n", name, tb.pc);
            }
            int r;
            Region.Entry entry = tb.regionEntry;
            if (entry != null && !once) {
                if (linkFrom != null) {
                    linkFrom.linkedNext[linkResult] = entry; // that exit takes this entry directly from now on
                    linkFrom = null;
                }
                exec.runningBlock = null;
                Region region;
                int rr;
                for (;;) {
                    region = entry.region;
                    stats.regionEntries++;
                    if (entry.member != 0) {
                        stats.regionMemberEntries++;
                        region.memberEntryCount++;
                    }
                    exec.runningRegion = region;
                    exec.regionEntry = entry.member;
                    rr = region.code.exec(cpu, exec);
                    if (rr < 0) {
                        break;
                    }
                    if (++region.exitCounts[rr] == growAt) {
                        tiers.growRegion(region, rr, bc, stats); // a hot exit: compile the region again with its target inside
                    }
                    // Region-to-region link: the entry this exit took last time, still the one installed at its block
                    // and that block is where the guest goes (an indirect exit's target varies). Skips the exit
                    // decoding, chain and lookup below; the interrupt check is the one every continuing exit makes.
                    Region.Entry next = region.linkedNext[rr];
                    if (next == null || next.block.regionEntry != next || next.block.pc != cpu.pc
                            || (cpu.exitRequested && INTERRUPTIBLE)) {
                        break;
                    }
                    stats.regionLinkJumps++;
                    entry = next;
                }
                if (rr < 0 && SelfModifyingCode.isRestart(exec)) {
                    tb = null; // the store changed code of this region: run on from the storing instruction
                    continue;
                }
                if (rr < 0) {
                    cpu.foldLazyState();
                    return EngineExit.signal(Signals.SIGSEGV, exec.faultSiCode, exec.faultAddress,
                            String.format("guest memory fault at 0x%x", exec.faultAddress));
                }
                tb = region.exitBlock[rr]; // continue as after the member block that left
                r = region.exitIndex[rr];
                if (Region.LINKS) {
                    linkFrom = region; // if the guest goes on into a region, link this exit to it
                    linkResult = rr;
                }
            } else {
                linkFrom = null;
                int count = ++tb.execCount;
                if (count >= tb.nextTierUp && (once || !tiers.tierUpYieldsToRegion(tb))) {
                    tb = tierUp(tb, cpu, bc, jumpCache, stats);
                }
                if (regions && !once && count >= tb.nextRegionTry && tb.ir != null) {
                    tiers.formRegion(tb, bc, stats);
                    if (tb.regionEntry != null) {
                        continue;
                    }
                }
                stats.blocksExecuted++;
                exec.runningBlock = tb;
                exec.runningRegion = null;
                r = tb.code.exec(cpu, exec);
                if (r < 0 && SelfModifyingCode.isRestart(exec)) {
                    tb = null; // the store changed code of this block: run on from the storing instruction
                    continue;
                }
                if (r < 0) {
                    cpu.foldLazyState();
                    return EngineExit.signal(Signals.SIGSEGV, exec.faultSiCode, exec.faultAddress,
                            String.format("guest memory fault at 0x%x", exec.faultAddress));
                }
            }
            switch (tb.exitKind[r]) {
                case GOTO_DIRECT -> {
                    if (once) {
                        cpu.foldLazyState();
                        return EngineExit.stepDone();
                    }
                    if (cpu.exitRequested && INTERRUPTIBLE) {
                        cpu.foldLazyState();
                        return EngineExit.interrupted();
                    }
                    TranslatedBlock next = tb.chain[r];
                    if (next != null) {
                        stats.chainedJumps++;
                        tb = next;
                    } else {
                        TranslatedBlock from = tb;
                        tb = null;
                        try {
                            tb = lookup(cpu, bc, maxInsns, jumpCache, stats);
                        } catch (GuestFault f) {
                            cpu.foldLazyState();
                            return EngineExit.signal(Signals.SIGSEGV, f.siCode(), f.address(), f.getMessage());
                        }
                        if (config.chain()) {
                            bc.link(from, r, tb);
                        }
                    }
                }
                case GOTO_INDIRECT -> {
                    if (once) {
                        cpu.foldLazyState();
                        return EngineExit.stepDone();
                    }
                    if (cpu.exitRequested && INTERRUPTIBLE) {
                        cpu.foldLazyState();
                        return EngineExit.interrupted();
                    }
                    indirectFrom = tb;
                    indirectExit = r;
                    tb = null;
                }
                case EXIT_SYSCALL -> {
                    cpu.foldLazyState();
                    return EngineExit.syscall();
                }
                case EXIT_SIGNAL -> {
                    cpu.foldLazyState();
                    return EngineExit.signal(tb.exitSigno[r], tb.exitSiCode[r], exec.signalAddress, tb.exitDetail[r]);
                }
                case EXIT_HALT -> {
                    cpu.foldLazyState();
                    return HALT;
                }
                default -> throw new IllegalStateException("block returned non-exit " + tb.exitKind[r]);
            }
        }
    }

    /**
     * A cold block has run {@link Config#tierUpThreshold()} times ({@link TierCompiles#tierUp}); a block too
     * large for the engine's compiler is translated again smaller (the new block replaces it in the cache).
     */
    private TranslatedBlock tierUp(TranslatedBlock tb, CpuState cpu, BlockCache bc, TranslatedBlock[] jumpCache,
                                   EngineStats stats) {
        if (tiers.tierUp(tb, bc, stats)) {
            return tb;
        }
        TranslatedBlock smaller = translate(cpu, tb.pc, Math.max(1, tb.insnCount / 2), false, stats);
        bc.add(smaller, jumpCache);
        return smaller;
    }

    private TranslatedBlock lookup(CpuState cpu, BlockCache bc, int maxInsns, TranslatedBlock[] jumpCache,
                                   EngineStats stats) {
        long pc = cpu.pc;
        TranslatedBlock tb = bc.find(pc, jumpCache, stats);
        if (tb != null) {
            return tb;
        }
        tiers.rethrowFailure();
        tb = translate(cpu, pc, maxInsns, coldCompiler != null, stats);
        bc.add(tb, jumpCache);
        return tb;
    }

    /** Translates, optimises and compiles a block: with the cold (interpreter) tier when {@code cold}. */
    private TranslatedBlock translate(CpuState cpu, long pc, int maxInsns, boolean cold, EngineStats stats) {
        int n = maxInsns;
        for (;;) {
            IrBlock ir = translator.translate(new TranslationRequest(pc, memory, cpu.layout(), n));
            if (ir.startPc() != pc) {
                throw new IllegalStateException(String.format("translator returned a block for 0x%x when asked for 0x%x",
                        ir.startPc(), pc));
            }
            if (ir.insnCount() > n) {
                throw new IllegalStateException(String.format("translator put %d instructions in a block at 0x%x (max %d)",
                        ir.insnCount(), pc, n));
            }
            stats.translations++;
            boolean onSmcPage = smc.touches(pc, pc + ir.guestLength());
            if (onSmcPage) {
                int upToStore = SelfModifyingCode.instructionsUpToFirstStore(ir);
                if (upToStore < ir.insnCount()) {
                    n = upToStore; // end the block after its first store
                    continue;
                }
            }
            if (traceInAsm) {
                traceInAsm(ir);
            }
            if (config.optimize()) {
                ir = cold ? Passes.optimizeCold(ir) : Passes.optimize(ir);
            }
            if (traceOp) {
                traceOut.print(IrPrinter.print(ir));
            }
            try {
                BlockCode code = cold ? coldCompiler.compile(ir) : compiler.compile(ir);
                TranslatedBlock tb = new TranslatedBlock(ir, code, cold || regions, cold, config.regionThreshold());
                tb.onSmcPage = onSmcPage;
                tb.narrowWhenHot = cold && config.optimize();
                if (cold) {
                    tb.nextTierUp = config.tierUpThreshold();
                }
                return tb;
            } catch (BlockTooLargeException e) {
                if (ir.insnCount() <= 1) {
                    throw new IllegalStateException(String.format("one instruction at 0x%x is too large to compile: %s",
                            pc, e.getMessage()), e);
                }
                n = Math.max(1, ir.insnCount() / 2);
            }
        }
    }

    private void traceInAsm(IrBlock ir) {
        StringBuilder sb = new StringBuilder("IN:\n");
        for (long ipc : ir.insnPcs()) {
            String text;
            try {
                text = translator.disassemble(memory, ipc);
            } catch (GuestFault f) {
                text = "(fault)";
            }
            sb.append(String.format("0x%016x:  %s%n", ipc, text == null ? "(no disassembler)" : text));
        }
        traceOut.print(sb);
    }
}

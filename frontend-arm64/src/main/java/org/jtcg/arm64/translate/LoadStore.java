package org.jtcg.arm64.translate;

import org.jtcg.arm64.Arm64Cpu;
import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.GuestAtomics;
import org.jtcg.core.ir.Label;
import org.jtcg.core.ir.Val;
import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;

import static org.jtcg.arm64.translate.A64Table.*;

/**
 * Loads and stores of general and FP/SIMD registers: unsigned offset, unscaled, pre/post-index,
 * register offset, literal, pairs (incl. ldpsw), acquire/release and exclusives. Accesses may be
 * unaligned (Linux runs EL0 with SCTLR_EL1.A = 0). A faulting access leaves every register as it
 * was: values are loaded into temps first and the base is written back last.
 *
 * <p>Exclusive monitor: load-exclusive records the address and the loaded value(s); a
 * store-exclusive succeeds when the monitor is armed, the address is the same and a host
 * compare-and-swap from the recorded value(s) to the new one(s) succeeds ({@link GuestAtomics}; a
 * pair of 8-byte registers is one 16-byte compare-and-swap). So an LDXR/STXR loop is atomic against
 * every other thread. Unlike a hardware monitor it succeeds if another thread wrote the same value
 * back meanwhile (ABA): harmless for read-modify-write loops, whose result is then the same.
 *
 * <p>Ordering (the guest's own model; plain accesses are unordered IR LOAD/STOREs): LDAR and LDAXR/LDAXP
 * load, then an acquire fence; STLR is a release fence, the store, then a full fence, so a later LDAR
 * cannot be satisfied before it (Arm's release/acquire is sequentially consistent); a store-exclusive's
 * compare-and-swap is a full fence on its own.
 */
final class LoadStore {
    private LoadStore() {}

    static void bind(PatternHandlers.Builder<A64Handler> h) {
        h.on("LS_uimm", (c, a) -> {
            int scale = scale(a);
            single(c, a, c.b.add(c.xsp((int) a[RN]), c.c(a[IMM12] << scale)), null, 0);
        });
        A64Handler imm9 = (c, a) -> {
            int mode = (int) a[MODE];
            Val base = c.xsp((int) a[RN]);
            Val moved = c.b.add(base, c.c(a[IMM9]));
            if (mode == 0) {
                single(c, a, moved, null, 0);
            } else {
                single(c, a, mode == 3 ? moved : base, moved, (int) a[RN]);
            }
        };
        h.on("LS_unscaled", imm9);
        h.on("LS_post", imm9);
        h.on("LS_unpriv", (c, a) -> { // EL0: unprivileged accesses are ordinary ones
            if (a[SIZE] == 3 && a[LDOPC] == 2) { // no prefetch form here (where LS_unscaled has PRFUM)
                c.sigill();
                return;
            }
            imm9.emit(c, a);
        });
        h.on("LS_pre", imm9);
        h.on("LS_reg", LoadStore::registerOffset);
        h.on("LDR_lit", LoadStore::literal);
        h.on("LS_pair", LoadStore::pair);
        h.on("LDXR", (c, a) -> loadExclusive(c, a, false));
        h.on("LDXP", (c, a) -> loadExclusive(c, a, true));
        h.on("STXR", (c, a) -> storeExclusive(c, a, false));
        h.on("STXP", (c, a) -> storeExclusive(c, a, true));
        h.on("LDAR", (c, a) -> {
            int bytes = 1 << a[SIZE];
            Val addr = c.xsp((int) a[RN]);
            requireAligned(c, addr, bytes);
            c.setX((int) a[RD], c.load(addr, bytes, false));
            GuestAtomics.emitFence(c.b, GuestAtomics.Fence.ACQUIRE);
        });
        h.on("STLR", (c, a) -> {
            int bytes = 1 << a[SIZE];
            Val v = c.x((int) a[RD]);
            Val addr = c.xsp((int) a[RN]);
            requireAligned(c, addr, bytes);
            GuestAtomics.emitFence(c.b, GuestAtomics.Fence.RELEASE);
            c.store(v, addr, bytes);
            GuestAtomics.emitFence(c.b, GuestAtomics.Fence.FULL);
        });
    }

    /**
     * Exclusive and load-acquire/store-release accesses must be aligned to their whole size (a
     * pair to twice the register size) even where ordinary accesses need not be: otherwise an
     * alignment fault, which Linux delivers as SIGBUS (BUS_ADRALN) with the address.
     */
    private static void requireAligned(A64Ctx c, Val addr, int bytes) {
        if (bytes == 1) {
            return;
        }
        Label ok = c.b.newLabel();
        c.b.brcond(Cond.EQ, c.b.and(addr, c.c(bytes - 1)), c.c(0), ok);
        // The reason as pc and instruction word (like "undefined instruction at ..."), built by concatenation:
        // this runs for every exclusive/acquire/release access translated (glibc's locks), and String.format plus
        // the disassembler cost ~4 ms of a hello's start-up for a message that is printed only if the guest dies.
        c.b.exitSignal(Signals.SIGBUS, SigCodes.BUS_ADRALN, addr, c.pc,
                "unaligned exclusive or acquire/release access at 0x" + Long.toHexString(c.pc) + ": "
                        + word8(c.insn));
        c.b.setLabel(ok);
    }

    /** An instruction word as 8 hex digits. */
    private static String word8(int insn) {
        String hex = Integer.toHexString(insn);
        return "00000000".substring(hex.length()).concat(hex);
    }

    /** log2 of the access size of a single-register load/store (16-byte Q accesses: 4). */
    private static int scale(long[] a) {
        return a[V] != 0 && (a[LDOPC] & 2) != 0 ? 4 : (int) a[SIZE];
    }

    /**
     * One register at addr; then, if {@code writeBack} is not null, base register {@code rn} = writeBack.
     * Decodes size/V/opc as the Arm ARM's "load/store register" classes do.
     */
    private static void single(A64Ctx c, long[] a, Val addr, Val writeBack, int rn) {
        int size = (int) a[SIZE], opc = (int) a[LDOPC], rt = (int) a[RD];
        if (a[V] != 0) {
            if ((opc & 2) != 0 && size != 0) {
                c.sigill();
                return;
            }
            int bytes = (opc & 2) != 0 ? 16 : 1 << size;
            if ((opc & 1) != 0) {
                loadV(c, rt, addr, bytes);
            } else {
                storeV(c, rt, addr, bytes);
            }
        } else {
            int bytes = 1 << size;
            switch (opc) {
                case 0 -> c.store(c.x(rt), addr, bytes);
                case 1 -> c.setX(rt, c.load(addr, bytes, false));
                case 2 -> {
                    if (size == 3) { // PRFM / PRFUM: a hint; pre/post-indexed forms are unallocated
                        if (writeBack != null) {
                            c.sigill();
                        }
                        return;
                    }
                    c.setX(rt, c.load(addr, bytes, true));
                }
                default -> {
                    if (size >= 2) {
                        c.sigill();
                        return;
                    }
                    c.setX(rt, false, c.load(addr, bytes, true));
                }
            }
        }
        if (writeBack != null) {
            c.setXsp(rn, true, writeBack);
        }
    }

    static void loadV(A64Ctx c, int rt, Val addr, int bytes) {
        if (bytes == 16) {
            Val lo = c.load(addr, 8, false);
            Val hi = c.load(c.b.add(addr, c.c(8)), 8, false);
            c.setV(rt, lo, hi);
        } else {
            c.setVlo(rt, c.load(addr, bytes, false));
        }
    }

    static void storeV(A64Ctx c, int rt, Val addr, int bytes) {
        if (bytes == 16) {
            Val lo = c.b.mov(c.vlo(rt)), hi = c.b.mov(c.vhi(rt));
            c.store(lo, addr, 8);
            c.store(hi, c.b.add(addr, c.c(8)), 8);
        } else {
            c.store(c.b.mov(c.vlo(rt)), addr, bytes);
        }
    }

    private static void registerOffset(A64Ctx c, long[] a) {
        int option = (int) a[OPTION];
        if ((option & 2) == 0) {
            c.sigill();
            return;
        }
        Val offset = c.extend(c.x((int) a[RM]), 1 << (option & 3), option >= 4);
        if (a[SBIT] != 0) {
            offset = c.b.shl(offset, c.c(scale(a)));
        }
        single(c, a, c.b.add(c.xsp((int) a[RN]), offset), null, 0);
    }

    private static void literal(A64Ctx c, long[] a) {
        int opc = (int) a[SIZE], rt = (int) a[RD];
        Val addr = c.c(c.pc + a[IMM19]);
        if (a[V] != 0) {
            if (opc == 3) {
                c.sigill();
                return;
            }
            loadV(c, rt, addr, 4 << opc);
            return;
        }
        switch (opc) {
            case 0 -> c.setX(rt, c.load(addr, 4, false));
            case 1 -> c.setX(rt, c.load(addr, 8, false));
            case 2 -> c.setX(rt, c.load(addr, 4, true));
            default -> { } // PRFM (literal): a hint
        }
    }

    private static void pair(A64Ctx c, long[] a) {
        int opc = (int) a[SIZE], mode = (int) a[PAIRMODE];
        boolean load = a[L] != 0, simd = a[V] != 0;
        int rt = (int) a[RD], rt2 = (int) a[RT2], rn = (int) a[RN];
        boolean signed = !simd && opc == 1;
        if (opc == 3 || (signed && (!load || mode == 0))) {
            c.sigill(); // opc 11; STGP (MTE) and LDPSW's non-temporal slot
            return;
        }
        int bytes = simd ? 4 << opc : (opc == 2 ? 8 : 4);
        Val base = c.xsp(rn);
        Val moved = c.b.add(base, c.c(a[IMM7] * bytes));
        Val addr = mode == 1 ? base : moved;
        Val addr2 = c.b.add(addr, c.c(bytes));
        if (simd) {
            if (load) {
                Val[] first = loadVTemps(c, addr, bytes), second = loadVTemps(c, addr2, bytes);
                c.setV(rt, first[0], first[1]);
                c.setV(rt2, second[0], second[1]);
            } else {
                storeV(c, rt, addr, bytes);
                storeV(c, rt2, addr2, bytes);
            }
        } else if (load) {
            Val v1 = c.load(addr, bytes, signed), v2 = c.load(addr2, bytes, signed);
            c.setX(rt, v1);
            c.setX(rt2, v2);
        } else {
            Val v1 = c.x(rt, bytes == 8), v2 = c.x(rt2, bytes == 8);
            c.store(v1, addr, bytes);
            c.store(v2, addr2, bytes);
        }
        if (mode == 1 || mode == 3) {
            c.setXsp(rn, true, moved);
        }
    }

    private static Val[] loadVTemps(A64Ctx c, Val addr, int bytes) {
        if (bytes == 16) {
            return new Val[] {c.load(addr, 8, false), c.load(c.b.add(addr, c.c(8)), 8, false)};
        }
        return new Val[] {c.load(addr, bytes, false), c.c(0)};
    }

    /** LDXR/LDAXR (size 1 << size) or LDXP/LDAXP (two registers of 4 << (size & 1) bytes). */
    private static void loadExclusive(A64Ctx c, long[] a, boolean pair) {
        int bytes = pair ? 4 << (a[SIZE] & 1) : 1 << a[SIZE];
        Val addr = c.xsp((int) a[RN]);
        requireAligned(c, addr, pair ? 2 * bytes : bytes);
        Val v1 = c.load(addr, bytes, false);
        Val v2 = pair ? c.load(c.b.add(addr, c.c(bytes)), bytes, false) : c.c(0);
        c.b.movi(c.global(Arm64Cpu.EXCL_ARMED), 1);
        c.b.mov(c.global(Arm64Cpu.EXCL_ADDR), addr);
        c.b.mov(c.global(Arm64Cpu.EXCL_VALUE), v1);
        c.b.mov(c.global(Arm64Cpu.EXCL_VALUE2), v2);
        c.setX((int) a[RD], v1);
        if (pair) {
            c.setX((int) a[RT2], v2);
        }
        if (a[O0] != 0) { // LDAXR, LDAXP
            GuestAtomics.emitFence(c.b, GuestAtomics.Fence.ACQUIRE);
        }
    }

    /** STXR/STLXR/STXP/STLXP: status register Ws = 0 on success, 1 on failure; the monitor is disarmed. */
    private static void storeExclusive(A64Ctx c, long[] a, boolean pair) {
        int bytes = pair ? 4 << (a[SIZE] & 1) : 1 << a[SIZE];
        Val addr = c.xsp((int) a[RN]);
        requireAligned(c, addr, pair ? 2 * bytes : bytes);
        Val v1 = c.x((int) a[RD]);
        Val v2 = pair ? c.x((int) a[RT2]) : null;
        Val status = c.b.temp64();
        c.b.movi(status, 1);
        Label fail = c.b.newLabel();
        c.b.brcond(Cond.EQ, c.global(Arm64Cpu.EXCL_ARMED), c.c(0), fail);
        c.b.brcond(Cond.NE, addr, c.global(Arm64Cpu.EXCL_ADDR), fail);
        Val expected = c.b.mov(c.global(Arm64Cpu.EXCL_VALUE));
        if (pair && bytes == 8) {
            Val[] old = GuestAtomics.emitCompareAndSwap128(c.b, addr, expected, c.b.mov(c.global(Arm64Cpu.EXCL_VALUE2)),
                    v1, v2, false);
            c.b.brcond(Cond.NE, old[0], expected, fail);
            c.b.brcond(Cond.NE, old[1], c.global(Arm64Cpu.EXCL_VALUE2), fail);
        } else {
            Val replacement = v1;
            int size = bytes;
            if (pair) { // two words: one 8-byte compare-and-swap, first register at the lower address
                expected = c.b.or(c.b.ext32u(expected), c.b.shl(c.global(Arm64Cpu.EXCL_VALUE2), c.c(32)));
                replacement = c.b.or(c.b.ext32u(v1), c.b.shl(v2, c.c(32)));
                size = 8;
            }
            Val old = GuestAtomics.emitCompareAndSwap(c.b, addr, expected, replacement, size, false);
            c.b.brcond(Cond.NE, old, expected, fail); // both zero-extended: the load-exclusive's value and the CAS result
        }
        c.b.movi(status, 0);
        c.b.setLabel(fail);
        c.b.movi(c.global(Arm64Cpu.EXCL_ARMED), 0);
        c.setX((int) a[RM], status);
    }
}

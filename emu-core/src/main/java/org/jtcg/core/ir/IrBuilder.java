package org.jtcg.core.ir;

import org.jtcg.core.cpu.CpuField;
import org.jtcg.core.cpu.CpuLayout;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Builds one {@link IrBlock}; what frontends emit IR with.
 *
 * <p>Two forms per value op: {@code add(dst, a, b)} writes an existing temp or global and returns
 * the builder (fluent); {@code add(a, b)} allocates a fresh temp of a's type and returns it.
 * Every misuse (type mismatch, foreign temp, reading a temp that nothing wrote before, op after an
 * unconditional exit without a label, unplaced label, missing insn_start, bad size) throws
 * {@link IllegalStateException} naming the op.
 *
 * <p>The first op must be {@link #insnStart(long)}; the block must end with an exit or {@code br}.
 */
public final class IrBuilder {
    private final CpuLayout layout;
    private final long startPc;
    private final List<Op> ops = new ArrayList<>();
    private final List<Val> temps = new ArrayList<>();
    private final List<Type> tempTypes = new ArrayList<>();
    private final Val[] globals;
    private final BitSet written = new BitSet();
    private final BitSet labelsPlaced = new BitSet();
    private final BitSet labelsUsed = new BitSet();
    private int labels;
    private boolean terminated;
    private boolean started;
    private boolean finished;
    private VectorBuilder vectors;
    private int memoryOrder = Op.UNORDERED;
    /** -Djtcg.memoryOrdering=false turns {@link #orderMemoryAccesses} off (to measure what it costs; never for guests with threads). */
    private static final boolean ORDERING = !"false".equals(System.getProperty("jtcg.memoryOrdering"));

    public IrBuilder(CpuLayout layout, long startPc) {
        this.layout = layout;
        this.startPc = startPc;
        this.globals = new Val[layout.size()];
    }

    public CpuLayout layout() { return layout; }
    public long startPc() { return startPc; }
    /** Number of ops so far. */
    public int size() { return ops.size(); }
    /** True after an unconditional exit or br (until the next label). */
    public boolean isTerminated() { return terminated; }

    // ---- values ----

    public Val temp(Type type) {
        Val v = new Val(Val.Kind.TEMP, type, temps.size(), tempName(temps.size()));
        temps.add(v);
        tempTypes.add(type);
        return v;
    }

    /*
     * String.concat, not {@code "t" + index}: string concatenation is an invokedynamic call that runs through
     * LambdaForms in HotSpot's bytecode interpreter, and each block of a guest's start-up makes tens of temps
     * before C1 has compiled the builder.
     */
    private static String tempName(int index) {
        return "t".concat(Integer.toString(index));
    }

    public Val temp32() { return temp(Type.I32); }
    public Val temp64() { return temp(Type.I64); }

    /** The global for layout field {@code index}. */
    public Val global(int index) {
        if (index < 0 || index >= globals.length) {
            throw new IllegalStateException("no CPU field #" + index + " in layout of " + layout.stateClass().getSimpleName());
        }
        if (globals[index] == null) {
            globals[index] = new Val(Val.Kind.GLOBAL, Type.I64, index, layout.field(index).fieldName());
        }
        return globals[index];
    }

    public Val global(CpuField f) { return global(f.index()); }

    public Val global(String fieldName) {
        CpuField f = layout.byName(fieldName);
        if (f == null) {
            throw new IllegalStateException("no CPU field '" + fieldName + "' in layout of " + layout.stateClass().getSimpleName());
        }
        return global(f.index());
    }

    /** The vector ops (128-bit registers of the CPU state's vector file, docs/ir.md "Vector registers"). */
    public VectorBuilder vectors() {
        if (vectors == null) {
            vectors = new VectorBuilder(this);
        }
        return vectors;
    }

    public Label newLabel() {
        return new Label(labels++);
    }

    // ---- checking ----

    private void checkOwn(Val v, String what) {
        if (v == null) {
            throw new IllegalStateException(what + ": null operand");
        }
        if (v.isTemp() ? (v.index() >= temps.size() || temps.get(v.index()) != v)
                : (v.index() >= globals.length || globals[v.index()] != v)) {
            throw new IllegalStateException(what + ": operand " + v + " belongs to another builder");
        }
    }

    void read(Val v, Type t, String what) {
        checkOwn(v, what);
        if (t != null && v.type() != t) {
            throw new IllegalStateException(what + ": operand " + v + " is " + v.type() + ", expected " + t);
        }
        if (v.isTemp() && !written.get(v.index())) {
            throw new IllegalStateException(what + ": temp " + v + " is read before anything writes it");
        }
    }

    void write(Val v, Type t, String what) {
        checkOwn(v, what);
        if (t != null && v.type() != t) {
            throw new IllegalStateException(what + ": destination " + v + " is " + v.type() + ", expected " + t);
        }
    }

    void emit(Op op) {
        if (finished) {
            throw new IllegalStateException(op.opc + ": block already finished");
        }
        if (!started && op.opc != Opcode.INSN_START) {
            throw new IllegalStateException(op.opc + ": the first op of a block must be insn_start");
        }
        if (terminated && op.opc != Opcode.LABEL) {
            throw new IllegalStateException(op.opc + ": unreachable op after " + ops.get(ops.size() - 1).opc
                    + " (place a label first)");
        }
        started = true;
        ops.add(op);
        if (op.dst != null && op.dst.isTemp()) {
            written.set(op.dst.index());
        }
        terminated = op.opc.isTerminal();
    }

    // ---- moves and constants ----

    public IrBuilder mov(Val d, Val a) {
        read(a, null, "mov");
        write(d, a.type(), "mov");
        emit(Op.move(d, a));
        return this;
    }

    public Val mov(Val a) {
        Val d = temp(a.type());
        mov(d, a);
        return d;
    }

    public IrBuilder movi(Val d, long value) {
        write(d, null, "const");
        emit(Op.constant(d, value));
        return this;
    }

    public Val const32(int value) {
        Val d = temp32();
        movi(d, value);
        return d;
    }

    public Val const64(long value) {
        Val d = temp64();
        movi(d, value);
        return d;
    }

    /** A fresh temp of type t holding value. */
    public Val constant(Type t, long value) {
        Val d = temp(t);
        movi(d, value);
        return d;
    }

    // ---- generic shapes ----

    /** d = opc(a, b) for a BINARY-shape opcode; all three of one type. */
    public IrBuilder binary(Opcode opc, Val d, Val a, Val b) {
        if (opc.shape != Opcode.Shape.BINARY || opc == Opcode.DEPOSIT) {
            throw new IllegalStateException(opc + " is not a binary op");
        }
        read(a, null, opc.toString());
        read(b, a.type(), opc.toString());
        write(d, a.type(), opc.toString());
        emit(Op.simple(opc, a.type(), d, a, b));
        return this;
    }

    public Val binary(Opcode opc, Val a, Val b) {
        Val d = temp(a.type());
        binary(opc, d, a, b);
        return d;
    }

    /** d = opc(a) for a UNARY-shape opcode (except extract/sextract); same type. */
    public IrBuilder unary(Opcode opc, Val d, Val a) {
        if (opc.shape != Opcode.Shape.UNARY || opc == Opcode.EXTRACT || opc == Opcode.SEXTRACT) {
            throw new IllegalStateException(opc + " is not a plain unary op");
        }
        read(a, null, opc.toString());
        if (a.type() == Type.I32 && (opc == Opcode.BSWAP64 || opc == Opcode.EXT32S || opc == Opcode.EXT32U)) {
            throw new IllegalStateException(opc + " needs an i64 operand, got " + a + ":" + a.type());
        }
        write(d, a.type(), opc.toString());
        emit(Op.simple(opc, a.type(), d, a));
        return this;
    }

    public Val unary(Opcode opc, Val a) {
        Val d = temp(a.type());
        unary(opc, d, a);
        return d;
    }

    public IrBuilder add(Val d, Val a, Val b) { return binary(Opcode.ADD, d, a, b); }
    public Val add(Val a, Val b) { return binary(Opcode.ADD, a, b); }
    public IrBuilder sub(Val d, Val a, Val b) { return binary(Opcode.SUB, d, a, b); }
    public Val sub(Val a, Val b) { return binary(Opcode.SUB, a, b); }
    public IrBuilder mul(Val d, Val a, Val b) { return binary(Opcode.MUL, d, a, b); }
    public Val mul(Val a, Val b) { return binary(Opcode.MUL, a, b); }
    public IrBuilder mulhu(Val d, Val a, Val b) { return binary(Opcode.MULHU, d, a, b); }
    public Val mulhu(Val a, Val b) { return binary(Opcode.MULHU, a, b); }
    public IrBuilder mulhs(Val d, Val a, Val b) { return binary(Opcode.MULHS, d, a, b); }
    public Val mulhs(Val a, Val b) { return binary(Opcode.MULHS, a, b); }
    public IrBuilder divs(Val d, Val a, Val b) { return binary(Opcode.DIVS, d, a, b); }
    public Val divs(Val a, Val b) { return binary(Opcode.DIVS, a, b); }
    public IrBuilder divu(Val d, Val a, Val b) { return binary(Opcode.DIVU, d, a, b); }
    public Val divu(Val a, Val b) { return binary(Opcode.DIVU, a, b); }
    public IrBuilder rems(Val d, Val a, Val b) { return binary(Opcode.REMS, d, a, b); }
    public Val rems(Val a, Val b) { return binary(Opcode.REMS, a, b); }
    public IrBuilder remu(Val d, Val a, Val b) { return binary(Opcode.REMU, d, a, b); }
    public Val remu(Val a, Val b) { return binary(Opcode.REMU, a, b); }
    public IrBuilder and(Val d, Val a, Val b) { return binary(Opcode.AND, d, a, b); }
    public Val and(Val a, Val b) { return binary(Opcode.AND, a, b); }
    public IrBuilder or(Val d, Val a, Val b) { return binary(Opcode.OR, d, a, b); }
    public Val or(Val a, Val b) { return binary(Opcode.OR, a, b); }
    public IrBuilder xor(Val d, Val a, Val b) { return binary(Opcode.XOR, d, a, b); }
    public Val xor(Val a, Val b) { return binary(Opcode.XOR, a, b); }
    public IrBuilder andc(Val d, Val a, Val b) { return binary(Opcode.ANDC, d, a, b); }
    public Val andc(Val a, Val b) { return binary(Opcode.ANDC, a, b); }
    public IrBuilder orc(Val d, Val a, Val b) { return binary(Opcode.ORC, d, a, b); }
    public Val orc(Val a, Val b) { return binary(Opcode.ORC, a, b); }
    public IrBuilder shl(Val d, Val a, Val b) { return binary(Opcode.SHL, d, a, b); }
    public Val shl(Val a, Val b) { return binary(Opcode.SHL, a, b); }
    public IrBuilder shr(Val d, Val a, Val b) { return binary(Opcode.SHR, d, a, b); }
    public Val shr(Val a, Val b) { return binary(Opcode.SHR, a, b); }
    public IrBuilder sar(Val d, Val a, Val b) { return binary(Opcode.SAR, d, a, b); }
    public Val sar(Val a, Val b) { return binary(Opcode.SAR, a, b); }
    public IrBuilder rotl(Val d, Val a, Val b) { return binary(Opcode.ROTL, d, a, b); }
    public Val rotl(Val a, Val b) { return binary(Opcode.ROTL, a, b); }
    public IrBuilder rotr(Val d, Val a, Val b) { return binary(Opcode.ROTR, d, a, b); }
    public Val rotr(Val a, Val b) { return binary(Opcode.ROTR, a, b); }

    public IrBuilder not(Val d, Val a) { return unary(Opcode.NOT, d, a); }
    public Val not(Val a) { return unary(Opcode.NOT, a); }
    public IrBuilder neg(Val d, Val a) { return unary(Opcode.NEG, d, a); }
    public Val neg(Val a) { return unary(Opcode.NEG, a); }
    public IrBuilder clz(Val d, Val a) { return unary(Opcode.CLZ, d, a); }
    public Val clz(Val a) { return unary(Opcode.CLZ, a); }
    public IrBuilder ctz(Val d, Val a) { return unary(Opcode.CTZ, d, a); }
    public Val ctz(Val a) { return unary(Opcode.CTZ, a); }
    public IrBuilder popcnt(Val d, Val a) { return unary(Opcode.POPCNT, d, a); }
    public Val popcnt(Val a) { return unary(Opcode.POPCNT, a); }
    public IrBuilder bswap16(Val d, Val a) { return unary(Opcode.BSWAP16, d, a); }
    public Val bswap16(Val a) { return unary(Opcode.BSWAP16, a); }
    public IrBuilder bswap32(Val d, Val a) { return unary(Opcode.BSWAP32, d, a); }
    public Val bswap32(Val a) { return unary(Opcode.BSWAP32, a); }
    public IrBuilder bswap64(Val d, Val a) { return unary(Opcode.BSWAP64, d, a); }
    public Val bswap64(Val a) { return unary(Opcode.BSWAP64, a); }
    public IrBuilder ext8s(Val d, Val a) { return unary(Opcode.EXT8S, d, a); }
    public Val ext8s(Val a) { return unary(Opcode.EXT8S, a); }
    public IrBuilder ext8u(Val d, Val a) { return unary(Opcode.EXT8U, d, a); }
    public Val ext8u(Val a) { return unary(Opcode.EXT8U, a); }
    public IrBuilder ext16s(Val d, Val a) { return unary(Opcode.EXT16S, d, a); }
    public Val ext16s(Val a) { return unary(Opcode.EXT16S, a); }
    public IrBuilder ext16u(Val d, Val a) { return unary(Opcode.EXT16U, d, a); }
    public Val ext16u(Val a) { return unary(Opcode.EXT16U, a); }
    public IrBuilder ext32s(Val d, Val a) { return unary(Opcode.EXT32S, d, a); }
    public Val ext32s(Val a) { return unary(Opcode.EXT32S, a); }
    public IrBuilder ext32u(Val d, Val a) { return unary(Opcode.EXT32U, d, a); }
    public Val ext32u(Val a) { return unary(Opcode.EXT32U, a); }

    // ---- bitfields ----

    private static void checkField(Type t, int pos, int len, String what) {
        if (pos < 0 || len < 1 || pos + len > t.bits) {
            throw new IllegalStateException(what + ": bitfield pos=" + pos + " len=" + len + " does not fit " + t);
        }
    }

    /** d = bits [pos, pos+len) of a, zero-extended (signed: sign-extended). */
    public IrBuilder extract(Val d, Val a, int pos, int len, boolean signed) {
        Opcode opc = signed ? Opcode.SEXTRACT : Opcode.EXTRACT;
        read(a, null, opc.toString());
        write(d, a.type(), opc.toString());
        checkField(a.type(), pos, len, opc.toString());
        emit(new Op(opc, a.type(), d, new Val[]{a}, 0, pos, len, null, false, false, null));
        return this;
    }

    public Val extract(Val a, int pos, int len, boolean signed) {
        Val d = temp(a.type());
        extract(d, a, pos, len, signed);
        return d;
    }

    /** d = a with bits [pos, pos+len) replaced by the low len bits of b. */
    public IrBuilder deposit(Val d, Val a, Val b, int pos, int len) {
        read(a, null, "deposit");
        read(b, a.type(), "deposit");
        write(d, a.type(), "deposit");
        checkField(a.type(), pos, len, "deposit");
        emit(new Op(Opcode.DEPOSIT, a.type(), d, new Val[]{a, b}, 0, pos, len, null, false, false, null));
        return this;
    }

    public Val deposit(Val a, Val b, int pos, int len) {
        Val d = temp(a.type());
        deposit(d, a, b, pos, len);
        return d;
    }

    // ---- width conversions ----

    /** d32 = low half of a64. */
    public IrBuilder trunc(Val d, Val a) { return convert(Opcode.TRUNC, Type.I64, Type.I32, d, a); }
    public Val trunc(Val a) { Val d = temp32(); trunc(d, a); return d; }
    /** d64 = zero-extended a32. */
    public IrBuilder extu(Val d, Val a) { return convert(Opcode.EXTU, Type.I32, Type.I64, d, a); }
    public Val extu(Val a) { Val d = temp64(); extu(d, a); return d; }
    /** d64 = sign-extended a32. */
    public IrBuilder exts(Val d, Val a) { return convert(Opcode.EXTS, Type.I32, Type.I64, d, a); }
    public Val exts(Val a) { Val d = temp64(); exts(d, a); return d; }

    private IrBuilder convert(Opcode opc, Type from, Type to, Val d, Val a) {
        read(a, from, opc.toString());
        write(d, to, opc.toString());
        emit(Op.simple(opc, to, d, a));
        return this;
    }

    // ---- conditions ----

    /** d = cond(a, b) ? 1 : 0; d has a's type. */
    public IrBuilder setcond(Cond c, Val d, Val a, Val b) {
        read(a, null, "setcond");
        read(b, a.type(), "setcond");
        write(d, a.type(), "setcond");
        emit(new Op(Opcode.SETCOND, a.type(), d, new Val[]{a, b}, 0, 0, 0, c, false, false, null));
        return this;
    }

    public Val setcond(Cond c, Val a, Val b) {
        Val d = temp(a.type());
        setcond(c, d, a, b);
        return d;
    }

    /** d = cond(c1, c2) ? v1 : v2. c1/c2 share a type; d, v1, v2 share a (possibly other) type. */
    public IrBuilder movcond(Cond c, Val d, Val c1, Val c2, Val v1, Val v2) {
        read(c1, null, "movcond");
        read(c2, c1.type(), "movcond");
        read(v1, null, "movcond");
        read(v2, v1.type(), "movcond");
        write(d, v1.type(), "movcond");
        emit(new Op(Opcode.MOVCOND, v1.type(), d, new Val[]{c1, c2, v1, v2}, 0, 0, 0, c, false, false, null));
        return this;
    }

    public Val movcond(Cond c, Val c1, Val c2, Val v1, Val v2) {
        Val d = temp(v1.type());
        movcond(c, d, c1, c2, v1, v2);
        return d;
    }

    // ---- control flow ----

    public IrBuilder setLabel(Label l) {
        if (l.id() >= labels) {
            throw new IllegalStateException("label " + l + " was not created by this builder");
        }
        if (labelsPlaced.get(l.id())) {
            throw new IllegalStateException("label " + l + " placed twice");
        }
        labelsPlaced.set(l.id());
        emit(new Op(Opcode.LABEL, null, null, null, 0, l.id(), 0, null, false, false, null));
        return this;
    }

    public IrBuilder br(Label l) {
        useLabel(l, "br");
        emit(Op.branch(l.id()));
        return this;
    }

    public IrBuilder brcond(Cond c, Val a, Val b, Label l) {
        read(a, null, "brcond");
        read(b, a.type(), "brcond");
        useLabel(l, "brcond");
        emit(new Op(Opcode.BRCOND, a.type(), null, new Val[]{a, b}, 0, l.id(), 0, c, false, false, null));
        return this;
    }

    private void useLabel(Label l, String what) {
        if (l == null || l.id() >= labels) {
            throw new IllegalStateException(what + ": label " + l + " was not created by this builder");
        }
        labelsUsed.set(l.id());
    }

    /** Marks the start of the guest instruction at pc (faults inside it report this pc). */
    public IrBuilder insnStart(long pc) {
        emit(new Op(Opcode.INSN_START, null, null, null, pc, 0, 0, null, false, false, null));
        return this;
    }

    // ---- memory ----

    /**
     * From now on, every LOAD and STORE this builder emits keeps program order with the thread's other ordered
     * accesses as the JVM's compilers see them ({@link Op#ORDERED}): what a total-store-order guest (x86, s390x)
     * needs. Off by default (arm64 orders through its own fences and acquire/release accesses).
     */
    public IrBuilder orderMemoryAccesses(boolean ordered) {
        memoryOrder = ordered && ORDERING ? Op.ORDERED : Op.UNORDERED;
        return this;
    }

    /** d = memory[addr] of size 1/2/4/8 bytes, zero- or sign-extended to d's type. */
    public IrBuilder load(Val d, Val addr, int size, boolean signed, boolean bigEndian) {
        read(addr, Type.I64, "load address");
        write(d, null, "load");
        checkSize(size, d.type(), "load");
        emit(new Op(Opcode.LOAD, d.type(), d, new Val[]{addr}, 0, size, memoryOrder, null, signed && size < 8, bigEndian, null));
        return this;
    }

    public Val load(Type t, Val addr, int size, boolean signed, boolean bigEndian) {
        Val d = temp(t);
        load(d, addr, size, signed, bigEndian);
        return d;
    }

    /** memory[addr] = low size bytes of value. */
    public IrBuilder store(Val value, Val addr, int size, boolean bigEndian) {
        read(value, null, "store");
        read(addr, Type.I64, "store address");
        checkSize(size, value.type(), "store");
        emit(new Op(Opcode.STORE, value.type(), null, new Val[]{value, addr}, 0, size, memoryOrder, null, false, bigEndian, null));
        return this;
    }

    private static void checkSize(int size, Type t, String what) {
        if (size != 1 && size != 2 && size != 4 && size != 8) {
            throw new IllegalStateException(what + ": size must be 1, 2, 4 or 8 bytes, got " + size);
        }
        if (size == 8 && t == Type.I32) {
            throw new IllegalStateException(what + ": an 8-byte access needs an i64 value");
        }
    }

    // ---- helper calls ----

    /** Calls a helper; {@code dst} must be null for void helpers and match the return type otherwise. */
    public IrBuilder call(HelperRef h, Val dst, Val... args) {
        String what = "call " + h;
        if (args.length != h.argTypes().size()) {
            throw new IllegalStateException(what + ": expects " + h.argTypes().size() + " arguments, got " + args.length);
        }
        if (h.takesCpu() && !h.methodType().parameterType(0).isAssignableFrom(layout.stateClass())) {
            throw new IllegalStateException(what + ": first parameter " + h.methodType().parameterType(0).getName()
                    + " does not accept " + layout.stateClass().getName());
        }
        for (int i = 0; i < args.length; i++) {
            read(args[i], h.argTypes().get(i), what);
        }
        if (h.returnType() == null) {
            if (dst != null) {
                throw new IllegalStateException(what + ": helper returns void, but a destination was given");
            }
        } else if (dst != null) {
            write(dst, h.returnType(), what);
        }
        emit(new Op(Opcode.CALL, h.returnType(), dst, args.clone(), 0, 0, 0, null, false, false, h));
        return this;
    }

    /** Calls a non-void helper and returns its result in a fresh temp. */
    public Val callValue(HelperRef h, Val... args) {
        if (h.returnType() == null) {
            throw new IllegalStateException("call " + h + ": helper returns void");
        }
        Val d = temp(h.returnType());
        call(h, d, args);
        return d;
    }

    // ---- exits ----

    /** Continue at a constant guest PC (chainable). */
    public IrBuilder gotoDirect(long pc) {
        emit(new Op(Opcode.GOTO_DIRECT, null, null, null, pc, 0, 0, null, false, false, null));
        return this;
    }

    /** Continue at the PC in an i64 value: the dispatcher looks it up and continues ("lookup and continue"). */
    public IrBuilder gotoIndirect(Val pc) {
        read(pc, Type.I64, "goto_indirect");
        emit(new Op(Opcode.GOTO_INDIRECT, null, null, new Val[]{pc}, 0, 0, 0, null, false, false, null));
        return this;
    }

    /** Leave the engine for a syscall; nextPc is the PC after the syscall instruction. */
    public IrBuilder exitSyscall(long nextPc) {
        emit(new Op(Opcode.EXIT_SYSCALL, null, null, null, nextPc, 0, 0, null, false, false, null));
        return this;
    }

    /** Leave the engine raising guest signal signo (si_code, fault address), with cpu.pc = pc. */
    public IrBuilder exitSignal(int signo, int siCode, Val address, long pc) {
        return exitSignal(signo, siCode, address, pc, null);
    }

    /**
     * Same, with a human-readable reason the user-mode loop prints when the signal kills the
     * guest (e.g. "undefined instruction at 0x401000: 0f ff").
     */
    public IrBuilder exitSignal(int signo, int siCode, Val address, long pc, String detail) {
        read(address, Type.I64, "exit_signal");
        if (signo <= 0 || signo > 64) {
            throw new IllegalStateException("exit_signal: bad signal number " + signo);
        }
        emit(new Op(Opcode.EXIT_SIGNAL, null, null, new Val[]{address}, pc, signo, siCode, null, false, false, null, detail));
        return this;
    }

    /** Same with a constant address. */
    public IrBuilder exitSignal(int signo, int siCode, long address, long pc) {
        return exitSignal(signo, siCode, const64(address), pc);
    }

    /** Leave the engine with a HALT exit, resuming later at pc. */
    public IrBuilder exitHalt(long pc) {
        emit(new Op(Opcode.EXIT_HALT, null, null, null, pc, 0, 0, null, false, false, null));
        return this;
    }

    /**
     * Finishes the block. {@code endPc} is the guest address after the last instruction.
     *
     * @throws IllegalStateException if the block can fall off its end or a used label was never placed
     */
    public IrBlock finish(long endPc) {
        if (!terminated) {
            throw new IllegalStateException("block at 0x" + Long.toHexString(startPc)
                    + " falls off its end: finish it with an exit or br");
        }
        BitSet missing = (BitSet) labelsUsed.clone();
        missing.andNot(labelsPlaced);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("label L" + missing.nextSetBit(0) + " is branched to but never placed");
        }
        if (endPc - startPc <= 0) {
            throw new IllegalStateException("block at 0x" + Long.toHexString(startPc) + " has no guest bytes (end 0x"
                    + Long.toHexString(endPc) + ")");
        }
        finished = true;
        return new IrBlock(layout, startPc, endPc - startPc, ops, tempTypes, labels);
    }
}

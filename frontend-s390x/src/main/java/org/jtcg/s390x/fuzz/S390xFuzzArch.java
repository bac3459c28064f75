package org.jtcg.s390x.fuzz;

import org.jtcg.core.signal.Signals;
import org.jtcg.cpreg.RegisterList;
import org.jtcg.cpreg.S390Registers;
import org.jtcg.fuzz.FuzzLayout;
import org.jtcg.fuzz.FuzzState;
import org.jtcg.fuzz.template.FuzzValues;
import org.jtcg.fuzz.template.RegisterState;
import org.jtcg.fuzz.template.TemplateArch;
import org.jtcg.s390x.S390xCpu;
import org.jtcg.s390x.translate.S390xDisassembler;

import java.util.random.RandomGenerator;

/**
 * s390x facts for the template fuzzer: layout, field letters of {@code s390x.patterns}, big-endian
 * 2/4/6-byte instructions, initial state.
 *
 * <p>Field letters: {@code d e} a GPR the instruction writes (r0-r11, r14: r12 index, r13 scratch
 * base and r15 register-block pointer are reserved); {@code p} the even register of a written pair
 * (r0-r10); {@code n m} a GPR it reads (any); {@code f g h} an FPR (f0-f15); {@code B} the scratch base
 * r13 (= scratch start); {@code X} the index: none (0) or r12 (0..48, a multiple of 8); {@code D E} a
 * 12-bit displacement (0..3839, so an 8-byte operand plus a 256-byte SS length stays inside the
 * 8 KiB block); {@code H} the high displacement byte of long-displacement forms (0).
 */
final class S390xFuzzArch implements TemplateArch {
    static final S390xFuzzArch INSTANCE = new S390xFuzzArch();

    static final long CODE = 0x400000;
    static final int CODE_SIZE = 0x4000;
    static final long SCRATCH = 0x1000_0000L;
    static final int SCRATCH_SIZE = 0x2000;
    static final int INDEX_REG = 12, BASE_REG = 13, BLOCK_REG = 15, MAX_INDEX = 48;
    /** The oracle's register block follows the scratch block; r15 points at it on every lane. */
    static final long BLOCK = SCRATCH + SCRATCH_SIZE;
    static final int MAX_DISPLACEMENT = 3839;
    /** BFP rounding modes an initial FPC may hold (7: round to prepare for shorter precision). */
    private static final int[] FPC_ROUNDING = {0, 1, 2, 3, 7};
    /** FPC IEEE flag bits (bits 8-12 of the 32-bit FPC, i.e. 23..19 counted from the right). */
    static final long FPC_FLAGS = 0x00f8_0000L;

    /** Terminator: the two zero bytes (an invalid opcode): SIGILL with the PSW address at it. */
    private static final FuzzLayout LAYOUT = new FuzzLayout(CODE, CODE_SIZE, SCRATCH, SCRATCH_SIZE, new byte[2], Signals.SIGILL);

    private static final int[] WRITTEN = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14};
    private static final int[] PAIR = {0, 2, 4, 6, 8, 10};
    private static final int[] ANY = java.util.stream.IntStream.range(0, 16).toArray();
    private static final int[] DISPLACEMENT = java.util.stream.IntStream.rangeClosed(0, MAX_DISPLACEMENT).toArray();

    private S390xFuzzArch() {}

    @Override
    public FuzzLayout layout() {
        return LAYOUT;
    }

    @Override
    public int[] allowed(char letter) {
        return switch (letter) {
            case 'd', 'e' -> WRITTEN;
            case 'p' -> PAIR;
            case 'n', 'm', 'f', 'g', 'h' -> ANY;
            case 'B' -> new int[] {BASE_REG};
            case 'X' -> new int[] {0, INDEX_REG};
            case 'D', 'E' -> DISPLACEMENT;
            case 'H' -> new int[] {0};
            default -> null;
        };
    }

    @Override
    public boolean validWidth(int bits) {
        return bits == 16 || bits == 32 || bits == 48;
    }

    @Override
    public byte[] bytes(long word, int widthBits) {
        byte[] b = new byte[widthBits / 8];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (word >>> (widthBits - 8 - 8 * i));
        }
        return b;
    }

    /** The length code: the first two bits of the opcode (00: 2 bytes, 01 and 10: 4, 11: 6). */
    @Override
    public int length(byte[] code, int off) {
        int top = (code[off] & 0xff) >>> 6;
        return top == 0 ? 2 : top == 3 ? 6 : 4;
    }

    @Override
    public long word(byte[] code, int off, int len) {
        long w = 0;
        for (int i = 0; i < len; i++) {
            w = w << 8 | (code[off + i] & 0xff);
        }
        return w;
    }

    @Override
    public String disassemble(long word, int widthBits, long pc) {
        return S390xDisassembler.format(word << (48 - widthBits), widthBits / 8, pc);
    }

    /**
     * r0-r15 from boundary-biased values (r12 index, r13 scratch base, r15 block pointer), a random CC,
     * f0-f15 rich in FP specials (short values in the left half), FPC with a random BFP rounding mode
     * (0-3, 7) and random IEEE flags, no trap masks; the vector registers' right halves are 0 (the qemu
     * lane runs without the vector facility and cannot load them).
     */
    @Override
    public FuzzState randomState(RandomGenerator r) {
        RegisterList.Builder b = RegisterList.builder();
        for (int i = 0; i < 16; i++) {
            long v = switch (i) {
                case INDEX_REG -> 8L * r.nextInt(MAX_INDEX / 8 + 1);
                case BASE_REG -> SCRATCH;
                case BLOCK_REG -> BLOCK;
                default -> FuzzValues.integer(r);
            };
            b.put(S390Registers.gpr(i), v);
        }
        b.put(S390Registers.PSW_MASK, S390xCpu.INITIAL_PSW_MASK | (long) r.nextInt(4) << S390xCpu.PSW_CC_SHIFT);
        b.put(S390Registers.PSW_ADDR, CODE);
        b.put(S390Registers.FPC, FPC_ROUNDING[r.nextInt(FPC_ROUNDING.length)] | (r.nextBoolean() ? r.nextLong() & FPC_FLAGS : 0));
        for (int i = 0; i < 16; i++) {
            long f = r.nextInt(3) == 0 ? FuzzValues.singleLane(r, true) : FuzzValues.lane(r);
            b.put(S390Registers.vr(i), 0, f);
        }
        return new RegisterState(b.build(), FuzzValues.scratch(r, SCRATCH_SIZE, true));
    }
}

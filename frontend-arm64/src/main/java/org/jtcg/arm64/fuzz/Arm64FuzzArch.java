package org.jtcg.arm64.fuzz;

import org.jtcg.arm64.translate.A64Disassembler;
import org.jtcg.core.signal.Signals;
import org.jtcg.cpreg.Arm64Registers;
import org.jtcg.cpreg.RegisterList;
import org.jtcg.fuzz.FuzzLayout;
import org.jtcg.fuzz.FuzzState;
import org.jtcg.fuzz.template.FuzzValues;
import org.jtcg.fuzz.template.RegisterState;
import org.jtcg.fuzz.template.TemplateArch;

import java.util.stream.IntStream;
import java.util.random.RandomGenerator;

/**
 * arm64 facts for the template fuzzer: layout, field letters of {@code arm64.patterns}, little-endian
 * 32-bit instruction words, initial state.
 *
 * <p>Field letters: {@code d e} a GPR the instruction writes (x0-x30 without the reserved x27, x28;
 * never 31, which is sp in some forms); {@code n m a} a GPR it reads (x0-x30); {@code D N M A} a
 * vector register (v0-v31); {@code B} the scratch base x28 (= scratch + 4 KiB); {@code X} the index
 * x27 (0..63). sp is not fuzzed: the oracle lane keeps its register block address in it.
 */
final class Arm64FuzzArch implements TemplateArch {
    static final Arm64FuzzArch INSTANCE = new Arm64FuzzArch();

    static final long CODE = 0x400000;
    static final int CODE_SIZE = 0x4000;
    static final long SCRATCH = 0x1000_0000L;
    static final int SCRATCH_SIZE = 0x2000;
    static final int BASE_REG = 28, INDEX_REG = 27, MAX_INDEX = 63;
    static final long BASE_VALUE = SCRATCH + SCRATCH_SIZE / 2;
    /** FPSR cumulative exception bits (IOC DZC OFC UFC IXC, IDC, QC) a state may start with. */
    static final long FPSR_FLAGS = 0x1f | 1L << 7 | 1L << 27;
    static final int FPCR_RMODE_SHIFT = 22;

    /** Terminator udf #0 (the all-zero word): SIGILL with pc at it on every engine. */
    private static final FuzzLayout LAYOUT = new FuzzLayout(CODE, CODE_SIZE, SCRATCH, SCRATCH_SIZE, new byte[4], Signals.SIGILL);

    private static final int[] WRITTEN = IntStream.rangeClosed(0, 30).filter(r -> r != BASE_REG && r != INDEX_REG).toArray();
    private static final int[] READ = IntStream.rangeClosed(0, 30).toArray();
    private static final int[] VECTOR = IntStream.rangeClosed(0, 31).toArray();

    private Arm64FuzzArch() {}

    @Override
    public FuzzLayout layout() {
        return LAYOUT;
    }

    @Override
    public int[] allowed(char letter) {
        return switch (letter) {
            case 'd', 'e' -> WRITTEN;
            case 'n', 'm', 'a' -> READ;
            case 'D', 'N', 'M', 'A' -> VECTOR;
            case 'B' -> new int[] {BASE_REG};
            case 'X' -> new int[] {INDEX_REG};
            default -> null;
        };
    }

    @Override
    public boolean validWidth(int bits) {
        return bits == 32;
    }

    @Override
    public byte[] bytes(long word, int widthBits) {
        return new byte[] {(byte) word, (byte) (word >>> 8), (byte) (word >>> 16), (byte) (word >>> 24)};
    }

    @Override
    public int length(byte[] code, int off) {
        return 4;
    }

    @Override
    public long word(byte[] code, int off, int len) {
        return (code[off] & 0xff) | (code[off + 1] & 0xff) << 8 | (code[off + 2] & 0xff) << 16 | (long) (code[off + 3] & 0xff) << 24;
    }

    @Override
    public String disassemble(long word, int widthBits, long pc) {
        return A64Disassembler.format((int) word, pc);
    }

    /**
     * x0-x30 from boundary-biased values (x28 the scratch base, x27 the index), NZCV random, v0-v31
     * lanes rich in FP specials, FPCR with a random rounding mode (no FZ/DN/AHP, no trap enables),
     * FPSR with random cumulative flags.
     */
    @Override
    public FuzzState randomState(RandomGenerator r) {
        RegisterList.Builder b = RegisterList.builder();
        for (int i = 0; i < 31; i++) {
            long v = i == BASE_REG ? BASE_VALUE : i == INDEX_REG ? r.nextInt(MAX_INDEX + 1) : FuzzValues.integer(r);
            b.put(Arm64Registers.x(i), v);
        }
        b.put(Arm64Registers.PC, CODE);
        b.put(Arm64Registers.PSTATE, (long) r.nextInt(16) << 28);
        b.put(Arm64Registers.FPCR, (long) r.nextInt(4) << FPCR_RMODE_SHIFT);
        b.put(Arm64Registers.FPSR, r.nextLong() & FPSR_FLAGS & (r.nextBoolean() ? -1L : 0));
        for (int i = 0; i < 32; i++) {
            long lo = r.nextInt(3) == 0 ? FuzzValues.singleLane(r, false) : FuzzValues.lane(r);
            b.put(Arm64Registers.v(i), lo, FuzzValues.lane(r));
        }
        return new RegisterState(b.build(), FuzzValues.scratch(r, SCRATCH_SIZE, false));
    }
}

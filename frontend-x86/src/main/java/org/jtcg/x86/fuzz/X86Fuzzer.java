package org.jtcg.x86.fuzz;

import org.jtcg.cpreg.X86Registers;
import org.jtcg.fuzz.ArchFuzzer;
import org.jtcg.fuzz.FuzzLayout;
import org.jtcg.fuzz.FuzzState;
import org.jtcg.fuzz.FuzzTarget;
import org.jtcg.fuzz.OracleCode;
import org.jtcg.fuzz.Program;
import org.jtcg.x86.decoder.DecodedInsn;
import org.jtcg.x86.decoder.X86Decoder;
import org.jtcg.x86.decoder.X86Disassembler;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * x86-64's per-run fuzzer: cases from a {@link PatternTable} through the {@link SequenceGenerator};
 * a program's undefined-state bits are the arithmetic RFLAGS bits ({@link FlagBits}) left undefined
 * after each instruction, which the comparison ignores on RFLAGS; other registers are masked by
 * the mask table's entries for the mnemonics that ran.
 */
public final class X86Fuzzer implements ArchFuzzer {
    private final FuzzTarget target;
    private final PatternTable table;
    private final MaskTable masks;
    private final SequenceGenerator generator;
    private final List<String> notes;

    public X86Fuzzer(FuzzTarget target, PatternTable table, MaskTable masks, int length) {
        this(target, table, masks, length, List.of());
    }

    X86Fuzzer(FuzzTarget target, PatternTable table, MaskTable masks, int length, List<String> notes) {
        this.target = target;
        this.notes = List.copyOf(notes);
        this.table = table;
        this.masks = masks;
        this.generator = new SequenceGenerator(table, masks, length);
    }

    @Override
    public FuzzTarget target() {
        return target;
    }

    public PatternTable table() {
        return table;
    }

    public MaskTable masks() {
        return masks;
    }

    @Override
    public FuzzLayout layout() {
        return X86FuzzLayout.LAYOUT;
    }

    @Override
    public X86FuzzCase generate(long seed, long index) {
        return generator.generate(seed, index);
    }

    @Override
    public Program program(byte[] code, long[] pcs, int[] undefinedAfter) {
        return disassembled(code, pcs, undefinedAfter);
    }

    /** A program at {@link X86FuzzLayout#CODE} with each instruction's disassembly and mnemonic. */
    static Program disassembled(byte[] code, long[] pcs, int[] undefinedAfter) {
        List<String> texts = new ArrayList<>();
        List<String> mnemonics = new ArrayList<>();
        for (long pc : pcs) {
            int off = (int) (pc - X86FuzzLayout.CODE);
            DecodedInsn d = X86Decoder.decode(code, off, code.length - off, pc);
            texts.add(X86Disassembler.format(d));
            mnemonics.add(d.mnemonic().toLowerCase(Locale.ROOT));
        }
        return new Program(X86FuzzLayout.CODE, code, pcs, undefinedAfter, texts, mnemonics);
    }

    @Override
    public String formatUndefined(int bits) {
        return FlagBits.format(bits);
    }

    @Override
    public int parseUndefined(String text) {
        return text.equals("-") ? 0 : FlagBits.parse(text);
    }

    @Override
    public long[] ignoredBits(Program p, int executed, long id) {
        if (id == X86Registers.RFLAGS) {
            return new long[] {p.undefinedBefore(executed)};
        }
        return masks.ignoredBits(id, p.mnemonics(executed));
    }

    @Override
    public String explain(long id, long[] a, long[] b) {
        return id == X86Registers.RFLAGS ? "arithmetic flags differing: " + FlagBits.format((a[0] ^ b[0]) & FlagBits.ALL) : "";
    }

    @Override
    public List<String> formatRegisters(FuzzState state) {
        return ((InitialState) state).lines();
    }

    @Override
    public boolean readsLine(String keyword) {
        return InitialState.LINE_KEYWORDS.contains(keyword);
    }

    @Override
    public FuzzState parseState(List<String[]> registerLines, byte[] scratch) {
        return InitialState.parse(registerLines, scratch);
    }

    @Override
    public List<String> notes() {
        return notes;
    }

    /** Groups whose instructions need the AVX state: their oracle code also moves and reports the ymm upper halves. */
    static final java.util.Set<String> YMM_GROUPS = java.util.Set.of("avx", "avx2", "fma", "f16c");

    /**
     * With any of {@link #YMM_GROUPS} selected, the oracle lanes start from and report all 256 bits of ymm0-15
     * (the engines and kvm always do: the upper halves are part of the register list); otherwise they leave the
     * upper halves alone, so a host without AVX can still be the native oracle of the other groups.
     */
    @Override
    public OracleCode oracleCode() {
        boolean ymm = table.patterns().stream().anyMatch(p -> YMM_GROUPS.contains(p.group()));
        return ymm ? X86OracleCode.WITH_YMM : X86OracleCode.INSTANCE;
    }
}

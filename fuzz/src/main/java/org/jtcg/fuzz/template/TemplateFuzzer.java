package org.jtcg.fuzz.template;

import org.jtcg.fuzz.ArchFuzzer;
import org.jtcg.fuzz.FuzzLayout;
import org.jtcg.fuzz.FuzzState;
import org.jtcg.fuzz.FuzzTarget;
import org.jtcg.fuzz.OracleCode;
import org.jtcg.fuzz.Program;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The per-run fuzzer of a fixed-format architecture: cases from a {@link TemplateTable} through the
 * {@link TemplateGenerator}, initial states as {@link RegisterState}s. No state is left undefined
 * between instructions (the tables leave out forms whose results the architecture calls UNKNOWN),
 * so the only masks are fixed per-register ones the target gives.
 */
public final class TemplateFuzzer implements ArchFuzzer {
    private final FuzzTarget target;
    private final TemplateArch arch;
    private final TemplateTable table;
    private final TemplateGenerator generator;
    private final List<String> notes;
    private final OracleCode oracle;
    private final Map<Long, long[]> ignored;

    /**
     * @param ignored register bits never compared (id to mask), each with its reason at the target
     */
    public TemplateFuzzer(FuzzTarget target, TemplateArch arch, TemplateTable table, int length, List<String> notes, OracleCode oracle,
                          Map<Long, long[]> ignored) {
        this.target = target;
        this.arch = arch;
        this.table = table;
        this.generator = new TemplateGenerator(table, arch, length);
        this.notes = List.copyOf(notes);
        this.oracle = oracle;
        this.ignored = Map.copyOf(ignored);
    }

    @Override
    public FuzzTarget target() {
        return target;
    }

    public TemplateTable table() {
        return table;
    }

    @Override
    public FuzzLayout layout() {
        return arch.layout();
    }

    @Override
    public TemplateCase generate(long seed, long index) {
        return generator.generate(seed, index);
    }

    @Override
    public Program program(byte[] code, long[] pcs, int[] undefinedAfter) {
        long base = arch.layout().code();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < pcs.length; i++) {
            int off = (int) (pcs[i] - base);
            int len = arch.length(code, off);
            texts.add(arch.disassemble(arch.word(code, off, len), 8 * len, pcs[i]));
        }
        return new Program(base, code, pcs, undefinedAfter, texts, TemplateCase.mnemonics(texts));
    }

    @Override
    public String formatUndefined(int bits) {
        return "-";
    }

    @Override
    public int parseUndefined(String text) {
        if (!text.equals("-")) {
            throw new IllegalArgumentException("undefined state '" + text + "': " + target.arch() + " has none ('-')");
        }
        return 0;
    }

    @Override
    public long[] ignoredBits(Program p, int executed, long id) {
        long[] m = ignored.get(id);
        return m == null ? null : m.clone();
    }

    @Override
    public List<String> formatRegisters(FuzzState state) {
        return ((RegisterState) state).lines();
    }

    @Override
    public boolean readsLine(String keyword) {
        return keyword.equals(RegisterState.KEYWORD);
    }

    @Override
    public FuzzState parseState(List<String[]> registerLines, byte[] scratch) {
        return RegisterState.parse(registerLines, scratch);
    }

    @Override
    public List<String> notes() {
        return notes;
    }

    @Override
    public OracleCode oracleCode() {
        return oracle;
    }
}

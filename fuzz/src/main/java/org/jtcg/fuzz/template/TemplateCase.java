package org.jtcg.fuzz.template;

import org.jtcg.fuzz.FuzzCase;
import org.jtcg.fuzz.FuzzState;
import org.jtcg.fuzz.Program;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A fixed-format test case: an initial state and items of encoded instructions (an item is one
 * pattern-table row: an instruction, or a few that belong together); minimisation drops whole items.
 * Nothing is left undefined between instructions, so every subsequence is runnable.
 *
 * @param seed  the run's seed
 * @param index the case number; {@code (seed, index)} regenerates it
 * @param init  the initial state
 * @param items the instructions, grouped by row
 * @param arch  bytes and disassembly
 */
public record TemplateCase(long seed, long index, FuzzState init, List<List<Insn>> items, TemplateArch arch) implements FuzzCase {
    public TemplateCase {
        items = items.stream().map(List::copyOf).toList();
    }

    /**
     * One instruction.
     *
     * @param word  its bits
     * @param width its length in bits
     * @param row   the pattern-table row it came from
     */
    public record Insn(long word, int width, String row) {}

    /** All instructions in order. */
    public List<Insn> instructions() {
        List<Insn> out = new ArrayList<>();
        items.forEach(out::addAll);
        return out;
    }

    @Override
    public int itemCount() {
        return items.size();
    }

    @Override
    public int instructionCount() {
        return items.stream().mapToInt(List::size).sum();
    }

    @Override
    public TemplateCase keepItems(List<Integer> keep) {
        return new TemplateCase(seed, index, init, keep.stream().map(items::get).toList(), arch);
    }

    @Override
    public TemplateCase prefix(int n) {
        return new TemplateCase(seed, index, init, instructions().subList(0, n).stream().map(List::of).toList(), arch);
    }

    @Override
    public boolean runnable() {
        return true;
    }

    @Override
    public Program program() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        List<Insn> insns = instructions();
        long base = arch.layout().code();
        long[] pcs = new long[insns.size()];
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < insns.size(); i++) {
            Insn in = insns.get(i);
            pcs[i] = base + b.size();
            b.writeBytes(arch.bytes(in.word(), in.width()));
            texts.add(arch.disassemble(in.word(), in.width(), pcs[i]));
        }
        return new Program(base, b.toByteArray(), pcs, new int[insns.size()], texts, mnemonics(texts));
    }

    /** Lower-case first word of each text. */
    static List<String> mnemonics(List<String> texts) {
        return texts.stream().map(t -> t.split("\\s+", 2)[0].toLowerCase(java.util.Locale.ROOT)).toList();
    }
}

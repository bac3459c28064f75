package org.jtcg.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The per-architecture part of {@code jtcg fuzz}, found with {@link ServiceLoader} by architecture
 * name: the pattern table, generator, encoder, initial-state rules, guards and undefined-state masks
 * live behind {@link #open}; the lanes, the comparison, delta debugging, reproducers and the run
 * loop in this package are shared by every architecture.
 */
public interface FuzzTarget {
    /** Architecture name as {@code --arch} spells it, e.g. {@code x86_64}. */
    String arch();

    /** ELF machine number; engine lanes find the {@code GuestArch} with it. */
    int elfMachine();

    /** Instruction groups {@link Selection#groups()} may name. */
    List<String> groups();

    /** The groups a selection without named groups leaves out (drawn from only when named); none by default. */
    default List<String> defaultOffGroups() {
        return List.of();
    }

    /**
     * The per-arch fuzzer for one run.
     *
     * @throws IllegalArgumentException for an unknown group or mnemonic, a bad mask line, or a
     *                                  selection that leaves no instruction forms (one line)
     */
    ArchFuzzer open(Selection selection);

    /**
     * What to generate.
     *
     * @param groups      groups to draw from, or null for all
     * @param exclude     mnemonics never to generate
     * @param length      generated instructions per case (guards not counted)
     * @param extraMasks  extra register-mask lines (docs/diff.md format), e.g. from {@code --masks}
     * @param masksSource where {@code extraMasks} came from, for error messages
     * @param qemuLane    a qemu lane takes part: leave out what the architecture knows qemu gets wrong
     *                    ({@link ArchFuzzer#notes()} says what)
     */
    record Selection(List<String> groups, List<String> exclude, int length, List<String> extraMasks, String masksSource,
                     boolean qemuLane) {
        public Selection {
            groups = groups == null ? null : List.copyOf(groups);
            exclude = List.copyOf(exclude);
            extraMasks = List.copyOf(extraMasks);
        }

        /** Every group, no exclusions, no extra masks. */
        public static Selection all(int length) {
            return new Selection(null, List.of(), length, List.of(), "none", false);
        }
    }

    /** The target for {@code arch}, or null. */
    static FuzzTarget forArch(String arch) {
        for (FuzzTarget t : ServiceLoader.load(FuzzTarget.class)) {
            if (t.arch().equals(arch)) {
                return t;
            }
        }
        return null;
    }

    /** Names of the architectures with a fuzz target on the class path, sorted. */
    static List<String> available() {
        List<String> out = new ArrayList<>();
        ServiceLoader.load(FuzzTarget.class).forEach(t -> out.add(t.arch()));
        out.sort(null);
        return out;
    }
}

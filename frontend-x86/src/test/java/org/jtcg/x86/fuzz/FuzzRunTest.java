package org.jtcg.x86.fuzz;

import org.jtcg.core.engine.EngineProvider;
import org.jtcg.cpreg.X86Registers;
import org.jtcg.fuzz.Comparison;
import org.jtcg.fuzz.EngineLane;
import org.jtcg.fuzz.FuzzRun;
import org.jtcg.fuzz.Minimizer;
import org.jtcg.fuzz.Outcome;
import org.jtcg.fuzz.Program;
import org.jtcg.fuzz.Reproducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runner against the real x86 frontend under interp and jit, and the test-only fault injector. */
class FuzzRunTest {
    private static final MaskTable MASKS = MaskTable.load();

    @org.junit.jupiter.api.BeforeAll
    static void needsTheTranslator() {
        org.junit.jupiter.api.Assumptions.assumeTrue(org.jtcg.core.arch.GuestArch.forElfMachine(org.jtcg.x86.X86Arch.EM_X86_64) != null,
                "skipped: no x86_64 GuestArch (translator) on the class path");
    }

    static X86Fuzzer fuzzer(PatternTable table, int length) {
        return new X86Fuzzer(new X86FuzzTarget(), table, MASKS, length);
    }

    private static FuzzRun run(List<String> engines, long count, long seed, PatternTable table, Path out) {
        return new FuzzRun(new FuzzRun.Options(engines, count, seed, out, 5), fuzzer(table, 20), EngineProvider::byName);
    }

    @Test
    void theTerminatorEndsEveryEngineTheSameWay() {
        {
            X86FuzzCase empty = new SequenceGenerator(PatternTable.builtIn(), MASKS, 1).generate(1, 0).withItems(List.of());
            Program p = empty.program();
            EngineLane lane = new EngineLane("interp", EngineProvider.byName("interp"), fuzzer(PatternTable.builtIn(), 1));
            Outcome o = lane.run(empty.init(), p);
            assertTrue(o.completed(p, X86FuzzLayout.LAYOUT), o.describe(p));
            assertEquals(empty.init().gpr(3), o.registers().get(X86Registers.gpr(3))[0]);
            lane.close();
        }
    }

    @Test
    void injectedFlagFaultIsFoundMinimisedAndLocated(@TempDir Path dir) throws Exception {
        FaultInjectingEngineProvider.inject("xadd", X86Registers.RFLAGS, FlagBits.CF);
        PatternTable t = PatternTable.builtIn().only(List.of("int"));
        List<FuzzRun.Finding> found = new ArrayList<>();
        FuzzRun.Summary s;
        try (FuzzRun r = run(List.of("interp", "jit-fault"), 60, 11, t, dir)) {
            s = r.run(new FuzzRun.Listener() {
                @Override
                public void finding(FuzzRun.Finding f) {
                    found.add(f);
                }
            });
        } finally {
            FaultInjectingEngineProvider.inject("none", 0, 0);
        }
        assertTrue(s.divergences() > 0, "no divergence found");
        for (FuzzRun.Finding f : found) {
            String text = String.join("\n", f.report());
            assertTrue(f.culprit() >= 0, text);
            assertEquals("xadd", f.program().mnemonics().get(f.culprit()), text);
            assertEquals(1, f.program().size(), "minimised to the injected instruction:\n" + text);
            assertEquals(List.of("x86.rflags"), f.divergence().registerNames(), text);
            assertNotNull(f.reproducer());
            Reproducer back = Reproducer.read(f.reproducer(), fuzzer(t, 20));
            assertEquals(List.of("interp", "jit-fault"), back.engines());
            FaultInjectingEngineProvider.inject("xadd", X86Registers.RFLAGS, FlagBits.CF);
            try (FuzzRun replay = run(back.engines(), 1, 0, t, null)) {
                assertNotNull(replay.replay(back), "the reproducer diverges again");
            } finally {
                FaultInjectingEngineProvider.inject("none", 0, 0);
            }
            try (FuzzRun replay = run(back.engines(), 1, 0, t, null)) {
                assertNull(replay.replay(back), "without the fault the engines agree");
            }
        }
        assertTrue(Files.list(dir).count() >= 1);
    }

    @Test
    void theFirstDivergingInstructionIsTheInjectedOneNotTheEnd() {
        FaultInjectingEngineProvider.inject("bswap", X86Registers.gpr(0), 1L << 40);
        try {
            SequenceGenerator gen = new SequenceGenerator(PatternTable.builtIn().only(List.of("int"))
                    .without(List.of("bswap")), MASKS, 12);
            Pattern bswap = PatternTable.builtIn().patterns().stream().filter(p -> p.name().equals("bswap")).findFirst().orElseThrow();
            X86FuzzCase c = gen.generate(3, 9);
            List<List<FuzzInsn>> items = new ArrayList<>(c.items());
            items.add(5, List.of(new FuzzInsn(bswap, 64, List.of(new Arg.Gpr(9, 8, false)), false)));
            X86FuzzCase withFault = c.withItems(items);
            int index = withFault.instructions().indexOf(items.get(5).get(0));
            X86Fuzzer fz = fuzzer(PatternTable.builtIn(), 12);
            EngineLane a = new EngineLane("interp", EngineProvider.byName("interp"), fz);
            EngineLane b = new EngineLane("jit-fault", EngineProvider.byName("jit-fault"), fz);
            Comparison cmp = new Comparison(fz);
            Minimizer m = new Minimizer(k -> {
                Program p = k.program();
                return cmp.compare(p, a.run(k.init(), p), b.run(k.init(), p)) != null;
            });
            assertEquals(index, m.firstDivergingInstruction(withFault));
            a.close();
            b.close();
        } finally {
            FaultInjectingEngineProvider.inject("none", 0, 0);
        }
    }

    @Test
    void interpAndJitAgreeOnGeneratedIntegerSequences() {
        List<String> problems = new ArrayList<>();
        FuzzRun.Summary s;
        try (FuzzRun r = run(List.of("interp", "jit"), 300, 42, PatternTable.builtIn(), null)) {
            s = r.run(new FuzzRun.Listener() {
                @Override
                public void finding(FuzzRun.Finding f) {
                    problems.add(String.join("\n", f.report()));
                }
            });
        }
        assertEquals(0, s.divergences(), String.join("\n\n", problems));
    }
}

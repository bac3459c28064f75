package org.jtcg.s390x.translate;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The cases of {@code general-cases.tsv} (results and CC of the general instructions, expected values from
 * the Principles of Operation, checked against qemu by {@link GeneralCasesQemuTest}) on jtcg's interp and jit.
 */
class GeneralCasesTest {
    @TestFactory
    List<DynamicTest> generalInstructionCases() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (GeneralCase c : GeneralCase.load()) {
            for (String engine : List.of("interp", "jit")) {
                tests.add(DynamicTest.dynamicTest(c.name() + " (" + engine + ")", () -> run(c, engine)));
            }
        }
        return tests;
    }

    private static void run(GeneralCase c, String engine) {
        SnippetRunner s = new SnippetRunner(engine).code(c.code() + "0aff");
        long data = SnippetRunner.DATA;
        for (Map.Entry<String, String> i : c.in().entrySet()) {
            String k = i.getKey();
            if (k.startsWith("r")) {
                s.cpu.setGpr(Integer.parseInt(k.substring(1)), GeneralCase.value(i.getValue(), data));
            } else {
                byte[] b = GeneralCase.bytes(i.getValue());
                s.mem.poke(data + Integer.parseInt(k.substring(1), 16), b, 0, b.length);
            }
        }
        s.runToSvc();
        long[] regs = new long[16];
        for (int r = 0; r < 16; r++) {
            regs[r] = s.cpu.gpr(r);
        }
        byte[] bytes = new byte[GeneralCase.DATA_SIZE];
        for (int k = 0; k < bytes.length; k++) {
            bytes[k] = (byte) s.byteAt(data + k);
        }
        assertEquals(c.expected(), c.describe(regs, s.cpu.cc(), bytes, data), c.name());
    }
}

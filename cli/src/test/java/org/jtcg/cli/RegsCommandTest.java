package org.jtcg.cli;

import org.jtcg.cli.RunEndToEndTest.Result;
import org.jtcg.cli.toy.ToyCpu;
import org.jtcg.cpreg.RegisterNames;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.jtcg.cli.RunEndToEndTest.jtcg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code jtcg regs show/diff/export/import} on snapshots of the toy64 program, in child JVMs. */
class RegsCommandTest {
    @TempDir
    Path dir;
    Path snap;

    @BeforeEach
    void snapshot() throws Exception {
        Path elf = dir.resolve("prog");
        Files.write(elf, SnapshotEndToEndTest.program().elf());
        snap = dir.resolve("at3.snap");
        Result r = jtcg("run", "--snapshot-at", "3", "--snapshot-out", snap.toString(), elf.toString());
        assertEquals(5, r.status(), r.err());
    }

    @Test
    void showPrintsVersionArchRegistersMemoryAndProcess() throws Exception {
        Result r = jtcg("regs", "show", snap.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("format version: 1\n"), r.out());
        assertTrue(r.out().contains("register arch: x86\n"), r.out());
        assertTrue(r.out().contains("guest arch: toy64\n"), r.out());
        assertTrue(r.out().contains("registers (9):"), r.out());
        assertTrue(r.out().contains("  " + RegisterNames.name(ToyCpu.reg(5)) + " = 0x3\n"), r.out()); // loop counter during the first of 3 writes
        assertTrue(r.out().contains("r-x"), r.out());
        assertTrue(r.out().contains("brk 0x401000..0x403000"), r.out());
        assertTrue(r.out().contains("3 syscalls"), r.out());
        assertTrue(r.out().contains("fd 1: stdio 1"), r.out());
    }

    @Test
    void exportImportRoundTripsAndDiffFindsAChange() throws Exception {
        Result text = jtcg("regs", "export", snap.toString(), "--format", "text");
        assertEquals(0, text.status(), text.err());
        Path txt = dir.resolve("regs.txt");
        Files.writeString(txt, text.out());
        Path back = dir.resolve("back.snap");
        Result imp = jtcg("regs", "import", txt.toString(), "--arch", "toy64", "-o", back.toString());
        assertEquals(0, imp.status(), imp.err());
        Result same = jtcg("regs", "diff", snap.toString(), back.toString());
        assertEquals(0, same.status(), same.out() + same.err());

        String r3 = RegisterNames.name(ToyCpu.reg(3));
        List<String> edited = text.out().lines()
                .map(l -> l.startsWith(r3 + " ") ? r3 + " = 0x1234 # changed" : l).collect(Collectors.toList());
        Files.write(txt, edited);
        Path changed = dir.resolve("changed.snap");
        assertEquals(0, jtcg("regs", "import", txt.toString(), "--arch", "toy64", "-o", changed.toString()).status());
        Result diff = jtcg("regs", "diff", snap.toString(), changed.toString());
        assertEquals(1, diff.status(), diff.err());
        assertEquals(1, diff.out().lines().count(), diff.out());
        assertTrue(diff.out().startsWith(r3 + ": 0x") && diff.out().contains("!= 0x1234"), diff.out());

        Result json = jtcg("regs", "export", snap.toString(), "--format", "json");
        assertTrue(json.out().startsWith("{\"arch\":\"x86\",\"guest_arch\":\"toy64\",\"registers\":[{\"name\":"), json.out());
    }

    @Test
    void importMergesAgainstTheArchAndRejectsUnknownRegisters() throws Exception {
        Path txt = dir.resolve("x86.txt");
        Files.writeString(txt, "# some registers\nx86.rax = 5\nx86.xmm0 = 0x1_2\n\n");
        Path out = dir.resolve("x86.snap");
        assertEquals(0, jtcg("regs", "import", txt.toString(), "--arch", "x86", "-o", out.toString()).status());
        Result show = jtcg("regs", "show", out.toString());
        assertTrue(show.out().contains("x86.rax = 0x5\n"), show.out());
        assertTrue(show.out().contains("x86.xmm0 = 0x0000000000000001_0000000000000002\n"), show.out());
        assertTrue(show.out().contains("x86.rbx = 0x0\n"), show.out()); // not in the file: keeps its value

        Result unknown = jtcg("regs", "import", txt.toString(), "--arch", "toy64", "-o", out.toString());
        assertEquals(126, unknown.status());
        assertTrue(unknown.err().contains("x86.rax") && unknown.err().contains("nothing was loaded"), unknown.err());
        Files.writeString(txt, "x86.rax = 0x1_0\n");
        Result tooWide = jtcg("regs", "import", txt.toString(), "--arch", "x86", "-o", out.toString());
        assertEquals(126, tooWide.status());
        assertTrue(tooWide.err().contains("line 1") && tooWide.err().contains("does not fit"), tooWide.err());
        assertEquals(2, jtcg("regs", "import", txt.toString(), "--arch", "vax", "-o", out.toString()).status());
        assertEquals(2, jtcg("regs").status());
        assertEquals(127, jtcg("regs", "show", dir.resolve("nope").toString()).status());
    }
}

package org.jtcg.cli;

import org.jtcg.cli.RunEndToEndTest.Result;
import org.jtcg.cli.toy.ToyProgram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.jtcg.cli.RunEndToEndTest.jtcg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jtcg run --snapshot-at N --snapshot-out F} and {@code jtcg run --resume F} in child JVMs:
 * a snapshot run prints what a plain run prints, and (output of the first N syscalls) + (output
 * of the resumed run) is the whole output, with the same exit status, across engines.
 */
class SnapshotEndToEndTest {
    static final long HEAP = ToyProgram.BASE + 0x1000; // the toy ELF is one page: the break starts here

    /** The outputs of the program's syscalls, in order (null: the syscall writes nothing). */
    static final List<String> WRITES = List.of("a\n", "", "loop\n", "loop\n", "loop\n", "H\n", "");

    /**
     * write "a"; brk(+2 pages); store "H\n" on the heap; 3 x write "loop"; write the heap bytes;
     * exit_group(5). Restoring must bring back registers, code, the heap and the loop counter.
     */
    static ToyProgram program() {
        ToyProgram p = new ToyProgram().write(1, "a\n");
        p.li(0, 12).li(1, HEAP + 0x2000).syscall();
        p.li(0, 'H').li(1, HEAP).store8(1).li(0, '\n').li(1, HEAP + 1).store8(1);
        p.li(5, 3);
        int head = p.here();
        p.write(1, "loop\n").decJnz(5, head);
        p.li(0, 1).li(1, 1).li(2, HEAP).li(3, 2).syscall();
        return p.exitGroup(5);
    }

    @TempDir
    Path dir;

    private Path elf() throws Exception {
        Path f = dir.resolve("prog");
        Files.write(f, program().elf());
        return f;
    }

    private static String prefix(int n) {
        return String.join("", WRITES.subList(0, Math.min(n, WRITES.size())));
    }

    @ParameterizedTest
    @CsvSource({"interp,interp,0", "jit,jit,0", "interp,jit,1", "jit,interp,2", "jit,jit,4", "interp,jit,6"})
    void snapshotThenResumeReproducesTheRun(String engine, String resumeEngine, int n) throws Exception {
        Path f = elf();
        Result full = jtcg("run", "--engine", engine, f.toString());
        assertEquals("a\nloop\nloop\nloop\nH\n", full.out());
        assertEquals(5, full.status(), full.err());

        Path snap = dir.resolve("s" + n + ".snap");
        Result withSnap = jtcg("run", "--engine", engine, "--snapshot-at", Integer.toString(n),
                "--snapshot-out", snap.toString(), f.toString());
        assertEquals(full.out(), withSnap.out());
        assertEquals(full.status(), withSnap.status(), withSnap.err());
        assertEquals("", withSnap.err());
        assertTrue(Files.size(snap) > 0);

        Result resumed = jtcg("run", "--engine", resumeEngine, "--resume", snap.toString());
        assertEquals(full.out(), prefix(n) + resumed.out(), resumed.err());
        assertEquals(full.status(), resumed.status(), resumed.err());
        assertEquals("", resumed.err());
    }

    @Test
    void aSnapshotOfAResumedRunContinuesTheCountAndResumesAgain() throws Exception {
        Path first = dir.resolve("first.snap");
        jtcg("run", "--snapshot-at", "2", "--snapshot-out", first.toString(), elf().toString());
        Path second = dir.resolve("second.snap");
        Result mid = jtcg("run", "--engine", "interp", "--resume", first.toString(), "--snapshot-at", "4",
                "--snapshot-out", second.toString(), "--stats");
        assertEquals("loop\nloop\nloop\nH\n", mid.out());
        assertTrue(mid.err().contains("\"syscalls\":7"), mid.err()); // 2 before the snapshot + 5 after
        Result last = jtcg("run", "--resume", second.toString());
        assertEquals("loop\nH\n", last.out());
        assertEquals(5, last.status());
    }

    @Test
    void pastTheEndWritesNothingAndSaysSo() throws Exception {
        Path snap = dir.resolve("never.snap");
        for (String n : new String[] {"7", "100"}) {
            Result r = jtcg("run", "--snapshot-at", n, "--snapshot-out", snap.toString(), elf().toString());
            assertEquals("a\nloop\nloop\nloop\nH\n", r.out());
            assertEquals(5, r.status());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("jtcg: note:") && r.err().contains("no snapshot written"), r.err());
            assertFalse(Files.exists(snap));
        }
    }

    @Test
    void badResumeInputsAreOneLineErrors() throws Exception {
        Result missing = jtcg("run", "--resume", dir.resolve("nope.snap").toString());
        assertEquals(127, missing.status());
        Path junk = dir.resolve("junk.snap");
        Files.writeString(junk, "not a snapshot", StandardCharsets.US_ASCII);
        Result bad = jtcg("run", "--resume", junk.toString());
        assertEquals(126, bad.status());
        assertTrue(bad.err().contains("bad magic"), bad.err());
        Path good = dir.resolve("good.snap");
        jtcg("run", "--snapshot-at", "1", "--snapshot-out", good.toString(), elf().toString());
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.snap");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Result truncated = jtcg("run", "--resume", cut.toString());
        assertEquals(126, truncated.status());
        assertTrue(truncated.err().contains("truncated"), truncated.err());
        Result both = jtcg("run", "--resume", good.toString(), elf().toString());
        assertEquals(2, both.status());
        for (Result r : List.of(missing, bad, truncated, both)) {
            assertEquals(1, r.err().lines().filter(l -> !l.startsWith("Try ")).count(), r.err());
            assertTrue(r.err().startsWith("jtcg: "), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
    }
}

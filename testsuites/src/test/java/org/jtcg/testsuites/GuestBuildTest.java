package org.jtcg.testsuites;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guest build path itself ({@link GuestBuild} with {@code guest/Makefile}): a program that does not
 * compile is a failure naming it, with the compiler's message; a missing compiler is a skip reason.
 */
class GuestBuildTest {
    @TempDir
    Path dir;

    /** A copy of guest/Makefile with one good and one broken program. */
    private Path guestTree() throws Exception {
        Files.copy(GuestHarness.GUEST.resolve("Makefile"), dir.resolve("Makefile"));
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("good.c"), "int main(void) { return 0; }\n");
        Files.writeString(src.resolve("broken.c"), "int main(void) { return undeclared_name_in_broken_c; }\n");
        return dir;
    }

    @Test
    void aBrokenProgramFailsTheBuildNamingIt() throws Exception {
        GuestBuild.Outcome o = GuestBuild.build(guestTree(), List.of("build/x86_64/good", "build/x86_64/broken"), "make", "gcc");
        Assumptions.assumeFalse(o instanceof GuestBuild.ToolMissing, () -> ((GuestBuild.ToolMissing) o).reason());
        GuestBuild.Failed failed = assertInstanceOf(GuestBuild.Failed.class, o);
        assertEquals(Set.of("broken"), failed.programs());
        String message = failed.message(dir);
        assertTrue(message.startsWith("guest build failed for broken (make -C "), message);
        assertTrue(message.contains("undeclared_name_in_broken_c"), "the compiler's error is shown: " + message);
        assertTrue(Files.isExecutable(dir.resolve("build/x86_64/good")), "make -k still built the good program");
    }

    /** A program listed but without its source (a renamed .c file) is named too. */
    @Test
    void aMissingSourceIsNamed() throws Exception {
        GuestBuild.Outcome o = GuestBuild.build(guestTree(), List.of("build/x86_64/good", "build/x86_64/gone"), "make", "gcc");
        Assumptions.assumeFalse(o instanceof GuestBuild.ToolMissing, () -> ((GuestBuild.ToolMissing) o).reason());
        assertEquals(Set.of("gone"), assertInstanceOf(GuestBuild.Failed.class, o).programs());
    }

    @Test
    void aMissingCompilerIsASkipReasonNotAFailure() throws Exception {
        GuestBuild.Outcome o = GuestBuild.build(guestTree(), List.of(), "make", "jtcg-no-such-gcc");
        GuestBuild.ToolMissing missing = assertInstanceOf(GuestBuild.ToolMissing.class, o);
        assertTrue(missing.reason().contains("jtcg-no-such-gcc not found on PATH"), missing.reason());
    }

    @Test
    void aMissingMakeIsASkipReason() throws Exception {
        GuestBuild.Outcome o = GuestBuild.build(guestTree(), List.of(), "jtcg-no-such-make", "gcc");
        GuestBuild.ToolMissing missing = assertInstanceOf(GuestBuild.ToolMissing.class, o);
        assertTrue(missing.reason().contains("jtcg-no-such-make not found on PATH"), missing.reason());
    }

    @Test
    void aGoodTreeBuilds() throws Exception {
        guestTree();
        Files.delete(dir.resolve("src/broken.c"));
        GuestBuild.Outcome o = GuestBuild.build(dir, List.of("build/x86_64/good"), "make", "gcc");
        Assumptions.assumeFalse(o instanceof GuestBuild.ToolMissing, () -> ((GuestBuild.ToolMissing) o).reason());
        assertInstanceOf(GuestBuild.Built.class, o, () -> o.toString());
    }
}

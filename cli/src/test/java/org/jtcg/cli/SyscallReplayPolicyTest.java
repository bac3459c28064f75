package org.jtcg.cli;

import org.jtcg.core.arch.GuestArch;
import org.jtcg.cli.toy.ToyAbi;
import org.jtcg.core.linux.LinuxProcess;
import org.jtcg.core.linux.SyscallTable;
import org.jtcg.core.memory.PagedMemory;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.jtcg.cli.SyscallReplayPolicy.Action.EXECUTE;
import static org.jtcg.cli.SyscallReplayPolicy.Action.MAP;
import static org.jtcg.cli.SyscallReplayPolicy.Action.REPLAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The replay table: its format, its default, and that it decides every syscall jtcg implements. */
class SyscallReplayPolicyTest {
    private final SyscallReplayPolicy builtIn = SyscallReplayPolicy.load();

    @Test
    void hostEffectsReplayOwnStateExecutesMmapMaps() {
        for (String n : List.of("openat", "write", "read", "unlink", "clock_gettime", "getpid", "getrandom", "uname")) {
            assertEquals(REPLAY, builtIn.action(n), n);
        }
        for (String n : List.of("brk", "munmap", "mprotect", "exit_group", "rt_sigaction", "arch_prctl", "set_tid_address")) {
            assertEquals(EXECUTE, builtIn.action(n), n);
        }
        assertEquals(MAP, builtIn.action("mmap"));
        assertEquals(REPLAY, builtIn.action("not_a_syscall_anyone_lists"), "unlisted names replay");
        assertEquals(REPLAY, builtIn.action(null), "numbers without a name replay");
    }

    /**
     * A syscall added to the shared layer must be classified here too (else it silently replays):
     * every name of every arch's syscall table (the frontends' tables and any registered arch) that
     * the shared layer implements is listed.
     */
    @Test
    void everySyscallTheSharedLayerImplementsOnEveryArchIsListed() throws Exception {
        Set<String> names = new TreeSet<>();
        for (String table : List.of("org/jtcg/x86/syscalls.tsv", "org/jtcg/arm64/syscalls.tsv", "org/jtcg/s390x/syscalls.tsv")) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(table)) {
                assertNotNull(in, table);
                names.addAll(SyscallTable.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), table).byName().keySet());
            }
        }
        for (GuestArch arch : GuestArch.all()) {
            names.addAll(arch.linuxAbi().syscalls().byName().keySet());
        }
        StringBuilder all = new StringBuilder();
        int nr = 0;
        for (String n : names) {
            all.append(nr++).append(' ').append(n).append('\n');
        }
        SyscallTable union = SyscallTable.parse(all.toString(), "union");
        LinuxProcess p = new LinuxProcess(new PagedMemory(), new ToyAbi() {
            @Override public SyscallTable syscalls() { return union; }
        }, InputStream.nullInputStream(), OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
        List<String> missing = new ArrayList<>();
        int implemented = 0;
        for (String n : names) {
            if (p.dispatcher().implemented(n)) {
                implemented++;
                if (!builtIn.lists(n)) {
                    missing.add(n);
                }
            }
        }
        assertTrue(implemented > 100, implemented + " implemented syscalls seen");
        assertTrue(builtIn.lists("old_mmap") && names.contains("old_mmap"), "s390x's mmap entry is covered");
        assertEquals(List.of(), missing);
    }

    @Test
    void badLinesAreNamed() {
        assertEquals(EXECUTE, SyscallReplayPolicy.parse("# c\n\nbrk execute why\n", "t").action("brk"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SyscallReplayPolicy.parse("brk execute\n", "t"));
        assertTrue(e.getMessage().startsWith("t:1: expected"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SyscallReplayPolicy.parse("\nbrk run why\n", "t"));
        assertTrue(e.getMessage().contains("t:2: unknown action 'run'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SyscallReplayPolicy.parse("brk execute a\nbrk replay b\n", "t"));
        assertTrue(e.getMessage().contains("t:2: syscall brk listed twice"), e.getMessage());
    }
}

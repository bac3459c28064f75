package org.jtcg.core.snapshot;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.linux.DirectoryFile;
import org.jtcg.core.linux.HostFile;
import org.jtcg.core.linux.LinuxProcess;
import org.jtcg.core.linux.OpenFlags;
import org.jtcg.core.linux.Pipe;
import org.jtcg.core.linux.SignalState;
import org.jtcg.core.memory.GuestMemory;
import org.jtcg.core.memory.MemoryConfig;
import org.jtcg.core.memory.PagedMemory;
import org.jtcg.cpreg.RegisterList;
import org.jtcg.cpreg.Snapshot;
import org.jtcg.cpreg.SnapshotFile;
import org.jtcg.cpreg.SnapshotFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessSnapshotTest {
    private static final int PAGE = GuestMemory.PAGE_SIZE;
    private static final int FIXED = GuestMemory.MAP_FIXED | GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS;

    @TempDir
    Path dir;

    private final SnapArch arch = new SnapArch();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private record Guest(PagedMemory memory, SnapArch.Cpu cpu, LinuxProcess process) {}

    private Guest guest() {
        PagedMemory m = new PagedMemory(MemoryConfig.defaults().withChunkBytes(1 << 20));
        SnapArch.Cpu cpu = new SnapArch.Cpu();
        cpu.attachMemory(m);
        LinuxProcess p = new LinuxProcess(m, arch.linuxAbi(), null, out, null);
        return new Guest(m, cpu, p);
    }

    private RestoredGuest roundTrip(Guest g) throws IOException {
        Snapshot s = ProcessSnapshot.capture(arch, g.cpu, g.process);
        byte[] bytes = SnapshotFile.toBytes(s);
        return ProcessSnapshot.restore(SnapshotFile.read(bytes), n -> n.equals("snaptest") ? arch : null,
                (mem, abi) -> new LinuxProcess(mem, abi, null, out, null));
    }

    /** Every mapped page's protection and bytes, read through a temporary read permission. */
    private static List<String> pages(PagedMemory m) {
        List<String> out = new ArrayList<>();
        m.forEachMapping(0, -1, (va, len, phys, prot) -> {
            for (long a = va; a < va + len; a += PAGE) {
                out.add(String.format("%x %d %s", a, prot, hash(m, a, prot)));
            }
        });
        return out;
    }

    private static String hash(PagedMemory m, long va, int prot) {
        if (m.physicalAddress(va) < 0) {
            return Integer.toHexString(java.util.Arrays.hashCode(new byte[PAGE])); // a reservation reads as zeros once accessible
        }
        m.mprotect(va, PAGE, prot | GuestMemory.PROT_READ);
        byte[] b = new byte[PAGE];
        m.read(va, b, 0, PAGE);
        m.mprotect(va, PAGE, prot);
        return Integer.toHexString(java.util.Arrays.hashCode(b));
    }

    @Test
    void registersMemoryAndProcessStateSurviveARoundTrip() throws Exception {
        Guest g = guest();
        PagedMemory m = g.memory;
        assertEquals(0x400000, m.mmap(0x400000, 3 * PAGE, GuestMemory.PROT_READ | GuestMemory.PROT_WRITE, FIXED));
        byte[] code = new byte[PAGE];
        new Random(1).nextBytes(code);
        m.write(0x400000, code, 0, PAGE);
        m.write(0x402000 + 17, "hello".getBytes(StandardCharsets.US_ASCII), 0, 5);
        m.mprotect(0x400000, PAGE, GuestMemory.PROT_EXEC);           // execute-only page with contents
        m.mprotect(0x401000, PAGE, GuestMemory.PROT_NONE);           // zero page, protection only
        assertEquals(0x500000, m.mmap(0x500000, 16 * PAGE, GuestMemory.PROT_NONE, FIXED)); // reservation
        m.initBrk(0x600000);
        assertEquals(0x603000, m.brk(0x603000));
        m.store(0x601008, 8, 0x1122334455667788L, false);
        m.munmap(0x600000, PAGE);                                   // hole inside the heap

        SnapArch.Cpu cpu = g.cpu;
        cpu.r0 = 1; cpu.r1 = -2; cpu.r2 = 3; cpu.r3 = 0x8000_0000_0000_0000L; cpu.pc = 0x400010;
        cpu.v0lo = 0x0123; cpu.v0hi = 0x4567;
        cpu.setReg(SnapArch.SYS, 0xdeadbeefL);

        LinuxProcess p = g.process;
        p.umask(027);
        p.setCwd(dir);
        p.setExePath("/bin/guest");
        p.setClearChildTid(0x7000);
        p.setSyscallCount(42);
        p.signals().setAction(11, new SignalState.Action(0x401234, 4, 0x405678, 0x3));
        p.signals().setBlocked(0x5);
        p.signals().setAltStack(0x9000, 0x2000, 0);
        Path file = dir.resolve("data.txt");
        Files.writeString(file, "0123456789");
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        int fd = p.fds().add(new HostFile(ch, file, OpenFlags.O_RDWR, false, true), true);
        p.fds().get(fd).seek(4, 0);
        int dupFd = p.fds().dup(fd, 10, false);
        int dirFd = p.fds().add(new DirectoryFile(dir, OpenFlags.O_RDONLY), false);
        p.fds().dupTo(1, 7, false); // stdout also on fd 7
        p.fds().close(0);

        RegisterList regsBefore = RegisterList.capture(cpu);
        List<String> pagesBefore = pages(m);
        RestoredGuest r = roundTrip(g);

        assertEquals(regsBefore, RegisterList.capture(r.cpu()));
        assertEquals(0x400010, r.cpu().pc);
        assertEquals(0xdeadbeefL, r.cpu().getReg(SnapArch.SYS));
        assertNotSame(m, r.memory());
        assertEquals(pagesBefore, pages(r.memory()));
        assertEquals(0x1122334455667788L, r.memory().load(0x601008, 8, false));
        assertEquals(0x600000, r.memory().brkStart());
        assertEquals(0x603000, r.memory().brkCurrent());
        assertEquals(-1, r.memory().protectionAt(0x600000));
        assertEquals(m.config(), r.memory().config());

        LinuxProcess q = r.process();
        assertEquals(027, q.umaskValue());
        assertEquals(dir, q.cwd());
        assertEquals("/bin/guest", q.exePath());
        assertEquals(0x7000, q.clearChildTid());
        assertEquals(42, q.syscallCount());
        assertEquals(new SignalState.Action(0x401234, 4, 0x405678, 0x3), q.signals().action(11));
        assertEquals(SignalState.Action.DEFAULT, q.signals().action(10));
        assertEquals(0x5, q.signals().blocked());
        assertEquals(0x9000, q.signals().altStackSp());
        assertFalse(q.fds().isOpen(0));
        assertTrue(q.fds().closeOnExec(fd));
        assertFalse(q.fds().closeOnExec(dupFd));
        byte[] two = new byte[2];
        assertEquals(2, q.fds().get(fd).read(two, 0, 2));
        assertEquals("45", new String(two, StandardCharsets.US_ASCII));
        assertEquals(2, q.fds().get(dupFd).read(two, 0, 2)); // shared description: shared offset
        assertEquals("67", new String(two, StandardCharsets.US_ASCII));
        assertTrue(q.fds().get(dirFd).isDirectory());
        q.fds().get(7).write("x7".getBytes(StandardCharsets.US_ASCII), 0, 2);
        q.fds().get(1).write("y1".getBytes(StandardCharsets.US_ASCII), 0, 2);
        assertEquals("x7y1", out.toString(StandardCharsets.US_ASCII));
        for (int k = 11; k < 1024; k++) {
            if (k != dirFd) {
                assertFalse(q.fds().isOpen(k), "fd " + k);
            }
        }
    }

    @Test
    void zeroPagesAreNotStored() throws Exception {
        Guest g = guest();
        assertEquals(0x10000000L, g.memory.mmap(0x10000000L, 1024 * PAGE,
                GuestMemory.PROT_READ | GuestMemory.PROT_WRITE, FIXED));
        g.memory.store(0x10000000L + 5 * PAGE, 1, 0x5a, false);
        g.cpu.pc = 0x10000000L;
        Snapshot s = ProcessSnapshot.capture(arch, g.cpu, g.process);
        MemoryImage.Summary sum = ProcessSnapshot.memorySummary(s);
        assertEquals(1, sum.storedPages());
        assertEquals(List.of(new MemoryImage.Region(0x10000000L, 1024L * PAGE, 3)), sum.regions());
        assertTrue(SnapshotFile.toBytes(s).length < 2000, "4 MiB of mostly zeros compresses to little");
        assertEquals(0x5a, roundTrip(g).memory().load(0x10000000L + 5 * PAGE, 1, false));
    }

    @Test
    void pipesCannotBeSaved() throws Exception {
        Guest g = guest();
        Pipe pipe = new Pipe();
        g.process.fds().put(5, pipe.readEnd, false);
        SnapshotException e = assertThrows(SnapshotException.class, () -> ProcessSnapshot.capture(arch, g.cpu, g.process));
        assertTrue(e.getMessage().contains("fd 5") && e.getMessage().contains("pipe"), e.getMessage());
    }

    @Test
    void aVanishedFileFailsTheRestoreClearly() throws Exception {
        Guest g = guest();
        Path file = dir.resolve("gone");
        Files.writeString(file, "x");
        g.process.fds().add(new HostFile(FileChannel.open(file), file, OpenFlags.O_RDONLY, false, true), false);
        byte[] bytes = SnapshotFile.toBytes(ProcessSnapshot.capture(arch, g.cpu, g.process));
        Files.delete(file);
        SnapshotException e = assertThrows(SnapshotException.class,
                () -> ProcessSnapshot.restore(SnapshotFile.read(bytes), n -> arch, LinuxProcess::new));
        assertTrue(e.getMessage().contains("fd 3") && e.getMessage().contains("gone"), e.getMessage());
    }

    @Test
    void badSnapshotsAreOneLineFormatErrors() throws Exception {
        Guest g = guest();
        g.memory.mmap(0x400000, PAGE, GuestMemory.PROT_READ | GuestMemory.PROT_WRITE, FIXED);
        g.memory.store(0x400000, 8, 77, false);
        Snapshot good = ProcessSnapshot.capture(arch, g.cpu, g.process);

        // registers only
        Snapshot regsOnly = new Snapshot(good.arch(), good.registers());
        assertFormatError(() -> ProcessSnapshot.restore(regsOnly, n -> arch, LinuxProcess::new), "not a process snapshot");
        // unknown arch
        assertFormatError(() -> ProcessSnapshot.restore(good, n -> null, LinuxProcess::new), "'snaptest'");
        // each section truncated at every length, and with a flipped byte
        for (int type : new int[] {SnapshotFile.SECTION_MEMORY_MAP, SnapshotFile.SECTION_PROCESS}) {
            byte[] payload = payloadOf(good, type);
            for (int len = 0; len < payload.length; len += Math.max(1, payload.length / 97)) {
                Snapshot cut = withPayload(good, type, java.util.Arrays.copyOf(payload, len));
                assertFormatError(() -> ProcessSnapshot.restore(cut, n -> arch, LinuxProcess::new), "snapshot");
            }
        }
        byte[] mem = payloadOf(good, SnapshotFile.SECTION_MEMORY_MAP);
        mem[mem.length - 3] ^= 0x40; // inside the Deflate stream
        Snapshot flipped = withPayload(good, SnapshotFile.SECTION_MEMORY_MAP, mem);
        assertFormatError(() -> ProcessSnapshot.restore(flipped, n -> arch, LinuxProcess::new), "memory map");
        byte[] proc = payloadOf(good, SnapshotFile.SECTION_PROCESS);
        proc[0] = 9; // layout version from the future
        Snapshot future = withPayload(good, SnapshotFile.SECTION_PROCESS, proc);
        assertFormatError(() -> ProcessSnapshot.restore(future, n -> arch, LinuxProcess::new), "layout version 9");
        // and the intact one restores
        assertEquals(77, ProcessSnapshot.restore(good, n -> arch, LinuxProcess::new).memory().load(0x400000, 8, false));
    }

    /** A CPU whose pc is not one of its registers: a snapshot would lose where the guest is. */
    static final class NoPcCpu extends CpuState {
        public long r0;
        static final org.jtcg.core.cpu.CpuLayout LAYOUT = org.jtcg.core.cpu.CpuLayout.of(
                java.lang.invoke.MethodHandles.lookup(), NoPcCpu.class, List.of(org.jtcg.core.cpu.CpuLayout.spec("r0", SnapArch.R0)));

        @Override public org.jtcg.core.cpu.CpuLayout layout() { return LAYOUT; }
    }

    @Test
    void aCpuWithoutAPcRegisterCannotBeSaved() {
        Guest g = guest();
        SnapshotException e = assertThrows(SnapshotException.class, () -> ProcessSnapshot.capture(arch, new NoPcCpu(), g.process));
        assertTrue(e.getMessage().contains("pc"), e.getMessage());
    }

    private interface Failing {
        void run() throws Exception;
    }

    private static void assertFormatError(Failing f, String fragment) {
        SnapshotFormatException e = assertThrows(SnapshotFormatException.class, f::run);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    private static byte[] payloadOf(Snapshot s, int type) {
        return s.sections().stream().filter(x -> x.type() == type).findFirst().orElseThrow().payload();
    }

    private static Snapshot withPayload(Snapshot s, int type, byte[] payload) {
        List<Snapshot.Section> secs = new ArrayList<>();
        for (Snapshot.Section x : s.sections()) {
            secs.add(x.type() == type ? new Snapshot.Section(type, x.flags(), payload) : x);
        }
        return new Snapshot(s.arch(), s.registers(), secs);
    }
}

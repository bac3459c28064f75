package org.jtcg.core.linux;

import org.jtcg.core.memory.GuestMemory;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class InitialStackTest {

    /** Parses a built stack back, as a guest's _start/libc would. */
    private record Parsed(long argc, List<String> argv, List<String> envp, Map<Long, Long> auxv) {}

    private static Parsed parse(GuestMemory m, boolean be, long sp) {
        long p = sp;
        long argc = m.load(p, 8, be);
        p += 8;
        List<String> argv = new ArrayList<>();
        for (long i = 0; i < argc; i++, p += 8) argv.add(str(m, m.load(p, 8, be)));
        assertEquals(0, m.load(p, 8, be), "argv NULL terminator");
        p += 8;
        List<String> envp = new ArrayList<>();
        for (long e; (e = m.load(p, 8, be)) != 0; p += 8) envp.add(str(m, e));
        p += 8;
        Map<Long, Long> aux = new LinkedHashMap<>();
        while (true) {
            long t = m.load(p, 8, be), v = m.load(p + 8, 8, be);
            p += 16;
            aux.put(t, v);
            if (t == InitialStack.AT_NULL) break;
        }
        return new Parsed(argc, argv, envp, aux);
    }

    private static String str(GuestMemory m, long addr) {
        return new String(m.readCString(addr, 4096), StandardCharsets.UTF_8);
    }

    private void checkStack(boolean bigEndian) throws Exception {
        TestMemory mem = new TestMemory();
        TestAbi abi = new TestAbi(bigEndian, StatLayout.S390X);
        ElfBuilder eb = ElfBuilder.staticExec();
        if (bigEndian) eb.data = 2;
        LoadedImage img = new ElfLoader(mem, abi, 62, "t").load(ElfFile.parse("/bin/prog", eb.build()));
        byte[] rnd = new byte[16];
        new Random(7).nextBytes(rnd);
        InitialStack.Result r = new InitialStack(mem, abi)
                .argv(List.of("/bin/prog", "-x", "héllo wörld"))
                .envp(List.of("PATH=/bin", "HOME=/root"))
                .execfn("/bin/prog").random(rnd).ids(1000, 1001, 100, 101).build(img);

        assertEquals(0, r.stackPointer() & 15, "16-byte aligned SP");
        assertEquals(abi.addressSpace().stackTop(), r.top());
        assertEquals(abi.addressSpace().stackTop() - abi.addressSpace().stackSize(), r.low());
        assertEquals(GuestMemory.PROT_READ | GuestMemory.PROT_WRITE, mem.protectionAt(r.low()));
        Parsed p = parse(mem, bigEndian, r.stackPointer());
        assertEquals(3, p.argc());
        assertEquals(List.of("/bin/prog", "-x", "héllo wörld"), p.argv());
        assertEquals(List.of("PATH=/bin", "HOME=/root"), p.envp());
        Map<Long, Long> a = p.auxv();
        assertEquals(0x400040L, a.get((long) InitialStack.AT_PHDR));
        assertEquals(56L, a.get((long) InitialStack.AT_PHENT));
        assertEquals(4L, a.get((long) InitialStack.AT_PHNUM));
        assertEquals(4096L, a.get((long) InitialStack.AT_PAGESZ));
        assertEquals(0L, a.get((long) InitialStack.AT_BASE));
        assertEquals(0L, a.get((long) InitialStack.AT_FLAGS));
        assertEquals(0x401000L, a.get((long) InitialStack.AT_ENTRY));
        assertEquals(1000L, a.get((long) InitialStack.AT_UID));
        assertEquals(1001L, a.get((long) InitialStack.AT_EUID));
        assertEquals(100L, a.get((long) InitialStack.AT_GID));
        assertEquals(101L, a.get((long) InitialStack.AT_EGID));
        assertEquals(0L, a.get((long) InitialStack.AT_SECURE));
        assertEquals(0x1234L, a.get((long) InitialStack.AT_HWCAP));
        assertEquals(2L, a.get((long) InitialStack.AT_HWCAP2));
        assertEquals(100L, a.get((long) InitialStack.AT_CLKTCK));
        assertEquals("testplat", str(mem, a.get((long) InitialStack.AT_PLATFORM)));
        assertEquals("/bin/prog", str(mem, a.get((long) InitialStack.AT_EXECFN)));
        long rndAddr = a.get((long) InitialStack.AT_RANDOM);
        byte[] back = new byte[16];
        mem.read(rndAddr, back, 0, 16);
        assertArrayEquals(rnd, back);
        assertEquals(0L, a.get((long) InitialStack.AT_NULL));
        assertEquals(r.auxv().size(), a.size());
        // every string and the random bytes lie inside the stack mapping, above SP
        for (long addr : List.of(rndAddr, a.get((long) InitialStack.AT_EXECFN), a.get((long) InitialStack.AT_PLATFORM))) {
            assertTrue(addr > r.stackPointer() && addr < r.top());
        }
    }

    @Test
    void littleEndianStack() throws Exception {
        checkStack(false);
    }

    @Test
    void bigEndianStack() throws Exception {
        checkStack(true);
    }

    @Test
    void startSetsRegistersAndStack() throws Exception {
        TestMemory mem = new TestMemory();
        TestAbi abi = new TestAbi();
        LinuxProcess proc = new LinuxProcess(mem, abi, new java.io.ByteArrayInputStream(new byte[0]),
                new java.io.ByteArrayOutputStream(), new java.io.ByteArrayOutputStream());
        proc.setRandom(new Random(1));
        TestCpu cpu = new TestCpu();
        LinuxProcess.StartInfo si = proc.start(cpu, new ElfLoader(mem, abi, 62, "t"),
                ElfFile.parse("prog", ElfBuilder.staticExec().build()), List.of("prog", "a"), List.of("X=1"));
        assertEquals(0x401000, cpu.pc);
        assertEquals(si.stack().stackPointer(), cpu.sp);
        assertEquals(2, mem.load(cpu.sp, 8, false));
        assertEquals(si.image().entry(), si.stack().aux(InitialStack.AT_ENTRY));
    }

    @Test
    void hugeEnvironmentIsRejected() throws Exception {
        TestMemory mem = new TestMemory();
        TestAbi abi = new TestAbi();
        LoadedImage img = new ElfLoader(mem, abi, 62, "t").load(ElfFile.parse("p", ElfBuilder.staticExec().build()));
        String big = "x".repeat(1 << 20);
        ElfLoadException e = assertThrows(ElfLoadException.class, () -> new InitialStack(mem, abi)
                .argv(List.of("p")).envp(List.of(big, big, big)).random(new byte[16]).build(img));
        assertTrue(e.getMessage().contains("too long"));
    }
}

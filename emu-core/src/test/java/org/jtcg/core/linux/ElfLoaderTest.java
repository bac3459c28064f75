package org.jtcg.core.linux;

import org.jtcg.core.memory.GuestMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.*;

class ElfLoaderTest {
    private final TestMemory mem = new TestMemory();
    private final TestAbi abi = new TestAbi();
    private final ElfLoader loader = new ElfLoader(mem, abi, 62, "testarch");

    private static final int R = GuestMemory.PROT_READ, W = GuestMemory.PROT_WRITE, X = GuestMemory.PROT_EXEC;

    private byte[] bytes(long va, int n) {
        byte[] b = new byte[n];
        mem.read(va, b, 0, n);
        return b;
    }

    @Test
    void staticExecutableLoadsBytesProtAndZeroedBss() throws Exception {
        ElfBuilder eb = ElfBuilder.staticExec();
        byte[] img = eb.build();
        LoadedImage li = loader.load(ElfFile.parse("prog", img));
        assertEquals(0, li.loadBias());
        assertEquals(0x401000, li.entry());
        assertEquals(0x401000, li.startPc());
        assertEquals(0, li.interpBase());
        assertEquals(0x400040, li.phdrAddr(), "phdrs live at file offset 64 inside the first PT_LOAD");
        assertEquals(4, li.phnum());
        assertFalse(li.execStack());
        assertEquals(R, mem.protectionAt(0x400000));
        assertEquals(R | X, mem.protectionAt(0x401000));
        assertEquals(R | W, mem.protectionAt(0x403000));
        assertEquals(R | W, mem.protectionAt(0x405fff));
        assertEquals(-1, mem.protectionAt(0x402000), "gap between segments stays unmapped");
        assertEquals(-1, mem.protectionAt(0x406000));
        assertArrayEquals(Arrays.copyOfRange(img, 0x1000, 0x2000), bytes(0x401000, 0x1000));
        assertArrayEquals(Arrays.copyOfRange(img, 0x3000, 0x3100), bytes(0x403000, 0x100));
        assertArrayEquals(new byte[0x3000 - 0x100], bytes(0x403100, 0x3000 - 0x100), "bss and file-page tail are zero");
        assertEquals(0x406000, li.brkStart());
        assertEquals(0x406000, mem.brk(0), "loader set the initial break");
        // the ELF header itself is mapped (first segment covers file offset 0)
        assertArrayEquals(Arrays.copyOf(img, 64), bytes(0x400000, 64));
    }

    @Test
    void segmentsSharingABoundaryPageGetUnionProtection() throws Exception {
        byte[] p = new byte[0x1200];
        Arrays.fill(p, (byte) 0x11);
        ElfBuilder eb = new ElfBuilder().payload(p)
                .load(ElfFile.PF_R | ElfFile.PF_X, 0, 0x400000, 0x1800, 0x1800)
                .load(ElfFile.PF_R | ElfFile.PF_W, 0x1800, 0x401800, 0x100, 0x900);
        eb.payloadOffset = 0x1000;
        loader.load(ElfFile.parse("prog", eb.build()));
        assertEquals(R | X, mem.protectionAt(0x400000));
        assertEquals(R | W | X, mem.protectionAt(0x401000));
        assertEquals(R | W, mem.protectionAt(0x402000));
    }

    @Test
    void staticPieLoadsAtAlignedBiasWithTlsAndExecStack() throws Exception {
        ElfBuilder eb = ElfBuilder.staticExec();
        eb.type = ElfFile.ET_DYN;
        eb.segs.clear();
        eb.entry = 0x1000;
        eb.load(ElfFile.PF_R, 0, 0, 0x1000, 0x1000)
                .load(ElfFile.PF_R | ElfFile.PF_X, 0x1000, 0x1000, 0x1000, 0x1000)
                .load(ElfFile.PF_R | ElfFile.PF_W, 0x3000, 0x3000, 0x100, 0x2000)
                .seg(ElfFile.PT_TLS, ElfFile.PF_R, 0x3000, 0x3000, 0x10, 0x40, 64)
                .seg(ElfFile.PT_GNU_STACK, ElfFile.PF_R | ElfFile.PF_W | ElfFile.PF_X, 0, 0, 0, 0, 16);
        byte[] img = eb.build();
        LoadedImage li = loader.load(ElfFile.parse("pie", img));
        long bias = li.loadBias();
        assertEquals(abi.addressSpace().etDynBase(), bias, "test memory honours the hint");
        assertEquals(0, bias & 0xfff);
        assertEquals(bias + 0x1000, li.entry());
        assertEquals(bias + 0x40, li.phdrAddr());
        assertEquals(R | X, mem.protectionAt(bias + 0x1000));
        assertEquals(GuestMemory.PROT_NONE, mem.protectionAt(bias + 0x2000), "gap inside the reservation is PROT_NONE");
        assertArrayEquals(Arrays.copyOfRange(img, 0x1000, 0x2000), bytes(bias + 0x1000, 0x1000));
        assertEquals(new LoadedImage.Tls(bias + 0x3000, 0x10, 0x40, 64), li.tls());
        assertTrue(li.execStack());
        assertEquals(bias + 0x5000, li.brkStart());
    }

    @Test
    void interpreterIsLoadedAndStartsExecution(@TempDir Path dir) throws Exception {
        ElfBuilder ib = ElfBuilder.staticExec();
        ib.type = ElfFile.ET_DYN;
        ib.segs.clear();
        ib.entry = 0x1010;
        ib.load(ElfFile.PF_R | ElfFile.PF_X, 0, 0, 0x2000, 0x2000);
        Files.createDirectories(dir.resolve("lib"));
        Files.write(dir.resolve("lib/ld-test.so"), ib.build());

        ElfBuilder mb = ElfBuilder.staticExec();
        byte[] interp = "/lib/ld-test.so\0".getBytes();
        byte[] payload = Arrays.copyOf(mb.payload, 0x2200);
        System.arraycopy(interp, 0, payload, 0x2100, interp.length);
        mb.payload(payload).seg(ElfFile.PT_INTERP, ElfFile.PF_R, 0x3100, 0, interp.length, interp.length, 1);
        LoadedImage li = loader.sysroot(dir).load(ElfFile.parse("dyn", mb.build()));
        assertEquals("/lib/ld-test.so", li.interpreter());
        assertEquals(abi.addressSpace().interpreterBase(), li.interpBase());
        assertEquals(abi.addressSpace().interpreterBase() + 0x1010, li.startPc());
        assertEquals(0x401000, li.entry());
    }

    @Test
    void missingInterpreterIsNotFound(@TempDir Path dir) throws Exception {
        ElfBuilder mb = ElfBuilder.staticExec();
        byte[] interp = "/lib/nope.so\0".getBytes();
        byte[] payload = Arrays.copyOf(mb.payload, 0x2200);
        System.arraycopy(interp, 0, payload, 0x2100, interp.length);
        mb.payload(payload).seg(ElfFile.PT_INTERP, ElfFile.PF_R, 0x3100, 0, interp.length, interp.length, 1);
        ElfLoadException e = assertThrows(ElfLoadException.class, () -> loader.sysroot(dir).load(ElfFile.parse("dyn", mb.build())));
        assertTrue(e.notFound());
        assertEquals(127, e.exitCode());
        assertTrue(e.getMessage().contains("interpreter") && e.getMessage().contains("No such file"), e.getMessage());
    }

    @Test
    void missingFileIs127AndDirectoryIs126(@TempDir Path dir) {
        ElfLoadException e = assertThrows(ElfLoadException.class, () -> ElfFile.read(dir.resolve("absent")));
        assertEquals(127, e.exitCode());
        ElfLoadException d = assertThrows(ElfLoadException.class, () -> ElfFile.read(dir));
        assertEquals(126, d.exitCode());
        assertTrue(d.getMessage().endsWith("Is a directory"));
    }

    // ---- malformed inputs: each must fail with a one-line message naming the defect ----

    private void rejects(String expected, byte[] image) {
        ElfLoadException e = assertThrows(ElfLoadException.class, () -> loader.load(ElfFile.parse("bad", image)));
        assertTrue(e.getMessage().startsWith("bad: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertEquals(126, e.exitCode());
        assertFalse(e.notFound());
    }

    private void rejects(String expected, Consumer<ElfBuilder> breakIt) {
        ElfBuilder b = ElfBuilder.staticExec();
        breakIt.accept(b);
        rejects(expected, b.build());
    }

    @Test void emptyFile() { rejects("empty file", new byte[0]); }
    @Test void badMagic() { rejects("bad magic", "#!/bin/sh\necho hi\n".getBytes()); }
    @Test void truncatedHeader() { rejects("truncated ELF header", Arrays.copyOf(ElfBuilder.staticExec().build(), 40)); }
    @Test void elf32() { rejects("ELFCLASS32", b -> b.cls = 1); }
    @Test void invalidClass() { rejects("invalid ELF class 7", b -> b.cls = 7); }
    @Test void wrongEndianness() { rejects("big-endian ELF, but testarch is little-endian", b -> b.data = 2); }
    @Test void invalidEncoding() { rejects("invalid ELF data encoding", b -> b.data = 3); }
    @Test void wrongMachine() { rejects("AArch64 (e_machine 183) executable, but the guest arch is testarch", b -> b.machine = 183); }
    @Test void unknownMachine() { rejects("unknown machine (e_machine 4242)", b -> b.machine = 4242); }
    @Test void badIdentVersion() { rejects("identification version", b -> b.identVersion = 0); }
    @Test void badVersion() { rejects("unsupported ELF version 2", b -> b.version = 2); }
    @Test void relocatable() { rejects("ET_REL", b -> b.type = ElfFile.ET_REL); }
    @Test void coreDump() { rejects("ET_CORE", b -> b.type = ElfFile.ET_CORE); }
    @Test void otherType() { rejects("unsupported ELF type 9", b -> b.type = 9); }
    @Test void noProgramHeaders() { rejects("no program headers", b -> b.phnumOverride = 0); }
    @Test void badPhentsize() { rejects("program header entry size 32", b -> b.phentsize = 32); }
    @Test void truncatedProgramHeaders() { rejects("program headers truncated", b -> b.phoffOverride = (long) (b.build().length - 100)); }
    @Test void programHeaderOffsetHuge() { rejects("program headers truncated", b -> b.phoffOverride = -64L); }
    @Test void tooManyProgramHeaders() { rejects("program headers truncated", b -> b.phnumOverride = 500); }
    @Test void fileszBiggerThanMemsz() { rejects("file size 0x200 larger than memory size 0x100", b -> b.load(ElfFile.PF_R, 0x1000, 0x500000, 0x200, 0x100)); }
    @Test void dataBeyondEof() { rejects("extends beyond end of file", b -> b.load(ElfFile.PF_R, 0x3000, 0x500000, 0x10000, 0x10000)); }
    @Test void offsetBeyondEof() { rejects("extends beyond end of file", b -> b.load(ElfFile.PF_R, 0x7fff_ffff_0000L, 0x500000, 0x10, 0x10)); }
    @Test void overlappingSegments() { rejects("overlap", b -> b.load(ElfFile.PF_R, 0x1800, 0x401800, 0x100, 0x100)); }
    @Test void addressOverflow() { rejects("overflows", b -> b.load(ElfFile.PF_R, 0x1000, 0xffff_ffff_ffff_f000L, 0x100, 0x2000)); }
    @Test void beyondUserAddressSpace() { rejects("beyond the user address space", b -> b.load(ElfFile.PF_R, 0x1000, 0x7fff_ffff_f000L, 0x100, 0x2000)); }
    @Test void hugeSegment() { rejects("beyond the user address space", b -> b.load(ElfFile.PF_R | ElfFile.PF_W, 0x1000, 0x600000, 0x100, 0x10_0000_0000_0000L)); }
    @Test void badAlignment() { rejects("bad alignment 0x3000", b -> b.seg(ElfFile.PT_LOAD, ElfFile.PF_R, 0x1000, 0x601000, 0x10, 0x10, 0x3000)); }
    @Test void misalignedOffset() { rejects("disagree modulo alignment", b -> b.seg(ElfFile.PT_LOAD, ElfFile.PF_R, 0x1000, 0x601800, 0x10, 0x10, 0x1000)); }
    @Test void noLoadSegments() { rejects("no loadable (PT_LOAD) segments", b -> { b.segs.removeIf(s -> s.type() == ElfFile.PT_LOAD); }); }
    @Test void interpNotTerminated() {
        rejects("PT_INTERP path is not a NUL-terminated string", b -> b.seg(ElfFile.PT_INTERP, ElfFile.PF_R, 0x1000, 0, 8, 8, 1));
    }

    @Test
    void etExecCollidingWithExistingMappingFails() {
        mem.mmap(0x401000, 0x1000, GuestMemory.PROT_READ, GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS | GuestMemory.MAP_FIXED);
        rejects("cannot map", ElfBuilder.staticExec().build());
    }

    @Test
    void archForUnknownMachineNamesIt() {
        ElfBuilder b = ElfBuilder.staticExec();
        b.machine = 40;
        ElfLoadException e = assertThrows(ElfLoadException.class, () -> ElfLoader.archFor(ElfFile.parse("arm", b.build())));
        assertEquals("arm: no frontend for ARM (32-bit) (e_machine 40)", e.getMessage());
    }
}

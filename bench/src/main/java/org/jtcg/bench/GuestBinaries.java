package org.jtcg.bench;

import org.jtcg.core.arch.GuestArch;
import org.jtcg.core.linux.ElfFile;
import org.jtcg.core.linux.ElfLoadException;
import org.jtcg.core.linux.ElfLoader;
import org.jtcg.core.linux.LinuxAbi;
import org.jtcg.core.linux.LoadedImage;
import org.jtcg.core.memory.MemoryConfig;
import org.jtcg.core.memory.PagedMemory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finding the x86-64 frontend and the guest programs of testsuites/guest at benchmark run time,
 * so benchmarks that need them can explain why they are skipped instead of failing obscurely.
 */
final class GuestBinaries {
    /** ELF e_machine of x86-64. */
    static final int EM_X86_64 = 62;

    private GuestBinaries() {}

    /** The x86-64 frontend, or an exception saying it is not there yet. */
    static GuestArch x86OrSkip() {
        String why = Availability.x86Missing();
        if (why != null) {
            throw new SkippedException(why + ": x86-64 benchmarks are skipped until frontend-x86 provides one");
        }
        return GuestArch.forElfMachine(EM_X86_64);
    }

    /**
     * A guest program: {@code -Djtcg.bench.elf=PATH} if given, otherwise
     * {@code testsuites/guest/build/x86_64/NAME} found from the working directory or a parent.
     */
    static Path program(String name) {
        String explicit = System.getProperty("jtcg.bench.elf");
        if (explicit != null) {
            Path p = Path.of(explicit);
            if (!Files.isRegularFile(p)) {
                throw new SkippedException("-Djtcg.bench.elf=" + explicit + ": no such file");
            }
            return p;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("testsuites/guest/build/x86_64").resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new SkippedException("guest program testsuites/guest/build/x86_64/" + name + " not found from "
                + Path.of("").toAbsolutePath() + ": build it with 'make -C testsuites/guest' (or pass -Djtcg.bench.elf=PATH)");
    }

    /** Guest memory of the arch's shape with the program loaded (no stack, no process). */
    static Loaded load(GuestArch arch, Path elfPath) {
        LinuxAbi abi = arch.linuxAbi();
        MemoryConfig cfg = abi == null ? MemoryConfig.defaults() : abi.addressSpace().memoryConfig();
        PagedMemory mem = new PagedMemory(cfg);
        try {
            ElfFile elf = ElfFile.read(elfPath);
            LoadedImage img = ElfLoader.forArch(mem, arch).load(elf);
            long[] text = textRange(elf);
            return new Loaded(mem, text[0] + img.loadBias(), text[1] + img.loadBias());
        } catch (ElfLoadException e) {
            throw new SkippedException(elfPath + ": " + e.getMessage());
        }
    }

    /** Guest memory with a program loaded and the [start, end) of its .text. */
    record Loaded(PagedMemory memory, long textStart, long textEnd) {}

    /**
     * [start, end) of the .text section (ELF64 little-endian section headers), or of the first
     * executable PT_LOAD segment if the file has no section headers or no .text.
     */
    static long[] textRange(ElfFile elf) {
        ByteBuffer d = ByteBuffer.wrap(elf.data()).order(ByteOrder.LITTLE_ENDIAN);
        long shoff = d.getLong(0x28);
        int shentsize = d.getShort(0x3a) & 0xffff, shnum = d.getShort(0x3c) & 0xffff, shstrndx = d.getShort(0x3e) & 0xffff;
        if (shoff > 0 && shnum > 0 && shstrndx < shnum && shentsize >= 0x40
                && shoff + (long) shnum * shentsize <= elf.data().length) {
            long strOff = d.getLong((int) (shoff + (long) shstrndx * shentsize + 0x18));
            for (int i = 0; i < shnum; i++) {
                int h = (int) (shoff + (long) i * shentsize);
                int nameOff = d.getInt(h);
                if (".text".equals(cString(elf.data(), strOff + nameOff))) {
                    long addr = d.getLong(h + 0x10), size = d.getLong(h + 0x20);
                    return new long[] {addr, addr + size};
                }
            }
        }
        for (ElfFile.ProgramHeader ph : elf.loadSegments()) {
            if ((ph.flags() & ElfFile.PF_X) != 0) {
                return new long[] {ph.vaddr(), ph.vaddr() + ph.filesz()};
            }
        }
        throw new SkippedException(elf.name() + " has no executable segment");
    }

    private static String cString(byte[] data, long off) {
        if (off < 0 || off >= data.length) {
            return "";
        }
        int end = (int) off;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        return new String(data, (int) off, end - (int) off, StandardCharsets.ISO_8859_1);
    }

    /** A benchmark cannot run on this build or machine; the message says why. */
    static final class SkippedException extends RuntimeException {
        SkippedException(String why) {
            super("SKIPPED: " + why);
        }
    }
}

package org.jtcg.core.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A parsed and validated ELF64 executable: header and program headers, arch-independent checks
 * only (the loader checks machine, byte order and address-space limits against the target ABI).
 * Every problem is an {@link ElfLoadException} whose message names the file and the defect.
 */
public final class ElfFile {
    public static final int EHDR_SIZE = 64, PHDR_SIZE = 56;
    public static final int ET_REL = 1, ET_EXEC = 2, ET_DYN = 3, ET_CORE = 4;
    public static final int PT_NULL = 0, PT_LOAD = 1, PT_DYNAMIC = 2, PT_INTERP = 3, PT_NOTE = 4, PT_PHDR = 6,
            PT_TLS = 7, PT_GNU_STACK = 0x6474e551;
    public static final int PF_X = 1, PF_W = 2, PF_R = 4;
    /** Largest file we read whole (static binaries are a few MiB; this is a sanity bound). */
    public static final long MAX_FILE_SIZE = 1L << 30;
    /** Largest p_align accepted (Linux itself accepts at most 1 GiB alignment in practice). */
    public static final long MAX_ALIGN = 1L << 30;

    private static final Map<Integer, String> MACHINE_NAMES = Map.of(
            3, "i386", 8, "MIPS", 20, "PowerPC", 21, "PowerPC64", 22, "s390", 40, "ARM (32-bit)",
            62, "x86-64", 183, "AArch64", 243, "RISC-V");

    /** One program header. Addresses and sizes are unsigned 64-bit values. */
    public record ProgramHeader(int index, int type, int flags, long offset, long vaddr, long filesz, long memsz, long align) {
        /** Linux PROT_* bits for the segment's PF_* flags. */
        public int prot() {
            return ((flags & PF_R) != 0 ? 1 : 0) | ((flags & PF_W) != 0 ? 2 : 0) | ((flags & PF_X) != 0 ? 4 : 0);
        }

        /** vaddr + memsz (validated not to overflow). */
        public long end() {
            return vaddr + memsz;
        }
    }

    private final String name;
    private final byte[] data;
    private final boolean bigEndian;
    private final int type;
    private final int machine;
    private final long entry;
    private final long phoff;
    private final List<ProgramHeader> programHeaders;
    private final List<ProgramHeader> loads;
    private final String interpreter;

    private ElfFile(String name, byte[] data, boolean bigEndian, int type, int machine, long entry, long phoff,
                    List<ProgramHeader> phdrs, List<ProgramHeader> loads, String interpreter) {
        this.name = name;
        this.data = data;
        this.bigEndian = bigEndian;
        this.type = type;
        this.machine = machine;
        this.entry = entry;
        this.phoff = phoff;
        this.programHeaders = Collections.unmodifiableList(phdrs);
        this.loads = Collections.unmodifiableList(loads);
        this.interpreter = interpreter;
    }

    /** Reads and validates a file; a missing file gives an exception with {@code notFound() == true}. */
    public static ElfFile read(Path path) throws ElfLoadException {
        String name = path.toString();
        byte[] data;
        try {
            if (Files.isDirectory(path)) {
                throw new ElfLoadException(name + ": Is a directory");
            }
            long size = Files.size(path);
            if (size > MAX_FILE_SIZE) {
                throw new ElfLoadException(name + ": file too large for an executable (" + size + " bytes)");
            }
            data = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new ElfLoadException(name + ": No such file or directory", true);
        } catch (AccessDeniedException e) {
            throw new ElfLoadException(name + ": Permission denied");
        } catch (IOException e) {
            throw new ElfLoadException(name + ": cannot read: " + Errno.message(Errno.of(e)));
        }
        return parse(name, data);
    }

    /** Parses and validates an in-memory image; {@code name} prefixes messages. */
    public static ElfFile parse(String name, byte[] data) throws ElfLoadException {
        if (data.length == 0) {
            throw fail(name, "empty file, not an ELF executable");
        }
        if (data.length < 4 || data[0] != 0x7f || data[1] != 'E' || data[2] != 'L' || data[3] != 'F') {
            throw fail(name, "not an ELF file (bad magic)");
        }
        if (data.length < 5) {
            throw fail(name, "truncated ELF header (" + data.length + " bytes, need " + EHDR_SIZE + ")");
        }
        int cls = data[4];
        if (cls == 1) {
            throw fail(name, "32-bit ELF (ELFCLASS32) is not supported: jtcg runs 64-bit guests only");
        }
        if (cls != 2) {
            throw fail(name, "invalid ELF class " + cls + " (expected 2, ELFCLASS64)");
        }
        if (data.length < EHDR_SIZE) {
            throw fail(name, "truncated ELF header (" + data.length + " bytes, need " + EHDR_SIZE + ")");
        }
        int enc = data[5];
        if (enc != 1 && enc != 2) {
            throw fail(name, "invalid ELF data encoding " + enc + " (expected 1 little-endian or 2 big-endian)");
        }
        if (data[6] != 1) {
            throw fail(name, "unsupported ELF identification version " + data[6] + " (expected 1)");
        }
        boolean be = enc == 2;
        ByteBuffer b = ByteBuffer.wrap(data).order(be ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int type = Short.toUnsignedInt(b.getShort(16));
        int machine = Short.toUnsignedInt(b.getShort(18));
        long version = Integer.toUnsignedLong(b.getInt(20));
        long entry = b.getLong(24);
        long phoff = b.getLong(32);
        int ehsize = Short.toUnsignedInt(b.getShort(52));
        int phentsize = Short.toUnsignedInt(b.getShort(54));
        int phnum = Short.toUnsignedInt(b.getShort(56));
        if (version != 1) {
            throw fail(name, "unsupported ELF version " + version + " (expected 1, EV_CURRENT)");
        }
        switch (type) {
            case ET_EXEC, ET_DYN -> { }
            case ET_REL -> throw fail(name, "relocatable object file (ET_REL), not an executable");
            case ET_CORE -> throw fail(name, "core dump (ET_CORE), not an executable");
            default -> throw fail(name, "unsupported ELF type " + type + " (expected ET_EXEC or ET_DYN)");
        }
        if (ehsize < EHDR_SIZE) {
            throw fail(name, "ELF header size " + ehsize + " too small (expected " + EHDR_SIZE + ")");
        }
        if (phnum == 0) {
            throw fail(name, "no program headers");
        }
        if (phnum == 0xffff) {
            throw fail(name, "extended program header count (PN_XNUM) is not supported");
        }
        if (phentsize != PHDR_SIZE) {
            throw fail(name, "program header entry size " + phentsize + " (expected " + PHDR_SIZE + ")");
        }
        long phBytes = (long) phnum * PHDR_SIZE;
        if (Long.compareUnsigned(phoff, data.length) > 0 || phBytes > data.length - phoff) {
            throw fail(name, "program headers truncated (" + phnum + " entries at offset 0x" + Long.toHexString(phoff)
                    + ", file is " + data.length + " bytes)");
        }
        List<ProgramHeader> phdrs = new ArrayList<>(phnum);
        List<ProgramHeader> loads = new ArrayList<>();
        String interp = null;
        for (int i = 0; i < phnum; i++) {
            int o = (int) (phoff + (long) i * PHDR_SIZE);
            ProgramHeader ph = new ProgramHeader(i, b.getInt(o), b.getInt(o + 4), b.getLong(o + 8), b.getLong(o + 16),
                    b.getLong(o + 32), b.getLong(o + 40), b.getLong(o + 48));
            phdrs.add(ph);
            if (ph.type() == PT_LOAD) {
                checkLoad(name, data.length, ph);
                if (ph.memsz() != 0) {
                    loads.add(ph);
                }
            } else if (ph.type() == PT_INTERP) {
                if (interp != null) {
                    throw fail(name, "more than one PT_INTERP");
                }
                interp = interpreterPath(name, data, ph);
            }
        }
        if (loads.isEmpty()) {
            throw fail(name, "no loadable (PT_LOAD) segments");
        }
        // a plain lambda rather than Comparator.comparing: the JDK's lambda inside comparing() is linked at run time
        loads.sort((p, q) -> Long.compareUnsigned(p.vaddr(), q.vaddr()));
        for (int i = 1; i < loads.size(); i++) {
            ProgramHeader prev = loads.get(i - 1), cur = loads.get(i);
            if (Long.compareUnsigned(cur.vaddr(), prev.end()) < 0) {
                throw fail(name, String.format("PT_LOAD segments %d [0x%x-0x%x) and %d [0x%x-0x%x) overlap",
                        prev.index(), prev.vaddr(), prev.end(), cur.index(), cur.vaddr(), cur.end()));
            }
        }
        return new ElfFile(name, data, be, type, machine, entry, phoff, phdrs, loads, interp);
    }

    private static void checkLoad(String name, int fileLen, ProgramHeader ph) throws ElfLoadException {
        String seg = "PT_LOAD segment " + ph.index() + ": ";
        if (Long.compareUnsigned(ph.filesz(), ph.memsz()) > 0) {
            throw fail(name, seg + String.format("file size 0x%x larger than memory size 0x%x", ph.filesz(), ph.memsz()));
        }
        if (Long.compareUnsigned(ph.offset(), fileLen) > 0 || Long.compareUnsigned(ph.filesz(), fileLen - ph.offset()) > 0) {
            throw fail(name, seg + String.format("data [0x%x+0x%x) extends beyond end of file (%d bytes)",
                    ph.offset(), ph.filesz(), fileLen));
        }
        if (Long.compareUnsigned(ph.vaddr() + ph.memsz(), ph.vaddr()) < 0) {
            throw fail(name, seg + String.format("address 0x%x + size 0x%x overflows", ph.vaddr(), ph.memsz()));
        }
        long align = ph.align();
        if (align > 1) {
            if (Long.bitCount(align) != 1 || Long.compareUnsigned(align, MAX_ALIGN) > 0) {
                throw fail(name, seg + "bad alignment 0x" + Long.toHexString(align) + " (must be a power of two up to 1 GiB)");
            }
            if (((ph.vaddr() - ph.offset()) & (align - 1)) != 0) {
                throw fail(name, seg + String.format("address 0x%x and file offset 0x%x disagree modulo alignment 0x%x",
                        ph.vaddr(), ph.offset(), align));
            }
        }
    }

    private static String interpreterPath(String name, byte[] data, ProgramHeader ph) throws ElfLoadException {
        if (Long.compareUnsigned(ph.offset(), data.length) > 0 || Long.compareUnsigned(ph.filesz(), data.length - ph.offset()) > 0
                || ph.filesz() < 2 || ph.filesz() > 4096) {
            throw fail(name, "PT_INTERP path out of bounds or of bad length");
        }
        int off = (int) ph.offset(), len = (int) ph.filesz();
        int nul = -1;
        for (int i = 0; i < len; i++) {
            if (data[off + i] == 0) {
                nul = i;
                break;
            }
        }
        if (nul <= 0) {
            throw fail(name, "PT_INTERP path is not a NUL-terminated string");
        }
        return new String(data, off, nul, StandardCharsets.UTF_8);
    }

    static ElfLoadException fail(String name, String what) {
        return new ElfLoadException(name + ": " + what);
    }

    /** Display name of an ELF e_machine value. */
    public static String machineName(int machine) {
        String n = MACHINE_NAMES.get(machine);
        return n != null ? n + " (e_machine " + machine + ")" : "unknown machine (e_machine " + machine + ")";
    }

    public String name() { return name; }
    public byte[] data() { return data; }
    public boolean bigEndian() { return bigEndian; }
    public int type() { return type; }
    public int machine() { return machine; }
    public long entry() { return entry; }
    public long phoff() { return phoff; }
    public int phnum() { return programHeaders.size(); }
    public List<ProgramHeader> programHeaders() { return programHeaders; }
    /** PT_LOAD segments with a non-zero memory size, sorted by address, non-overlapping. */
    public List<ProgramHeader> loadSegments() { return loads; }
    /** The PT_INTERP path, or null for a static executable. */
    public String interpreter() { return interpreter; }

    /** The first program header of {@code type}, or null. */
    public ProgramHeader find(int type) {
        for (ProgramHeader ph : programHeaders) {
            if (ph.type() == type) {
                return ph;
            }
        }
        return null;
    }
}

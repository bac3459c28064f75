package org.jtcg.core.linux;

import org.jtcg.core.arch.GuestArch;
import org.jtcg.core.memory.GuestMemory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a validated {@link ElfFile} into guest memory like Linux's binfmt_elf: PT_LOAD segments
 * with their PF_* permissions, file bytes copied in, the rest of each segment zero (bss and the
 * tail of the last file page). ET_EXEC loads at its link addresses; ET_DYN (static-PIE, and the
 * interpreter) at a bias chosen from the ABI's hint. A PT_INTERP interpreter is loaded from the
 * host path (under an optional sysroot) and execution starts at its entry.
 */
public final class ElfLoader {
    private static final long PAGE = GuestMemory.PAGE_SIZE;

    private final GuestMemory memory;
    private final LinuxAbi abi;
    private final int elfMachine;
    private final String archName;
    private Path sysroot;

    /**
     * @param elfMachine the e_machine the target arch runs ({@link GuestArch#elfMachine()})
     * @param archName   arch name for messages
     */
    public ElfLoader(GuestMemory memory, LinuxAbi abi, int elfMachine, String archName) {
        this.memory = memory;
        this.abi = abi;
        this.elfMachine = elfMachine;
        this.archName = archName;
    }

    /** Convenience: a loader for {@code arch}'s ABI. */
    public static ElfLoader forArch(GuestMemory memory, GuestArch arch) {
        return new ElfLoader(memory, arch.linuxAbi(), arch.elfMachine(), arch.name());
    }

    /** The arch (frontend on the class path) that runs {@code file}; fails clearly when none does. */
    public static GuestArch archFor(ElfFile file) throws ElfLoadException {
        GuestArch a = GuestArch.forElfMachine(file.machine());
        if (a == null) {
            throw ElfFile.fail(file.name(), "no frontend for " + ElfFile.machineName(file.machine()));
        }
        return a;
    }

    /** Interpreter paths (PT_INTERP) are resolved under this directory, like qemu-user's -L. */
    public ElfLoader sysroot(Path sysroot) {
        this.sysroot = sysroot;
        return this;
    }

    /** Loads the main executable (and its interpreter) and sets the initial program break. */
    public LoadedImage load(ElfFile main) throws ElfLoadException {
        checkTarget(main);
        Placed p = place(main, abi.addressSpace().etDynBase());
        long phdrAddr = phdrAddress(main, p.bias);
        long brk = roundUp(p.end);
        memory.initBrk(brk);

        long entry = main.entry() + p.bias;
        long startPc = entry;
        long interpBase = 0;
        if (main.interpreter() != null) {
            Path ip = sysroot != null ? sysroot.resolve(main.interpreter().replaceFirst("^/+", "")) : Path.of(main.interpreter());
            ElfFile interp;
            try {
                interp = ElfFile.read(ip);
            } catch (ElfLoadException e) {
                throw new ElfLoadException(main.name() + ": interpreter " + e.getMessage(), e.notFound());
            }
            checkTarget(interp);
            if (interp.interpreter() != null) {
                throw ElfFile.fail(interp.name(), "interpreter itself requests an interpreter");
            }
            Placed ipl = place(interp, abi.addressSpace().interpreterBase());
            interpBase = ipl.start;
            startPc = interp.entry() + ipl.bias;
        }
        ElfFile.ProgramHeader tlsPh = main.find(ElfFile.PT_TLS);
        LoadedImage.Tls tls = tlsPh == null ? null
                : new LoadedImage.Tls(tlsPh.vaddr() + p.bias, tlsPh.filesz(), tlsPh.memsz(), tlsPh.align());
        ElfFile.ProgramHeader stack = main.find(ElfFile.PT_GNU_STACK);
        boolean execStack = stack != null && (stack.flags() & ElfFile.PF_X) != 0;
        return new LoadedImage(main, p.bias, entry, startPc, phdrAddr, main.phnum(), interpBase, p.start, p.end, brk,
                tls, execStack, main.interpreter());
    }

    private void checkTarget(ElfFile f) throws ElfLoadException {
        if (f.machine() != elfMachine) {
            throw ElfFile.fail(f.name(), ElfFile.machineName(f.machine()) + " executable, but the guest arch is " + archName);
        }
        if (f.bigEndian() != abi.bigEndian()) {
            throw ElfFile.fail(f.name(), (f.bigEndian() ? "big" : "little") + "-endian ELF, but " + archName + " is "
                    + (abi.bigEndian() ? "big" : "little") + "-endian");
        }
    }

    /** Result of placing one file: bias and the [start, end) of its segments after biasing. */
    private record Placed(long bias, long start, long end) {}

    /** A run of pages with one protection. */
    private record Run(long start, long end, int prot) {}

    private Placed place(ElfFile f, long dynHint) throws ElfLoadException {
        List<ElfFile.ProgramHeader> segs = f.loadSegments();
        long limit = abi.addressSpace().taskSize();
        long lo = segs.get(0).vaddr() & GuestMemory.PAGE_MASK;
        long hi = segs.get(segs.size() - 1).end();
        for (ElfFile.ProgramHeader ph : segs) {
            if (Long.compareUnsigned(ph.memsz(), limit) >= 0 || Long.compareUnsigned(ph.end(), limit) > 0 && f.type() == ElfFile.ET_EXEC) {
                throw ElfFile.fail(f.name(), String.format("PT_LOAD segment %d [0x%x-0x%x) lies beyond the user address space (limit 0x%x)",
                        ph.index(), ph.vaddr(), ph.end(), limit));
            }
        }
        if (Long.compareUnsigned(hi - lo, limit - PAGE) > 0) {
            throw ElfFile.fail(f.name(), String.format("image spans 0x%x bytes, more than the user address space", hi - lo));
        }
        List<Run> runs = runs(segs);
        long bias;
        if (f.type() == ElfFile.ET_EXEC) {
            bias = 0;
            for (Run r : runs) {
                long got = memory.mmap(r.start, r.end - r.start, r.prot,
                        GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS | GuestMemory.MAP_FIXED_NOREPLACE);
                if (got != r.start) {
                    throw ElfFile.fail(f.name(), String.format("cannot map [0x%x-0x%x): %s", r.start, r.end,
                            Errno.isError(got) ? Errno.message((int) -got) : "mapped elsewhere"));
                }
            }
        } else {
            long align = PAGE;
            for (ElfFile.ProgramHeader ph : segs) {
                align = Math.max(align, ph.align());
            }
            long base = reserve(f, roundUp(hi) - lo, align, dynHint);
            bias = base - lo;
            for (Run r : runs) {
                int rc = memory.mprotect(r.start + bias, r.end - r.start, r.prot);
                if (rc != 0) {
                    throw ElfFile.fail(f.name(), "cannot set segment protection: " + Errno.message(-rc));
                }
            }
        }
        byte[] data = f.data();
        for (ElfFile.ProgramHeader ph : segs) {
            if (ph.filesz() > 0) {
                memory.poke(ph.vaddr() + bias, data, (int) ph.offset(), (int) ph.filesz());
            }
        }
        return new Placed(bias, lo + bias, hi + bias);
    }

    /** Reserves {@code span} bytes aligned to {@code align} (PROT_NONE), preferring {@code hint}. */
    private long reserve(ElfFile f, long span, long align, long hint) throws ElfLoadException {
        int flags = GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS;
        long want = (hint + align - 1) & -align;
        long got = memory.mmap(want, span, GuestMemory.PROT_NONE, flags);
        if (!Errno.isError(got) && (got & (align - 1)) == 0) {
            return got;
        }
        if (!Errno.isError(got)) {
            memory.munmap(got, span);
        }
        // Over-reserve by the alignment and trim, so the bias keeps p_align (needed for TLS alignment).
        got = memory.mmap(want, span + align, GuestMemory.PROT_NONE, flags);
        if (Errno.isError(got)) {
            throw ElfFile.fail(f.name(), String.format("cannot reserve 0x%x bytes for the image: %s", span, Errno.message((int) -got)));
        }
        long base = (got + align - 1) & -align;
        if (base > got) {
            memory.munmap(got, base - got);
        }
        long tail = got + span + align - (base + span);
        if (tail > 0) {
            memory.munmap(base + span, tail);
        }
        return base;
    }

    /**
     * Page runs for the segments (sorted, non-overlapping in bytes). Neighbouring segments may
     * share one boundary page; that page gets the union of both protections, as Linux's
     * overlapping file mappings effectively give.
     */
    private static List<Run> runs(List<ElfFile.ProgramHeader> segs) {
        List<Run> out = new ArrayList<>();
        for (ElfFile.ProgramHeader ph : segs) {
            long s = ph.vaddr() & GuestMemory.PAGE_MASK;
            long e = roundUp(ph.end());
            int prot = ph.prot();
            if (!out.isEmpty()) {
                Run last = out.get(out.size() - 1);
                if (s < last.end) {
                    // s == last.end - PAGE: split off the shared page.
                    out.set(out.size() - 1, new Run(last.start, s, last.prot));
                    if (last.start == s) {
                        out.remove(out.size() - 1);
                    }
                    out.add(new Run(s, s + PAGE, last.prot | prot));
                    s += PAGE;
                }
            }
            if (s < e) {
                out.add(new Run(s, e, prot));
            }
        }
        return out;
    }

    /** AT_PHDR: PT_PHDR if present, else the program headers inside a PT_LOAD, else image base + e_phoff like Linux. */
    private static long phdrAddress(ElfFile f, long bias) {
        ElfFile.ProgramHeader phdr = f.find(ElfFile.PT_PHDR);
        if (phdr != null) {
            return phdr.vaddr() + bias;
        }
        for (ElfFile.ProgramHeader ph : f.loadSegments()) {
            if (Long.compareUnsigned(f.phoff(), ph.offset()) >= 0 && Long.compareUnsigned(f.phoff() - ph.offset(), ph.filesz()) < 0) {
                return ph.vaddr() + (f.phoff() - ph.offset()) + bias;
            }
        }
        ElfFile.ProgramHeader first = f.loadSegments().get(0);
        return first.vaddr() - first.offset() + f.phoff() + bias;
    }

    private static long roundUp(long a) {
        return (a + PAGE - 1) & GuestMemory.PAGE_MASK;
    }
}

package org.jtcg.core.snapshot;

import org.jtcg.core.memory.GuestMemory;
import org.jtcg.core.memory.MemoryConfig;
import org.jtcg.core.memory.PagedMemory;
import org.jtcg.core.memory.RamChunk;
import org.jtcg.cpreg.SnapshotFormatException;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The MEMORY_MAP section: a guest address space's shape ({@link MemoryConfig}, program break),
 * every mapped region with its protection, and the contents of every page that is not all
 * zeros, Deflate-compressed. Layout (little-endian), layout version 1:
 * <pre>
 * u16 layout version (1)
 * u64 maxAddress, u64 mmapBase, u64 minMmapAddress, u64 ramLimitBytes, u32 chunkBytes, u64 heapLimitBytes
 * u64 brkStart, u64 brkCurrent          (-1, -1 when the break was never set)
 * u32 region count; per region: u64 va, u64 length, u32 prot   (ascending, page-aligned, disjoint)
 * u32 stored page count
 * rest: Deflate stream of, per stored page in ascending order, u64 va + 4096 bytes
 * </pre>
 * Pages are read through their frames, so PROT_NONE and execute-only pages are saved too.
 */
public final class MemoryImage {
    /** Layout version written; {@link #decode} reads 1 .. this. */
    public static final int LAYOUT_VERSION = 1;
    private static final int PAGE = GuestMemory.PAGE_SIZE;
    private static final int PAGE_RECORD = 8 + PAGE;
    private static final byte[] ZERO_PAGE = new byte[PAGE];

    /** One mapped region. */
    public record Region(long va, long length, int prot) {
        /** {@code rwx}-style protection, e.g. {@code r-x}. */
        public String protString() {
            return ((prot & GuestMemory.PROT_READ) != 0 ? "r" : "-") + ((prot & GuestMemory.PROT_WRITE) != 0 ? "w" : "-")
                    + ((prot & GuestMemory.PROT_EXEC) != 0 ? "x" : "-");
        }
    }

    /** The decoded header and region table, without page contents (what {@code jtcg regs show} prints). */
    public record Summary(MemoryConfig config, long brkStart, long brkCurrent, List<Region> regions,
                          int storedPages, int compressedBytes) {
        public Summary {
            regions = List.copyOf(regions);
        }
    }

    private MemoryImage() {
    }

    /** Encodes the whole address space. */
    public static byte[] encode(PagedMemory memory) {
        List<Region> regions = regions(memory);
        MemoryConfig c = memory.config();
        SectionWriter w = new SectionWriter().u16(LAYOUT_VERSION)
                .u64(c.maxAddress()).u64(c.mmapBase()).u64(c.minMmapAddress()).u64(c.ramLimitBytes())
                .u32(c.chunkBytes()).u64(c.heapLimitBytes())
                .u64(memory.brkStart()).u64(memory.brkCurrent())
                .u32(regions.size());
        for (Region r : regions) {
            w.u64(r.va()).u64(r.length()).u32(r.prot());
        }
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        byte[] page = new byte[PAGE];
        byte[] record = new byte[PAGE_RECORD];
        int stored = 0;
        for (Region r : regions) {
            for (long va = r.va(); Long.compareUnsigned(va - r.va(), r.length()) < 0; va += PAGE) {
                if (!readPage(memory, va, page) || java.util.Arrays.equals(page, ZERO_PAGE)) {
                    continue;
                }
                for (int i = 0; i < 8; i++) {
                    record[i] = (byte) (va >>> (8 * i));
                }
                System.arraycopy(page, 0, record, 8, PAGE);
                deflater.setInput(record);
                while (!deflater.needsInput()) {
                    compressed.write(buf, 0, deflater.deflate(buf));
                }
                stored++;
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            compressed.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        return w.u32(stored).bytes(compressed.toByteArray()).toByteArray();
    }

    /** Maximal runs of mapped pages with one protection, ascending. */
    public static List<Region> regions(PagedMemory memory) {
        List<Region> out = new ArrayList<>();
        memory.forEachMapping(0, -1, (va, len, phys, prot) -> {
            Region last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.prot() == prot && last.va() + last.length() == va) {
                out.set(out.size() - 1, new Region(last.va(), last.length() + len, prot));
            } else {
                out.add(new Region(va, len, prot));
            }
        });
        return out;
    }

    /**
     * Copies the page at va (page-aligned) into {@code page} whatever its protection; false (and
     * {@code page} untouched) for an unmapped page or a reservation without a frame, which reads as zeros.
     */
    public static boolean readPage(PagedMemory memory, long va, byte[] page) {
        long phys = memory.physicalAddress(va);
        if (phys < 0) {
            return false;
        }
        int chunkBytes = memory.config().chunkBytes();
        RamChunk chunk = memory.chunks().get((int) (phys / chunkBytes));
        chunk.buffer().get((int) (phys - chunk.physicalBase()), page, 0, PAGE);
        return true;
    }

    /** Reads the header and region table. */
    public static Summary summary(byte[] payload) throws SnapshotFormatException {
        SectionReader r = new SectionReader(payload, "memory map");
        Summary s = header(r);
        return new Summary(s.config(), s.brkStart(), s.brkCurrent(), s.regions(), s.storedPages(), r.remaining());
    }

    private static Summary header(SectionReader r) throws SnapshotFormatException {
        int version = r.u16();
        if (version < 1 || version > LAYOUT_VERSION) {
            throw new SnapshotFormatException("snapshot memory map has layout version " + version
                    + " (this jtcg reads 1.." + LAYOUT_VERSION + ")");
        }
        MemoryConfig config;
        long max = r.u64(), base = r.u64(), min = r.u64(), ram = r.u64();
        long chunk = r.u32();
        long heap = r.u64();
        try {
            config = new MemoryConfig(max, base, min, ram, (int) chunk, heap);
        } catch (IllegalArgumentException e) {
            throw r.corrupt("bad address-space configuration: " + e.getMessage());
        }
        long brkStart = r.u64();
        long brkCurrent = r.u64();
        int n = r.count(Integer.MAX_VALUE, "region count");
        if (n > r.remaining() / 20) {
            throw r.corrupt(n + " regions do not fit in the section");
        }
        List<Region> regions = new ArrayList<>(n);
        long end = 0;
        for (int i = 0; i < n; i++) {
            long va = r.u64(), len = r.u64();
            long prot = r.u32();
            if (((va | len) & (PAGE - 1)) != 0 || len == 0 || (prot & ~7L) != 0
                    || Long.compareUnsigned(va, end) < 0 || Long.compareUnsigned(va + len - 1, max) > 0
                    || Long.compareUnsigned(va + len - 1, va) < 0) {
                throw r.corrupt(String.format("bad region %d: 0x%x + 0x%x prot %d", i, va, len, prot));
            }
            end = va + len;
            regions.add(new Region(va, len, (int) prot));
        }
        int stored = r.count(Integer.MAX_VALUE / PAGE_RECORD, "stored page count");
        return new Summary(config, brkStart, brkCurrent, regions, stored, -1);
    }

    /**
     * A fresh address space equal to the encoded one: same configuration and break, the same
     * regions and protections, the same bytes.
     */
    public static PagedMemory decode(byte[] payload) throws SnapshotFormatException {
        SectionReader r = new SectionReader(payload, "memory map");
        Summary s = header(r);
        PagedMemory m = new PagedMemory(s.config());
        if (s.brkStart() != -1) {
            m.initBrk(s.brkStart());
            if (s.brkCurrent() != s.brkStart()) {
                if (m.brk(s.brkCurrent()) != s.brkCurrent()) {
                    throw r.corrupt(String.format("program break 0x%x cannot be restored (start 0x%x)",
                            s.brkCurrent(), s.brkStart()));
                }
                // brk mapped the heap; the region table below says what of it is still mapped.
                long from = pageUp(s.brkStart());
                long to = pageUp(s.brkCurrent());
                if (Long.compareUnsigned(to, from) > 0) {
                    m.munmap(from, to - from);
                }
            }
        }
        int fixed = GuestMemory.MAP_FIXED | GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS;
        for (Region g : s.regions()) {
            long got = m.mmap(g.va(), g.length(), g.prot(), fixed);
            if (got != g.va()) {
                throw r.corrupt(String.format("region 0x%x + 0x%x cannot be mapped (errno %d)", g.va(), g.length(), -got));
            }
        }
        byte[] data = inflate(r, r.rest(), s.storedPages());
        long prev = 0;
        for (int i = 0; i < s.storedPages(); i++) {
            int off = i * PAGE_RECORD;
            long va = 0;
            for (int k = 7; k >= 0; k--) {
                va = (va << 8) | (data[off + k] & 0xff);
            }
            if ((va & (PAGE - 1)) != 0 || (i > 0 && Long.compareUnsigned(va, prev) <= 0) || m.protectionAt(va) < 0) {
                throw r.corrupt(String.format("stored page %d at 0x%x is unaligned, out of order or outside every region", i, va));
            }
            prev = va;
            m.poke(va, data, off + 8, PAGE);
        }
        return m;
    }

    private static byte[] inflate(SectionReader r, byte[] compressed, int pages) throws SnapshotFormatException {
        byte[] out = new byte[Math.multiplyExact(pages, PAGE_RECORD)];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            int n = 0;
            while (n < out.length) {
                int k = inflater.inflate(out, n, out.length - n);
                if (k == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += k;
            }
            byte[] probe = new byte[1];
            if (n < out.length || inflater.inflate(probe) != 0 || !inflater.finished() || inflater.getRemaining() != 0) {
                throw r.corrupt("page data does not hold exactly " + pages + " pages");
            }
            return out;
        } catch (DataFormatException e) {
            throw r.corrupt("page data is not a valid Deflate stream (" + e.getMessage() + ")");
        } finally {
            inflater.end();
        }
    }

    private static long pageUp(long a) {
        return (a + PAGE - 1) & GuestMemory.PAGE_MASK;
    }
}

package org.jtcg.core.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * statfs/fstatfs: what {@code struct statfs} reports about the file system holding a host path, from
 * the JDK's {@link FileStore} (block size, total/free/available space, type name, read-only). The JDK
 * does not expose inode counts, the fsid or mount flags other than read-only: f_files, f_ffree and
 * f_fsid are 0, f_flags is ST_VALID plus ST_RDONLY when it applies.
 *
 * <p>The struct's layout is the ABI's {@link LinuxAbi#statfsLayout()} (64-bit words on x86-64 and
 * arm64, narrower fields on s390x), written in the ABI's byte order.
 */
final class FileSystemStat {
    static final int ST_RDONLY = 1, ST_VALID = 0x20;
    static final long PIPEFS_MAGIC = 0x50495045L;
    static final int NAME_MAX = 255;
    /** f_type magic numbers (include/uapi/linux/magic.h) by the JDK's FileStore.type() name. */
    static final Map<String, Long> MAGIC = Map.ofEntries(
            Map.entry("ext2", 0xEF53L), Map.entry("ext3", 0xEF53L), Map.entry("ext4", 0xEF53L),
            Map.entry("tmpfs", 0x01021994L), Map.entry("devtmpfs", 0x01021994L), Map.entry("ramfs", 0x858458F6L),
            Map.entry("xfs", 0x58465342L), Map.entry("btrfs", 0x9123683EL), Map.entry("overlay", 0x794C7630L),
            Map.entry("nfs", 0x6969L), Map.entry("nfs4", 0x6969L), Map.entry("vfat", 0x4D44L),
            Map.entry("proc", 0x9FA0L), Map.entry("sysfs", 0x62656572L), Map.entry("zfs", 0x2FC12FC1L),
            Map.entry("f2fs", 0xF2F52010L), Map.entry("squashfs", 0x73717368L), Map.entry("9p", 0x01021997L),
            Map.entry("fuse", 0x65735546L), Map.entry("fuseblk", 0x65735546L));

    /** The values of one struct statfs. */
    record Values(long type, long bsize, long blocks, long bfree, long bavail, long files, long ffree,
                  long namelen, long frsize, long flags) {}

    private FileSystemStat() {}

    /** The file system holding {@code path}; null means an in-process object (reported as pipefs). */
    static Values of(Path path) throws IOException {
        if (path == null) return new Values(PIPEFS_MAGIC, 4096, 0, 0, 0, 0, 0, NAME_MAX, 4096, ST_VALID);
        FileStore fs = Files.getFileStore(path);
        long bsize;
        try {
            bsize = fs.getBlockSize();
        } catch (UnsupportedOperationException e) {
            bsize = 4096;
        }
        return new Values(MAGIC.getOrDefault(fs.type(), 0L), bsize, fs.getTotalSpace() / bsize,
                fs.getUnallocatedSpace() / bsize, fs.getUsableSpace() / bsize, 0, 0, NAME_MAX, bsize,
                ST_VALID | (fs.isReadOnly() ? ST_RDONLY : 0));
    }

    /** Encodes {@code v} in the ABI's statfs layout and byte order; f_fsid and f_spare stay 0. */
    static ByteBuffer encode(Values v, LinuxAbi abi, GuestIo io) {
        StatfsLayout l = abi.statfsLayout();
        ByteBuffer b = io.struct(l.size());
        put(b, l, StatfsLayout.Field.TYPE, v.type());
        put(b, l, StatfsLayout.Field.BSIZE, v.bsize());
        put(b, l, StatfsLayout.Field.BLOCKS, v.blocks());
        put(b, l, StatfsLayout.Field.BFREE, v.bfree());
        put(b, l, StatfsLayout.Field.BAVAIL, v.bavail());
        put(b, l, StatfsLayout.Field.FILES, v.files());
        put(b, l, StatfsLayout.Field.FFREE, v.ffree());
        put(b, l, StatfsLayout.Field.NAMELEN, v.namelen());
        put(b, l, StatfsLayout.Field.FRSIZE, v.frsize());
        put(b, l, StatfsLayout.Field.FLAGS, v.flags());
        return b;
    }

    private static void put(ByteBuffer b, StatfsLayout l, StatfsLayout.Field f, long value) {
        StatLayout.Slot s = l.slot(f);
        if (s.size() == 4) {
            b.putInt(s.offset(), (int) value);
        } else {
            b.putLong(s.offset(), value);
        }
    }
}

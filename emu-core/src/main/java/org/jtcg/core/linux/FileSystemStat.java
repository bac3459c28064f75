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
 * <p>Layouts (UAPI asm-generic/statfs.h and arch/s390/include/uapi/asm/statfs.h): on x86-64 and arm64
 * every field is a 64-bit word (120 bytes); s390x keeps f_type, f_bsize, f_namelen, f_frsize, f_flags
 * and f_spare 32-bit (88 bytes). s390x is the one arch whose struct stat is also its own, so the
 * stat layout of the ABI selects the statfs layout.
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

    /** Size of struct statfs for the ABI. */
    static int size(LinuxAbi abi) {
        return narrow(abi) ? 88 : 120;
    }

    private static boolean narrow(LinuxAbi abi) {
        return abi.statLayout() == StatLayout.S390X;
    }

    /** Encodes {@code v} in the ABI's layout and byte order. */
    static ByteBuffer encode(Values v, LinuxAbi abi, GuestIo io) {
        ByteBuffer b = io.struct(size(abi));
        if (narrow(abi)) {
            b.putInt(0, (int) v.type()).putInt(4, (int) v.bsize());
            b.putLong(8, v.blocks()).putLong(16, v.bfree()).putLong(24, v.bavail()).putLong(32, v.files()).putLong(40, v.ffree());
            // f_fsid (two ints) at 48 stays 0
            b.putInt(56, (int) v.namelen()).putInt(60, (int) v.frsize()).putInt(64, (int) v.flags());
        } else {
            b.putLong(0, v.type()).putLong(8, v.bsize());
            b.putLong(16, v.blocks()).putLong(24, v.bfree()).putLong(32, v.bavail()).putLong(40, v.files()).putLong(48, v.ffree());
            // f_fsid (two ints) at 56 stays 0
            b.putLong(64, v.namelen()).putLong(72, v.frsize()).putLong(80, v.flags());
        }
        return b;
    }
}

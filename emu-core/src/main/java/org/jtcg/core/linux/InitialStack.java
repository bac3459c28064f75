package org.jtcg.core.linux;

import org.jtcg.core.memory.GuestMemory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the process-start stack the SysV ABI and Linux define, in a fresh stack mapping below
 * {@link AddressSpaceLayout#stackTop()}. From the stack pointer upwards:
 * <pre>
 *   argc | argv[0..argc-1] | NULL | envp[..] | NULL | auxv (type, value) pairs ... AT_NULL, 0
 *   padding | 16 AT_RANDOM bytes | AT_PLATFORM string | argv strings | envp strings | AT_EXECFN string | 8 zero bytes | top
 * </pre>
 * Words are 8 bytes in the guest's byte order; the stack pointer is 16-byte aligned.
 */
public final class InitialStack {
    public static final int AT_NULL = 0, AT_PHDR = 3, AT_PHENT = 4, AT_PHNUM = 5, AT_PAGESZ = 6, AT_BASE = 7,
            AT_FLAGS = 8, AT_ENTRY = 9, AT_UID = 11, AT_EUID = 12, AT_GID = 13, AT_EGID = 14, AT_PLATFORM = 15,
            AT_HWCAP = 16, AT_CLKTCK = 17, AT_SECURE = 23, AT_RANDOM = 25, AT_HWCAP2 = 26, AT_EXECFN = 31;
    /** Linux's USER_HZ, what AT_CLKTCK reports. */
    public static final int CLOCK_TICKS = 100;

    /** One auxv entry. */
    public record Aux(long type, long value) {}

    /**
     * The built stack.
     *
     * @param stackPointer initial SP (points at argc)
     * @param low          lowest address of the stack mapping
     * @param top          end (exclusive) of the stack mapping
     * @param auxv         the auxv entries written, AT_NULL last
     */
    public record Result(long stackPointer, long low, long top, List<Aux> auxv) {
        /** The value of auxv entry {@code type}, or -1 when absent. */
        public long aux(long type) {
            for (Aux a : auxv) {
                if (a.type() == type) {
                    return a.value();
                }
            }
            return -1;
        }
    }

    private final GuestMemory memory;
    private final LinuxAbi abi;
    private List<String> argv = List.of();
    private List<String> envp = List.of();
    private String execfn;
    private byte[] random;
    private long uid, euid, gid, egid;

    public InitialStack(GuestMemory memory, LinuxAbi abi) {
        this.memory = memory;
        this.abi = abi;
    }

    public InitialStack argv(List<String> argv) { this.argv = List.copyOf(argv); return this; }
    public InitialStack envp(List<String> envp) { this.envp = List.copyOf(envp); return this; }
    /** AT_EXECFN (defaults to argv[0]). */
    public InitialStack execfn(String execfn) { this.execfn = execfn; return this; }
    /** The 16 AT_RANDOM bytes (glibc seeds its stack protector and pointer guard from them). */
    public InitialStack random(byte[] random16) {
        if (random16.length != 16) throw new IllegalArgumentException("AT_RANDOM needs exactly 16 bytes");
        this.random = random16.clone();
        return this;
    }
    public InitialStack ids(long uid, long euid, long gid, long egid) {
        this.uid = uid; this.euid = euid; this.gid = gid; this.egid = egid;
        return this;
    }

    /** Maps the stack and writes argc/argv/envp/auxv and the strings; {@code image} supplies the auxv values. */
    public Result build(LoadedImage image) throws ElfLoadException {
        if (random == null) {
            throw new IllegalStateException("AT_RANDOM bytes not set");
        }
        long top = abi.addressSpace().stackTop();
        long size = abi.addressSpace().stackSize();
        int prot = GuestMemory.PROT_READ | GuestMemory.PROT_WRITE | (image.execStack() ? GuestMemory.PROT_EXEC : 0);
        long low = memory.mmap(top - size, size, prot,
                GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS | GuestMemory.MAP_FIXED_NOREPLACE);
        if (low != top - size) {
            throw new ElfLoadException(String.format("cannot map the stack at 0x%x: %s", top - size,
                    Errno.isError(low) ? Errno.message((int) -low) : "placed elsewhere"));
        }
        String fn = execfn != null ? execfn : (argv.isEmpty() ? "" : argv.get(0));

        // Strings, laid out upwards from 'strBase'; sizes first so everything lands in one write.
        List<byte[]> strings = new ArrayList<>();
        String platform = abi.platform();
        if (platform != null) strings.add(cstr(platform));
        for (String a : argv) strings.add(cstr(a));
        for (String e : envp) strings.add(cstr(e));
        strings.add(cstr(fn));
        long strBytes = 8;  // the zero word at the very top
        for (byte[] s : strings) strBytes += s.length;
        if (strBytes > size / 4) {
            throw new ElfLoadException("argument list and environment too long (" + strBytes + " bytes)");
        }
        long strBase = top - strBytes;
        long randomAddr = (strBase - 16) & ~15L;

        long[] stringAddr = new long[strings.size()];
        long p = strBase;
        for (int i = 0; i < strings.size(); i++) {
            stringAddr[i] = p;
            p += strings.get(i).length;
        }
        int si = 0;
        long platformAddr = platform != null ? stringAddr[si++] : 0;
        long[] argvAddr = new long[argv.size()];
        for (int i = 0; i < argvAddr.length; i++) argvAddr[i] = stringAddr[si++];
        long[] envAddr = new long[envp.size()];
        for (int i = 0; i < envAddr.length; i++) envAddr[i] = stringAddr[si++];
        long execfnAddr = stringAddr[si];

        List<Aux> aux = new ArrayList<>();
        aux.add(new Aux(AT_PHDR, image.phdrAddr()));
        aux.add(new Aux(AT_PHENT, ElfFile.PHDR_SIZE));
        aux.add(new Aux(AT_PHNUM, image.phnum()));
        aux.add(new Aux(AT_PAGESZ, GuestMemory.PAGE_SIZE));
        aux.add(new Aux(AT_BASE, image.interpBase()));
        aux.add(new Aux(AT_FLAGS, 0));
        aux.add(new Aux(AT_ENTRY, image.entry()));
        aux.add(new Aux(AT_UID, uid));
        aux.add(new Aux(AT_EUID, euid));
        aux.add(new Aux(AT_GID, gid));
        aux.add(new Aux(AT_EGID, egid));
        aux.add(new Aux(AT_SECURE, 0));
        aux.add(new Aux(AT_RANDOM, randomAddr));
        aux.add(new Aux(AT_HWCAP, abi.hwcap()));
        aux.add(new Aux(AT_HWCAP2, abi.hwcap2()));
        if (platform != null) aux.add(new Aux(AT_PLATFORM, platformAddr));
        aux.add(new Aux(AT_EXECFN, execfnAddr));
        aux.add(new Aux(AT_CLKTCK, CLOCK_TICKS));
        aux.add(new Aux(AT_NULL, 0));

        long words = 1 + argv.size() + 1 + envp.size() + 1 + 2L * aux.size();
        long sp = (randomAddr - words * 8) & ~15L;
        if (sp - low < 64 * 1024) {
            throw new ElfLoadException("argument list and environment too long for the stack");
        }

        ByteOrder order = abi.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        ByteBuffer b = ByteBuffer.allocate((int) (top - sp)).order(order);
        b.putLong(argv.size());
        for (long a : argvAddr) b.putLong(a);
        b.putLong(0);
        for (long e : envAddr) b.putLong(e);
        b.putLong(0);
        for (Aux a : aux) {
            b.putLong(a.type());
            b.putLong(a.value());
        }
        b.position((int) (randomAddr - sp));
        b.put(random);
        b.position((int) (strBase - sp));
        for (byte[] s : strings) b.put(s);
        memory.write(sp, b.array(), 0, b.capacity());
        return new Result(sp, low, top, List.copyOf(aux));
    }

    private static byte[] cstr(String s) {
        byte[] u = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[u.length + 1];
        System.arraycopy(u, 0, out, 0, u.length);
        return out;
    }
}

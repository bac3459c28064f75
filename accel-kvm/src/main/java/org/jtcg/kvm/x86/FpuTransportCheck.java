package org.jtcg.kvm.x86;

import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.memory.GuestMemory;
import org.jtcg.core.memory.MemoryConfig;
import org.jtcg.core.memory.PagedMemory;
import org.jtcg.cpreg.RegId;
import org.jtcg.cpreg.RegisterNames;
import org.jtcg.kvm.KvmEngine;
import org.jtcg.kvm.KvmEngineException;
import org.jtcg.x86.X86Cpu;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Checks an {@link FpuTransport} against what guest code itself sees, in a throw-away VM: the
 * transport puts a known x87/SSE state, the guest stores it with {@code fxsave64} and loads a
 * different one with {@code fxrstor64}, the transport reads that back. Both directions must be
 * exact (FOP/FIP/FDP excluded: AMD's FXSAVE stores them only while an x87 exception is pending).
 *
 * <p>This is the independent witness the per-exit verification lacks: {@link org.jtcg.kvm.SyncVerifier} compares
 * the lazy copy with a second fetch through the same ioctl, so an ioctl that misreports the guest
 * state (KVM_GET_FPU's MXCSR on PVM) agrees with itself. Run once per transport per JVM (a VM
 * creation and one entry, a few milliseconds) when verification is on.
 */
public final class FpuTransportCheck {
    /** The outcome: {@code differences} empty when the transport round-trips exactly. */
    public record Result(FpuTransport transport, List<String> differences) {
        public boolean exact() {
            return differences.isEmpty();
        }
    }

    private static final Map<FpuTransport, Result> CACHE = new EnumMap<>(FpuTransport.class);
    private static final long CODE_VA = 0x10000, DATA_VA = 0x20000, LOAD_OFFSET = 0x200;
    // fxsave64 (%rdi); fxrstor64 (%rsi); ud2
    private static final byte[] CODE = {0x48, 0x0f, (byte) 0xae, 0x07, 0x48, 0x0f, (byte) 0xae, 0x0e, 0x0f, 0x0b};
    /** Canonical word indexes of FOP, FIP, FDP (not compared). */
    private static final int FOP = 19, FIP = 20, FDP = 21;

    private FpuTransportCheck() {}

    /** The cached result for {@code t}, running the check the first time. */
    public static synchronized Result run(FpuTransport t) {
        return CACHE.computeIfAbsent(t, FpuTransportCheck::check);
    }

    /** A state with every field distinct from the reset state; {@code seed} varies the values. */
    static long[] pattern(int seed, int mxcsr, int fcw) {
        long[] v = new long[FpuTransport.WORDS];
        int k = 0;
        for (int i = 0; i < 8; i++) {
            v[k++] = 0x8000_0000_0000_0000L | (0x0123_4567_89ab_cdefL * (i + seed) >>> 1);
            v[k++] = 0x3fff + i + seed; // normal 80-bit numbers of varying exponent
        }
        v[k++] = fcw;
        v[k++] = 0x3800;                   // TOP = 7, no exception flags
        v[k++] = seed == 1 ? 0xff : 0x81;  // abridged tags
        v[k++] = 0;
        v[k++] = 0;
        v[k++] = 0;
        for (int i = 0; i < 16; i++) {
            v[k++] = 0x0101_0101_0101_0101L * (i + seed);
            v[k++] = ~(0x1111_1111_1111_1111L * (i + 2 * seed));
        }
        v[k] = mxcsr;
        return v;
    }

    private static Result check(FpuTransport t) {
        long[] put = pattern(1, 0xbfc0, 0x27f);   // FTZ, round up, DAZ; 53-bit precision
        long[] load = pattern(5, 0x3f80, 0x37f);  // round toward zero
        PagedMemory m = new PagedMemory(MemoryConfig.defaults().withChunkBytes(64 * 1024));
        m.mmap(CODE_VA, GuestMemory.PAGE_SIZE, GuestMemory.PROT_READ | GuestMemory.PROT_EXEC,
                GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS | GuestMemory.MAP_FIXED);
        m.poke(CODE_VA, CODE, 0, CODE.length);
        m.mmap(DATA_VA, GuestMemory.PAGE_SIZE, GuestMemory.PROT_READ | GuestMemory.PROT_WRITE,
                GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS | GuestMemory.MAP_FIXED);
        // The legacy area of the XSAVE format is the FXSAVE image (fill also sets XSTATE_BV past it: not poked).
        ByteBuffer image = ByteBuffer.allocate(FpuTransport.XSTATE_BV + 8).order(ByteOrder.LITTLE_ENDIAN);
        FpuTransport.XSAVE.fill(image, load, false);
        m.poke(DATA_VA + LOAD_OFFSET, image.array(), 0, 512);
        X86Cpu cpu = new X86Cpu();
        cpu.pc = CODE_VA;
        cpu.rdi = DATA_VA;
        cpu.rsi = DATA_VA + LOAD_OFFSET;
        cpu.rsp = DATA_VA + GuestMemory.PAGE_SIZE - 64;
        write(cpu, put);
        try (KvmEngine engine = ProbeVms.engine(m, X86KvmOptions.forHost().withFpuTransport(t))) {
            EngineExit exit = engine.run(cpu);
            engine.leave(cpu, va -> { });
            if (exit.kind() != EngineExit.Kind.SIGNAL || cpu.pc != CODE_VA + CODE.length - 2) {
                throw new KvmEngineException("KVM engine: the FPU transport check stopped with " + exit
                        + String.format(" at 0x%x instead of SIGILL at its ud2", cpu.pc));
            }
        }
        byte[] stored = new byte[512];
        m.read(DATA_VA, stored, 0, 512);
        long[] guestSaw = FpuTransport.XSAVE.toCanonical(ByteBuffer.wrap(stored).order(ByteOrder.LITTLE_ENDIAN));
        List<String> diffs = new ArrayList<>();
        compare("put", put, "guest stored", guestSaw, diffs);
        compare("guest loaded", load, "KVM returned", read(cpu), diffs);
        return new Result(t, List.copyOf(diffs));
    }

    private static void write(X86Cpu cpu, long[] v) {
        int k = 0;
        for (long id : RegSetTable.FPU_IDS) {
            int w = RegId.words(id);
            cpu.writeWords(id, Arrays.copyOfRange(v, k, k + w));
            k += w;
        }
    }

    private static long[] read(X86Cpu cpu) {
        long[] v = new long[FpuTransport.WORDS];
        int k = 0;
        for (long id : RegSetTable.FPU_IDS) {
            long[] w = cpu.readWords(id);
            System.arraycopy(w, 0, v, k, w.length);
            k += w.length;
        }
        return v;
    }

    private static void compare(String aName, long[] a, String bName, long[] b, List<String> diffs) {
        int k = 0;
        for (long id : RegSetTable.FPU_IDS) {
            int w = RegId.words(id);
            if (k != FOP && k != FIP && k != FDP && !Arrays.equals(a, k, k + w, b, k, k + w)) {
                diffs.add(String.format("%s: %s %s, %s %s", RegisterNames.describe(id), aName,
                        hex(a, k, w), bName, hex(b, k, w)));
            }
            k += w;
        }
    }

    private static String hex(long[] v, int from, int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = words - 1; i >= 0; i--) {
            sb.append(String.format("%016x", v[from + i]));
        }
        String digits = sb.toString().replaceFirst("^0+(?=.)", "");
        return "0x" + digits;
    }
}

package org.jtcg.kvm.x86;

import org.jtcg.kvm.sys.KvmStructs;
import org.jtcg.kvm.sys.StructLayout;

import java.nio.ByteBuffer;

/**
 * The segment descriptors of the engine's GDT as data, and how they are written into a
 * {@code kvm_segment} of a kvm_sregs buffer. Only the selectors this GDT defines may be loaded.
 */
public final class Segments {
    private Segments() {}

    /** A descriptor: type, S, DPL, L, D/B, G, limit (VMX-style unpacked attributes, as kvm_segment has them). */
    public record Desc(int type, int s, int dpl, int l, int db, int g, long limit) {
        /** The 8-byte GDT descriptor with base 0. */
        long gdtEntry() {
            long lim = g == 1 ? limit >>> 12 : limit;
            long access = type | (long) s << 4 | (long) dpl << 5 | 1L << 7;
            long flags = (long) l << 1 | (long) db << 2 | (long) g << 3;
            return (lim & 0xffff) | ((lim >>> 16) & 0xf) << 48 | access << 40 | flags << 52;
        }
    }

    public static final Desc KERNEL_CODE = new Desc(0xb, 1, 0, 1, 0, 1, 0xffff_ffffL);
    public static final Desc KERNEL_DATA = new Desc(0x3, 1, 0, 0, 1, 1, 0xffff_ffffL);
    public static final Desc USER_CODE32 = new Desc(0xb, 1, 3, 0, 1, 1, 0xffff_ffffL);
    public static final Desc USER_DATA = new Desc(0x3, 1, 3, 0, 1, 1, 0xffff_ffffL);
    public static final Desc USER_CODE64 = new Desc(0xb, 1, 3, 1, 0, 1, 0xffff_ffffL);
    /** What a data segment register holds after loading a null selector in 64-bit mode (base still used for FS/GS). */
    public static final Desc NULL_DATA = new Desc(0x3, 1, 3, 0, 1, 1, 0xffff_ffffL);

    /** GDT slot (selector / 8) to descriptor; null slots are empty. */
    static final Desc[] GDT = {null, null, KERNEL_CODE, KERNEL_DATA, USER_CODE32, USER_DATA, USER_CODE64, null};

    /** The descriptor a selector names, or null selector semantics for 0..3. */
    public static Desc forSelector(int selector) {
        int slot = selector >>> 3;
        if (slot == 0) {
            return NULL_DATA;
        }
        if ((selector & 4) != 0 || slot >= GDT.length || GDT[slot] == null) {
            throw new IllegalArgumentException(String.format(
                    "segment selector 0x%x is not defined in the KVM engine's GDT", selector));
        }
        return GDT[slot];
    }

    /** Writes kvm_segment {@code name} ("cs", "fs", ...) of a kvm_sregs buffer. */
    public static void write(ByteBuffer sregs, String name, int selector, long base, Desc d) {
        StructLayout l = KvmStructs.KVM_SREGS;
        int o = l.offset(name);
        sregs.putLong(o + off("base"), base);
        sregs.putInt(o + off("limit"), (int) d.limit());
        sregs.putShort(o + off("selector"), (short) selector);
        sregs.put(o + off("type"), (byte) d.type());
        sregs.put(o + off("present"), (byte) 1);
        sregs.put(o + off("dpl"), (byte) d.dpl());
        sregs.put(o + off("db"), (byte) d.db());
        sregs.put(o + off("s"), (byte) d.s());
        sregs.put(o + off("l"), (byte) d.l());
        sregs.put(o + off("g"), (byte) d.g());
        sregs.put(o + off("avl"), (byte) 0);
        sregs.put(o + off("unusable"), (byte) 0);
    }

    /** Writes the TR (busy 64-bit TSS) and an unusable LDTR. */
    public static void writeSystem(ByteBuffer sregs, long tssBase) {
        int tr = KvmStructs.KVM_SREGS.offset("tr");
        sregs.putLong(tr + off("base"), tssBase);
        sregs.putInt(tr + off("limit"), 0x67);
        sregs.putShort(tr + off("selector"), (short) VmLayout.TSS_SEL);
        sregs.put(tr + off("type"), (byte) 0xb);
        sregs.put(tr + off("present"), (byte) 1);
        sregs.put(tr + off("dpl"), (byte) 0);
        sregs.put(tr + off("db"), (byte) 0);
        sregs.put(tr + off("s"), (byte) 0);
        sregs.put(tr + off("l"), (byte) 0);
        sregs.put(tr + off("g"), (byte) 0);
        sregs.put(tr + off("unusable"), (byte) 0);
        int ldt = KvmStructs.KVM_SREGS.offset("ldt");
        sregs.putLong(ldt + off("base"), 0);
        sregs.putInt(ldt + off("limit"), 0xffff);
        sregs.putShort(ldt + off("selector"), (short) 0);
        sregs.put(ldt + off("type"), (byte) 2);
        sregs.put(ldt + off("present"), (byte) 0);
        sregs.put(ldt + off("unusable"), (byte) 1);
    }

    public static int selector(ByteBuffer sregs, String name) {
        return sregs.getShort(KvmStructs.KVM_SREGS.offset(name) + off("selector")) & 0xffff;
    }

    public static long base(ByteBuffer sregs, String name) {
        return sregs.getLong(KvmStructs.KVM_SREGS.offset(name) + off("base"));
    }

    private static int off(String field) {
        return KvmStructs.KVM_SEGMENT.offset(field);
    }
}

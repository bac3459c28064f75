package org.jtcg.kvm.s390x;

import org.jtcg.cpreg.RegId;

import java.nio.ByteBuffer;

/**
 * Where one canonical s390 register lives in the {@code kvm_run} image: a field of {@link S390KvmUapi#KVM_RUN}
 * (an element of it for arrays), its width, and the conversion. The image is big-endian (an s390 host's
 * memory). Vector registers are the one conversion that is not a plain copy: {@code vrs[n][0]} is the
 * leftmost doubleword (the FPR), which is word 1 of the canonical U128 value (word 0 = least significant).
 *
 * @param id    the canonical register id
 * @param field the dotted kvm_run field ({@code "s.regs.gprs"}, {@code "psw_mask"})
 * @param index the array element (0 for a scalar field)
 * @param bytes the element width in the image (4 for acrs and fpc, 16 for vrs, 8 otherwise)
 */
public record S390SyncField(long id, String field, int index, int bytes) {
    /** Byte offset of the element in kvm_run. */
    public int offset() {
        return S390KvmUapi.KVM_RUN.offset(field) + index * bytes;
    }

    /** The canonical words from the image. */
    public long[] read(ByteBuffer run) {
        int o = offset();
        return switch (bytes) {
            case 4 -> new long[] {run.getInt(o) & 0xffff_ffffL};
            case 16 -> new long[] {run.getLong(o + 8), run.getLong(o)};
            default -> new long[] {run.getLong(o) & mask()};
        };
    }

    /** Writes canonical words into the image. */
    public void write(ByteBuffer run, long[] words) {
        int o = offset();
        switch (bytes) {
            case 4 -> run.putInt(o, (int) words[0]);
            case 16 -> {
                run.putLong(o, words[1]);
                run.putLong(o + 8, words[0]);
            }
            default -> run.putLong(o, words[0] & mask());
        }
    }

    /** A U32 id in a 64-bit field (todpr) keeps the id's width. */
    private long mask() {
        int b = RegId.sizeBytes(id);
        return b >= 8 ? -1L : (1L << 8 * b) - 1;
    }
}

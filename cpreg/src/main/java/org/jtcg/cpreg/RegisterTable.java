package org.jtcg.cpreg;

import java.util.Arrays;
import java.util.Collection;

/**
 * Registers of any size keyed by id, stored without per-register objects: the variable-sized
 * coprocessor register layout from the seed discussion. Ids are kept sorted (unsigned); a parallel
 * {@code int[]} gives each register's first slot in one {@code long[]} value store. A register
 * takes {@code RegId.words(id)} slots: one for U8..U64, two for U128, 32 for U2048. Lookup is a
 * binary search over the ids; get and set have no side effects.
 *
 * <p><b>Value order.</b> Multi-word values are little-endian: word 0 holds bits 0-63 (the least
 * significant), word 1 bits 64-127, and so on; byte arrays ({@link #getBytes}) are little-endian
 * too, so byte {@code i} is bits {@code 8i..8i+7} and byte and word views agree. This is the
 * in-memory layout of KVM ONE_REG values on little-endian hosts (x86-64, arm64), the layout of
 * {@code __uint128_t} vregs and XMM registers, and it makes the low 64 bits of a wide register
 * simply word 0. Big-endian sources (s390x {@code kvm_sync_regs.vrs[n][0]} is the high half)
 * convert at their boundary.
 *
 * <p>Values narrower than 64 bits are masked to the register width on every store, so a stored
 * value always reads back within range. Not thread-safe; a table belongs to one vCPU.
 */
public final class RegisterTable implements RegisterAccess {
    private final long[] ids;
    private final int[] slots;
    private final long[] values;

    /**
     * A table holding every given register, all zero.
     *
     * @throws IllegalArgumentException on an id with an unknown arch or size, or a duplicate id
     */
    public RegisterTable(long... ids) {
        for (long id : ids) {
            RegId.validate(id);
        }
        long[] sorted = RegisterList.sortedUnsigned(ids);
        int[] slotOf = new int[sorted.length];
        int next = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i > 0 && sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("duplicate register " + RegisterNames.describe(sorted[i]));
            }
            slotOf[i] = next;
            next += RegId.words(sorted[i]);
        }
        this.ids = sorted;
        this.slots = slotOf;
        this.values = new long[next];
    }

    /** A table holding every given register. */
    public RegisterTable(Collection<Long> ids) {
        this(ids.stream().mapToLong(Long::longValue).toArray());
    }

    /** Number of registers. */
    public int size() {
        return ids.length;
    }

    /** Number of 64-bit slots in the value store. */
    public int slotCount() {
        return values.length;
    }

    @Override
    public long[] ids() {
        return ids.clone();
    }

    /** True if the table holds this register. */
    public boolean contains(long id) {
        return indexOf(id) >= 0;
    }

    /** Position of the id in {@link #ids()}, or -1. O(log n). */
    public int indexOf(long id) {
        return RegisterList.binarySearchUnsigned(ids, id);
    }

    /** First value-store slot of a register. */
    public int slotOf(long id) {
        return slots[require(id)];
    }

    /**
     * Value of a register of at most 64 bits, zero-extended.
     *
     * @throws IllegalArgumentException for an unknown id or a register wider than 64 bits
     */
    public long get(long id) {
        int i = require(id);
        requireScalar(id);
        return values[slots[i]];
    }

    /**
     * Stores a register of at most 64 bits; bits above the register width are dropped.
     *
     * @throws IllegalArgumentException for an unknown id or a register wider than 64 bits
     */
    public void set(long id, long value) {
        int i = require(id);
        requireScalar(id);
        values[slots[i]] = value & RegId.size(id).wordMask();
    }

    /** Value of any register as {@code RegId.words(id)} words, word 0 least significant. */
    public long[] getWords(long id) {
        int i = require(id);
        return Arrays.copyOfRange(values, slots[i], slots[i] + RegId.words(id));
    }

    /**
     * Stores any register from {@code RegId.words(id)} words, word 0 least significant; a
     * register narrower than 64 bits is masked to its width.
     */
    public void setWords(long id, long[] words) {
        int i = require(id);
        RegSize size = RegId.size(id);
        if (words.length != size.words()) {
            throw new IllegalArgumentException(RegisterNames.describe(id) + " is " + size
                    + " and needs " + size.words() + " words, got " + words.length);
        }
        System.arraycopy(words, 0, values, slots[i], words.length);
        if (size.words() == 1) {
            values[slots[i]] &= size.wordMask();
        }
    }

    /** Value of any register as exactly {@code RegId.sizeBytes(id)} little-endian bytes. */
    public byte[] getBytes(long id) {
        int i = require(id);
        int n = RegId.sizeBytes(id);
        byte[] out = new byte[n];
        for (int b = 0; b < n; b++) {
            out[b] = (byte) (values[slots[i] + b / 8] >>> (8 * (b % 8)));
        }
        return out;
    }

    /** Stores any register from exactly {@code RegId.sizeBytes(id)} little-endian bytes. */
    public void setBytes(long id, byte[] bytes) {
        int i = require(id);
        int n = RegId.sizeBytes(id);
        if (bytes.length != n) {
            throw new IllegalArgumentException(RegisterNames.describe(id) + " is " + n
                    + " bytes, got " + bytes.length);
        }
        int base = slots[i];
        Arrays.fill(values, base, base + RegId.words(id), 0L);
        for (int b = 0; b < n; b++) {
            values[base + b / 8] |= (bytes[b] & 0xffL) << (8 * (b % 8));
        }
    }

    @Override
    public long[] readWords(long id) {
        return getWords(id);
    }

    @Override
    public void writeWords(long id, long[] words) {
        setWords(id, words);
    }

    private int require(long id) {
        int i = indexOf(id);
        if (i < 0) {
            throw new IllegalArgumentException("register " + RegisterNames.describe(id) + " is not in this table");
        }
        return i;
    }

    private static void requireScalar(long id) {
        if (RegId.sizeBytes(id) > 8) {
            throw new IllegalArgumentException(RegisterNames.describe(id) + " is " + RegId.size(id)
                    + "; use getWords/setWords for registers wider than 64 bits");
        }
    }

    @Override
    public String toString() {
        return "RegisterTable[" + ids.length + " registers, " + values.length + " slots]";
    }
}

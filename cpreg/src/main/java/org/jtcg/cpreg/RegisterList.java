package org.jtcg.cpreg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;

/**
 * An immutable snapshot of register values: (id, value words) pairs sorted by id (unsigned),
 * without duplicates. Values use the {@link RegisterTable} word order (word 0 least significant).
 *
 * <p>Loading into a target follows the register-list merge rules of DESIGN.md: a sorted walk
 * over both id lists; an incoming id the target lacks fails before anything is written; a target
 * register missing from the list keeps its value; every written value is read back so a
 * read-only register cannot silently keep a different value.
 */
public final class RegisterList {
    private static final RegisterList EMPTY = new RegisterList(new long[0], new long[0][]);

    private final long[] ids;
    private final long[][] values;

    private RegisterList(long[] ids, long[][] values) {
        this.ids = ids;
        this.values = values;
    }

    /** The empty list. */
    public static RegisterList empty() {
        return EMPTY;
    }

    /** A builder; ids may be added in any order. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads every register of {@code source}.
     *
     * @throws IllegalStateException if the source reports a duplicate id or a value of the wrong length
     */
    public static RegisterList capture(RegisterAccess source) {
        long[] ids = sortedUnsigned(source.ids());
        long[][] values = new long[ids.length][];
        for (int i = 0; i < ids.length; i++) {
            if (i > 0 && ids[i] == ids[i - 1]) {
                throw new IllegalStateException("register source lists " + RegisterNames.describe(ids[i]) + " twice");
            }
            long[] w = source.readWords(ids[i]);
            if (w.length != RegId.words(ids[i])) {
                throw new IllegalStateException("register source returned " + w.length + " words for "
                        + RegisterNames.describe(ids[i]) + ", expected " + RegId.words(ids[i]));
            }
            values[i] = w.clone();
        }
        return new RegisterList(ids, values);
    }

    /** Number of registers. */
    public int size() {
        return ids.length;
    }

    /** All ids, ascending unsigned. */
    public long[] ids() {
        return ids.clone();
    }

    /** The id at position {@code i}. */
    public long id(int i) {
        return ids[i];
    }

    /** A copy of the value at position {@code i}. */
    public long[] words(int i) {
        return values[i].clone();
    }

    /** True if the list holds the register. */
    public boolean contains(long id) {
        return indexOf(id) >= 0;
    }

    /**
     * A copy of a register's value.
     *
     * @throws IllegalArgumentException if the list does not hold it
     */
    public long[] get(long id) {
        int i = indexOf(id);
        if (i < 0) {
            throw new IllegalArgumentException("register " + RegisterNames.describe(id) + " is not in this list");
        }
        return values[i].clone();
    }

    private int indexOf(long id) {
        return binarySearchUnsigned(ids, id);
    }

    /** Position of {@code id} in ids sorted by unsigned value, or -1. O(log n). */
    static int binarySearchUnsigned(long[] ids, long id) {
        int lo = 0;
        int hi = ids.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Long.compareUnsigned(ids[mid], id);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /**
     * Writes every register of this list into {@code target}.
     *
     * @throws RegisterMergeException {@link RegisterMergeException.Kind#UNKNOWN_REGISTER} if the target
     *         lacks one of this list's ids (checked before any write), or
     *         {@link RegisterMergeException.Kind#READ_BACK_MISMATCH} if a written value reads back
     *         differently (registers before it in id order have been written)
     */
    public void loadInto(RegisterAccess target) {
        long[] targetIds = sortedUnsigned(target.ids());
        List<Long> unknown = new ArrayList<>();
        int j = 0;
        for (long id : ids) {
            while (j < targetIds.length && Long.compareUnsigned(targetIds[j], id) < 0) {
                j++; // target register absent from the list: keeps its value
            }
            if (j < targetIds.length && targetIds[j] == id) {
                j++;
            } else {
                unknown.add(id);
            }
        }
        if (!unknown.isEmpty()) {
            StringJoiner names = new StringJoiner(", ");
            unknown.stream().limit(4).forEach(id -> names.add(RegisterNames.describe(id)));
            String more = unknown.size() > 4 ? " and " + (unknown.size() - 4) + " more" : "";
            throw new RegisterMergeException(RegisterMergeException.Kind.UNKNOWN_REGISTER, unknown.get(0), null, null,
                    "target has no register " + names + more + "; nothing was loaded");
        }
        for (int i = 0; i < ids.length; i++) {
            target.writeWords(ids[i], values[i].clone());
            long[] back = target.readWords(ids[i]);
            if (!Arrays.equals(back, values[i])) {
                throw new RegisterMergeException(RegisterMergeException.Kind.READ_BACK_MISMATCH, ids[i], values[i], back,
                        "register " + RegisterNames.describe(ids[i]) + " did not keep the loaded value: wrote "
                                + formatWords(values[i]) + ", read back " + formatWords(back)
                                + " (read-only register or bits?)");
            }
        }
    }

    /**
     * The registers whose values differ between this list ({@code a}) and {@code other} ({@code b}),
     * including registers present in only one of them (the missing side is {@code null}), in id order.
     */
    public List<RegisterDiff> diff(RegisterList other) {
        List<RegisterDiff> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < ids.length || j < other.ids.length) {
            int c = i == ids.length ? 1 : j == other.ids.length ? -1 : Long.compareUnsigned(ids[i], other.ids[j]);
            if (c < 0) {
                out.add(new RegisterDiff(ids[i], values[i].clone(), null));
                i++;
            } else if (c > 0) {
                out.add(new RegisterDiff(other.ids[j], null, other.values[j].clone()));
                j++;
            } else {
                if (!Arrays.equals(values[i], other.values[j])) {
                    out.add(new RegisterDiff(ids[i], values[i].clone(), other.values[j].clone()));
                }
                i++;
                j++;
            }
        }
        return out;
    }

    /**
     * A value for the register's width: decimal, or hex with {@code 0x}; in hex, {@code _}
     * separates 64-bit words, most significant first (each part at most 16 digits); a value without
     * {@code _} may use the register's full width, so what {@link #formatWords} prints (words run
     * together) reads back.
     */
    public static long[] parseWords(String text, long id) {
        RegSize size = RegId.size(id);
        String t = text.toLowerCase(java.util.Locale.ROOT);
        java.math.BigInteger v = java.math.BigInteger.ZERO;
        try {
            if (t.startsWith("0x")) {
                String[] parts = t.substring(2).split("_", -1);
                for (String part : parts) {
                    if (part.isEmpty() || (parts.length > 1 && part.length() > 16)) {
                        throw new NumberFormatException();
                    }
                    v = v.shiftLeft(64).or(new java.math.BigInteger(part, 16));
                }
            } else {
                v = new java.math.BigInteger(t);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad value '" + text + "' for " + RegisterNames.name(id)
                    + " (decimal, or 0x hex with '_' between 64-bit words)");
        }
        if (v.signum() < 0 || v.bitLength() > size.bits()) {
            throw new IllegalArgumentException("value " + text + " does not fit " + RegisterNames.name(id) + " (" + size + ")");
        }
        long[] words = new long[size.words()];
        for (int w = 0; w < words.length; w++) {
            words[w] = v.shiftRight(64 * w).longValue();
        }
        return words;
    }

    /** Value as hex, most significant word first: {@code 0x1f} or {@code 0x<32 digits>} for U128. */
    public static String formatWords(long[] words) {
        if (words.length == 1) {
            return "0x" + Long.toHexString(words[0]);
        }
        StringBuilder sb = new StringBuilder("0x");
        for (int w = words.length - 1; w >= 0; w--) {
            sb.append(String.format("%016x", words[w]));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegisterList && Arrays.equals(ids, ((RegisterList) o).ids)
                && Arrays.deepEquals(values, ((RegisterList) o).values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.deepHashCode(values);
    }

    /** One {@code name=value} per register, in id order. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        for (int i = 0; i < ids.length; i++) {
            j.add(RegisterNames.name(ids[i]) + "=" + formatWords(values[i]));
        }
        return j.toString();
    }

    /** A sorted copy in unsigned order (flip the sign bit, sort signed, flip back). */
    static long[] sortedUnsigned(long[] in) {
        long[] a = in.clone();
        for (int i = 0; i < a.length; i++) {
            a[i] ^= Long.MIN_VALUE;
        }
        Arrays.sort(a);
        for (int i = 0; i < a.length; i++) {
            a[i] ^= Long.MIN_VALUE;
        }
        return a;
    }

    /** Collects (id, value) pairs; {@link #build()} sorts them. */
    public static final class Builder {
        private final List<long[]> entries = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds a register value (word 0 least significant); a single-word value narrower than 64
         * bits must fit the register width.
         *
         * @throws IllegalArgumentException on an invalid id, wrong word count or out-of-range value
         */
        public Builder put(long id, long... words) {
            RegId.validate(id);
            RegSize size = RegId.size(id);
            if (words.length != size.words()) {
                throw new IllegalArgumentException(RegisterNames.describe(id) + " is " + size + " and needs "
                        + size.words() + " words, got " + words.length);
            }
            if (size.words() == 1 && (words[0] & ~size.wordMask()) != 0) {
                throw new IllegalArgumentException("value " + formatWords(words) + " does not fit "
                        + RegisterNames.describe(id) + " (" + size + ")");
            }
            long[] e = new long[words.length + 1];
            e[0] = id;
            System.arraycopy(words, 0, e, 1, words.length);
            entries.add(e);
            return this;
        }

        /**
         * The list.
         *
         * @throws IllegalArgumentException if an id was added twice
         */
        public RegisterList build() {
            List<long[]> sorted = new ArrayList<>(entries);
            sorted.sort((x, y) -> Long.compareUnsigned(x[0], y[0]));
            long[] ids = new long[sorted.size()];
            long[][] values = new long[sorted.size()][];
            for (int i = 0; i < ids.length; i++) {
                long[] e = sorted.get(i);
                ids[i] = e[0];
                if (i > 0 && ids[i] == ids[i - 1]) {
                    throw new IllegalArgumentException("register " + RegisterNames.describe(ids[i]) + " added twice");
                }
                values[i] = Arrays.copyOfRange(e, 1, e.length);
            }
            return new RegisterList(ids, values);
        }
    }
}
